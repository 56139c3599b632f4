import HookCheckModel

/// Python's `http.client` with `set_debuglevel(1)`: `HTTPConnection.send` prints
/// `print("send:", repr(data))` for every block it sends (CPython `Lib/http/client.py`), so each
/// `send: b'...'` line is a bytes literal of the exact bytes; `reply:` and `header:` lines are
/// the response. A file sent as the body shows as `sending a readable`, without its bytes.
enum PythonHTTPClientDump {
    static func recognize(_ first: ArraySlice<UInt8>) -> Bool {
        first.hasPrefix("send: b'") || first.hasPrefix("send: b\"")
    }

    static func streams(_ bytes: [UInt8]) -> [CapturedBytes] {
        let text = TextLines(bytes)
        var stream = RebuiltStream()
        for index in 0..<text.count {
            let line = text.content(index)
            if line.hasPrefix("send: b'") || line.hasPrefix("send: b\"") {
                let quote = line.startIndex + 7
                var decoded = RebuiltStream()
                let damage = PythonLiteral.decode(line, from: quote + 1, quote: line[quote], line: index + 1,
                                                  lineStart: line.startIndex, into: &decoded)
                // Only whole lines are kept: one cut short or with a bad escape is left out.
                if let damage {
                    stream.findings.append(damage)
                    break
                }
                stream.append(decoded)
            } else if line.hasPrefix("sending a readable") || line.hasPrefix("sendIng a read()able") {
                stream.losses.append("http.client sent a file as the body and printed 'sending a readable' instead of its bytes")
            }
        }
        return stream.isEmpty && stream.findings.isEmpty ? [] : [stream.captured(tool: TextDumpFormat.pythonHTTPClient.tool)]
    }
}

/// The inside of a Python bytes literal as `repr` writes it: printable ASCII as itself, `\\`,
/// `\'`, `\t`, `\n`, `\r` and `\xHH` for the rest (`\"` too, for hand-written ones).
enum PythonLiteral {
    /// Decodes from `start` to the closing `quote` (nil: to the end of the line), appending each
    /// byte at the column of the character that prints it. Returns the damage, if any.
    static func decode(_ line: ArraySlice<UInt8>, from start: Int, quote: UInt8?, line number: Int, lineStart: Int,
                       into stream: inout RebuiltStream) -> Finding? {
        var index = start
        while index < line.endIndex {
            let column = index - lineStart + 1
            let byte = line[index]
            if byte == quote {
                guard index + 1 == line.endIndex else {
                    return Finding(.captureDamaged, "text after the closing quote of a bytes literal", at: SourcePosition(line: number, column: column + 1))
                }
                return nil
            }
            guard byte == UInt8(ascii: "\\") else {
                stream.append(byte, line: number, column: column)
                index += 1
                continue
            }
            let escape = index + 1 < line.endIndex ? line[index + 1] : 0
            switch escape {
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): stream.append(escape, line: number, column: column)
            case UInt8(ascii: "n"): stream.append(0x0A, line: number, column: column)
            case UInt8(ascii: "r"): stream.append(0x0D, line: number, column: column)
            case UInt8(ascii: "t"): stream.append(0x09, line: number, column: column)
            case UInt8(ascii: "x"):
                guard index + 3 < line.endIndex, let high = ASCII.hexValue(line[index + 2]), let low = ASCII.hexValue(line[index + 3]) else {
                    return Finding(.captureDamaged, "'\\x' without two hex digits in a bytes literal", at: SourcePosition(line: number, column: column))
                }
                stream.append(high << 4 | low, line: number, column: column)
                index += 2
            default:
                return Finding(.captureDamaged, "'\\\(String(decoding: [escape], as: UTF8.self))' is not an escape Python's repr writes in a bytes literal",
                               at: SourcePosition(line: number, column: column))
            }
            index += 2
        }
        return quote == nil ? nil : Finding(.captureDamaged, "a bytes literal without its closing quote (the line is cut)",
                                            at: SourcePosition(line: number, column: line.endIndex - lineStart + 1))
    }
}

/// requests-toolbelt's `dump_all` (`requests_toolbelt/utils/dump.py`): for each request, its
/// request line (always `HTTP/1.1`), `Host` and the other headers of the prepared request, each
/// after the request prefix (`< ` by default) and ending in CRLF, `< \r\n`, then the prefix and
/// the body as it is (a body that is not bytes or text shows as `<< Request body is not a
/// string-like type >>`), `\r\n\r\n`, and the response after its own prefix (`> `). The bytes are
/// the prepared request's, as requests hands them to urllib3.
enum ToolbeltDump {
    /// The request prefix: what stands before a request line on the first line, when the second
    /// line is the same prefix and `Host: `. Nil when there is none (a raw request has none).
    static func prefix(_ lines: [ArraySlice<UInt8>]) -> [UInt8]? {
        guard lines.count > 1, let first = lines.first, first.last == 0x0D else { return nil }
        for split in stride(from: 1, to: min(first.count, 33), by: 1) {
            let rest = first.dropFirst(split)
            guard let lead = rest.first, lead >= UInt8(ascii: "A"), lead <= UInt8(ascii: "Z"), TextDumps.isRequestLine(rest) else { continue }
            let prefix = Array(first.prefix(split))
            // `> ` is curl -v's prefix, which `Captures` reads.
            guard prefix != Array("> ".utf8) else { return nil }
            return lines[1].starts(with: prefix + Array("Host: ".utf8)) ? prefix : nil
        }
        return nil
    }

