import HookCheckModel

/// `hookcheck explain [CODE]`: every finding code, or what one means and how to fix it.
struct ExplainCommand {
    let settings: RunSettings
    let io: CLIEnvironment

    func run() throws(UsageError) -> ExitStatus {
        let codes = FindingCodeRegistry.all
        guard settings.paths.count <= 1 else { throw UsageError(message: "explain takes one code", suggestion: nil) }
        if let id = settings.paths.first {
            guard let code = FindingCodeRegistry.code(id: id) else {
                throw UsageError(message: "Unknown finding code '\(id)'", suggestion: Spelling.nearest(id, in: codes.map(\.id), limit: 4))
            }
            if settings.format == .json {
                io.out(JSONOutput(pretty: true).string(Self.value(code)) + "\n")
            } else {
                io.out("\(code.id) (\(code.severity.rawValue), \(code.category.rawValue)): \(code.summary)\n\n\(Self.wrapped(code.explanation))")
            }
            return .valid
        }
        if settings.format == .json {
            io.out(JSONOutput(pretty: true).string(.array(codes.map(Self.value))) + "\n")
        } else {
            io.out(TextTable.lines([["CODE", "SEVERITY", "CATEGORY", "MEANING"]]
                + codes.map { [$0.id, $0.severity.rawValue, $0.category.rawValue, $0.summary] }).joined(separator: "\n") + "\n")
        }
        return .valid
    }

    static func value(_ code: FindingCode) -> JSONValue {
        .object([("code", .string(code.id)), ("severity", .string(code.severity.rawValue)), ("category", .string(code.category.rawValue)),
                 ("summary", .string(code.summary)), ("explanation", .string(code.explanation))])
    }

    /// Words wrapped at 100 columns.
    static func wrapped(_ text: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > 100 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n") + "\n"
    }
}
