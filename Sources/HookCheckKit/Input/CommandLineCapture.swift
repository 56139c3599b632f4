import HookCheckModel

/// Files holding curl or HTTPie command lines (a shell script, "Copy as cURL", mitmproxy's
/// exports): each command becomes the HTTP/1.1 request it would send, with a map from every byte
/// of it to where it came from in the command file (a header to its -H argument, the body to the
/// -d argument, the request line to the URL).
///
/// A header the tool adds by itself stands at the tool's name. Where it depends on the tool's
/// version, the request says so: curl's default User-Agent is sent as `curl` and HTTPie's as
/// `HTTPie`, without the version the command does not give, with a `command.default-header`
/// finding.
public enum CommandLineCapture {
    /// Whether the input starts like a command file: its first line that is neither blank nor a
    /// `#` comment starts with `curl`, `curl.exe`, `http`, `https` or `httpie` and a blank.
    public static func looksLikeCommand(_ bytes: some Collection<UInt8>) -> Bool {
        firstTool(bytes) != nil
    }

    /// The requests the commands in `bytes` send, or nil when the input is not a command file.
    /// `kind` is the tool of the first curl or HTTPie command. `readFile` gives the bytes of a
    /// file a command names (`-d @FILE`, `< FILE`), resolved from the capture's folder, or nil when
    /// it cannot be read. An input with no command at all (empty, or only comments) gives no
    /// request and an `input.empty` finding about the whole file.
    public static func requests(_ bytes: [UInt8], source: String, readFile: (String) -> [UInt8]?)
        -> (requests: [CapturedBytes], kind: CaptureKind, findings: [Finding])? {
        let text = SourceText(bytes)
        let script = ShellScript(bytes, text: text)
        guard let kind = script.commands.lazy.compactMap({ tool(commandWords($0).first?.bytes ?? []) }).first else {
            if let kind = firstTool(bytes) { return ([], kind, script.findings) }
            guard isOnlyComments(bytes) else { return nil }
            return ([], .curlCommand, [Finding(.inputEmpty, "the file holds no command")])
        }
        return withoutActuallyEscaping(readFile) { readFile in
            let context = CommandContext(text: text, readFile: readFile)
            let (requests, findings) = rebuild(script, context: context)
            return (requests, kind, findings)
        }
    }

    /// Each command's requests, in order.
    static func rebuild(_ script: ShellScript, context: CommandContext) -> ([CapturedBytes], [Finding]) {
        let text = context.text
        var requests: [CapturedBytes] = []
        var findings = script.findings
        for command in script.commands {
            let words = commandWords(command)
            switch tool(words.first?.bytes ?? []) {
            case .curlCommand:
                let curl = CurlCommand.requests(words, stdin: command.stdin, context: context)
                requests += curl.requests.map { $0.captured(text) }
                findings += curl.findings
            case .httpieCommand where words[0].bytes == Array("httpie".utf8):
                findings.append(context.finding(.commandSkipped,
                    "`httpie` is HTTPie's manager (plugins, settings) and sends no request; `http` and `https` do", at: words[0].start))
            case .httpieCommand:
                let httpie = HTTPieCommand.request(words, stdin: command.stdin, context: context)
                if let request = httpie.request { requests.append(request.captured(text)) }
                findings += httpie.findings
            default:
                let name = words.first?.text ?? ""
                findings.append(context.finding(.commandSkipped, "`\(name)` is neither curl nor HTTPie; the command is skipped",
                                                at: words.first?.start ?? 0))
            }
        }
        return (requests, findings)
    }

    /// The tool a command's first word names.
    static func tool(_ word: [UInt8]) -> CaptureKind? {
        let name = String(decoding: word, as: UTF8.self)
        switch name.split(separator: "/").last.map(String.init) ?? name {
        case "curl", "curl.exe": return .curlCommand
        case "http", "https", "httpie": return .httpieCommand
        default: return nil
        }
    }

    /// The words from the command's name on: leading `NAME=value` assignments are the shell's.
    static func commandWords(_ command: ShellCommand) -> [ShellWord] {
        var words = command.words[...]
        while let first = words.first, words.count > 1, let equals = first.bytes.firstIndex(of: UInt8(ascii: "=")), equals > 0,
              first.bytes[..<equals].allSatisfy({ $0 == UInt8(ascii: "_") || ASCII.isDigit($0) || ASCII.lowercased($0) &- 0x61 < 26 }) {
            words = words.dropFirst()
        }
        return Array(words)
    }

