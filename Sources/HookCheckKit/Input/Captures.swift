import HookCheckModel

/// Inputs that are captures rather than raw requests: pcap and pcapng files, mitmproxy flows, curl
/// and HTTPie command lines, curl traces and `curl -v` output, HAR files, NDJSON streams of bodies,
/// and the text dumps other tools print. Each becomes the requests it holds, with positions in
/// the input file.
public enum Captures {
    /// Whether the input's first bytes allow a capture: only then is the input read whole and
    /// looked at, so a long raw stream is still streamed.
    static func mayBeCapture<Head: Collection>(_ head: Head) -> Bool where Head.Element == UInt8 {
        if PacketCapture.isPacketCapture(head) || MitmproxyFlows.looksLikeFlows(head) || CommandLineCapture.looksLikeCommand(head)
            || TextDumps.recognize(ArraySlice(head)) != nil {
            return true
        }
        guard let first = head.firstIndex(where: { !ASCII.isWhitespace($0) }) else { return false }
        let lead = head[first]
        // Traces start with '=', '<' or a --trace-time digit; curl -v with '*' or '>' (or, stderr merged,
        // '%' of its progress meter); HAR and NDJSON with '{'.
        return lead == UInt8(ascii: "{") || lead == UInt8(ascii: "=") || lead == UInt8(ascii: "<") || lead == UInt8(ascii: "*")
            || lead == UInt8(ascii: ">") || (ASCII.isDigit(lead) && CurlTrace.looksLikeTrace(Array(head[first...].prefix(256))[...]))
            || (lead == UInt8(ascii: "%") && CurlVerboseText.isProgressMeterHeader(Array(head[first...].prefix(200))[...]))
    }

    /// The requests of a capture, or nil when the input is not one (it is then read as request
    /// dumps or a bare body).
    public static func requests(_ bytes: [UInt8], source: String, extraHeaders: [HTTPHeader] = [],
                                verboseBody: [UInt8]? = nil, verboseBodyPath: String? = nil) throws(InputError) -> [RequestDump]? {
        // Formats recognized by their exact first bytes, before any blank space is skipped.
        if PacketCapture.isPacketCapture(bytes.prefix(64)) {
            let capture = PacketCapture.clientStreams(bytes)
            return try requests(in: capture.streams, fileFindings: capture.findings, source: source, kind: .pcap)
        }
        if MitmproxyFlows.looksLikeFlows(bytes.prefix(64)) {
            let flows = MitmproxyFlows.requests(bytes)
            return try requests(in: flows.requests, fileFindings: flows.findings, source: source, kind: .mitmproxy)
        }
        if CommandLineCapture.looksLikeCommand(bytes.prefix(4096)),
           let commands = CommandLineCapture.requests(bytes, source: source, readFile: { readBeside(source, $0) }) {
            return try requests(in: commands.requests, fileFindings: commands.findings, source: source, kind: commands.kind)
        }
        var first = 0
        while first < bytes.count, ASCII.isWhitespace(bytes[first]) { first += 1 }
        guard first < bytes.count else { return nil }
        let head = bytes[first..<min(bytes.count, first + 4096)]
        let lead = bytes[first]
        // The first byte says which forms are possible: only those are looked at.
        if lead == UInt8(ascii: "=") || lead == UInt8(ascii: "<") || ASCII.isDigit(lead), CurlTrace.looksLikeTrace(head) {
            return try trace(bytes, source: source)
        }
        if (lead == UInt8(ascii: "*") || lead == UInt8(ascii: ">")) && looksLikeVerbose(head)
            || lead == UInt8(ascii: "%") && CurlVerboseText.isProgressMeterHeader(head.prefix { $0 != 0x0A }) {
            return try verbose(bytes, source: source, body: verboseBody ?? [], bodyPath: verboseBodyPath)
        }
        if lead == UInt8(ascii: "{") {
            // Cheap looks first: most JSON inputs are single bodies, and parsing one twice costs.
            if Array(head).contains(Array("\"log\"".utf8)), let har = HARCapture.requests(bytes, source: source) { return har }
            if hasSecondLine(bytes, after: first), let stream = ndjson(bytes, source: source, extraHeaders: extraHeaders) { return stream }
        }
        // What other tools print: tshark follow, tcpdump -A/-X, tcpflow, ngrep, socat, debug logs, HTTPie, mitmdump.
        if let format = TextDumps.recognize(bytes.prefix(4096)) {
            let dump = TextDumps.requests(bytes, format: format)
            return try requests(in: dump.requests, fileFindings: dump.findings, source: source, kind: format.capture)
        }
        return nil
    }

