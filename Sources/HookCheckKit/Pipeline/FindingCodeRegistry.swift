import HookCheckModel

/// Every finding code hookcheck can report: each layer's own, then each sender's. `explain`, the
/// README's table and the meta-tests read this; nothing else needs a list.
public enum FindingCodeRegistry {
    public static let all: [FindingCode] = {
        var codes = FindingCode.inputCodes + FindingCode.mitmproxyCodes + FindingCode.packetCaptureCodes + FindingCode.commandLineCodes
        codes += FindingCode.textDumpCodes
        codes += FindingCode.syntaxCodes + FindingCode.schemaCodes + FindingCode.pipelineCodes + FindingCode.senderCodes + FindingCode.authCodes
        for sender in SenderRegistry.all { codes += sender.findingCodes }
        var seen = Set<String>()
        return codes.filter { seen.insert($0.id).inserted }.sorted { ($0.category, $0.id) < ($1.category, $1.id) }
    }()

    public static func code(id: String) -> FindingCode? {
        all.first { $0.id == id }
    }

    /// The codes a pattern matches; empty when it names no code at all (a typo, most likely).
    public static func codes(matching pattern: FindingCodePattern) -> [FindingCode] {
        all.filter(pattern.matches)
    }

    /// For a pattern that matches nothing: the nearest id, or for a glob the nearest `prefix.*`.
    public static func nearest(to pattern: FindingCodePattern) -> String? {
        var candidates = all.map(\.id)
        if pattern.text.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
            var seen = Set<String>()
            candidates = all.compactMap { $0.id.split(separator: ".").first.map { "\($0).*" } }.filter { seen.insert($0).inserted }
        }
        return Spelling.nearest(pattern.text, in: candidates, limit: max(2, pattern.text.count / 4))
    }
}
