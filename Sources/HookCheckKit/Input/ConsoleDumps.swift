import HookCheckModel

/// `curl -v URL > file 2>&1`: when stdout is not a terminal curl draws its progress meter on
/// stderr (curl 7.88 `lib/progress.c`: two title lines, then `\r` and a 78-column status line,
/// redrawn with `\r`), so the `* ` info lines, the `> ` request head, `} [N bytes data]`, the `< `
/// response head and the response body arrive mixed with it, a `> ` line sometimes right after a
/// status line. The request body is never shown. `Captures.verbose` reads the heads through
/// `heads(_:)` too, and takes the body from `--body`.
enum CurlVerboseText {
    /// The meter's first title line: `  % Total    % Received % Xferd  Average Speed ...`.
    static func isProgressMeterHeader(_ line: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: line.prefix(200), as: UTF8.self)
        return text.trimmingBlanks.hasPrefix("% Total") && text.contains("% Received") && text.contains("% Xferd")
    }

    /// Where a line's own text starts: after each `\r` and the status line drawn behind it.
    static func contentStart(_ line: ArraySlice<UInt8>) -> Int {
        var start = line.startIndex
        while let carriageReturn = line[start...].firstIndex(of: 0x0D), carriageReturn + 1 < line.endIndex {
            let status = line[(carriageReturn + 1)...].prefix(78)
            guard status.allSatisfy(isStatusCharacter) else { break }
            start = carriageReturn + 1 + status.count
        }
        return start
    }

    /// Digits, blanks, `:` and `-` of the times, `.` and the k/M/G/T/P units of the sizes.
    static func isStatusCharacter(_ byte: UInt8) -> Bool {
        ASCII.isDigit(byte) || byte == 0x20 || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || Array("kMGTP".utf8).contains(byte)
    }

    /// Each request head curl printed (`> ` lines up to the empty `> ` line), with CRLF line ends
    /// and the positions of its lines; a head cut short ends at the first line that is not `> `.
    static func heads(_ bytes: [UInt8]) -> [RebuiltStream] {
        let text = TextLines(bytes)
        var heads: [RebuiltStream] = []
        var current: RebuiltStream?
        for index in 0..<text.count {
            let line = text.content(index)
            let start = contentStart(line)
            guard start < line.endIndex, line[start] == UInt8(ascii: ">") else {
                if let head = current { heads.append(head) }
                current = nil
                continue
            }
            let column = start - line.startIndex + 3
            let content = line[min(start + 2, line.endIndex)...]
            var head = current ?? RebuiltStream()
            head.append(content, line: index + 1, column: column)
            head.append([0x0D, 0x0A], line: index + 1, column: column + content.count, stride: 0)
            if content.isEmpty {
                heads.append(head)
                current = nil
            } else {
                current = head
            }
        }
        if let head = current { heads.append(head) }
        return heads
    }

    /// One stream per request: its head only, said to lack the body.
    static func streams(_ bytes: [UInt8]) -> [CapturedBytes] {
        heads(bytes).map { head in
            var head = head
            head.findings.append(Finding(.warning, .captureNoBody,
                "curl -v shows only the request's headers; pass --body PATH with the body that was sent", at: head.position(0)))
            return head.captured(tool: TextDumpFormat.curlVerbose.tool, extra: ["curl -v does not print the request body"])
        }
    }
}

/// `mitmdump --flow-detail 3|4` console output (mitmproxy 8 to 12, `mitmproxy/addons/dumper.py`):
/// per flow `CLIENT: METHOD URL` (the HTTP version only when not 1.x), the request headers
/// indented by 4 (`strutils.bytes_to_escaped_str`: Python escapes), an empty line, the body
/// through a content view (its lines indented by 4 and joined by CRLF, by LF in 12: JSON
/// pretty-printed, a form as an aligned `name: value` table, at detail 3 cut after 70 lines), an
/// empty line, then ` << STATUS`. The body is rebuilt from the view (JSON without its added blank
/// space, a form encoded again, other text as shown), so it may differ from what was sent.
enum MitmdumpText {
    struct FlowLine {
        var client: String
        var method: Range<Int>
        var authority: Range<Int>
        var path: Range<Int>
        /// `HTTP/2.0` or `HTTP/3` when printed; nil for HTTP/1.x, which mitmdump does not print.
        var version: String?
    }

    static func recognize(_ lines: [ArraySlice<UInt8>]) -> Bool {
        for (index, line) in lines.enumerated() {
            if flowLine(line) != nil, index + 1 < lines.count, lines[index + 1].hasPrefix("    "),
               lines[index + 1].contains(UInt8(ascii: ":")) { return true }
        }
        return false
    }

