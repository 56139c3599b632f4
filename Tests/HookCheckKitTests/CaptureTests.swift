import Foundation
import Testing
@testable import HookCheckKit

/// A one-shot HTTP listener on 127.0.0.1: answers 200 to whatever it is sent.
final class Listener: @unchecked Sendable {
    let port: UInt16
    private let socketFD: Int32

    init?() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { close(fd); return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socketFD = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                var buffer = [UInt8](repeating: 0, count: 65536)
                var received: [UInt8] = []
                var timeout = timeval(tv_sec: 2, tv_usec: 0)
                setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                while true {
                    let count = read(client, &buffer, buffer.count)
                    if count <= 0 { break }
                    received += buffer[0..<count]
                    let text = String(decoding: received, as: UTF8.self)
                    if let split = text.range(of: "\r\n\r\n") {
                        let head = text[..<split.lowerBound].lowercased()
                        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                            .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                        if received.count - text[..<split.upperBound].utf8.count >= length { break }
                    }
                }
                let reply = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".utf8)
                _ = write(client, reply, reply.count)
                close(client)
            }
        }.start()
    }

    deinit { close(socketFD) }
}

let curlPath: String? = ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }
let curlAvailable = curlPath != nil

@Suite("Captures")
struct CaptureTests {
    static let body = "{\n  \"orgId\": 2187412,\n  \"type\": \"contact_updated\",\n  \"data\": {\n    \"endUserId\": 14283652871,\n    \"timestamp\": 1767225612345,\n    \"diff\": [{\"name\": \"attributes.name\", \"previous\": null, \"updated\": \"Renée Okafor\"}]\n  },\n  \"token\": \"tok-123\"\n}"

    /// Runs curl against a local listener with one extra capture option, and returns the capture.
    static func capture(_ options: [String], stderr: Bool = false) throws -> (capture: String, directory: URL) {
        let listener = try #require(Listener())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let bodyFile = directory.appendingPathComponent("body.json")
        try Self.body.write(to: bodyFile, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(curlPath))
        process.arguments = ["-s", "-H", "Content-Type: application/json", "-H", "X-Verification-Token: tok-123",
                             "--data-binary", "@" + bodyFile.path, "http://127.0.0.1:\(listener.port)/hooks/drift"] + options
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderrData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        withExtendedLifetime(listener) {}
        if stderr { return (String(decoding: stderrData, as: UTF8.self), directory) }
        let path = try #require(options.last)
        return (try String(contentsOfFile: path, encoding: .utf8), directory)
    }

    static func records(_ text: String, options: InspectOptions = InspectOptions(), body: [UInt8]? = nil) throws -> [Record] {
        let requests = try #require(try Captures.requests(Array(text.utf8), source: "capture", verboseBody: body))
        let inspector = Inspector(options: options)
        return requests.map(inspector.analyze)
    }

    static var tokenOptions: InspectOptions {
        var options = InspectOptions()
        options.secrets = [SecretSource(label: "--secret", value: Array("tok-123".utf8))]
        return options
    }