    static func streams(_ bytes: [UInt8]) -> [CapturedBytes] {
        guard let prefix = prefix(TextDumps.firstLines(bytes[...])) else { return [] }
        let text = TextLines(bytes)
        var stream = RebuiltStream()
        var offset = 0
        while let start = nextRequest(bytes, from: offset, prefix: prefix) {
            var cursor = start
            var contentLength = 0
            // The head: prefixed lines up to the prefixed empty line.
            while true {
                guard bytes[cursor...].starts(with: prefix), let end = bytes[cursor...].firstIndex(of: 0x0A) else {
                    stream.findings.append(Finding(.captureDamaged, "the dump ends, or a line lacks the request prefix, inside a request head",
                                                   at: text.position(min(cursor, bytes.count))))
                    return [stream.captured(tool: TextDumpFormat.requestsToolbelt.tool)]
                }
                let content = bytes[(cursor + prefix.count)..<end]
                stream.appendSource((cursor + prefix.count)..<(end + 1), in: text)
                cursor = end + 1
                if content.elementsEqual([0x0D]) { break }
                if let length = HeaderScan.contentLength(content) { contentLength = length }
            }
            offset = cursor
            guard contentLength > 0 else { continue }
            if bytes[cursor...].hasPrefix("<< Request body is not a string-like type >>") {
                stream.losses.append("requests-toolbelt does not show a body that is not bytes or text")
                continue
            }
            let bodyStart = cursor + prefix.count
            let available = max(0, min(contentLength, bytes.count - bodyStart))
            guard bytes[cursor...].starts(with: prefix), available == contentLength else {
                stream.findings.append(Finding(.captureDamaged, "the dump ends \(available) bytes into a \(contentLength)-byte body",
                                               at: text.position(min(cursor, bytes.count))))
                break
            }
            stream.appendSource(bodyStart..<(bodyStart + contentLength), in: text)
            offset = bodyStart + contentLength
        }
        return stream.isEmpty ? [] : [stream.captured(tool: TextDumpFormat.requestsToolbelt.tool)]
    }

    /// The next `PREFIX` + request line + CRLF at or after `offset` (a response body without a
    /// final LF runs straight into it, so it need not start a line).
    static func nextRequest(_ bytes: [UInt8], from offset: Int, prefix: [UInt8]) -> Int? {
        var from = offset
        while from < bytes.count, let hit = bytes[from...].firstRange(of: prefix) {
            let lineEnd = bytes[hit.upperBound...].prefix(16 * 1024).firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[hit.upperBound..<lineEnd]
            if line.last == 0x0D, TextDumps.isRequestLine(line) { return hit.lowerBound }
            from = hit.lowerBound + 1
        }
        return nil
    }
}

/// Reading header fields out of printed head lines.
enum HeaderScan {
    /// The value of a `Content-Length:` line (a CR at its end allowed).
    static func contentLength<C: Collection>(_ line: C) -> Int? where C.Element == UInt8 {
        let name = "content-length:"
        guard ASCII.hasPrefixIgnoringCase(line, name.utf8) else { return nil }
        let value = Array(line.dropFirst(name.utf8.count)).trimmingASCIIWhitespace
        guard !value.isEmpty, value.count < 16, value.allSatisfy(ASCII.isDigit) else { return nil }
        return Int(String(decoding: value, as: UTF8.self))
    }

    /// The lower-cased value of a header line named `name`.
    static func value<C: Collection>(_ line: C, named name: String) -> String? where C.Element == UInt8 {
        let prefix = name + ":"
        guard ASCII.hasPrefixIgnoringCase(line, prefix.utf8) else { return nil }
        return String(decoding: Array(line.dropFirst(prefix.utf8.count)).trimmingASCIIWhitespace.map(ASCII.lowercased), as: UTF8.self)
    }
}

