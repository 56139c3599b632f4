import HookCheckCrypto
import HookCheckModel

/// One request of a curl transfer: its URL with the options of its part of the command line.
struct CurlRequestBuilder {
    let transfer: CurlCommand.Transfer
    let curl: ShellWord
    let stdin: ShellInput?
    let context: CommandContext
    var findings: [Finding] = []

    init(transfer: CurlCommand.Transfer, curl: ShellWord, stdin: ShellInput?, context: CommandContext) {
        self.transfer = transfer
        self.curl = curl
        self.stdin = stdin
        self.context = context
    }

    mutating func note(_ code: FindingCode, _ message: String, at offset: Int) {
        findings.append(context.finding(code, message, at: offset))
    }

    /// The request sent to `word`; nil (with a finding) when curl would refuse the URL.
    mutating func build(_ word: ShellWord) -> CommandRequest? {
        guard let url = parsedURL(word) else { return nil }
        var data = postData()
        guard var target = target(url, data: &data) else { return nil }
        var body = data
        if let upload = transfer.upload {
            body = uploadBody(upload)
            // -T to a URL ending in a slash: curl appends the file's name.
            if transfer.requestTarget == nil, url.query == nil, target.bytes.last == UInt8(ascii: "/") {
                for byte in upload.bytes.split(separator: UInt8(ascii: "/")).last ?? [] {
                    target.append(made: isUnreserved(byte) ? [byte] : Array(("%" + ASCII.hex2(byte)).utf8), at: upload.start)
                }
            }
        }
        let method: String = transfer.head ? "HEAD" : transfer.upload != nil ? "PUT" : data != nil ? "POST" : "GET"
        var request = CommandRequest(method: transfer.method?.sourced ?? SourcedBytes(made: method, at: word.start),
                                     target: target, anchor: word.start)
        if transfer.http10 { request.version = "HTTP/1.0" }
        request.headers = headers(url, body: transfer.head ? nil : body, form: data != nil && transfer.upload == nil)
        if !transfer.head, let body { request.body = body }
        request.findings = findings
        for (kind, dataWord) in transfer.data where kind == .raw || (kind != .urlencode && dataWord.bytes.first != UInt8(ascii: "@")) {
            context.checkEscapedControls(dataWord.bytes, at: dataWord.start, request: &request)
        }
        if hereStringKept { context.noteHereString(at: transfer.data.first?.word.start ?? word.start, request: &request) }
        return request
    }

