import Foundation
import Testing
@testable import HookCheckKit

@Suite("mitmproxy flow files")
struct MitmproxyFlowTests {
    /// A flow file made by a real mitmproxy: its path, and the version that made it, as its
    /// version file records it.
    struct RealFixture: CustomTestStringConvertible, Sendable {
        var file: String
        var version: String
        var versionFile: String
        var http2 = false
        var testDescription: String { "\(file) (mitmproxy \(version)\(http2 ? ", HTTP/2" : ""))" }
        var path: String { "Tests/HookCheckKitTests/Fixtures/captures/" + file }
    }

    static let fixtures: [RealFixture] = [
        RealFixture(file: "mitmproxy8-flows.mitm", version: "8.1.1", versionFile: "versions.txt"),
        RealFixture(file: "mitmproxy10-flows.mitm", version: "10.4.2", versionFile: "mitmproxy10-version.txt"),
        RealFixture(file: "mitmproxy10-http2-flows.mitm", version: "10.4.2", versionFile: "mitmproxy10-version.txt", http2: true),
        RealFixture(file: "mitmproxy11-flows.mitm", version: "11.0.2", versionFile: "versions.txt"),
        RealFixture(file: "mitmproxy12-flows.mitm", version: "12.3.1", versionFile: "mitmproxy12-version.txt"),
        RealFixture(file: "mitmproxy12-http2-flows.mitm", version: "12.3.1", versionFile: "mitmproxy12-version.txt", http2: true),
    ]

    /// The three samples sent through mitmdump, in order (make-captures.sh, samplebits.py).
    static let samples = ["samples/superoffice/contact.created.http", "samples/drift/contact_updated.http",
                          "samples/copernica/profile.update.http"]

