import Foundation
import Testing
@testable import HookCheckKit

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
        options.secrets = [SecretSource(label: "sample", value: Array(try sampleToken.utf8))]
        let trace = try #require(try analyzeSample("samples/captures/drift-contact_updated.trace", options: options).first)
        #expect(trace.auth?.status == .valid)
        #expect(trace.capture == .curlTrace)
        let har = try analyzeSample("samples/captures/mitmproxy.har", options: options)
        // One record per HAR entry, counted from the file.
        let harLog = try #require(try JSONSerialization.jsonObject(with: Data(try fixtureBytes("samples/captures/mitmproxy.har"))) as? [String: Any])
        let entries = try #require((harLog["log"] as? [String: Any])?["entries"] as? [Any])
        #expect(har.map(\.index) == Array(entries.indices))
        #expect(har.allSatisfy { $0.capture == .har })
        try #require(har.count >= 3, "the checks below read the HAR's first three entries")
        #expect(har[0].findings.map(\.code.id) == ["capture.not-a-delivery"])
        #expect(har[0].isValid)
        #expect(har[1].vendor == "drift" && har[1].auth?.status == .valid)
        #expect(har[2].vendor == "copernica" && har[2].event == "profile.update")
        let ndjson = try analyzeSample("samples/captures/cloudcx-tickets.ndjson")
        // One record per line, its event the line's "event", read from the file.
        let lines = try fixture("samples/captures/cloudcx-tickets.ndjson").split(separator: "\n", omittingEmptySubsequences: false)
        let numbered = lines.enumerated().filter { !$0.element.isEmpty }
        #expect(!numbered.isEmpty)
        #expect(ndjson.map(\.line) == numbered.map { $0.offset + 1 })
        let events = try numbered.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.element.utf8)) as? [String: Any])["event"] as? String
        }
        #expect(ndjson.map(\.event) == events)
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
        let rebuilt = CurlTrace.rebuildJSONBody(body, dots: dots, bodyStart: 0)
        #expect(String(decoding: rebuilt.lf, as: UTF8.self) == "{\n\"a\":\n1.5,\n\"b\":\n\"x.y\"\n}")
        #expect(rebuilt.rebuiltCount == 5)
        #expect(rebuilt.inStrings == 1)
    }

    @Test("a trace-ascii form body is never rebuilt: its '.' are dots, or unknown bytes, and the capture says it is lossy")
    func formBodyNotRebuilt() throws {
        let body = "email=johny%2Bnewemail%40example.com&name=J.+Doe"
        let trace = """
        => Send header, 102 bytes (0x66)
        0000: POST /hooks HTTP/1.1
        0016: Host: x
        001f: Content-Type: application/x-www-form-urlencoded
        0050: Content-Length: \(body.utf8.count)
        0064:\u{20}
        => Send data, \(body.utf8.count) bytes (0x\(String(body.utf8.count, radix: 16)))
        0000: \(body)

        """
        let request = try #require(try Captures.requests(Array(trace.utf8), source: "t")?.first)
        #expect(String(decoding: request.body, as: UTF8.self) == body)
        #expect(request.bodyCandidates.isEmpty)
        #expect(request.loss?.contains("2 byte(s)") == true)
        #expect(!request.findings.contains { $0.code == .captureRebuilt })
    }

    @Test("not captures: dumps and bodies are left to the request reader", arguments: [
        "POST / HTTP/1.1\r\n\r\n{}", "{\"a\":1}", "{\n  \"a\": 1\n}\n", "type=update",
    ])
    func notCaptures(_ text: String) throws {
        #expect(try Captures.requests(Array(text.utf8), source: "x") == nil)
    }
}