    /// `127.0.0.1:45204: POST http://host/path[ HTTP/2.0]`.
    static func flowLine(_ line: ArraySlice<UInt8>) -> FlowLine? {
        guard let separator = line.prefix(64).firstRange(of: Array(": ".utf8)) else { return nil }
        let client = line[line.startIndex..<separator.lowerBound]
        guard let lastColon = client.lastIndex(of: UInt8(ascii: ":")), client.index(after: lastColon) < client.endIndex,
              client[(lastColon + 1)...].allSatisfy(ASCII.isDigit), !client.contains(0x20) else { return nil }
        let rest = line[separator.upperBound...]
        let method = rest.prefix { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        guard !method.isEmpty, method.endIndex < rest.endIndex, rest[method.endIndex] == 0x20 else { return nil }
        let url = rest[(method.endIndex + 1)...].prefix { $0 != 0x20 }
        guard let scheme = url.firstRange(of: Array("://".utf8)) else { return nil }
        let pathStart = url[scheme.upperBound...].firstIndex(of: UInt8(ascii: "/")) ?? url.endIndex
        let version = String(decoding: rest[url.endIndex...], as: UTF8.self).trimmingBlanks
        return FlowLine(client: String(decoding: client, as: UTF8.self), method: method.startIndex..<method.endIndex,
                        authority: scheme.upperBound..<pathStart, path: pathStart..<url.endIndex,
                        version: version.hasPrefix("HTTP/") ? version : nil)
    }

    static func streams(_ bytes: [UInt8]) -> [CapturedBytes] {
        let text = TextLines(bytes)
        var table = StreamTable()
        var index = 0
        while index < text.count {
            guard let flow = flowLine(text.line(index)) else { index += 1; continue }
            index = readFlow(text, flow: flow, at: index, into: &table[flow.client])
        }
        return table.ordered.map { $0.captured(tool: TextDumpFormat.mitmdump.tool) }
    }

    /// One request: its line, headers and body; returns the line after them.
    static func readFlow(_ text: TextLines, flow: FlowLine, at lineIndex: Int, into stream: inout RebuiltStream) -> Int {
        let number = lineIndex + 1
        let lineStart = text.starts[lineIndex]
        stream.append(text.bytes[flow.method], line: number, column: flow.method.lowerBound - lineStart + 1)
        stream.append(0x20, line: number, column: flow.method.upperBound - lineStart + 1)
        if flow.path.isEmpty {
            stream.append(UInt8(ascii: "/"), line: number, column: flow.path.lowerBound - lineStart + 1)
        } else {
            stream.append(text.bytes[flow.path], line: number, column: flow.path.lowerBound - lineStart + 1)
        }
        // An HTTP/2 or HTTP/3 request is rebuilt as mitmproxy sends one to an HTTP/1.1 server.
        stream.append(Array(" HTTP/1.1\r\n".utf8), line: number, column: flow.path.upperBound - lineStart + 1, stride: 0)
        var hasHost = false
        var index = lineIndex + 1
        var contentLength: (value: Int, range: Range<Int>)?
        var contentType = ""
        while index < text.count, text.line(index).hasPrefix("    ") {
            let line = text.content(index).dropFirst(4)
            let start = stream.count
            var decoded = RebuiltStream()
            if let damage = PythonLiteral.decode(line, from: line.startIndex, quote: nil, line: index + 1,
                                                 lineStart: text.starts[index], into: &decoded) {
                stream.findings.append(damage)
                return text.count
            }
            for offset in 0..<decoded.count {
                let position = decoded.position(offset)
                stream.append(decoded.bytes[offset], line: position.line, column: position.column)
            }
            let end = SourcePosition(line: index + 1, column: text.range(index).count + 1)
            stream.append([0x0D, 0x0A], line: end.line, column: end.column, stride: 0)
            let header = decoded.bytes[...]
            if let value = HeaderScan.contentLength(header), let range = HeaderScan.valueRange(header) {
                contentLength = (value, (start + range.lowerBound)..<(start + range.upperBound))
            }
            if let type = HeaderScan.value(header, named: "Content-Type") { contentType = type }
            hasHost = hasHost || HeaderScan.value(header, named: "Host") != nil
            index += 1
        }
        if let version = flow.version {
            var note = "an \(version) request rebuilt as HTTP/1.1"
            if !hasHost, !flow.authority.isEmpty {
                let column = flow.authority.lowerBound - lineStart + 1
                stream.append(Array("Host: ".utf8), line: number, column: column, stride: 0)
                stream.append(text.bytes[flow.authority], line: number, column: column)
                stream.append([0x0D, 0x0A], line: number, column: flow.authority.upperBound - lineStart + 1, stride: 0)
                note += ", with Host from the URL's authority"
                stream.losses.append("mitmdump prints the URL it forwards to, so an HTTP/2 request's Host is rebuilt from it and may not be the authority the client sent")
            }
            stream.findings.append(Finding(.mitmproxyConverted, note, at: SourcePosition(line: number, column: 1)))
        }
        let blank = text.position(index < text.count ? text.starts[index] : text.bytes.count)
        stream.append([0x0D, 0x0A], line: blank.line, column: blank.column, stride: 0)
        // The body: the indented lines after the empty one.
        var body = RebuiltStream()
        var cut = false
        if index + 1 < text.count, text.line(index).isEmpty, text.line(index + 1).hasPrefix("    ") {
            index += 1
            while index < text.count, text.line(index).hasPrefix("    ") {
                let line = text.content(index).dropFirst(4)
                if line.elementsEqual("(cut off)".utf8) {
                    cut = true
                } else {
                    if !body.isEmpty { body.append(0x0A, line: index, column: text.range(index - 1).count + 1) }
                    body.appendSource(line.startIndex..<line.endIndex, in: text)
                }
                index += 1
            }
        }
        let rebuilt = rebuiltBody(body, contentType: contentType)
        let bodyStart = stream.count
        for offset in 0..<rebuilt.count {
            let position = rebuilt.position(offset)
            stream.append(rebuilt.bytes[offset], line: position.line, column: position.column)
        }
        let length = stream.count - bodyStart
        if let contentLength, contentLength.value != length {
            stream.replace(contentLength.range, with: Array(String(length).utf8))
        } else if contentLength == nil, length > 0 {
            stream.losses.append("mitmdump showed a body without Content-Length (chunked, or HTTP/2); it was given none")
        }
        if !body.isEmpty {
            stream.losses.append("mitmdump shows the body through a content view (JSON pretty-printed, forms as a table); the bytes were rebuilt from it")
        }
        if cut { stream.losses.append("mitmdump cut the body off (--flow-detail 3 shows 70 lines)") }
        return index
    }

    /// The body a content view stands for: JSON without blank space outside strings, a form
    /// table encoded again, anything else as shown.
    static func rebuiltBody(_ shown: RebuiltStream, contentType: String) -> RebuiltStream {
        if contentType.hasPrefix("application/json") || contentType.contains("+json") {
            return ContentViews.minifiedJSON(shown)
        }
        if contentType.hasPrefix("application/x-www-form-urlencoded"), let form = ContentViews.encoded(shown) {
            return form
        }
        return shown
    }
}

/// Undoing mitmproxy's content views.
enum ContentViews {
    /// JSON with the blank space outside strings removed: the compact form most senders send.
    static func minifiedJSON(_ shown: RebuiltStream) -> RebuiltStream {
        var result = RebuiltStream()
        var inString = false
        var escaped = false
        for index in 0..<shown.count {
            let byte = shown.bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if ASCII.isWhitespace(byte) {
                continue
            }
            let position = shown.position(index)
            result.append(byte, line: position.line, column: position.column)
        }
        return result
    }

