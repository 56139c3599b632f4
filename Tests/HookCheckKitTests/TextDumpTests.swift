import Foundation
import Testing
@testable import HookCheckKit

@Suite("Text dumps: tshark follow, tcpdump, tcpflow, ngrep, socat, debug output, HTTPie, curl -v, mitmdump")
struct TextDumpTests {
    static let folder = "Tests/HookCheckKitTests/Fixtures/captures/"

    /// The three sample requests the fixtures carry (README.md and make-captures.sh beside them).
    enum Sample: String, Sendable {
        case superoffice, drift, copernica

        var path: String {
            switch self {
            case .superoffice: "samples/superoffice/contact.created.http"
            case .drift: "samples/drift/contact_updated.http"
            case .copernica: "samples/copernica/profile.update.http"
            }
        }

        /// The sample as a request: its target, the sender's headers and the body.
        func request() throws -> RequestDump {
            try #require(try readRequests(try fixtureBytes(path), source: path).first)
        }

        /// The headers the sender sets: Host and Content-Length are the tool's own, except
        /// Copernica's Host, which its signature covers (README.md, "What is sent").
        func senderHeaders(keepsHost: Bool = true) throws -> [HTTPHeader] {
            try request().headers.filter { !$0.hasName("Content-Length") && (self == .copernica && keepsHost || !$0.hasName("Host")) }
        }
    }

    /// How a body read from a fixture compares with the sample's.
    enum BodyCheck: Sendable {
        /// Byte for byte.
        case exact
        /// Byte for byte wherever the capture printed the byte itself, not a `.` for it.
        case faithfulExceptDots
        /// The same JSON value, or the same form bytes (a content view rebuilt).
        case sameMeaning
    }

    /// How a capture prints one byte at the position its map gives.
    enum Printing: Sendable {
        /// As itself.
        case text
        /// As two hex digits.
        case hex
    }

    /// One fixture made by a real tool and what must come out of it.
    struct Row: CustomTestStringConvertible, Sendable {
        var file: String
        var tool: String
        var format: TextDumpFormat
        /// The capture id its requests report.
        var capture: CaptureKind
        /// The samples each client stream carries, in order.
        var streams: [[Sample]]
        /// A word the loss must name, or nil when the bytes must be exact.
        var loss: String?
        var body: BodyCheck
        var printing: Printing
        /// Whether the client's Host is in the capture (mitmdump shows an HTTP/2 request's upstream URL).
        var keepsHost = true
        /// The codes each stream's own findings must have (none, for most).
        var streamCodes: Set<String> = []
        var testDescription: String { "\(file) (\(tool))" }
    }

    static let keepalive: [[Sample]] = [[.superoffice, .drift, .copernica], [.superoffice]]

