import HookCheckModel

/// Splits one input into requests: raw HTTP/1.x dumps (CRLF or LF, Content-Length, chunked, several
/// in a row) or a bare body. Reads the input through a sliding window, one request at a time.
public final class RequestReader {
    private let stream: ByteStream
    private let source: String
    private let extraHeaders: [HTTPHeader]
    private var nextIndex = 0
    private var finished = false
    /// For a stream rebuilt from a capture: where its bytes stand in the input file.
    private let locator: PositionMap?
    /// How the requests were captured.
    private let capture: CaptureKind?

    /// - Parameter extraHeaders: headers given with `-H`: a bare body gets them all; a request dump
    ///   gets those it lacks, and says which it already had.
    public init(stream: ByteStream, source: String, extraHeaders: [HTTPHeader] = [],
                locator: PositionMap? = nil, capture: CaptureKind? = nil) {
        self.stream = stream
        self.source = source
        self.extraHeaders = extraHeaders
        self.locator = locator
        self.capture = capture
    }

    /// The next request, or nil when the input is exhausted.
    public func next() throws(InputError) -> RequestDump? {
        guard !finished else { return nil }
        let first = nextIndex == 0
        // Between requests, blank space is only a separator.
        let skipped = try countLeadingWhitespace()
        if try !stream.require(skipped + 1) {
            finished = true
            if first { return emptyInput() }
            return nil
        }
        if try requestLineLength(at: skipped) != nil {
            stream.consume(skipped)
            let start = stream.offsetAtHead
            var dump = try readHTTPRequest()
            dump.inputOffset = start
            return placed(dump)
        }
        if !first {
            stream.consume(skipped)
        }
        let start = stream.offsetAtHead
        var dump = try readBareBody()
        dump.inputOffset = start
        return placed(dump)
    }

    /// A request of a rebuilt stream: its positions, its line and its findings' positions from the map.
    private func placed(_ dump: RequestDump) -> RequestDump {
        guard let locator else { return dump }
        var dump = dump
        let map = locator.shifted(by: dump.inputOffset)
        dump.locator = map
        dump.text = SourceText(dump.text.bytes, baseLine: map.position(0).line)
        if let capture { dump.capture = capture }
        for index in dump.findings.indices {
            if let offset = dump.findingOffsets[index] { dump.findings[index].position = map.position(offset) }
        }
        return dump
    }

    // MARK: - Window helpers (offsets are relative to the stream's head)

    private func byte(_ offset: Int) -> UInt8 {
        stream.storage[stream.head + offset]
    }

    /// Offset of the next LF at or after `offset`, reading more input as needed.
    private func findLineFeed(from offset: Int) throws(InputError) -> Int? {
        var searchFrom = offset
        while true {
            let available = stream.available
            if searchFrom < available {
                let hit: Int? = stream.withWindow { window in
                    let base = UnsafeRawPointer(window.baseAddress!)
                    guard let found = memchr(base + searchFrom, 0x0A, available - searchFrom) else { return nil }
                    return UnsafeRawPointer(found) - base
                }
                if let hit { return hit }
                searchFrom = available
            }
            if try !stream.fill() { return nil }
        }
    }

    private func countLeadingWhitespace() throws(InputError) -> Int {
        var offset = 0
        while true {
            if offset >= stream.available, try !stream.fill() { return offset }
            switch byte(offset) {
            case 0x20, 0x09, 0x0D, 0x0A: offset += 1
            default: return offset
            }
        }
    }

    /// The length of the line at `offset` (without its line break) when it is an HTTP/1.x request line.
    private func requestLineLength(at offset: Int) throws(InputError) -> Int? {
        if offset >= stream.available, try !stream.require(offset + 1) { return nil }
        let lead = byte(offset)
        guard lead >= UInt8(ascii: "A"), lead <= UInt8(ascii: "Z") else { return nil }
        // Request lines are short; do not read a huge body looking for the end of one.
        let end: Int
        if let lf = try findLineFeedWithin(from: offset, limit: 16 * 1024) {
            end = lf
        } else if stream.atEnd {
            end = stream.available
        } else {
            return nil
        }
        let isRequest = stream.withWindow { window in
            HTTPSyntax.isRequestLine(UnsafeBufferPointer(rebasing: window[offset..<end]))
        }
        return isRequest ? end - offset : nil
    }