    /// The URL, or nil with a finding when curl sends no HTTP request to it.
    mutating func parsedURL(_ word: ShellWord) -> CommandURL? {
        let url: CommandURL
        switch CommandURL.parse(word) {
        case .success(let parsed): url = parsed
        case .failure(.scheme(let scheme)):
            note(.commandURL, "curl sends no HTTP request for a \(scheme): URL", at: word.start)
            return nil
        case .failure(.noHost):
            note(.commandURL, "the URL names no host", at: word.start)
            return nil
        }
        if let bad = url.firstInvalidByte {
            note(.commandURL, "curl refuses a URL holding a space or a control character", at: word.offset(bad))
            return nil
        }
        if !transfer.globOff,
           let glob = word.bytes[url.host.upperBound...].firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }) {
            note(.commandNotRebuilt, "curl expands {a,b} and [1-3] in a URL into several requests unless -g is given; the URL is read as written",
                 at: word.offset(glob))
        }
        return url
    }

    /// The request target: --request-target, or the path and query, with the data after -G
    /// (which then sends no body) and --url-query; nil when curl would refuse the result.
    mutating func target(_ url: CommandURL, data: inout SourcedBytes?) -> SourcedBytes? {
        if let given = transfer.requestTarget { return given.sourced }
        var target = url.requestPath(asIs: transfer.pathAsIs)
        var query = url.query.map { url.word.sourced($0) }
        let dataStart = transfer.data.first?.word.start ?? url.word.start
        if transfer.get, let getData = data {
            if let space = getData.bytes.firstIndex(where: { $0 <= 0x20 }) {
                note(.commandURL, "with -G the data joins the URL, and curl refuses a URL holding a space (byte \(space + 1) of the data)", at: dataStart)
                return nil
            }
            if hasLowerHexCandidates(getData.bytes) {
                note(.commandVersionDependent,
                     "curl writes the percent-escapes of a -G query in lower case (7.x to 8.19) or upper case (8.20 on); they are kept as written",
                     at: dataStart)
            }
            query = joined(query, getData, at: dataStart)
            data = nil
        }
        for extra in transfer.queries { query = joined(query, urlQuery(extra), at: extra.start) }
        if let query {
            target.append(made: "?", at: url.word.start)
            target.append(query)
        }
        return target
    }

    // MARK: Data

    /// Whether the body keeps the line feed bash puts after a here-string read with `@-`
    /// (-d and --data-ascii drop it with the other line breaks).
    var hereStringKept: Bool {
        guard case .text(_, hereString: true)? = stdin else { return false }
        let fromStdin = Array("@-".utf8)
        return transfer.data.contains { kind, word in
            switch kind {
            case .binary, .json: word.bytes == fromStdin
            case .urlencode: !word.bytes.contains(UInt8(ascii: "=")) && word.bytes.suffix(2).elementsEqual(fromStdin)
            case .data, .raw: false
            }
        }
    }

    /// The data options joined as curl joins them (docs/cmdline-opts/data.md: several pieces are
    /// merged with `&`; tool_getparam.c's set_data: no `&` before a --json piece); nil without data.
    mutating func postData() -> SourcedBytes? {
        guard !transfer.data.isEmpty else { return nil }
        var out = SourcedBytes()
        var fromFile: ShellWord?
        for (kind, word) in transfer.data {
            var piece: SourcedBytes
            switch kind {
            case .raw:
                piece = word.sourced
            case .urlencode:
                piece = urlEncoded(word)
            case .data, .binary, .json:
                guard word.bytes.first == UInt8(ascii: "@") else { piece = word.sourced; break }
                let name = Array(word.bytes.dropFirst())
                if name != [UInt8(ascii: "-")] { fromFile = fromFile ?? word }
                piece = fileData(name, word: word)
                // -d and --data-ascii drop CR, LF and zero bytes from a file (data.md).
                if kind == .data { piece = strippedLines(piece, word: word) }
            }
            if !out.isEmpty, kind != .json { out.append(made: "&", at: word.start) }
            out.append(piece)
        }
        if let fromFile {
            note(.commandBodyFile, "the body comes from '\(String(decoding: fromFile.bytes.dropFirst(), as: UTF8.self))'; positions in it point at this argument",
                 at: fromFile.start)
        }
        return out
    }

    /// The bytes of `@FILE` (or `@-`, standard input), placed at the argument.
    mutating func fileData(_ name: [UInt8], word: ShellWord) -> SourcedBytes {
        if name == [UInt8(ascii: "-")] {
            return context.standardInput(stdin, at: word.start, findings: &findings)?.bytes ?? SourcedBytes()
        }
        let bytes = context.read(name, at: word.start, findings: &findings,
                                 otherwise: "curl 8 stops here; curl 7 sends the data empty") ?? []
        return SourcedBytes(made: bytes, at: word.start)
    }

    /// `-d @FILE`: CR, LF and zero bytes dropped, as curl 8.7.0 and later do; older curl cut each
    /// line at its first CR or zero byte instead (curl/curl#13063), which is said when it differs.
    mutating func strippedLines(_ piece: SourcedBytes, word: ShellWord) -> SourcedBytes {
        let stripped = piece.filter { $0 != 0x0D && $0 != 0x0A && $0 != 0 }
        var old: [UInt8] = []
        let bytes = piece.bytes
        var start = 0
        while start < bytes.count {
            // fgets: up to 255 bytes, or through the next line feed.
            var end = start
            while end < bytes.count, end - start < 255 {
                end += 1
                if bytes[end - 1] == 0x0A { break }
            }
            old += bytes[start..<end].prefix { $0 != 0x0D && $0 != 0x0A && $0 != 0 }
            start = end
        }
        if old != stripped.bytes {
            note(.commandVersionDependent,
                 "the file has a carriage return or zero byte inside a line: curl 8.7.0 and later drop the byte, older curl drops the rest of the line",
                 at: word.start)
        }
        return stripped
    }

    /// `--data-urlencode` (data-urlencode.md): `content`, `=content`, `name=content`, `@file`,
    /// `name@file`; the content percent-encoded, the name kept as given.
    mutating func urlEncoded(_ word: ShellWord) -> SourcedBytes {
        let bytes = word.bytes
        var name: Range<Int>?
        var content: SourcedBytes
        if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
            name = 0..<equals
            content = word.sourced((equals + 1)..<bytes.count)
        } else if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            name = 0..<at
            content = fileData(Array(bytes[(at + 1)...]), word: word)
        } else {
            content = word.sourced
        }
        var out = SourcedBytes()
        if let name, !name.isEmpty {
            out.append(word.sourced(name))
            out.append(made: "=", at: word.offset(name.upperBound))
        }
        out.append(formEncode(content))
        return out
    }

    /// `--url-query` (8.x): like --data-urlencode, or as given after a `+`.
    mutating func urlQuery(_ word: ShellWord) -> SourcedBytes {
        word.bytes.first == UInt8(ascii: "+") ? word.dropFirst(1).sourced : urlEncoded(word)
    }

    mutating func uploadBody(_ word: ShellWord) -> SourcedBytes {
        if word.bytes != [UInt8(ascii: "-")] {
            note(.commandBodyFile, "the body comes from '\(word.text)'; positions in it point at this argument", at: word.start)
        }
        return fileData(word.bytes, word: word)
    }

    func joined(_ query: SourcedBytes?, _ more: SourcedBytes, at offset: Int) -> SourcedBytes {
        guard var query else { return more }
        query.append(made: "&", at: offset)
        query.append(more)
        return query
    }

    func hasLowerHexCandidates(_ bytes: [UInt8]) -> Bool {
        bytes.indices.contains { index in
            bytes[index] == UInt8(ascii: "%") && index + 2 < bytes.count
                && bytes[index + 1...index + 2].allSatisfy { ASCII.hexValue($0) != nil }
                && bytes[index + 1...index + 2].contains { !ASCII.isDigit($0) }
        }
    }
}