    /// The tool named by the first line that is neither blank nor a comment.
    static func firstTool(_ bytes: some Collection<UInt8>) -> CaptureKind? {
        for line in bytes.prefix(8192).split(separator: 0x0A) {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
            guard let first = trimmed.first, first != 0x0D, first != UInt8(ascii: "#") else { continue }
            let word = trimmed.prefix { !ASCII.isWhitespace($0) }
            let next = trimmed.dropFirst(word.count).first
            guard next == nil || ASCII.isWhitespace(next!) else { return nil }
            return tool(Array(word))
        }
        return nil
    }

    static func isOnlyComments(_ bytes: [UInt8]) -> Bool {
        bytes.split(separator: 0x0A).allSatisfy { line in
            let trimmed = line.drop { ASCII.isWhitespace($0) }
            return trimmed.isEmpty || trimmed.first == UInt8(ascii: "#")
        }
    }
}

/// What reading one command needs: the command file's text for positions, and the files it names.
struct CommandContext {
    let text: SourceText
    let readFile: (String) -> [UInt8]?

    func finding(_ code: FindingCode, _ message: String, at offset: Int?) -> Finding {
        Finding(code, message, at: offset.map { text.position(ofOffset: $0) })
    }

    /// A file's bytes, or nil after adding a `command.file` finding at the argument naming it.
    func read(_ path: [UInt8], at offset: Int, findings: inout [Finding], otherwise: String = "the tool would stop here")
        -> [UInt8]? {
        let name = String(decoding: path, as: UTF8.self)
        guard !name.isEmpty, let bytes = readFile(name) else {
            findings.append(finding(.commandFile, "cannot read '\(name)'; \(otherwise)", at: offset))
            return nil
        }
        return bytes
    }

    /// What the command reads from standard input, placed where it came from: the text of a
    /// here-string or here-document, or a `< FILE` (placed at the file name). Nil, with a
    /// finding, when the command file does not say.
    func standardInput(_ input: ShellInput?, at offset: Int, findings: inout [Finding])
        -> (bytes: SourcedBytes, hereString: Bool, anchor: Int)? {
        switch input {
        case .text(let word, let hereString)?:
            return (word.sourced, hereString, word.start)
        case .file(let word)?:
            guard let bytes = read(word.bytes, at: word.start, findings: &findings) else { return nil }
            findings.append(finding(.commandBodyFile, "standard input is '\(word.text)'; positions in it point at its name", at: word.start))
            return (SourcedBytes(made: bytes, at: word.start), false, word.start)
        case nil:
            findings.append(finding(.commandStdin,
                "the body is read from standard input, which the command file does not hold; it is rebuilt empty", at: offset))
            return nil
        }
    }

    /// mitmproxy's exports write control characters of the body as `\xHH` text, which the tools
    /// send as those four characters: a finding, and the request marked as not exact.
    func checkEscapedControls(_ body: [UInt8], at offset: Int, request: inout CommandRequest) {
        var index = 0
        while index + 3 < body.count {
            if body[index] == UInt8(ascii: "\\"), body[index + 1] == UInt8(ascii: "x"),
               let high = ASCII.hexValue(body[index + 2]), high < 2, ASCII.hexValue(body[index + 3]) != nil {
                request.findings.append(finding(.commandBodyChanged,
                    "the body holds \\x\(String(decoding: body[index + 2...index + 3], as: UTF8.self)) as text, as mitmproxy's export writes a control character; the tool sends the four characters, not the byte",
                    at: offset))
                request.loss = "the command's body spells control characters as \\xHH text (mitmproxy's export); the original request had the bytes themselves"
                return
            }
            index += 1
        }
    }

    /// bash ends a here-string with a line feed the original body may not have had.
    func noteHereString(at offset: Int, request: inout CommandRequest) {
        request.findings.append(finding(.commandBodyChanged,
            "bash adds a line feed after a <<< here-string, so the body ends with one", at: offset))
        request.loss = "bash adds a line feed to a <<< here-string; the original body may not have ended with one"
    }
}