    private func findLineFeedWithin(from offset: Int, limit: Int) throws(InputError) -> Int? {
        while true {
            let available = min(stream.available, offset + limit)
            let hit: Int? = stream.withWindow { window in
                guard offset < available else { return nil }
                let base = UnsafeRawPointer(window.baseAddress!)
                guard let found = memchr(base + offset, 0x0A, available - offset) else { return nil }
                return UnsafeRawPointer(found) - base
            }
            if let hit { return hit }
            if stream.available >= offset + limit { return nil }
            if try !stream.fill() { return nil }
        }
    }

    /// Finds the start of the next request line at or after `offset`, which must be a line start,
    /// and before `limit` when one is given. Returns nil when there is none.
    private func findNextRequest(from offset: Int, before limit: Int? = nil) throws(InputError) -> Int? {
        var lineStart = offset
        while true {
            if let limit, lineStart >= limit { return nil }
            if lineStart >= stream.available, try !stream.fill() { return nil }
            if lineStart >= stream.available { return nil }
            let lead = byte(lineStart)
            if lead >= UInt8(ascii: "A"), lead <= UInt8(ascii: "Z"), try requestLineLength(at: lineStart) != nil {
                return lineStart
            }
            guard let lf = try findLineFeed(from: lineStart) else { return nil }
            lineStart = lf + 1
        }
    }

    // MARK: - Requests

    private func emptyInput() -> RequestDump {
        let text = SourceText([], baseLine: stream.lineAtHead)
        var dump = makeDump(text: text, capture: .body, bodyRange: 0..<0, headers: extraHeaders)
        dump.findings.append(Finding(.error, .inputEmpty, "empty input: no request and no body", at: nil))
        return dump
    }

    private func makeDump(text: SourceText, capture: CaptureKind, bodyRange: Range<Int>,
                          headers: [HTTPHeader]) -> RequestDump {
        defer { nextIndex += 1 }
        return RequestDump(source: source, index: nextIndex, capture: capture, method: nil, target: nil,
                           version: nil, headers: headers, text: text, bodyStorage: text.bytes,
                           bodyRange: bodyRange, bodySegments: [], findings: [])
    }

    /// A body with no request line: it runs to the next request line or the end of input.
    private func readBareBody() throws(InputError) -> RequestDump {
        // A body alone in its input keeps its exact bytes (they may be signed); one followed by a
        // request loses the line breaks that separate the two.
        let next = try findNextRequest(from: 0)
        if next == nil { try stream.fillToEnd() }
        let end = next ?? stream.available
        let bodyEnd = next == nil ? end : trimmedLineBreaks(0, end)
        let line = stream.lineAtHead
        let text = SourceText(stream.copy(end), baseLine: line)
        stream.consume(end)
        if end == stream.available && stream.atEnd { finished = true }
        return makeDump(text: text, capture: .body, bodyRange: 0..<bodyEnd, headers: extraHeaders)
    }

    /// `end` moved back over trailing CR and LF bytes, not before `start`.
    private func trimmedLineBreaks(_ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, byte(end - 1) == 0x0A || byte(end - 1) == 0x0D { end -= 1 }
        return end
    }