/// HTTPie's `-v` / `--print=HBhb` output (HTTPie 3.2, `httpie/models.py` `HTTPRequest.headers`,
/// `httpie/output/streams.py`, `httpie/core.py`): the request line and the headers of the prepared
/// request joined by CRLF (`Host` last unless given), a blank line, the body, `\n\n` before the
/// next message, then the response. Written to a file or a pipe, the body is printed as it is
/// (`RawStream`); in a terminal or with `--pretty` JSON may be reformatted, and binary bodies show
/// as `NOTE: binary data not shown in terminal`. A printed body whose length is not the
/// Content-Length is read as printed, Content-Length set to its length, and said to differ.
enum HTTPieText {
    /// A request head with HTTPie's marks: its default `User-Agent`, or the `Accept` it sends with JSON.
    static func recognize(_ lines: [ArraySlice<UInt8>]) -> Bool {
        guard let first = lines.first, first.last == 0x0D, TextDumps.isRequestLine(first) else { return false }
        for line in lines.dropFirst() {
            if line.isEmpty || line.elementsEqual([0x0D]) { break }
            if line.hasPrefix("User-Agent: HTTPie/") || line.hasPrefix("Accept: application/json, */*;q=0.5") { return true }
        }
        return false
    }

    static func streams(_ bytes: [UInt8]) -> [CapturedBytes] {
        let text = TextLines(bytes)
        var stream = RebuiltStream()
        var index = 0
        while index < text.count {
            guard TextDumps.isRequestLine(text.line(index)) else { index += 1; continue }
            var contentLength: (value: Int, range: Range<Int>)?
            var chunked = false
            while index < text.count, !text.content(index).isEmpty {
                let line = text.content(index)
                let start = stream.count
                stream.appendSource(line.startIndex..<line.endIndex, in: text)
                let end = text.position(line.endIndex)
                stream.append([0x0D, 0x0A], line: end.line, column: end.column, stride: 0)
                if let value = HeaderScan.contentLength(line), let range = HeaderScan.valueRange(line) {
                    contentLength = (value, (start + range.lowerBound)..<(start + range.upperBound))
                }
                chunked = chunked || HeaderScan.value(line, named: "Transfer-Encoding")?.contains("chunked") == true
                index += 1
            }
            let blank = text.position(index < text.count ? text.starts[index] : bytes.count)
            stream.append([0x0D, 0x0A], line: blank.line, column: blank.column, stride: 0)
            let bodyStart = index + 1 < text.count ? text.starts[index + 1] : bytes.count
            if let contentLength, contentLength.value > 0 {
                let after = bodyStart + contentLength.value
                if after <= bytes.count, after == bytes.count || bytes[after...].hasPrefix("\n\n") || after + 1 == bytes.count && bytes[after] == 0x0A {
                    stream.appendSource(bodyStart..<after, in: text)
                    index = text.position(after).line
                    continue
                }
                let end = printedBodyEnd(bytes, from: bodyStart)
                stream.appendSource(bodyStart..<end, in: text)
                stream.replace(contentLength.range, with: Array(String(end - bodyStart).utf8))
                stream.losses.append(bytes[bodyStart..<end].firstRange(of: Array("NOTE: binary data not shown".utf8)) != nil
                    ? "HTTPie did not show a binary body (NOTE: binary data not shown)"
                    : "HTTPie printed a \(end - bodyStart)-byte body where Content-Length says \(contentLength.value) (reformatted by --pretty, or cut)")
                index = text.position(end).line
            } else if chunked {
                // HTTPie prints a chunked body without its framing: framed again as one chunk.
                let end = printedBodyEnd(bytes, from: bodyStart)
                let position = text.position(bodyStart)
                stream.append(Array((String(end - bodyStart, radix: 16) + "\r\n").utf8), line: position.line, column: position.column, stride: 0)
                stream.appendSource(bodyStart..<end, in: text)
                let close = text.position(end)
                stream.append(Array("\r\n0\r\n\r\n".utf8), line: close.line, column: close.column, stride: 0)
                stream.losses.append("HTTPie prints a chunked body without its chunk sizes; it was framed again as one chunk")
                index = text.position(end).line
            } else {
                index += 1
            }
        }
        return stream.isEmpty ? [] : [stream.captured(tool: TextDumpFormat.httpie.tool)]
    }

    /// Where a body HTTPie printed ends: before the `\n\n` that precedes the response (or the
    /// next request), or at the end of the output.
    static func printedBodyEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var from = start
        while from < bytes.count, let hit = bytes[from...].firstRange(of: [0x0A, 0x0A]) {
            let next = bytes[hit.upperBound...]
            if next.hasPrefix("HTTP/") || TextDumps.startsWithRequestLine(next) { return hit.lowerBound }
            from = hit.lowerBound + 1
        }
        return bytes.last == 0x0A && bytes.count > start ? bytes.count - 1 : bytes.count
    }
}

extension HeaderScan {
    /// The range of a header line's value, relative to the line's start, without blank space.
    static func valueRange(_ line: ArraySlice<UInt8>) -> Range<Int>? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        var start = colon + 1
        var end = line.endIndex
        while start < end, ASCII.isWhitespace(line[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(line[end - 1]) { end -= 1 }
        return (start - line.startIndex)..<(end - line.startIndex)
    }
}