    /// A file a capture names (a command's `-d @body.json`), read relative to the capture's folder.
    static func readBeside(_ source: String, _ name: String) -> [UInt8]? {
        var path = name
        if !name.hasPrefix("/"), source != "-", let slash = source.lastIndex(of: "/") {
            path = String(source[...slash]) + name
        }
        guard let stream = try? ByteStream.open(path: path), (try? stream.fillToEnd()) != nil else { return nil }
        return stream.copy(stream.available)
    }

    // MARK: streams recovered from other tools' captures

    /// The requests in the streams a capture reader recovered, numbered in order across streams;
    /// what the reader found about a stream goes with its first request, what it found about the
    /// file with the first request of all (or a record of its own when there is none).
    static func requests(in streams: [CapturedBytes], fileFindings: [Finding], source: String,
                         kind: CaptureKind) throws(InputError) -> [RequestDump] {
        var requests: [RequestDump] = []
        var pending = fileFindings
        for stream in streams {
            pending += stream.findings
            guard !stream.bytes.isEmpty else { continue }
            let reader = RequestReader(stream: ByteStream(bytes: stream.bytes, path: source), source: source,
                                       locator: stream.map, capture: kind)
            while var request = try reader.next() {
                request.index = requests.count
                // The reader's account of lost bytes says why the body is short: no truncation on top.
                if stream.loss != nil { request.findings.removeAll { $0.code == .httpTruncated } }
                request.findings = pending + request.findings
                pending = []
                request.loss = stream.loss
                requests.append(request)
            }
        }
        if requests.isEmpty {
            var record = emptyCapture(source, kind, "the capture holds no HTTP request")
            record.findings = pending + record.findings
            return [record]
        }
        if !pending.isEmpty {
            // Found after the last request (a later connection, the end of the file): a record of its own.
            var record = emptyCapture(source, kind, "")
            record.index = requests.count
            record.findings = pending
            record.isDelivery = false
            requests.append(record)
        }
        return requests
    }

    // MARK: curl --trace and --trace-ascii