    @Test("curl --trace: the exact bytes, verified", .enabled(if: curlAvailable))
    func trace() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).txt").path
        let (text, directory) = try Self.capture(["--trace", file])
        defer { try? FileManager.default.removeItem(at: directory); try? FileManager.default.removeItem(atPath: file) }
        let record = try #require(try Self.records(text, options: Self.tokenOptions).first)
        #expect(record.capture == .curlTrace)
        #expect(record.event == "contact_updated")
        #expect(record.auth?.status == .valid)
        #expect(record.changes.first?.updated == .string("Renée Okafor"))
        #expect(record.findings.isEmpty, "\(record.findings)")
        // The request starts at the trace's first "=> Send header" data line.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let headerLine = try #require(lines.firstIndex { $0.hasPrefix("=> Send header") })
        #expect(record.line == headerLine + 2)
    }

    @Test("curl --trace --trace-time: the time prefixes are tolerated", .enabled(if: curlAvailable))
    func traceTime() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).txt").path
        let (text, directory) = try Self.capture(["--trace-time", "--trace", file])
        defer { try? FileManager.default.removeItem(at: directory); try? FileManager.default.removeItem(atPath: file) }
        let record = try #require(try Self.records(text, options: Self.tokenOptions).first)
        #expect(record.auth?.status == .valid)
        #expect(record.event == "contact_updated")
    }

    @Test("curl --trace-ascii: the body rebuilt, and said to be", .enabled(if: curlAvailable))
    func traceASCII() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).txt").path
        let (text, directory) = try Self.capture(["--trace-ascii", file])
        defer { try? FileManager.default.removeItem(at: directory); try? FileManager.default.removeItem(atPath: file) }
        let record = try #require(try Self.records(text, options: Self.tokenOptions).first)
        #expect(record.event == "contact_updated")
        #expect(record.auth?.status == .valid)
        let codes = record.findings.map(\.code.id)
        #expect(codes.contains("capture.lossy"))
        let rebuilt = try #require(record.findings.first { $0.code.id == "capture.rebuilt" })
        // Ten line feeds outside strings; é is two unprintable bytes inside a string.
        #expect(rebuilt.message.hasPrefix("body rebuilt: 9 '.' where only whitespace may stand read as line feeds"))
        #expect(!record.findings.contains { $0.severity == .error })
    }

    @Test("curl -v: the request headers, the body from --body", .enabled(if: curlAvailable))
    func verbose() throws {
        let (text, directory) = try Self.capture(["-v"], stderr: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let record = try #require(try Self.records(text, options: Self.tokenOptions, body: Array(Self.body.utf8)).first)
        #expect(record.capture == .curlVerbose)
        #expect(record.auth?.status == .valid)
        #expect(record.event == "contact_updated")
        let headersOnly = try #require(try Self.records(text).first)
        #expect(headersOnly.findings.map(\.code.id).contains("capture.no-body"))
        #expect(!headersOnly.findings.contains { $0.severity == .error })
    }

    @Test("the kept samples: a trace verifies, the HAR's entries become records, NDJSON lines too")
    func samples() throws {
        var options = InspectOptions()
        options.secrets = [SecretSource(label: "sample", value: Array(sampleToken.utf8))]
        let trace = try #require(try analyzeSample("samples/captures/drift-contact_updated.trace", options: options).first)
        #expect(trace.auth?.status == .valid)
        #expect(trace.capture == .curlTrace)
        let har = try analyzeSample("samples/captures/mitmproxy.har", options: options)
        #expect(har.map(\.index) == [0, 1, 2])
        #expect(har.map(\.capture) == [.har, .har, .har])
        #expect(har[0].findings.map(\.code.id) == ["capture.not-a-delivery"])
        #expect(har[0].isValid)
        #expect(har[1].vendor == "drift" && har[1].auth?.status == .valid)
        #expect(har[2].vendor == "copernica" && har[2].event == "profile.update")
        let ndjson = try analyzeSample("samples/captures/cloudcx-tickets.ndjson")
        #expect(ndjson.map(\.line) == [1, 2, 3])
        #expect(ndjson.map(\.event) == ["TicketCreated", "TicketAgentReply", "TicketStatusChanged"])
        #expect(ndjson.allSatisfy { $0.capture == .ndjson && $0.isValid })
    }

    @Test("a finding in a HAR body points into the HAR file")
    func harPositions() throws {
        let har = #"{"log":{"version":"1.2","entries":[{"request":{"method":"POST","url":"https://h/x","headers":[{"name":"Content-Type","value":"application/json"}],"postData":{"mimeType":"application/json","text":"{\"orgId\":1,\"type\":\"contact_updated\",\"data\":{\"endUserId\":\"x\",\"timestamp\":1767225600000,\"diff\":[]}}"}}}]}}"#
        let record = try #require(try Self.records(har).first)
        let finding = try #require(record.findings.first { $0.code.id == "schema.type" })
        #expect(finding.pointer == "/data/endUserId")
        let column = try #require(har.range(of: #"\"x\""#)).lowerBound.utf16Offset(in: har) + 1
        #expect(finding.position == SourcePosition(line: 1, column: column))
    }

    @Test("HAR bodies: \\u escapes decode, surrogate pairs included")
    func harEscapes() throws {
        let har = #"{"log":{"entries":[{"request":{"method":"POST","url":"https://h/x","headers":[],"postData":{"mimeType":"application/json","text":"{\"orgId\":1,\"type\":\"contact_updated\",\"data\":{\"endUserId\":1,\"timestamp\":1767225600000,\"diff\":[{\"name\":\"attributes.name\",\"previous\":null,\"updated\":\"Ren\\u00e9\\ud83d\\ude00\"}]}}"}}}]}}"#
        let record = try #require(try Self.records(har).first)
        #expect(record.changes.first?.updated == .string("René😀"))
    }

    @Test("a HAR entry's base64 body and form params")
    func harEncodings() throws {
        let body = Base64.encode(Array(#"{"event":"TicketCreated","ticketId":"392a0465-fc1b-4820-abc7-e96cb5d98774"}"#.utf8))
        let har = #"{"log":{"entries":[{"request":{"method":"POST","url":"https://h/x","headers":[],"postData":{"mimeType":"application/json","encoding":"base64","text":""# + body + #""}}},{"request":{"method":"POST","url":"https://h/y","headers":[],"postData":{"mimeType":"application/x-www-form-urlencoded","params":[{"name":"type","value":"delete"},{"name":"timestamp","value":"2026-04-14 10:02:44"},{"name":"profile","value":"1"},{"name":"database","value":"2"}]}}}]}}"#
        let records = try Self.records(har)
        #expect(records.map(\.vendor) == ["cloudcx", "copernica"])
        #expect(records[1].event == "profile.delete")
    }

    @Test("a trace-ascii body: dots outside strings are whitespace, inside strings and numbers they stay")
    func rebuild() throws {
        let body = Array(#"{."a":.1.5,."b":."x.y".}"#.utf8)
        let dots = Set(body.indices.filter { body[$0] == UInt8(ascii: ".") })
        let rebuilt = try #require(CurlTrace.rebuildJSONBody(body, dots: dots, bodyStart: 0))
        #expect(String(decoding: rebuilt.lf, as: UTF8.self) == "{\n\"a\":\n1.5,\n\"b\":\n\"x.y\"\n}")
        #expect(rebuilt.rebuiltCount == 5)
        #expect(rebuilt.inStrings == 1)
    }

    @Test("not captures: dumps and bodies are left to the request reader", arguments: [
        "POST / HTTP/1.1\r\n\r\n{}", "{\"a\":1}", "{\n  \"a\": 1\n}\n", "type=update",
    ])
    func notCaptures(_ text: String) throws {
        #expect(try Captures.requests(Array(text.utf8), source: "x") == nil)
    }
}

@Suite("diff")
struct DiffTests {
    static func values(_ old: String, _ new: String, ignoring: [String] = []) throws -> [PayloadDiff.Difference] {
        let a = try JSONParser().parse(Array(old.utf8)).get()
        let b = try JSONParser().parse(Array(new.utf8)).get()
        return PayloadDiff(ignoring: ignoring).compare(JSONValue(a, 0), JSONValue(b, 0))
    }

    @Test("changes, additions and removals, with pointers", arguments: [
        (#"{"a":1,"b":2}"#, #"{"a":1,"b":3}"#, ["changed /b"]),
        (#"{"a":1}"#, #"{"a":1,"c":[1]}"#, ["added /c"]),
        (#"{"a":1,"x/y":2}"#, #"{"a":1}"#, ["removed /x~1y"]),
        (#"{"a":[1,2,3]}"#, #"{"a":[1,5]}"#, ["changed /a/1", "removed /a/2"]),
        (#"{"a":[{"id":1,"v":"x"},{"id":2,"v":"y"}]}"#, #"{"a":[{"id":2,"v":"z"},{"id":1,"v":"x"}]}"#, ["changed /a/0/v"]),
        (#"{"a":[{"id":1},{"id":2}]}"#, #"{"a":[{"id":2},{"id":3}]}"#, ["removed /a/0", "added /a/1"]),
        (#"{"n":1.0,"m":10}"#, #"{"n":1,"m":1e1}"#, []),
        (#"{"big":9223372036854775807}"#, #"{"big":9223372036854775806}"#, ["changed /big"]),
        (#"{"a":null}"#, #"{"a":false}"#, ["changed /a"]),
    ])
    func compare(_ old: String, _ new: String, _ expected: [String]) throws {
        #expect(try Self.values(old, new).map { "\($0.operation.rawValue) \($0.pointer)" } == expected)
    }

    @Test("--ignore masks a field and what is under it; * matches one segment")
    func ignore() throws {
        let old = #"{"t":1,"data":{"at":1,"keep":1},"list":[{"at":1},{"at":2}]}"#
        let new = #"{"t":2,"data":{"at":2,"keep":1},"list":[{"at":3},{"at":4}]}"#
        #expect(try Self.values(old, new, ignoring: ["/t", "/data/at", "/list/*/at"]).isEmpty)
        #expect(try Self.values(old, new, ignoring: ["/data"]).map(\.pointer) == ["/t", "/list/0/at", "/list/1/at"])
    }

    @Test("exit status as diff(1), JSON output, tokens hidden")
    func command() throws {
        enterPackageRoot()
        // Two captures of one delivery: a trace and the body itself.
        #expect(runCLI(["diff", "samples/captures/drift-contact_updated.trace", "samples/captures/drift-contact_updated.body.json"]).status == 0)
        let different = runCLI(["diff", "--format", "json", "samples/drift/new_message.http", "samples/drift/new_command_message.http"])
        #expect(different.status == 1)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(different.out.utf8)) as? [[String: Any]])
        #expect(list.first?["pointer"] as? String == "/type")
        #expect(list.allSatisfy { ["changed", "added", "removed"].contains($0["op"] as? String ?? "") })
        #expect(runCLI(["diff", "samples/drift/new_message.http"]).status == 2)
        #expect(runCLI(["diff", "samples/drift/new_message.http", "/nonexistent"]).status == 2)
        #expect(runCLI(["diff", "--ignore", "data", "samples/drift/new_message.http", "samples/drift/new_message.http"]).status == 2)
        let token = runCLI(["diff", "-", "samples/drift/contact_updated-seed.json"],
                           stdin: #"{"orgId":0,"type":"contact_updated","data":{"endUserId":12345678,"timestamp":1538591450493,"diff":[{"name":"attributes.alias","previous":null,"updated":"nadine"}]},"token":"s3cr3t"}"#)
        #expect(token.status == 1)
        #expect(!token.out.contains("s3cr3t"))
        #expect(token.out.contains("/token"))
    }
}

@Suite("Signatures over rebuilt --trace-ascii bodies")
struct TraceASCIISignatureTests {
    @Test("the rebuilt body verifies with the right secret; with a wrong one the capture may be too lossy, and it says so")
    func superOffice() throws {
        var options = InspectOptions()
        options.secrets = [SecretSource(label: "--secret", value: Array(superOfficeSecret.utf8))]
        let good = try #require(try analyzeSample("samples/captures/superoffice-person.changed.trace-ascii", options: options).first)
        #expect(good.auth?.status == .valid)
        #expect(good.auth?.detail.hasSuffix("(over the body rebuilt from --trace-ascii, its '.' read as line feeds)") == true)
        options.secrets = [SecretSource(label: "--secret", value: Array("wrong".utf8))]
        let bad = try #require(try analyzeSample("samples/captures/superoffice-person.changed.trace-ascii", options: options).first)
        #expect(bad.auth?.status == .invalid)
        #expect(bad.auth?.detail.contains("curl --trace keeps the exact bytes") == true)
    }
}