    private func readHTTPRequest() throws(InputError) -> RequestDump {
        var findings: [Finding] = []
        var pendingPositions: [(offset: Int, finding: Finding)] = []
        guard let lineLength = try requestLineLength(at: 0) else {
            preconditionFailure("caller checked the request line")
        }
        let parts = stream.withWindow { HTTPSyntax.splitRequestLine(UnsafeBufferPointer(rebasing: $0[0..<lineLength])) }

        // Headers, up to the blank line.
        // Byte ranges first; the headers proper are made once the request's bytes are copied out.
        var pending: [PendingHeader] = []
        var lineStart = lineLength + 1
        var bodyStart: Int
        var headersComplete = false
        while true {
            if lineStart >= stream.available, try !stream.require(lineStart + 1) {
                bodyStart = stream.available
                break
            }
            let lf = try findLineFeed(from: lineStart)
            let lineEnd = lf ?? stream.available
            var contentEnd = lineEnd
            if contentEnd > lineStart, byte(contentEnd - 1) == 0x0D { contentEnd -= 1 }
            var nextLine = lf.map { $0 + 1 }
            // A bare CR ends the line (RFC 9112 §2.2): it must never hide the header after it.
            if let cr = stream.withWindow({ $0[lineStart..<contentEnd].firstIndex(of: 0x0D) }) {
                pendingPositions.append((cr, Finding(.error, .httpHeader,
                    "a bare CR inside a header line (RFC 9112 §2.2); read as a line break")))
                if cr == lineStart {
                    lineStart = cr + 1
                    continue
                }
                contentEnd = cr
                nextLine = cr + 1
            }
            if contentEnd == lineStart {
                bodyStart = lf.map { $0 + 1 } ?? lineEnd
                headersComplete = true
                break
            }
            let lead = byte(lineStart)
            if lead == 0x20 || lead == 0x09, !pending.isEmpty {
                // obs-fold: a continuation of the previous header's value, joined with a space.
                let last = pending.count - 1
                if pending[last].folds.isEmpty {
                    pendingPositions.append((lineStart, Finding(.warning, .httpHeader,
                        "obsolete line folding (RFC 9112 §5.2): this line continues the previous header's value, joined with a space")))
                }
                var start = lineStart
                while start < contentEnd, byte(start) == 0x20 || byte(start) == 0x09 { start += 1 }
                var end = contentEnd
                while end > start, byte(end - 1) == 0x20 || byte(end - 1) == 0x09 { end -= 1 }
                pending[last].folds.append(start..<end)
            } else if let header = stream.withWindow({ HTTPSyntax.parseHeader($0, lineStart..<contentEnd) }) {
                pending.append(header)
            } else if lead == UInt8(ascii: "{") || lead == UInt8(ascii: "[") {
                pendingPositions.append((lineStart, Finding(.warning, .httpHeader,
                    "no blank line between the headers and the body; the body is taken to start here")))
                bodyStart = lineStart
                headersComplete = true
                break
            } else {
                pendingPositions.append((lineStart, Finding(.warning, .httpHeader,
                    "not a header line: expected 'Name: value'; ignored")))
            }
            guard let nextLine else {
                bodyStart = stream.available
                break
            }
            lineStart = nextLine
        }
        if parts.version != "HTTP/1.1", parts.version != "HTTP/1.0" {
            pendingPositions.append((lineLength - parts.version.utf8.count - (byte(lineLength - 1) == 0x0D ? 1 : 0), Finding(.warning, .httpVersion,
                "\(parts.version) is not HTTP/1.0 or HTTP/1.1; the request is read as HTTP/1.1")))
        }

        // The body.
        var bodyEnd = bodyStart
        var requestEnd = bodyStart
        var decoded: (bytes: [UInt8], segments: [(body: Int, raw: Int)])?
        var trailers: [PendingHeader] = []
        var transferCodings: [String] = []
        var transferOffset = 0
        var contentLengths: [(value: String, offset: Int)] = []
        stream.withWindow { window in
            for header in pending where header.name.count == 14 || header.name.count == 17 {
                let name = UnsafeBufferPointer(rebasing: window[header.name])
                if ASCII.equalsIgnoringCase(name, "Content-Length".utf8) {
                    contentLengths.append((header.value(in: window), header.offset))
                } else if ASCII.equalsIgnoringCase(name, "Transfer-Encoding".utf8) {
                    if transferCodings.isEmpty { transferOffset = header.offset }
                    // Several lines are one list, in order (RFC 9110 §5.3).
                    transferCodings += header.value(in: window).split(separator: ",").map { $0.trimmingBlanks.lowercased() }.filter { !$0.isEmpty }
                }
            }
        }
        let framing = HTTPSyntax.framing(transferCodings)
        if let problem = framing.problem {
            pendingPositions.append((transferOffset, Finding(framing.chunked ? .warning : .error, .httpTransferEncoding, problem)))
        }

        if framing.chunked, headersComplete, case .chunked(let result) = try decodeChunked(from: bodyStart, findings: &pendingPositions) {
            decoded = (result.bytes, result.segments)
            trailers = result.trailers
            requestEnd = result.end
            bodyEnd = result.end
            if !contentLengths.isEmpty {
                pendingPositions.append((contentLengths[0].offset, Finding(.warning, .httpContentLength,
                    "both Transfer-Encoding: chunked and Content-Length are present; Content-Length is ignored")))
            }
        } else if let declared = contentLengths.first, transferCodings.isEmpty {
            let agree = contentLengths.allSatisfy { $0.value == declared.value }
            if agree, let length = Int(declared.value), length >= 0, declared.value.utf8.allSatisfy(ASCII.isDigit) {
                (bodyEnd, requestEnd) = try bodyWithContentLength(start: bodyStart, length: length,
                                                                  headerOffset: declared.offset,
                                                                  headersComplete: headersComplete,
                                                                  findings: &pendingPositions)
            } else {
                let message = !agree
                    ? "conflicting Content-Length headers (\(contentLengths.map(\.value).joined(separator: ", "))); the body runs to the next request"
                    : "Content-Length is not a non-negative integer; the body runs to the next request"
                pendingPositions.append((declared.offset, Finding(.error, .httpContentLength, message)))
                (bodyEnd, requestEnd) = try bodyToNextRequest(start: bodyStart)
            }
        } else {
            (bodyEnd, requestEnd) = try bodyToNextRequest(start: bodyStart)
        }

        let line = stream.lineAtHead
        let raw = stream.copy(requestEnd)
        stream.consume(requestEnd)
        if stream.atEnd && stream.available == 0 { finished = true }
        let text = SourceText(raw, baseLine: line)
        let headers = pending.map { $0.header(in: raw) }
        var findingOffsets: [Int?] = []
        for (offset, finding) in pendingPositions {
            var placed = finding
            placed.position = text.position(ofOffset: offset)
            findings.append(placed)
            findingOffsets.append(offset)
        }
        defer { nextIndex += 1 }
        var dump = RequestDump(source: source, index: nextIndex, capture: .http, method: parts.method,
                               target: parts.target, version: parts.version, headers: headers, text: text,
                               bodyStorage: raw, bodyRange: bodyStart..<bodyEnd, bodySegments: [], findings: findings)
        dump.findingOffsets = findingOffsets
        dump.trailers = trailers.map { $0.header(in: raw) }
        for extra in extraHeaders {
            if let present = dump.headers.first(where: { $0.hasName(extra.name) }) {
                dump.findings.append(Finding(.warning, .extraHeader,
                    "-H \(extra.name) was not added: the request already has \(present.name)", at: dump.position(ofHeader: extra.name)))
            } else {
                dump.headers.append(extra)
                dump.findings.append(Finding(.info, .extraHeader, "-H added \(extra.name) to the request"))
            }
            dump.findingOffsets.append(nil)
        }
        if let decoded {
            dump.bodyStorage = decoded.bytes
            dump.bodyRange = 0..<decoded.bytes.count
            dump.bodySegments = decoded.segments
        }
        return dump
    }