    struct Sample {
        var method: String
        var target: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]
    }

    /// A sample split as samplebits.py splits it: the request line, the headers, the body bytes.
    static func sample(_ path: String) throws -> Sample {
        let bytes = try fixtureBytes(path)
        var split: (head: Int, body: Int)?
        for index in bytes.indices where bytes[index] == 0x0A {
            if index + 1 < bytes.count, bytes[index + 1] == 0x0A { split = (index, index + 2); break }
            if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A { split = (index, index + 3); break }
        }
        let (head, bodyStart) = try #require(split, "\(path) has no blank line")
        let lines = String(decoding: bytes[..<head], as: UTF8.self).split(separator: "\n").map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let requestLine = lines[0].split(separator: " ")
        let headers = lines.dropFirst().map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return (String(line[..<colon]), String(line[colon...].dropFirst()).trimmingCharacters(in: .whitespaces))
        }
        return Sample(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: Array(bytes[bodyStart...]))
    }

    /// The requests of a flow file, read as `Captures` reads captured bytes.
    static func read(_ bytes: [UInt8]) throws -> (requests: [RequestDump], captured: [CapturedBytes], findings: [Finding]) {
        let result = MitmproxyFlows.requests(bytes)
        var requests: [RequestDump] = []
        for captured in result.requests {
            let reader = RequestReader(stream: ByteStream(bytes: captured.bytes, path: "flows"), source: "flows",
                                       locator: captured.map, capture: .mitmproxy)
            requests.append(try #require(try reader.next()))
            #expect(try reader.next() == nil, "one request per flow")
        }
        return (requests, result.requests, result.findings)
    }

    /// Line and column of a byte offset, counted here without SourceText: LF ends a line.
    static func position(_ bytes: [UInt8], _ offset: Int) -> SourcePosition {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return SourcePosition(line: line, column: offset - lineStart + 1)
    }

    /// The offset of `needle` in `bytes` at or after `from`.
    static func offset(of needle: [UInt8], in bytes: [UInt8], from: Int = 0) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        return (from...(bytes.count - needle.count)).first { bytes[$0] == needle[0] && bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    /// Where each top-level flow starts and ends, read from the length prefixes alone.
    static func flowRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var offset = 0
        while offset < bytes.count, let colon = bytes[offset...].firstIndex(of: UInt8(ascii: ":")),
              let length = Int(String(decoding: bytes[offset..<colon], as: UTF8.self)) {
            ranges.append(offset..<colon + length + 2)
            offset = colon + length + 2
        }
        return ranges
    }

    /// Where the request dictionary of a flow starts: its sender's header pairs follow it.
    static func requestStart(_ bytes: [UInt8], _ flow: Range<Int>) throws -> Int {
        try #require(offset(of: Array("7:request;".utf8), in: bytes, from: flow.lowerBound))
    }

    // MARK: Real flow files

    @Test("the version named in each row is the one that made the fixture", arguments: fixtures)
    func versionRecorded(_ fixture: RealFixture) throws {
        let versions = try HookCheckKitTests.fixture("Tests/HookCheckKitTests/Fixtures/captures/" + fixture.versionFile)
        #expect(versions.contains("Mitmproxy: \(fixture.version) "), "\(fixture.versionFile) does not name mitmproxy \(fixture.version)")
        #expect(MitmproxyFlows.looksLikeFlows(try fixtureBytes(fixture.path)))
    }

    @Test("each flow's method, target, body and sender headers equal the sample's", arguments: fixtures)
    func matchesSamples(_ fixture: RealFixture) throws {
        let bytes = try fixtureBytes(fixture.path)
        let (requests, captured, findings) = try Self.read(bytes)
        #expect(findings.isEmpty, "\(findings)")
        try #require(requests.count == Self.samples.count)
        for ((request, bytesOfRequest), path) in zip(zip(requests, captured), Self.samples) {
            let sample = try Self.sample(path)
            #expect(request.method == sample.method, "\(path)")
            #expect(request.target == sample.target, "\(path)")
            #expect(request.version == "HTTP/1.1")
            #expect(request.body == sample.body, "\(path): body differs")
            #expect(request.header("Content-Length") == String(sample.body.count), "\(path)")
            #expect(request.findings.isEmpty, "\(path): \(request.findings)")
            #expect(bytesOfRequest.loss == nil)
            // The sender's headers, in the sample's order (samplebits.py: Content-Length is the
            // tool's, and Host the proxy's, except where the signature covers it).
            let keepHost = path.contains("copernica")
            let senders = sample.headers.filter { !$0.name.lowercased().hasPrefix("content-length") && (keepHost || $0.name.lowercased() != "host") }
            var remaining = request.headers[...]
            for header in senders {
                let found = remaining.firstIndex { $0.hasName(header.name) && $0.value == header.value }
                #expect(found != nil, "\(path): \(header.name): \(header.value) missing or out of order")
                if let found { remaining = request.headers[(found + 1)...] }
            }
            let converted = bytesOfRequest.findings.filter { $0.code == .mitmproxyConverted }
            #expect(converted.count == (fixture.http2 ? 1 : 0), "\(bytesOfRequest.findings)")
            #expect(bytesOfRequest.findings.count == converted.count, "\(bytesOfRequest.findings)")
        }
    }

    @Test("each header line points at its value in the flow file, the request at its method", arguments: fixtures)
    func headerPositions(_ fixture: RealFixture) throws {
        let bytes = try fixtureBytes(fixture.path)
        let (requests, _, _) = try Self.read(bytes)
        let flows = Self.flowRanges(bytes)
        try #require(flows.count == requests.count)
        var checked = 0
        for (request, flow) in zip(requests, flows) {
            let start = try Self.requestStart(bytes, flow)
            for header in request.headers {
                let name = Array(header.name.utf8)
                let value = Array(header.valueBytes)
                // The stored pair, `N:name,M:value,]`; a header rebuilt from :authority has none.
                let pair = Array("\(name.count):".utf8) + name + Array(",\(value.count):".utf8) + value + Array(",]".utf8)
                guard let at = Self.offset(of: pair, in: bytes, from: start), at < flow.upperBound else {
                    #expect(fixture.http2 && header.hasName("Host"), "\(header.name) is not stored in flow at \(flow)")
                    continue
                }
                let valueOffset = at + pair.count - 2 - value.count
                #expect(request.position(ofHeader: header.name) == Self.position(bytes, valueOffset), "\(fixture.file): \(header.name)")
                checked += 1
            }
            let method = try #require(Self.offset(of: Array("6:method;4:POST,".utf8), in: bytes, from: start))
            let methodPosition = Self.position(bytes, method + 11)
            #expect(request.position(ofRawOffset: 0) == methodPosition)
            #expect(request.line == methodPosition.line)
            let target = try #require(request.target)
            let path = try #require(Self.offset(of: Array("4:path;\(target.utf8.count):\(target),".utf8), in: bytes, from: start))
            #expect(request.position(ofRawOffset: "POST ".utf8.count) == Self.position(bytes, path + "4:path;:".utf8.count + String(target.utf8.count).count))
        }
        #expect(checked >= Self.samples.count * 4)
    }

    @Test("every body byte maps to where it stands in the flow file", arguments: fixtures)
    func bodyPositions(_ fixture: RealFixture) throws {
        let bytes = try fixtureBytes(fixture.path)
        let (requests, _, _) = try Self.read(bytes)
        for (request, flow) in zip(requests, Self.flowRanges(bytes)) {
            let body = request.body
            let stored = Array("\(body.count):".utf8) + body + Array(",".utf8)
            let at = try #require(Self.offset(of: stored, in: bytes, from: try Self.requestStart(bytes, flow)))
            let contentStart = at + stored.count - 1 - body.count
            let wrong = body.indices.first {
                request.position(ofBodyOffset: request.bodyRange.lowerBound + $0) != Self.position(bytes, contentStart + $0)
            }
            #expect(wrong == nil, "\(fixture.file): body byte \(wrong ?? 0) of \(body.count) is placed wrong")
        }
    }

    @Test("HTTP/2 flows get Host from :authority, placed where the authority stands",
          arguments: fixtures.filter(\.http2))
    func http2Authority(_ fixture: RealFixture) throws {
        let bytes = try fixtureBytes(fixture.path)
        let (requests, captured, _) = try Self.read(bytes)
        for ((request, flow), bytesOfRequest) in zip(zip(requests, Self.flowRanges(bytes)), captured) {
            let host = try #require(request.header("Host"))
            let stored = Array("9:authority;\(host.utf8.count):\(host),".utf8)
            let at = try #require(Self.offset(of: stored, in: bytes, from: try Self.requestStart(bytes, flow)))
            #expect(request.headers.first?.hasName("Host") == true, "mitmproxy inserts Host first")
            #expect(request.position(ofHeader: "Host") == Self.position(bytes, at + stored.count - 1 - host.utf8.count))
            let finding = try #require(bytesOfRequest.findings.first)
            #expect(finding.message.contains("HTTP/2.0") && finding.message.contains("Host from :authority"), "\(finding.message)")
        }
    }

    @Test("a file cut anywhere gives every whole flow before the cut, and one error at the cut")
    func everyCut() throws {
        let bytes = try fixtureBytes(Self.fixtures[3].path)
        let ends = Self.flowRanges(bytes).map(\.upperBound)
        #expect(ends.count == Self.samples.count)
        for cut in 1..<bytes.count {
            let result = MitmproxyFlows.requests(Array(bytes[..<cut]))
            let whole = ends.filter { $0 <= cut }.count
            #expect(result.requests.count == whole, "cut at \(cut)")
            let atBoundary = ends.contains(cut)
            #expect(result.findings.map(\.code) == (atBoundary ? [] : [.mitmproxySyntax]), "cut at \(cut)")
            if !atBoundary {
                #expect(result.findings.first?.position == Self.position(bytes, cut), "cut at \(cut)")
            }
        }
    }

    @Test("damaged bytes anywhere give findings, never a trap")
    func mutations() throws {
        let original = try fixtureBytes(Self.fixtures[1].path)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(Int32.max))
        }
        let replacements: [UInt8] = Array("0123456789:,;#^!~]}x".utf8) + [0x0A, 0xFF]
        var damaged = 0
        for _ in 0..<1500 {
            var bytes = original
            for _ in 0...(next() % 3) { bytes[next() % bytes.count] = replacements[next() % replacements.count] }
            let result = MitmproxyFlows.requests(bytes)
            #expect(result.requests.count <= Self.samples.count)
            if result.findings.contains(where: { $0.severity == .error }) { damaged += 1 }
            for finding in result.findings + result.requests.flatMap(\.findings) { #expect(finding.position != nil, "\(finding)") }
        }
        #expect(damaged > 100)
    }

    // MARK: Inline flow files

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        /// The code of the one file-level finding, and its offset in `bytes`.
        var code: FindingCode?
        var offset: Int?
        var requests: Int
        var testDescription: String { name }
    }

    static let good = TNet.httpFlow().encoded

    /// The offset of the `depth`-th value in a run of nested lists: each list's data starts with the next.
    static func nestedListStart(_ bytes: [UInt8], depth: Int) -> Int {
        var offset = (bytes.firstIndex(of: UInt8(ascii: ":")) ?? 0) + 1 + "1:a;".utf8.count
        for _ in 1..<depth { offset = (bytes[offset...].firstIndex(of: UInt8(ascii: ":")) ?? 0) + 1 }
        return offset
    }

    static let nested65: [UInt8] = {
        var value = TNet.list([])
        for _ in 0..<64 { value = .list([value]) }
        return TNet.dict([("a", value)]).encoded
    }()

    static let nested64: [UInt8] = {
        var value = TNet.list([])
        for _ in 0..<62 { value = .list([value]) }
        return TNet.dict([("a", value), ("type", .text("tcp"))]).encoded
    }()

    /// A small flow dictionary with the type tag of its last value replaced by `tag`.
    static func retagged(_ last: TNet, _ tag: Character) -> (bytes: [UInt8], tagOffset: Int) {
        var bytes = TNet.dict([("type", .text("http")), ("x", last)]).encoded
        let tagOffset = bytes.count - 2
        bytes[tagOffset] = tag.asciiValue ?? 0
        return (bytes, tagOffset)
    }

    static let cases: [Case] = {
        let damaged = retagged(.text("x"), "?")
        let boolean = retagged(.text("yes"), "!")
        let odd = Array("21:4:type;4:http;4:oops;}".utf8)
        return [
            Case(name: "two good flows", bytes: good + good, requests: 2),
            Case(name: "cut inside the second flow", bytes: good + good.prefix(40), code: .mitmproxySyntax,
                 offset: good.count + 40, requests: 1),
            Case(name: "a length prefix longer than the file", bytes: good + Array("99999:4:type;4:http;}".utf8),
                 code: .mitmproxySyntax, offset: good.count + 21, requests: 1),
            Case(name: "a length prefix over 64 MiB", bytes: good + Array("67108865:4:type;".utf8), code: .mitmproxySyntax,
                 offset: good.count, requests: 1),
            Case(name: "a non-digit in a length", bytes: good + Array("2x:4:type;".utf8), code: .mitmproxySyntax,
                 offset: good.count + 1, requests: 1),
            Case(name: "text after the last flow", bytes: good + Array("\nnot a flow".utf8), code: .mitmproxySyntax,
                 offset: good.count + 1, requests: 1),
            Case(name: "nesting 64 deep is read", bytes: nested64 + good, code: .mitmproxySkipped,
                 offset: offset(of: Array("4:tcp;".utf8), in: nested64).map { $0 + 2 }, requests: 1),
            Case(name: "nesting 65 deep", bytes: nested65 + good, code: .mitmproxySyntax,
                 offset: nestedListStart(nested65, depth: 64), requests: 1),
            Case(name: "a wrong type tag, then a good flow", bytes: damaged.bytes + good, code: .mitmproxySyntax,
                 offset: damaged.tagOffset, requests: 1),
            Case(name: "a dictionary with an odd number of items", bytes: good + odd, code: .mitmproxySyntax,
                 offset: good.count + 17, requests: 1),
            Case(name: "a flow that is not a dictionary", bytes: Array("3:abc,".utf8) + good, code: .mitmproxySyntax,
                 offset: 0, requests: 1),
            Case(name: "an invalid boolean, then a good flow", bytes: boolean.bytes + good, code: .mitmproxySyntax,
                 offset: boolean.tagOffset - 3, requests: 1),
            Case(name: "a tcp flow between two HTTP flows", bytes: good + TNet.otherFlow("tcp", messages: 2).encoded + good,
                 code: .mitmproxySkipped, offset: nil, requests: 2),
            Case(name: "a udp flow", bytes: TNet.otherFlow("udp", messages: 1).encoded, code: .mitmproxySkipped, offset: nil, requests: 0),
            Case(name: "a dns flow", bytes: TNet.dict([("response", .null), ("request", .dict([("id", .int(1))])), ("type", .text("dns"))]).encoded,
                 code: .mitmproxySkipped, offset: nil, requests: 0),
            Case(name: "an HTTP flow without a method", bytes: TNet.httpFlow(method: "").encoded, code: .mitmproxyFlow, offset: nil, requests: 0),
        ]
    }()

    @Test("flow files, good and bad: the requests, and one finding with its position", arguments: cases)
    func inline(_ row: Case) throws {
        let (requests, _, findings) = try Self.read(row.bytes)
        #expect(requests.count == row.requests)
        #expect(findings.map(\.code) == (row.code.map { [$0] } ?? []), "\(findings)")
        if let finding = findings.first, let code = row.code {
            #expect(finding.severity == code.severity)
            if let offset = row.offset { #expect(finding.position == Self.position(row.bytes, offset), "\(finding.message)") }
            #expect(finding.position != nil)
        }
        for request in requests { #expect(request.body == Array("{\"a\":1}".utf8)) }
    }

    @Test("a skipped flow is named by its type")
    func skippedNamesType() throws {
        let bytes = TNet.otherFlow("tcp", messages: 2).encoded
        let finding = try #require(MitmproxyFlows.requests(bytes).findings.first)
        #expect(finding.message.contains("tcp flow (2 messages)"), "\(finding.message)")
        let type = try #require(Self.offset(of: Array("4:type;3:tcp;".utf8), in: bytes))
        #expect(finding.position == Self.position(bytes, type + 9))
    }

    @Test("Content-Length that disagrees with the stored body: the stored bytes, a warning, a loss")
    func contentLengthDisagrees() throws {
        let bytes = TNet.httpFlow(headers: [("Content-Type", "application/json"), ("Content-Length", "12")]).encoded
        let (requests, captured, findings) = try Self.read(bytes)
        #expect(findings.isEmpty)
        let request = try #require(requests.first)
        #expect(request.body == Array("{\"a\":1}".utf8))
        #expect(request.header("Content-Length") == "7")
        #expect(request.findings.isEmpty, "\(request.findings)")
        let finding = try #require(captured.first?.findings.first)
        #expect(finding.code == .mitmproxyContentLength)
        let value = try #require(Self.offset(of: Array("14:Content-Length,2:12,".utf8), in: bytes))
        #expect(finding.position == Self.position(bytes, value + 20))
        #expect(captured.first?.loss != nil)
    }

    @Test("a body mitmproxy did not keep: headers only, a warning, a loss")
    func noBody() throws {
        let (requests, captured, _) = try Self.read(TNet.httpFlow(content: .null).encoded)
        #expect(requests.first?.body == [])
        #expect(captured.first?.findings.map(\.code) == [.mitmproxyNoBody])
        #expect(captured.first?.loss != nil)
    }

    @Test("repeated headers are kept, in order")
    func repeatedHeaders() throws {
        let headers = [("X-A", "1"), ("X-B", "2"), ("X-A", "3"), ("Content-Length", "7")]
        let request = try #require(try Self.read(TNet.httpFlow(headers: headers).encoded).requests.first)
        #expect(request.headers.map(\.name) == headers.map(\.0))
        #expect(request.headerValues("X-A") == ["1", "3"])
    }

    @Test("a chunked request keeps its framing and trailers; its body is the stored bytes")
    func chunked() throws {
        let flow = TNet.httpFlow(headers: [("Transfer-Encoding", "chunked")], trailers: .headers([("X-Sum", "abc")]))
        let (requests, captured, _) = try Self.read(flow.encoded)
        let request = try #require(requests.first)
        #expect(request.body == Array("{\"a\":1}".utf8))
        #expect(request.findings.isEmpty, "\(request.findings)")
        #expect(String(decoding: try #require(captured.first).bytes, as: UTF8.self).hasSuffix("\r\n\r\n7\r\n{\"a\":1}\r\n0\r\nX-Sum: abc\r\n\r\n"))
        #expect(captured.first?.findings.isEmpty == true)
    }

    @Test("HTTP/2 trailers: chunked framing instead of Content-Length")
    func http2Trailers() throws {
        let flow = TNet.httpFlow(version: "HTTP/2.0", authority: "hooks.example.com",
                                 headers: [("content-length", "7")], trailers: .headers([("x-sum", "abc")]))
        let (requests, captured, _) = try Self.read(flow.encoded)
        let request = try #require(requests.first)
        #expect(request.body == Array("{\"a\":1}".utf8))
        #expect(request.header("Host") == "hooks.example.com")
        #expect(request.header("Transfer-Encoding") == "chunked")
        #expect(request.header("Content-Length") == nil)
        #expect(request.findings.isEmpty, "\(request.findings)")
        #expect(captured.first?.findings.map(\.code) == [.mitmproxyConverted])
    }

    @Test("request targets: origin form, absolute form, and the format before authority", arguments: [
        (TNet.httpFlow(), "/hooks/in"),
        (TNet.httpFlow(authority: "hooks.example.com"), "http://hooks.example.com/hooks/in"),
        (TNet.dict([("type", .text("http")), ("version", .int(8)), ("request", .dict([
            ("first_line_format", .text("absolute")), ("method", .bytes("POST")), ("scheme", .bytes("http")),
            ("host", .text("hooks.example.com")), ("port", .int(8080)), ("path", .bytes("/hooks/in")),
            ("http_version", .bytes("HTTP/1.1")), ("headers", .headers([("Content-Length", "7")])),
            ("content", .bytes("{\"a\":1}"))]))]), "http://hooks.example.com:8080/hooks/in"),
        (TNet.bytesKeyedDict([("type", .bytes("http")), ("version", .int(17)), ("request", .bytesKeyedDict([
            ("method", .bytes("POST")), ("path", .bytes("/old")), ("http_version", .bytes("HTTP/1.1")),
            ("headers", .headers([("Content-Length", "7")])), ("content", .bytes("{\"a\":1}"))]))]), "/old"),
    ].map { ($0.0.encoded, $0.1) })
    func targets(_ bytes: [UInt8], _ target: String) throws {
        let (requests, captured, findings) = try Self.read(bytes)
        #expect(findings.isEmpty)
        #expect(requests.first?.target == target)
        #expect(requests.first?.body == Array("{\"a\":1}".utf8))
        #expect(captured.first?.findings.isEmpty == true, "\(captured.first?.findings ?? [])")
    }

    @Test("a WebSocket handshake is read, its messages named and skipped; an unknown format version is said")
    func webSocketAndVersion() throws {
        let socket = TNet.dict([("messages", .list([.list([.int(1), .text("true"), .bytes("hi"), .text("1.0")])]))])
        let (requests, captured, _) = try Self.read(TNet.httpFlow(method: "GET", content: .bytes(""), formatVersion: 22, websocket: socket).encoded)
        #expect(requests.first?.method == "GET")
        let codes = try #require(captured.first).findings.map(\.code)
        #expect(codes == [.mitmproxyVersion, .mitmproxySkipped])
    }

    @Test("looksLikeFlows claims flow files only", arguments: [
        (TNet.httpFlow().encoded, true),
        (TNet.otherFlow("tcp", messages: 1).encoded, true),
        (Array("2551:4:type;4:http;7:version;2:17#".utf8), true),
        (Array("{\"type\":\"http\",\"version\":21}".utf8), false),
        (Array("POST /hooks HTTP/1.1\r\nHost: a\r\n\r\n".utf8), false),
        (Array("{\"a\":1}\n{\"a\":2}\n".utf8), false),
        (Array("12:hello world,".utf8), false),
        (Array("10:1:a;1:b;}".utf8), false),
        (Array("0:}".utf8), false),
        (Array("1234567890123:4:type;".utf8), false),
        (Array("== Info: Trying 127.0.0.1:80...".utf8), false),
        (Array("16:05:39.123456 == Info: Trying 127.0.0.1:80...".utf8), false),
        (Array("a=1&b=2".utf8), false),
        ([], false),
    ])
    func looksLikeFlows(_ bytes: [UInt8], _ expected: Bool) {
        #expect(MitmproxyFlows.looksLikeFlows(bytes) == expected)
    }

    @Test("every code is listed, a capture code, with a summary ending in '.'")
    func codes() {
        #expect(Set(FindingCode.mitmproxyCodes.map(\.id)).count == FindingCode.mitmproxyCodes.count)
        for code in FindingCode.mitmproxyCodes {
            #expect(code.category == .capture)
            #expect(code.id.hasPrefix("capture.mitmproxy-"))
            #expect(code.summary.hasSuffix("."))
            #expect(code.explanation.count > code.summary.count)
        }
    }
}