    static let rows: [Row] = [
        Row(file: "tshark-follow-ascii.txt", tool: "TShark 4.0.17", format: .tsharkFollowASCII, capture: .tsharkFollow,
            streams: [[.superoffice, .drift, .copernica]], loss: "'.'", body: .faithfulExceptDots, printing: .text),
        Row(file: "tshark-follow-hex.txt", tool: "TShark 4.0.17", format: .tsharkFollowHex, capture: .tsharkFollow,
            streams: [[.superoffice, .drift, .copernica]], loss: nil, body: .exact, printing: .hex),
        Row(file: "tshark-follow-raw.txt", tool: "TShark 4.0.17", format: .tsharkFollowRaw, capture: .tsharkFollow,
            streams: [[.superoffice, .drift, .copernica]], loss: nil, body: .exact, printing: .hex),
        Row(file: "tcpdump-A.txt", tool: "tcpdump 4.99.3", format: .tcpdumpASCII, capture: .textDump,
            streams: keepalive, loss: "'.'", body: .faithfulExceptDots, printing: .text),
        Row(file: "tcpdump-X.txt", tool: "tcpdump 4.99.3", format: .tcpdumpHex, capture: .textDump,
            streams: keepalive, loss: nil, body: .exact, printing: .hex),
        Row(file: "tcpflow-c.txt", tool: "tcpflow 1.6.1", format: .tcpflow, capture: .textDump,
            streams: keepalive, loss: nil, body: .exact, printing: .text),
        Row(file: "ngrep-byline.txt", tool: "ngrep 1.47.1", format: .ngrepByline, capture: .textDump,
            streams: keepalive, loss: "'.'", body: .faithfulExceptDots, printing: .text),
        Row(file: "socat-v.txt", tool: "socat 1.7.4.4", format: .socatText, capture: .textDump,
            streams: [[.copernica]], loss: "'.'", body: .faithfulExceptDots, printing: .text),
        Row(file: "socat-x.txt", tool: "socat 1.7.4.4", format: .socatHex, capture: .textDump,
            streams: [[.copernica]], loss: nil, body: .exact, printing: .hex),
        Row(file: "python-httpclient-debuglevel1.txt", tool: "Python 3.11.7 http.client", format: .pythonHTTPClient, capture: .textDump,
            streams: [[.superoffice, .drift, .copernica]], loss: nil, body: .exact, printing: .text),
        Row(file: "requests-toolbelt-dump_all.txt", tool: "requests-toolbelt 1.0.0, requests 2.34.2", format: .requestsToolbelt, capture: .textDump,
            streams: [[.superoffice, .drift, .copernica]], loss: nil, body: .exact, printing: .text),
        Row(file: "httpie-v.txt", tool: "HTTPie 3.2.1", format: .httpie, capture: .httpie,
            streams: [[.superoffice]], loss: nil, body: .exact, printing: .text),
        Row(file: "httpie-print-HBhb.txt", tool: "HTTPie 3.2.1", format: .httpie, capture: .httpie,
            streams: [[.copernica]], loss: nil, body: .exact, printing: .text),
        Row(file: "mitmproxy8-flow-detail4.txt", tool: "mitmproxy 8.1.1", format: .mitmdump, capture: .textDump,
            streams: [[.superoffice, .drift, .copernica]], loss: "content view", body: .sameMeaning, printing: .text),
        Row(file: "mitmproxy11-flow-detail4.txt", tool: "mitmproxy 11.0.2", format: .mitmdump, capture: .textDump,
            streams: [[.superoffice, .drift, .copernica]], loss: "content view", body: .sameMeaning, printing: .text),
        Row(file: "mitmproxy10-flow-detail4.txt", tool: "mitmproxy 10.4.2", format: .mitmdump, capture: .textDump,
            streams: [[.superoffice, .drift, .copernica]], loss: "content view", body: .sameMeaning, printing: .text),
        Row(file: "mitmproxy12-flow-detail4.txt", tool: "mitmproxy 12.3.1", format: .mitmdump, capture: .textDump,
            streams: [[.superoffice, .drift, .copernica]], loss: "content view", body: .sameMeaning, printing: .text),
        Row(file: "mitmproxy10-http2-flow-detail4.txt", tool: "mitmproxy 10.4.2, HTTP/2", format: .mitmdump, capture: .textDump,
            streams: [[.superoffice, .drift, .copernica]], loss: "content view", body: .sameMeaning, printing: .text,
            keepsHost: false, streamCodes: ["capture.mitmproxy-converted"]),
        Row(file: "mitmproxy12-http2-flow-detail4.txt", tool: "mitmproxy 12.3.1, HTTP/2", format: .mitmdump, capture: .textDump,
            streams: [[.superoffice, .drift, .copernica]], loss: "content view", body: .sameMeaning, printing: .text,
            keepsHost: false, streamCodes: ["capture.mitmproxy-converted"]),
    ]

    /// The requests of one rebuilt stream, read as `Captures` reads a trace: through the map.
    static func requests(_ stream: CapturedBytes, source: String) throws -> [RequestDump] {
        let reader = RequestReader(stream: ByteStream(bytes: stream.bytes, path: source), source: source, locator: stream.map, capture: .textDump)
        var requests: [RequestDump] = []
        while let request = try reader.next() { requests.append(request) }
        return requests
    }