    /// A body without a declared length runs to the next request line or the end of input; line
    /// breaks that separate it from what follows are not part of it.
    private func bodyToNextRequest(start: Int) throws(InputError) -> (bodyEnd: Int, requestEnd: Int) {
        if let next = try findNextRequest(from: start) {
            return (max(start, trimmedLineBreaks(start, next)), next)
        }
        try stream.fillToEnd()
        let end = stream.available
        return (max(start, trimmedLineBreaks(start, end)), end)
    }

    private func bodyWithContentLength(start: Int, length: Int, headerOffset: Int, headersComplete: Bool,
                                       findings: inout [(offset: Int, finding: Finding)]) throws(InputError) -> (Int, Int) {
        let (wanted, overflow) = start.addingReportingOverflow(length)
        let complete = overflow ? false : try stream.require(wanted)
        if !complete {
            if let inner = try findNextRequest(from: start, before: stream.available) {
                let end = trimmedLineBreaks(start, inner)
                findings.append((inner, Finding(.error, .httpContentLength,
                    "Content-Length is \(length) but the next request starts after \(end - start) bytes of body")))
                return (end, inner)
            }
            let got = stream.available - start
            findings.append((stream.available, Finding(.error, .httpTruncated,
                "truncated body: Content-Length is \(length) but only \(max(0, got)) bytes follow the headers")))
            return (stream.available, stream.available)
        }
        // A declared length that swallows the next request: the dump was edited or cut.
        if length > 0, let inner = try findNextRequest(from: start, before: wanted) {
            let end = trimmedLineBreaks(start, inner)
            findings.append((inner, Finding(.error, .httpContentLength,
                "Content-Length is \(length) but the next request starts after \(end - start) bytes of body")))
            return (end, inner)
        }
        // What follows the declared body must be blank space, another request, or nothing.
        var after = wanted
        while true {
            if after >= stream.available, try !stream.fill() { return (wanted, stream.available) }
            let b = byte(after)
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { after += 1 } else { break }
        }
        // The next request may start right after the body, with nothing between.
        if try requestLineLength(at: after) != nil, after == wanted || byte(after - 1) == 0x0A {
            return (wanted, after)
        }
        // A response printed after the request (http -v, tshark follow, a proxy's log) is not its body.
        if try startsResponse(at: after) {
            var end = stream.available
            if let next = try findNextRequest(from: after) {
                end = next
            } else {
                try stream.fillToEnd()
                end = stream.available
            }
            findings.append((after, Finding(.info, .captureResponse,
                "an HTTP response follows the request; it is not part of the request, and is skipped")))
            return (wanted, end)
        }
        let (bodyEnd, requestEnd) = try bodyToNextRequest(start: wanted)
        findings.append((wanted, Finding(.error, .httpContentLength,
            "Content-Length is \(length) but \(bodyEnd - wanted) more bytes follow the body; they are read as part of it")))
        return (bodyEnd, requestEnd)
    }