    /// `name:   value` rows (names padded to one width) encoded as `name=value&...`: unreserved
    /// characters and brackets as they are, space as `+`, every other byte as `%XX`.
    static func encoded(_ shown: RebuiltStream) -> RebuiltStream? {
        var result = RebuiltStream()
        var rowStart = 0
        while rowStart < shown.count {
            let rowEnd = shown.bytes[rowStart...].firstIndex(of: 0x0A) ?? shown.count
            let row = shown.bytes[rowStart..<rowEnd]
            guard let colon = row.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            var valueStart = colon + 1
            while valueStart < rowEnd, row[valueStart] == 0x20 { valueStart += 1 }
            if !result.isEmpty {
                let position = shown.position(rowStart)
                result.append(UInt8(ascii: "&"), line: position.line, column: position.column)
            }
            encode(shown, rowStart..<colon, into: &result)
            let position = shown.position(colon)
            result.append(UInt8(ascii: "="), line: position.line, column: position.column)
            encode(shown, valueStart..<rowEnd, into: &result)
            rowStart = rowEnd + 1
        }
        return result
    }

    static func encode(_ shown: RebuiltStream, _ range: Range<Int>, into result: inout RebuiltStream) {
        for index in range {
            let byte = shown.bytes[index]
            let position = shown.position(index)
            let plain = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || ASCII.isDigit(byte) || Array("-._~[]".utf8).contains(byte)
            if plain {
                result.append(byte, line: position.line, column: position.column)
            } else if byte == 0x20 {
                result.append(UInt8(ascii: "+"), line: position.line, column: position.column)
            } else {
                result.append(Array(("%" + ASCII.hex2(byte)).utf8), line: position.line, column: position.column, stride: 0)
            }
        }
    }
}