    static func read(_ row: Row) throws -> (text: [UInt8], streams: [CapturedBytes], findings: [Finding]) {
        let text = try fixtureBytes(folder + row.file)
        let (streams, findings) = TextDumps.requests(text, format: row.format)
        return (text, streams, findings)
    }

    @Test("each fixture is recognized as the format that made it", arguments: rows)
    func recognized(_ row: Row) throws {
        let text = try fixtureBytes(Self.folder + row.file)
        #expect(TextDumps.recognize(text.prefix(4096)) == row.format)
        #expect(row.format.capture == row.capture)
    }

    @Test("every request comes out, in order, with the sender's headers and the sample's body", arguments: rows)
    func requestsAndBodies(_ row: Row) throws {
        let (_, streams, findings) = try Self.read(row)
        #expect(findings.isEmpty, "\(findings)")
        try #require(streams.count == row.streams.count, "\(streams.count) streams")
        for (stream, samples) in zip(streams, row.streams) {
            #expect(Set(stream.findings.map(\.code.id)) == row.streamCodes, "\(stream.findings)")
            let requests = try Self.requests(stream, source: row.file)
            try #require(requests.count == samples.count, "\(requests.map(\.target))")
            for (request, sample) in zip(requests, samples) {
                let expected = try sample.request()
                #expect(request.method == "POST")
                #expect(request.target == expected.target)
                #expect(request.findings.isEmpty, "\(sample): \(request.findings)")
                for header in try sample.senderHeaders(keepsHost: row.keepsHost) {
                    #expect(request.headerValues(header.name) == [header.value], "\(sample): \(header.name)")
                }
                try Self.checkBody(request.body, expected.body, row.body, sample: sample)
            }
        }
    }

    static func checkBody(_ body: [UInt8], _ expected: [UInt8], _ check: BodyCheck, sample: Sample) throws {
        switch check {
        case .exact:
            #expect(body == expected, "\(sample): \(String(decoding: body, as: UTF8.self))")
        case .faithfulExceptDots:
            try #require(body.count == expected.count, "\(sample): \(body.count) bytes, not \(expected.count)")
            let differing = body.indices.filter { body[$0] != expected[$0] }
            #expect(differing.allSatisfy { body[$0] == UInt8(ascii: ".") }, "\(sample): differs at \(differing)")
        case .sameMeaning where sample == .copernica:
            #expect(body == expected, "\(sample): \(String(decoding: body, as: UTF8.self))")
        case .sameMeaning:
            let parsed = try JSONSerialization.jsonObject(with: Data(body)) as? NSDictionary
            let original = try JSONSerialization.jsonObject(with: Data(expected)) as? NSDictionary
            #expect(parsed != nil && parsed == original, "\(sample): \(String(decoding: body, as: UTF8.self))")
        }
    }

    @Test("an exact format has no loss; a lossy one says why", arguments: rows)
    func loss(_ row: Row) throws {
        let (_, streams, _) = try Self.read(row)
        #expect(!streams.isEmpty)
        for stream in streams {
            if let word = row.loss {
                let loss = try #require(stream.loss)
                #expect(loss.contains(word) && loss.contains(row.format.tool), "\(loss)")
                #expect(row.keepsHost || loss.contains("Host"), "\(loss)")
            } else {
                #expect(stream.loss == nil, "\(stream.loss ?? "")")
            }
        }
    }