    /// Whether an HTTP/1.x status line starts at `offset`.
    private func startsResponse(at offset: Int) throws(InputError) -> Bool {
        let prefix = Array("HTTP/1.".utf8)
        guard try stream.require(offset + prefix.count + 5) else { return false }
        for (index, expected) in prefix.enumerated() where byte(offset + index) != expected { return false }
        return ASCII.isDigit(byte(offset + 7)) && byte(offset + 8) == 0x20 && ASCII.isDigit(byte(offset + 9))
    }

    private enum ChunkedOutcome {
        case chunked((bytes: [UInt8], segments: [(body: Int, raw: Int)], trailers: [PendingHeader], end: Int))
        case notChunked
    }

    private func decodeChunked(from start: Int,
                               findings: inout [(offset: Int, finding: Finding)]) throws(InputError) -> ChunkedOutcome {
        var bytes: [UInt8] = []
        var segments: [(body: Int, raw: Int)] = []
        var position = start
        var first = true
        while true {
            guard let lf = try findLineFeed(from: position) else {
                if first {
                    findings.append((position, Finding(.warning, .httpChunked,
                        "Transfer-Encoding is chunked but the body is not in chunks (a capture tool may have decoded it); read as is")))
                    return .notChunked
                }
                findings.append((stream.available, Finding(.error, .httpTruncated,
                    "truncated chunked body: the input ends before the last (zero-size) chunk")))
                return .chunked((bytes, segments, [], stream.available))
            }
            let lineEnd = lf > position && byte(lf - 1) == 0x0D ? lf - 1 : lf
            let sizeText = stream.withWindow { HTTPSyntax.trimmed($0[position..<lineEnd]) }
            let digits = sizeText.split(separator: ";", maxSplits: 1).first.map { $0.trimmingBlanks } ?? ""
            let isHex = !digits.isEmpty && digits.utf8.allSatisfy { ASCII.hexValue($0) != nil }
            // A sign is not part of chunk-size (RFC 9112 §7.1): "+5" and "-0" are errors, not sizes.
            let signed = (digits.hasPrefix("+") || digits.hasPrefix("-")) && digits.utf8.dropFirst().allSatisfy { ASCII.hexValue($0) != nil }
            guard isHex, digits.count <= 15, let size = Int(digits, radix: 16) else {
                if first, !signed {
                    findings.append((position, Finding(.warning, .httpChunked,
                        "Transfer-Encoding is chunked but the body is not in chunks (a capture tool may have decoded it); read as is")))
                    return .notChunked
                }
                findings.append((position, Finding(.error, .httpChunked,
                    signed ? "invalid chunk size \"\(digits)\": a chunk size is hexadecimal digits, without a sign (RFC 9112 §7.1)"
                           : "invalid chunk size line: expected a hexadecimal size")))
                let (_, requestEnd) = try bodyToNextRequest(start: position)
                return .chunked((bytes, segments, [], requestEnd))
            }
            first = false
            let dataStart = lf + 1
            if size == 0 {
                // Trailer fields up to a blank line, or the end of input: kept, never body.
                var trailers: [PendingHeader] = []
                var trailer = dataStart
                while let next = try findLineFeed(from: trailer) {
                    let contentEnd = next > trailer && byte(next - 1) == 0x0D ? next - 1 : next
                    let lineStart = trailer
                    trailer = next + 1
                    if contentEnd == lineStart { break }
                    if let field = stream.withWindow({ HTTPSyntax.parseHeader($0, lineStart..<contentEnd) }) {
                        trailers.append(field)
                    } else {
                        findings.append((lineStart, Finding(.warning, .httpHeader, "not a trailer field: expected 'Name: value'; ignored")))
                    }
                }
                return .chunked((bytes, segments, trailers, min(trailer, stream.available)))
            }
            if try !stream.require(dataStart + size) {
                segments.append((bytes.count, dataStart))
                stream.withWindow { bytes.append(contentsOf: $0[dataStart..<stream.available]) }
                findings.append((stream.available, Finding(.error, .httpTruncated,
                    "truncated chunk: \(size) bytes declared, \(stream.available - dataStart) present")))
                return .chunked((bytes, segments, [], stream.available))
            }
            segments.append((bytes.count, dataStart))
            stream.withWindow { bytes.append(contentsOf: $0[dataStart..<dataStart + size]) }
            position = dataStart + size
            // The chunk's data ends with a line break.
            _ = try stream.require(position + 2)
            if position < stream.available, byte(position) == 0x0D { position += 1 }
            if position < stream.available, byte(position) == 0x0A {
                position += 1
            } else {
                findings.append((position, Finding(.error, .httpChunked,
                    "chunk data is longer than its declared size (\(size) bytes)")))
                let (_, requestEnd) = try bodyToNextRequest(start: position)
                return .chunked((bytes, segments, [], requestEnd))
            }
        }
    }
}

