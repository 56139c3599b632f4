import HookCheckModel

/// mitmproxy flow files (`mitmdump -w`, the console's `w`): one tnetstring dictionary per flow,
/// back to back (mitmproxy/io/io.py, FlowWriter and FlowReader). Each HTTP flow's request is
/// rebuilt as the HTTP/1.1 bytes the client sent, its body exactly as stored, with a map from
/// every rebuilt byte to where it stands in the flow file.
///
/// The request's shape (mitmproxy/http.py, `RequestData` and `MessageData`) is the same in flow
/// format versions 7 to 21, mitmproxy 4 to 12 (mitmproxy/io/compat.py): `method`, `scheme`,
/// `authority`, `path`, `http_version` and `content` are bytes, `host` text and `port` an
/// integer; `headers` and `trailers` are lists of [name, value] byte pairs. Format 9 replaced
/// `first_line_format` with `authority` (compat.py, convert_8_9); both are read.
enum MitmproxyFlows {
    /// The top-level keys of a flow dictionary (mitmproxy/flow.py, http.py, tcp.py, udp.py,
    /// dns.py `get_state`). tnetstring.py writes a dictionary's items last first, so which one
    /// leads the file depends on the version: `type` up to mitmproxy 9 (flow.py added `version`
    /// and `type` last), then `websocket` for HTTP, `messages` for TCP and UDP, `response` for DNS.
    private static let flowKeys: Set<String> = [
        "version", "type", "id", "error", "client_conn", "server_conn", "intercepted", "is_replay", "marked",
        "metadata", "comment", "timestamp_created", "backup", "request", "response", "websocket", "messages", "mode",
    ]

    /// Flow format versions whose requests have the shape read here (mitmproxy 4.0 to 12).
    static let knownVersions = 7...21

    /// Whether the bytes start like a flow file: a length, ':', and a dictionary whose first item
    /// is a key only a flow has (`4:type;`, `7:version;`, `9:websocket;`...). Reads at most 48 bytes.
    static func looksLikeFlows(_ bytes: some Collection<UInt8>) -> Bool {
        let head = Array(bytes.prefix(48))
        var index = 0
        guard let outer = lengthPrefix(head, &index), outer > 0 else { return false }
        let keyStart = index
        guard let keyLength = lengthPrefix(head, &index), keyLength < 20 else { return false }
        let keyEnd = index + keyLength
        guard keyEnd < head.count, head[keyEnd] == UInt8(ascii: ";") || head[keyEnd] == UInt8(ascii: ",") else { return false }
        return flowKeys.contains(String(decoding: head[index..<keyEnd], as: UTF8.self)) && keyEnd + 1 - keyStart <= outer
    }