    @Test("header names and the first body byte map to where the capture prints them", arguments: rows)
    func positions(_ row: Row) throws {
        let (text, streams, _) = try Self.read(row)
        let lines = text.split(separator: 0x0A, omittingEmptySubsequences: false)
        var checked = 0
        for (stream, samples) in zip(streams, row.streams) {
            for (request, sample) in zip(try Self.requests(stream, source: row.file), samples) {
                var offsets: [Int] = []
                for header in try sample.senderHeaders(keepsHost: row.keepsHost) {
                    let found = try #require(request.headers.first { $0.hasName(header.name) }?.offset)
                    offsets += (found..<found + header.name.utf8.count)
                }
                offsets.append(request.bodyRange.lowerBound)
                for offset in offsets {
                    let byte = request.text.bytes[offset]
                    let position = request.position(ofRawOffset: offset)
                    let line = try #require(position.line <= lines.count ? lines[position.line - 1] : nil)
                    let at = line.dropFirst(position.column - 1)
                    switch row.printing {
                    case .text:
                        #expect(at.first == byte, "\(sample) byte \(offset) '\(UnicodeScalar(byte))' at \(position)")
                    case .hex:
                        #expect(at.prefix(2).map { ASCII.lowercased($0) } == Array(ASCII.hex2(byte).lowercased().utf8),
                                "\(sample) byte \(offset) at \(position)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 20)
    }

    /// The client-to-server payload of each connection in capture 1 (`tcpdump-keepalive.pcap`:
    /// libpcap, Ethernet, IPv4, in order, no retransmission; README.md), read from the pcap itself.
    static func keepaliveClientStreams() throws -> [[UInt8]] {
        let pcap = try fixtureBytes(folder + "tcpdump-keepalive.pcap")
        func number(_ at: Int, _ size: Int, little: Bool = false) -> Int {
            let bytes = pcap[at..<at + size]
            return (little ? bytes.reversed() : Array(bytes)).reduce(0) { $0 << 8 | Int($1) }
        }
        var streams: [Int: [UInt8]] = [:]
        var order: [Int] = []
        var record = 24
        while record + 16 <= pcap.count {
            let length = number(record + 8, 4, little: true)
            let frame = record + 16
            record = frame + length
            let ip = frame + 14
            guard number(frame + 12, 2) == 0x0800, pcap[ip + 9] == 6 else { continue }
            let tcp = ip + Int(pcap[ip] & 0x0F) * 4
            let payload = tcp + Int(pcap[tcp + 12] >> 4) * 4
            let end = ip + number(ip + 2, 2)
            guard number(tcp + 2, 2) == 8089, payload < end else { continue }
            let port = number(tcp, 2)
            if streams[port] == nil { order.append(port) }
            streams[port, default: []] += pcap[payload..<end]
        }
        return order.compactMap { streams[$0] }
    }

    @Test("the dumps of capture 1 rebuild the bytes the pcap holds: all of them, or all but some '.'",
          arguments: rows.filter { $0.streams == keepalive || $0.file.hasPrefix("tshark-follow") })
    func againstPcap(_ row: Row) throws {
        let sent = try Self.keepaliveClientStreams()
        try #require(sent.count == 2 && sent.allSatisfy { !$0.isEmpty })
        let (_, streams, _) = try Self.read(row)
        // tshark follows stream 0 (connection A) only.
        try #require(streams.count == row.streams.count)
        for (stream, original) in zip(streams, sent) {
            if row.loss == nil {
                #expect(stream.bytes == original)
            } else {
                try #require(stream.bytes.count == original.count)
                let differing = original.indices.filter { stream.bytes[$0] != original[$0] }
                #expect(differing.allSatisfy { stream.bytes[$0] == UInt8(ascii: ".") }, "\(differing)")
            }
        }
    }

    // MARK: Damaged input

    /// A damaged capture, the marker where the finding must point, and how many requests before
    /// the damage must still come out whole.
    struct DamagedRow: CustomTestStringConvertible, Sendable {
        var name: String
        var format: TextDumpFormat
        var text: String
        var code: String
        var complete: Int
        var testDescription: String { name }
    }

    /// A small request whose body is `hi`.
    static func small(_ path: String, length: Int = 2, body: String = "hi") -> String {
        "POST \(path) HTTP/1.1\r\nHost: h\r\nContent-Length: \(length)\r\n\r\n\(body)"
    }

    static func tsharkASCII(_ entries: String) -> String {
        "\n" + String(repeating: "=", count: 67) + "\nFollow: tcp,ascii\nFilter: tcp.stream eq 0\nNode 0: 127.0.0.1:50402\nNode 1: 127.0.0.1:8089\n" + entries
    }

    static func segment(_ data: String) -> String { "\(data.utf8.count)\n\(data)\n" }

    /// `data` as Python's repr writes it inside b'...'.
    static func pythonLiteral(_ data: String) -> String {
        data.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func socatHeader(_ length: Int, from: Int = 0) -> String {
        "> 2026/11/29 15:58:55.000865491  length=\(length) from=\(from) to=\(from + length - 1)\n"
    }

    static func socatHex(_ data: String) -> String {
        data.utf8.map { String(format: " %02x", $0) }.joined() + "\n"
    }

    static let tcpflowLabel = "127.000.000.001.50402-127.000.000.001.08089: "

    static let damagedRows: [DamagedRow] = [
        DamagedRow(name: "tshark ascii: a length line that is not a number", format: .tsharkFollowASCII,
                   text: tsharkASCII(segment(small("/a")) + "⌖39x\nPOST /b HTTP/1.1\r\n\r\n\n"), code: "capture.damaged", complete: 1),
        DamagedRow(name: "tshark ascii: the file ends inside a segment", format: .tsharkFollowASCII,
                   text: tsharkASCII(segment(small("/a")) + "40\n⌖POST /b HTTP/1.1\r\nHo"), code: "capture.damaged", complete: 1),
        DamagedRow(name: "tshark ascii: a length that does not match its data", format: .tsharkFollowASCII,
                   text: tsharkASCII(segment(small("/a")) + "5\nPOST ⌖/b HTTP/1.1\r\n\r\n\n"), code: "capture.damaged", complete: 1),
        DamagedRow(name: "http.client: an escape Python does not write", format: .pythonHTTPClient,
                   text: "send: b'\(pythonLiteral(small("/a", body: "")))'\nsend: b'hi'\nreply: 'HTTP/1.1 200 OK\\r\\n'\nsend: b'POST /b HTTP/1.1⌖\\q'\n",
                   code: "capture.damaged", complete: 1),
        DamagedRow(name: "http.client: a send line cut short", format: .pythonHTTPClient,
                   text: "send: b'\(pythonLiteral(small("/a")))'\nsend: b'POST /b HTTP/1.1\\r\\nHo⌖", code: "capture.damaged", complete: 1),
        DamagedRow(name: "socat -v: a transfer header that is not one", format: .socatText,
                   text: socatHeader(small("/a").utf8.count) + small("/a") + "⌖< 2026/11/29 garbage\n", code: "capture.damaged", complete: 1),
        DamagedRow(name: "socat -v: the file ends inside a transfer", format: .socatText,
                   text: socatHeader(small("/a").utf8.count) + small("/a") + socatHeader(60, from: small("/a").utf8.count) + "POST /b HTTP/1.1\\r\nContent-Length: 10\\r\n\\r\nhi⌖",
                   code: "capture.damaged", complete: 1),
        DamagedRow(name: "socat -x: the file ends inside a transfer", format: .socatHex,
                   text: socatHeader(small("/a").utf8.count) + socatHex(small("/a")) + socatHeader(9, from: small("/a").utf8.count) + " 50 4f⌖",
                   code: "capture.damaged", complete: 1),
        DamagedRow(name: "requests-toolbelt: the dump ends inside a body", format: .requestsToolbelt,
                   text: "< POST /a HTTP/1.1\r\n< Host: h\r\n< Content-Length: 2\r\n< \r\n< hi\r\n\r\n> HTTP/1.1 200 OK\r\n> \r\nok"
                       + "< POST /b HTTP/1.1\r\n< Host: h\r\n< Content-Length: 10\r\n< \r\n⌖< hi", code: "capture.damaged", complete: 1),
        DamagedRow(name: "tcpflow: the file ends inside a body (no lengths: the request is cut)", format: .tcpflow,
                   text: tcpflowLabel + small("/a") + "\n" + tcpflowLabel + small("/b", length: 10) + "⌖\n", code: "http.truncated", complete: 1),
    ]

    @Test("damage is a finding where it is, and the requests before it come out whole", arguments: damagedRows)
    func damaged(_ row: DamagedRow) throws {
        let (bytes, marker) = marked(row.text)
        let offset = try #require(marker)
        let expected = TextLines(bytes).position(offset)
        let (streams, fileFindings) = TextDumps.requests(bytes, format: row.format)
        #expect(fileFindings.isEmpty)
        let stream = try #require(streams.first)
        let requests = try Self.requests(stream, source: row.name)
        let findings = stream.findings + requests.flatMap(\.findings)
        #expect(findings.contains { $0.code.id == row.code && $0.position == expected }, "\(findings) (want \(expected))")
        let whole = requests.prefix { $0.findings.isEmpty }
        #expect(whole.count == row.complete, "\(requests.map { ($0.target ?? "-", $0.findings.map(\.code.id)) })")
        #expect(whole.allSatisfy { $0.body == Array("hi".utf8) })
    }

    @Test("a hex line taken out is caught by the offsets that follow it", arguments: [
        ("tshark-follow-hex.txt", TextDumpFormat.tsharkFollowHex), ("tcpdump-X.txt", .tcpdumpHex),
    ])
    func missingHexLine(_ file: String, _ format: TextDumpFormat) throws {
        var lines = try fixture(Self.folder + file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // In copernica's body: tshark's second-to-last client line; tcpdump's second row of its packet.
        let removed: Int
        let column: Int
        if format == .tsharkFollowHex {
            removed = try #require(lines.indices.last { lines[$0].first?.isHexDigit == true && lines[$0].count > 60 }) - 1
            column = 1
        } else {
            removed = try #require(lines.firstIndex { $0.hasSuffix("length 354") }) + 2
            column = 2
        }
        lines.remove(at: removed)
        let (streams, _) = TextDumps.requests(Array(lines.joined(separator: "\n").utf8), format: format)
        let stream = try #require(streams.first)
        #expect(stream.findings.map(\.code.id) == ["capture.damaged"])
        #expect(stream.findings.first?.position == SourcePosition(line: removed + 1, column: column))
        let requests = try Self.requests(stream, source: file)
        #expect(requests.prefix { $0.findings.isEmpty }.map(\.target) == ["/webhooks/superoffice", "/webhooks/drift"])
    }

    @Test("a fixture cut anywhere or missing a line never traps, and yields no more whole requests", arguments: rows)
    func cutAnywhere(_ row: Row) throws {
        let text = try fixtureBytes(Self.folder + row.file)
        let whole = row.streams.joined().count
        // Read as any other format, it never traps either.
        for format in TextDumpFormat.allCases where format != row.format {
            _ = try TextDumps.requests(text, format: format).requests.flatMap { try Self.requests($0, source: row.file) }
        }
        var variants = stride(from: 0, to: text.count, by: max(1, text.count / 24)).map { Array(text[..<$0]) }
        let lines = text.split(separator: 0x0A, omittingEmptySubsequences: false)
        for removed in stride(from: 0, to: lines.count, by: max(1, lines.count / 24)) {
            variants.append(Array(lines.enumerated().filter { $0.offset != removed }.map(\.element).joined(separator: [0x0A])))
        }
        for variant in variants {
            let (streams, _) = TextDumps.requests(variant, format: row.format)
            let requests = try streams.flatMap { try Self.requests($0, source: row.file) }
            #expect(requests.filter { $0.findings.isEmpty }.count <= whole)
        }
    }

    // MARK: What is not a text dump

    @Test("raw requests, bodies, NDJSON, HAR, curl traces and plain curl -v are not claimed")
    func notClaimed() throws {
        // samples/captures keeps one text dump of each kind on purpose (its .commands names them).
        let textDumps: Set<String> = ["samples/captures/tshark-follow-hex.txt", "samples/captures/tcpdump-X.txt", "samples/captures/httpie-v.txt"]
        var inputs: [(String, [UInt8])] = try sampleFiles("samples").filter { !textDumps.contains($0) }.map { ($0, try fixtureBytes($0)) }
        for file in ["mitmproxy11-flows.har", "wget-debug.txt", "chrome-copy-as-curl-drift.txt", "mitmproxy8-export-curl.txt",
                     "mitmproxy11-export-httpie.txt", "curl-commands.txt"] {
            inputs.append((file, try fixtureBytes(Self.folder + file)))
        }
        let inline = [
            "{\"orgId\": 1}", "type=update&profile=1", "{\"a\": 1}\n{\"a\": 2}\n",
            "== Info:   Trying 127.0.0.1:8089...\n=> Send header, 18 bytes (0x12)\n0000: 50 4f 53 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d POST / HTTP/1.1.\n",
            "== Info:   Trying 127.0.0.1:8089...\n=> Send header, 18 bytes (0x12)\n0000: POST / HTTP/1.1\n",
            "*   Trying 127.0.0.1:8089...\n* Connected to 127.0.0.1 port 8089\n> POST / HTTP/1.1\r\n> Host: h\r\n> \r\n",
            "> POST / HTTP/1.1\r\n> Host: h\r\n> \r\n",
            "POST /a HTTP/1.1\r\nHost: h\r\nAccept: */*\r\nContent-Length: 2\r\n\r\nhi",
        ]
        inputs += inline.map { ($0, Array($0.utf8)) }
        #expect(inputs.count > 20)
        for (name, bytes) in inputs {
            #expect(TextDumps.recognize(bytes.prefix(4096)) == nil, "\(name)")
        }
    }

    // MARK: curl -v with stderr merged

    @Test("curl -v > file 2>&1: Captures reads each head between progress-meter redraws, in place")
    func curlVerboseMerged() throws {
        let text = try fixture(Self.folder + "curl-v-next.txt")
        // Split as bytes: a String keeps CR LF together as one Character.
        let lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        #expect(TextDumps.recognize(Array(text.utf8).prefix(4096)) == .curlVerbose)
        // Read as any input is: its first bytes let it through to the capture readers.
        let requests = try InputRequests.all(in: ByteStream(bytes: Array(text.utf8), path: "curl-v-next.txt"), source: "curl-v-next.txt")
        #expect(requests.map(\.target) == ["/webhooks/superoffice", "/webhooks/drift", "/webhooks/copernica"])
        for (request, sample) in zip(requests, [Sample.superoffice, .drift, .copernica]) {
            #expect(request.capture == .curlVerbose)
            #expect(request.findings.map(\.code.id) == ["capture.no-body"])
            for header in try sample.senderHeaders() {
                #expect(request.headerValues(header.name) == [header.value], "\(sample): \(header.name)")
                // Each header line is found where curl printed it, after `> ` (or after a redraw).
                let line = try #require(lines.firstIndex { $0.hasSuffix("> " + header.name + ": " + header.value + "\r") })
                let column = lines[line].utf8.count - (header.name + ": " + header.value + "\r").utf8.count + 1
                #expect(request.position(ofHeader: header.name) == SourcePosition(line: line + 1, column: column), "\(sample): \(header.name)")
            }
        }
        // The request line of the second and third requests follows a progress-meter redraw.
        let redrawn = try #require(lines.firstIndex { $0.contains("0> POST /webhooks/drift") })
        #expect(requests[1].position(ofRawOffset: 0) == SourcePosition(line: redrawn + 1, column: lines[redrawn].utf8.count - "POST /webhooks/drift HTTP/1.1\r".utf8.count + 1))
        // TextDumps gives the same heads, each said to lack its body.
        let (streams, _) = TextDumps.requests(Array(text.utf8), format: .curlVerbose)
        #expect(streams.count == 3)
        #expect(streams.allSatisfy { $0.loss?.contains("curl -v") == true && $0.findings.map(\.code.id) == ["capture.no-body"] })
    }

    @Test("curl -v > file 2>&1 with --body: the signature checks")
    func curlVerboseMergedWithBody() throws {
        let text = try fixtureBytes(Self.folder + "curl-v.txt")
        let body = try Sample.superoffice.request().body
        let requests = try #require(try Captures.requests(text, source: "curl-v.txt", verboseBody: body))
        let request = try #require(requests.first)
        #expect(requests.count == 1 && request.body == body)
        let record = Inspector(options: withSecrets([("--secret sample", try superOfficeSecret)])).analyze(request)
        #expect(record.vendor == "superoffice")
        #expect(record.auth?.status == .valid, "\(record.auth?.detail ?? "")")
    }
}