/// A header line located in the read window, before the request's bytes are copied out.
struct PendingHeader {
    var name: Range<Int>
    var value: Range<Int>
    /// Continuation lines of an obsolete line folding, trimmed; joined with spaces when read.
    var folds: [Range<Int>] = []
    var offset: Int

    /// The value, folded lines joined with single spaces.
    func value<C: Collection>(in bytes: C) -> String where C.Element == UInt8, C.Index == Int {
        guard !folds.isEmpty else { return String(decoding: bytes[value], as: UTF8.self) }
        return ([value] + folds).filter { !$0.isEmpty }.map { String(decoding: bytes[$0], as: UTF8.self) }.joined(separator: " ")
    }

    /// The header, its ranges into `raw`, the request's copied bytes.
    func header(in raw: [UInt8]) -> HTTPHeader {
        HTTPHeader(storage: raw, name: name, value: value, joinedValue: folds.isEmpty ? nil : value(in: raw), offset: offset)
    }
}

/// Small pieces of HTTP/1.1 syntax (RFC 9112).
enum HTTPSyntax {
    /// `METHOD SP request-target SP HTTP/x.y`, with an optional trailing CR.
    static func isRequestLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var count = line.count
        if count > 0, line[count - 1] == 0x0D { count -= 1 }
        var index = 0
        while index < count, (line[index] >= UInt8(ascii: "A") && line[index] <= UInt8(ascii: "Z")) || line[index] == UInt8(ascii: "-") {
            index += 1
        }
        guard index > 0, index < count, line[index] == 0x20 else { return false }
        index += 1
        let targetStart = index
        while index < count, line[index] > 0x20, line[index] != 0x7F { index += 1 }
        guard index > targetStart, index < count, line[index] == 0x20 else { return false }
        index += 1
        // HTTP/d.d to the end
        guard count - index == 8 else { return false }
        let version = Array("HTTP/".utf8)
        for offset in 0..<5 where line[index + offset] != version[offset] { return false }
        return ASCII.isDigit(line[index + 5]) && line[index + 6] == UInt8(ascii: ".") && ASCII.isDigit(line[index + 7])
    }

    /// Method, target and version of a line `isRequestLine` accepted.
    static func splitRequestLine(_ line: UnsafeBufferPointer<UInt8>) -> (method: String, target: String, version: String) {
        var end = line.count
        if end > 0, line[end - 1] == 0x0D { end -= 1 }
        var firstSpace = 0
        while firstSpace < end, line[firstSpace] != 0x20 { firstSpace += 1 }
        var secondSpace = end
        while secondSpace > firstSpace + 1, line[secondSpace - 1] != 0x20 { secondSpace -= 1 }
        secondSpace = max(secondSpace - 1, firstSpace)
        return (String(decoding: line[0..<firstSpace], as: UTF8.self),
                String(decoding: line[min(firstSpace + 1, end)..<secondSpace], as: UTF8.self),
                String(decoding: line[min(secondSpace + 1, end)..<end], as: UTF8.self))
    }

    static func trimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// `name: value` where the name is an RFC 9110 token; ranges of `window`.
    static func parseHeader(_ window: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> PendingHeader? {
        var colon = line.lowerBound
        while colon < line.upperBound, isTokenByte(window[colon]) { colon += 1 }
        guard colon > line.lowerBound, colon < line.upperBound, window[colon] == UInt8(ascii: ":") else { return nil }
        var start = colon + 1
        var end = line.upperBound
        while start < end, window[start] == 0x20 || window[start] == 0x09 { start += 1 }
        while end > start, window[end - 1] == 0x20 || window[end - 1] == 0x09 { end -= 1 }
        return PendingHeader(name: line.lowerBound..<colon, value: start..<end, offset: line.lowerBound)
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        tokenBytes[Int(byte)]
    }

    /// RFC 9110 `tchar`, as a table.
    private static let tokenBytes: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// How a request with these transfer codings (lower-cased, in order) is framed, and what is
    /// wrong with them (RFC 9112 §6.1, §6.3, §7).
    static func framing(_ codings: [String]) -> (chunked: Bool, problem: String?) {
        guard let last = codings.last else { return (false, nil) }
        let list = codings.joined(separator: ", ")
        let known: Set<String> = ["chunked", "gzip", "x-gzip", "deflate", "compress", "x-compress"]
        if let unknown = codings.first(where: { !known.contains($0) }) {
            let why = unknown == "identity" ? "identity is no longer a transfer coding (RFC 9112 §7)" : "\(unknown) is not a transfer coding"
            return (last == "chunked", "Transfer-Encoding: \(list): \(why)" + (last == "chunked" ? "; the body is read as chunked" : "; a server must refuse the request (RFC 9112 §6.3), and the body is read to the next request"))
        }
        guard last == "chunked" else {
            return (false, "Transfer-Encoding: \(list) does not end in chunked, so the body's length cannot be known: a server must refuse the request (RFC 9112 §6.3); the body is read to the next request")
        }
        if codings.dropLast().contains("chunked") {
            return (true, "Transfer-Encoding: \(list) applies chunked more than once, which RFC 9112 §6.1 forbids; the body is read as chunked once")
        }
        if codings.count > 1 {
            return (true, "Transfer-Encoding: \(list): the body is also \(codings.dropLast().joined(separator: ", "))-encoded; hookcheck reads it as sent, without decoding it")
        }
        return (true, nil)
    }
}