    static func trace(_ bytes: [UInt8], source: String) throws(InputError) -> [RequestDump] {
        let rebuilt = CurlTrace.rebuild(bytes)
        let kind: CaptureKind = .curlTrace
        let reader = RequestReader(stream: ByteStream(bytes: rebuilt.bytes, path: source), source: source,
                                   locator: rebuilt.map, capture: kind)
        var requests: [RequestDump] = []
        let dots = Set(rebuilt.dots)
        while var request = try reader.next() {
            if rebuilt.ascii {
                request.findings.append(Finding(.info, .captureLossy,
                    "curl --trace-ascii prints every unprintable byte as '.'; curl --trace keeps the exact bytes",
                    at: request.position(ofRawOffset: 0)))
                let bodyStart = request.inputOffset + request.bodyRange.lowerBound
                let body = request.body
                let bodyDots = body.indices.filter { body[$0] == UInt8(ascii: ".") && dots.contains(bodyStart + $0) }.count
                // Only a JSON body has places where a '.' can only have been whitespace; in a form or
                // any other body a '.' is a dot, or an unknown byte.
                let isJSON = body.first { !ASCII.isWhitespace($0) && $0 != UInt8(ascii: ".") }.map { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") } ?? false
                if isJSON, request.bodySegments.isEmpty {
                    let rebuiltBody = CurlTrace.rebuildJSONBody(body, dots: dots, bodyStart: bodyStart)
                    if rebuiltBody.rebuiltCount > 0 {
                        var storage = request.bodyStorage
                        storage.replaceSubrange(request.bodyRange, with: rebuiltBody.lf)
                        request.bodyStorage = storage
                        request.bodyCandidates = rebuiltBody.candidates
                        request.findings.append(Finding(.info, .captureRebuilt,
                            "body rebuilt: \(rebuiltBody.rebuiltCount) '.' where only whitespace may stand read as line feeds"
                                + (rebuiltBody.inStrings > 0 ? "; \(rebuiltBody.inStrings) '.' inside strings kept as dots (they may stand for other bytes)" : ""),
                            at: request.position(ofBodyOffset: request.bodyRange.lowerBound)))
                    }
                    if rebuiltBody.inStrings > 0 {
                        request.loss = "curl --trace-ascii printed \(rebuiltBody.inStrings) byte(s) inside strings as '.', which may stand for other bytes"
                    }
                } else if bodyDots > 0 {
                    request.loss = "curl --trace-ascii printed \(bodyDots) byte(s) of the body as '.', which may stand for other bytes"
                }
            }
            requests.append(request)
        }
        if requests.isEmpty {
            return [emptyCapture(source, kind, "the trace holds no request (no '=> Send header' block)")]
        }
        return requests
    }

    static func emptyCapture(_ source: String, _ kind: CaptureKind, _ message: String) -> RequestDump {
        var dump = RequestDump(source: source, index: 0, capture: kind, method: nil, target: nil, version: nil, headers: [],
                               text: SourceText([]), bodyStorage: [], bodyRange: 0..<0, bodySegments: [], findings: [])
        dump.findings.append(Finding(.error, .inputEmpty, message))
        return dump
    }

    // MARK: curl -v

    static func looksLikeVerbose(_ bytes: ArraySlice<UInt8>) -> Bool {
        let lines = bytes.split(separator: 0x0A).prefix(8).map { String(decoding: $0, as: UTF8.self) }
        guard let first = lines.first, first.hasPrefix("* ") || first.hasPrefix("> ") else { return false }
        return lines.contains { line in
            line.hasPrefix("> ") && Array(line.dropFirst(2).utf8).withUnsafeBufferPointer { HTTPSyntax.isRequestLine($0) }
        }
    }

    /// The request lines `curl -v` printed (`> `, also between progress-meter redraws when stderr
    /// was merged into the file), and a body given with `--body`.
    static func verbose(_ bytes: [UInt8], source: String, body: [UInt8], bodyPath: String?) throws(InputError) -> [RequestDump] {
        var requests: [RequestDump] = []
        // The body comes from another file: its positions are its own lines and columns.
        let bodyText = SourceText(body)
        for head in CurlVerboseText.heads(bytes) {
            let map = head.map()
            let start = head.count
            for (index, byte) in body.enumerated() where index == 0 || body[index - 1] == 0x0A {
                _ = byte
                let position = bodyText.position(ofOffset: index)
                map.add(start: start + index, line: position.line, column: position.column, file: bodyPath)
            }
            let reader = RequestReader(stream: ByteStream(bytes: head.bytes + body, path: source), source: source, locator: map, capture: .curlVerbose)
            if var request = try reader.next() {
                request.index = requests.count
                if body.isEmpty {
                    // Not a truncation: curl -v never prints the body.
                    request.findings.removeAll { $0.code == .httpTruncated }
                    request.findings.append(Finding(.warning, .captureNoBody,
                        "curl -v shows only the request's headers; pass --body PATH with the body that was sent",
                        at: request.position(ofRawOffset: 0)))
                    request.loss = "curl -v shows only the request's headers, not the body that was signed; pass it with --body PATH"
                } else {
                    request.findings.append(Finding(.info, .captureBodyFile, "the body comes from --body; its positions are lines and columns of that file"))
                    // A --body whose size the captured Content-Length contradicts is most likely another request's body.
                    if let declared = request.header("Content-Length").flatMap({ Int($0.trimmingBlanks) }), declared != body.count {
                        request.findings.removeAll { $0.code == .httpContentLength || $0.code == .httpTruncated }
                        request.findings.append(Finding(.error, .httpContentLength,
                            "the captured Content-Length is \(declared) but the --body file has \(body.count) bytes: wrong body file?",
                            at: request.position(ofHeader: "Content-Length")))
                        request.loss = "the --body file is not the body this request declared (\(body.count) bytes for a Content-Length of \(declared))"
                    }
                }
                requests.append(request)
            }
        }
        return requests.isEmpty ? [emptyCapture(source, .curlVerbose, "the curl -v output holds no request ('> ' lines)")] : requests
    }

    // MARK: NDJSON

    /// Whether something other than blank space follows the first line.
    static func hasSecondLine(_ bytes: [UInt8], after start: Int) -> Bool {
        guard let newline = bytes[start...].firstIndex(of: 0x0A) else { return false }
        return bytes[(newline + 1)...].contains { !ASCII.isWhitespace($0) }
    }

    /// One JSON body per line: when the first line is a whole JSON value and more lines follow.
    static func ndjson(_ bytes: [UInt8], source: String, extraHeaders: [HTTPHeader]) -> [RequestDump]? {
        var lines: [(range: Range<Int>, number: Int)] = []
        var start = 0
        var number = 1
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            var end = index
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            if bytes[start..<end].contains(where: { !ASCII.isBlank($0) }) { lines.append((start..<end, number)) }
            start = index + 1
            number += 1
        }
        guard lines.count >= 2, case .success = JSONParser().parse(bytes, range: lines[0].range),
              bytes[lines[1].range].first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") else { return nil }
        return lines.enumerated().map { index, line in
            let raw = Array(bytes[line.range])
            var dump = RequestDump(source: source, index: index, capture: .ndjson, method: nil, target: nil, version: nil,
                                   headers: extraHeaders, text: SourceText(raw, baseLine: line.number), bodyStorage: raw,
                                   bodyRange: 0..<raw.count, bodySegments: [], findings: [])
            dump.inputOffset = line.range.lowerBound
            return dump
        }
    }
}