    /// Up to 12 digits and a ':' at `index`; moves `index` past the ':'.
    private static func lengthPrefix(_ head: [UInt8], _ index: inout Int) -> Int? {
        let start = index
        var value = 0
        while index < head.count, index - start < 12, ASCII.isDigit(head[index]) {
            value = value * 10 + Int(head[index] - 0x30)
            index += 1
        }
        guard index > start, index < head.count, head[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        return value
    }

    /// The request of every HTTP flow in the file, in file order, and what reading the file found
    /// outside them: damage (reading stops at a cut, and goes on after a damaged flow whose own
    /// length is sound), and flows that hold no HTTP request.
    static func requests(_ bytes: [UInt8]) -> (requests: [CapturedBytes], findings: [Finding]) {
        let file = SourceText(bytes)
        var requests: [CapturedBytes] = []
        var findings: [Finding] = []
        var offset = 0
        var number = 0
        while true {
            while offset < bytes.count, ASCII.isWhitespace(bytes[offset]) { offset += 1 }
            guard offset < bytes.count else { break }
            number += 1
            switch TNetString.parse(bytes, at: offset) {
            case .success(let parsed):
                let flow = FlowReader(document: parsed.document, file: file, number: number)
                switch flow.read() {
                case .request(let request): requests.append(request)
                case .skipped(let finding): findings.append(finding)
                }
                offset = parsed.end
            case .failure(let failure) where failure.cut:
                let start = file.position(ofOffset: offset)
                findings.append(Finding(.mitmproxySyntax,
                    "the file ends inside flow \(number) (which starts at line \(start.line), column \(start.column)): "
                        + "the capture was cut; the \(requests.count) request(s) before it are read",
                    at: file.position(ofOffset: bytes.count)))
                return (requests, findings)
            case .failure(let failure):
                findings.append(Finding(.mitmproxySyntax, "flow \(number): \(failure.message)", at: file.position(ofOffset: failure.offset)))
                // A damaged flow whose own length is sound is passed over; otherwise reading stops.
                guard let end = soundEnd(bytes, at: offset) else { return (requests, findings) }
                offset = end
            }
        }
        return (requests, findings)
    }

    /// The end of the dictionary whose length prefix starts at `offset`, when the prefix is
    /// digits, fits in the file and is followed by data and a '}'.
    private static func soundEnd(_ bytes: [UInt8], at offset: Int) -> Int? {
        var index = offset
        var length = 0
        while index < bytes.count, ASCII.isDigit(bytes[index]), length <= TNetString.maximumLength {
            length = length * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        guard index > offset, index < bytes.count, bytes[index] == UInt8(ascii: ":"), length <= TNetString.maximumLength else { return nil }
        let tag = index + 1 + length
        guard tag < bytes.count, bytes[tag] == UInt8(ascii: "}") else { return nil }
        return tag + 1
    }
}

/// Reads one parsed flow: its type, its format version, and for an HTTP flow its request.
private struct FlowReader {
    enum Outcome {
        case request(CapturedBytes)
        case skipped(Finding)
    }

    let document: TNetDocument
    let file: SourceText
    let number: Int

    func position(_ index: Int) -> SourcePosition { file.position(ofOffset: document[index].data.lowerBound) }

    func read() -> Outcome {
        let root = 0
        guard document[root].kind == .dictionary else {
            return .skipped(Finding(.mitmproxySyntax, "flow \(number) is a \(document[root].kind.noun), not a dictionary",
                                    at: file.position(ofOffset: document[root].start)))
        }
        guard let typeIndex = document.member(root, "type"), let type = document.text(typeIndex) else {
            return .skipped(Finding(.mitmproxySkipped, "flow \(number) has no type: skipped",
                                    at: file.position(ofOffset: document[root].start)))
        }
        guard type == "http" else {
            let messages = document.member(root, "messages").map { document.children($0).count }
            let detail = messages.map { " (\($0) message\($0 == 1 ? "" : "s"))" } ?? ""
            return .skipped(Finding(.mitmproxySkipped, "flow \(number) is a \(type) flow\(detail), not HTTP: skipped",
                                    at: position(typeIndex)))
        }
        guard let request = document.member(root, "request"), document[request].kind == .dictionary else {
            return .skipped(Finding(.mitmproxyFlow, "flow \(number) is an HTTP flow without a request: skipped",
                                    at: position(typeIndex)))
        }
        var builder = MitmproxyRequest(document: document, file: file, number: number, request: request)
        guard builder.build() else {
            return .skipped(builder.findings.last ?? Finding(.mitmproxyFlow, "flow \(number): no request"))
        }
        builder.findings += versionFindings(root) + webSocketFindings(root)
        return .request(CapturedBytes(bytes: builder.bytes, map: builder.map, findings: builder.findings, loss: builder.loss))
    }

    private func versionFindings(_ root: Int) -> [Finding] {
        guard let index = document.member(root, "version") else {
            return [Finding(.mitmproxyVersion, "flow \(number) has no format version; read as format 21", at: file.position(ofOffset: document[root].start))]
        }
        if let version = document.integer(index), MitmproxyFlows.knownVersions.contains(version) { return [] }
        let written = document.integer(index).map(String.init) ?? "'\(String(decoding: document.bytes[document[index].data], as: UTF8.self))'"
        return [Finding(.mitmproxyVersion, "flow \(number) has format version \(written); mitmproxy 4 to 12 write 7 to 21: read as format 21",
                        at: position(index))]
    }

    private func webSocketFindings(_ root: Int) -> [Finding] {
        guard let index = document.member(root, "websocket"), document[index].kind == .dictionary else { return [] }
        let count = document.member(index, "messages").map { document.children($0).count } ?? 0
        return [Finding(.mitmproxySkipped, "flow \(number) is a WebSocket handshake; its \(count) message(s) are not read",
                        at: position(index))]
    }
}
