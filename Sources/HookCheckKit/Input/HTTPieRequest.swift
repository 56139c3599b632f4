import HookCheckCrypto
import HookCheckModel

/// The request an HTTPie command sends, as HTTPie 3.2 builds it on Python's requests
/// (httpie/cli/argparser.py, requestitems.py, client.py): method, URL, items, body.
struct HTTPieRequestBuilder {
    let arguments: HTTPieCommand.Arguments
    let stdin: ShellInput?
    let context: CommandContext
    var findings: [Finding] = []

    /// A header item: nil value removes the header (`Name:`).
    typealias Header = (name: ShellWord, value: SourcedBytes?)

    init(arguments: HTTPieCommand.Arguments, stdin: ShellInput?, context: CommandContext) {
        self.arguments = arguments
        self.stdin = stdin
        self.context = context
        findings = arguments.findings
    }

    mutating func note(_ code: FindingCode, _ message: String, at offset: Int) {
        findings.append(context.finding(code, message, at: offset))
    }

    var form: Bool { arguments.flags.contains("form") || arguments.flags.contains("multipart") }

    mutating func build() -> CommandRequest? {
        let tool = arguments.tool
        var positionals = arguments.positionals
        guard !positionals.isEmpty else {
            note(.commandNoURL, "HTTPie is given no URL, so it sends nothing", at: tool.start)
            return nil
        }
        // argparse gives the first positional to METHOD; HTTPie takes it back when it is not letters.
        var methodWord: ShellWord?
        if positionals.count > 1, positionals[0].bytes.allSatisfy({ ASCII.lowercased($0) &- 0x61 < 26 }) {
            methodWord = positionals.removeFirst()
        }
        let urlWord = positionals.removeFirst()
        var items: [HTTPieCommand.Item] = []
        for word in positionals {
            guard let item = HTTPieCommand.item(word) else {
                note(.commandItem, "'\(word.text)' is not a request item (Header:value, field=value, name==value...)", at: word.start)
                return nil
            }
            items.append(item)
        }
        guard var parts = parts(items) else { return nil }
        let hasInput = stdin != nil || arguments.options["raw"] != nil
        let dataSeparators: Set<String> = ["=", ":=", "@", "=@", ":=@"]
        let method = methodWord.map { $0.text.uppercased() }
            ?? (hasInput || items.contains { dataSeparators.contains($0.separator) } ? "POST" : "GET")
        guard let body = body(&parts, method: method, at: urlWord.start) else { return nil }
        guard let url = url(urlWord) else { return nil }
        // requests resolves dot segments (urllib3's parse_url) unless --path-as-is, then re-quotes.
        let path = arguments.flags.contains("path-as-is") && !url.path.isEmpty ? url.word.sourced(url.path) : url.requestPath()
        var target = requote(ShellWord(sourced: path), 0..<path.count)
        var query = url.query.map { requote(url.word, $0) } ?? SourcedBytes()
        for (index, param) in grouped(parts.params).enumerated() {
            if index > 0 || !query.isEmpty { query.append(made: "&", at: param.key.start) }
            query.append(formEncode(param.key.sourced))
            query.append(made: "=", at: param.key.end)
            query.append(formEncode(param.value))
        }
        if !query.isEmpty || url.query != nil {
            target.append(made: "?", at: urlWord.start)
            target.append(query)
        }
        var request = CommandRequest(method: methodWord.map { uppercased($0.sourced) } ?? SourcedBytes(made: method, at: urlWord.start),
                                     target: target, anchor: urlWord.start)
        request.body = body.bytes ?? SourcedBytes()
        request.headers = headers(url, parts: parts, body: body, method: method)
        request.findings = findings
        if let input = body.input {
            context.checkEscapedControls(input.bytes.bytes, at: input.anchor, request: &request)
            if input.hereString { context.noteHereString(at: input.anchor, request: &request) }
        }
        return request
    }

    /// The URL as HTTPie completes it: `://` pasted before it dropped, a missing scheme added
    /// (https for the `https` command, or --default-scheme), `:3000/path` for localhost.
    mutating func url(_ word: ShellWord) -> CommandURL? {
        var word = word
        if word.bytes.starts(with: Array("://".utf8)) { word = word.dropFirst(3) }
        let lower = word.bytes.map(ASCII.lowercased)
        let hasScheme = lower.firstIndex(of: UInt8(ascii: ":")).map { colon in
            colon > 0 && lower[colon...].starts(with: Array("://".utf8))
                && lower[..<colon].allSatisfy { ASCII.isDigit($0) || $0 &- 0x61 < 26 || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
        } ?? false
        if !hasScheme {
            let scheme = arguments.tool.bytes.last == UInt8(ascii: "s") ? "https" : (arguments.options["default-scheme"]?.text ?? "http")
            var prefix = scheme + "://"
            // `:3000/path` and `:/path`: curl-style shorthands for localhost.
            if word.bytes.first == UInt8(ascii: ":"), word.bytes.dropFirst().first != UInt8(ascii: ":") {
                prefix += "localhost"
                if word.bytes.count == 1 || !ASCII.isDigit(word.bytes[1]) { word = word.dropFirst(1) }
            }
            var full = ShellWord(start: word.start, end: word.end)
            for byte in prefix.utf8 { full.append(byte, at: word.start) }
            full.bytes += word.bytes
            full.offsets += word.offsets
            word = full
        }
        switch CommandURL.parse(word) {
        case .success(let url):
            return url
        case .failure(.scheme(let scheme)):
            note(.commandURL, "HTTPie sends no HTTP request for a \(scheme): URL", at: word.start)
        case .failure(.noHost):
            note(.commandURL, "the URL names no host", at: word.start)
        }
        return nil
    }

    func uppercased(_ sourced: SourcedBytes) -> SourcedBytes {
        var out = SourcedBytes()
        for piece in sourced.pieces {
            switch piece {
            case .copied(let bytes, let offsets): out.append(copied: bytes.map { $0 &- 0x61 < 26 ? $0 - 0x20 : $0 }, offsets: offsets)
            case .made(let bytes, let anchor): out.append(made: bytes, at: anchor)
            }
        }
        return out
    }

    /// Values of repeated names gathered under the first (Python's MultiValueOrderedDict).
    func grouped<Value>(_ pairs: [(key: ShellWord, value: Value)]) -> [(key: ShellWord, value: Value)] {
        var order: [[UInt8]] = []
        var byKey: [[UInt8]: [(key: ShellWord, value: Value)]] = [:]
        for pair in pairs {
            if byKey[pair.key.bytes] == nil { order.append(pair.key.bytes) }
            byKey[pair.key.bytes, default: []].append(pair)
        }
        return order.flatMap { byKey[$0]! }
    }
}

extension ShellWord {
    /// A word of sourced bytes (for the parts of a URL rebuilt from pieces); made bytes stand at their anchor.
    init(sourced: SourcedBytes) {
        self.init(start: 0)
        for piece in sourced.pieces {
            switch piece {
            case .copied(let bytes, let offsets):
                self.bytes += bytes
                self.offsets += offsets
            case .made(let bytes, let anchor):
                self.bytes += bytes
                self.offsets += Array(repeating: anchor, count: bytes.count)
            }
        }
        start = offsets.first ?? 0
        end = (offsets.last ?? -1) + 1
    }
}
