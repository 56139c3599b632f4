import Foundation
import Testing

/// Runs the built `hookcheck` binary, as a user or a script would.
enum Binary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable sits beside the test bundle in the build directory.
    static let url: URL = {
        let testBinary = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("hookcheck")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/hookcheck")
    }()

    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "HOOKCHECK_DRIFT_TOKEN")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Feed and drain concurrently so large outputs cannot deadlock.
        let input = stdin ?? Data()
        // The child may exit without reading its input: a write to the closed pipe must not kill the tests.
        _ = Binary.ignoreBrokenPipes
        let writer = Thread {
            try? inPipe.fileHandleForWriting.write(contentsOf: input)
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let errDone = DispatchSemaphore(value: 0)
        let errReader = Thread {
            errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile()
            errDone.signal()
        }
        errReader.start()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errDone.wait()
        return Result(status: process.terminationStatus, out: String(decoding: out, as: UTF8.self),
                      err: String(decoding: errBox.data, as: UTF8.self))
    }
}

@Suite("End to end: the built binary over samples/")
struct EndToEndTests {
    static var token: String { get throws { try fixture("samples/drift/.token") } }
    static var superOfficeSecret: String { get throws { try fixture("samples/superoffice/.secret") } }

    @Test("every Drift sample but the seed example passes lint with the sample token")
    func driftSamples() throws {
        let token = try Self.token
        let result = try Binary.run(["lint", "samples/drift"],
                                    environment: ["HOOKCHECK_DRIFT_TOKEN": token])
        // The seed's own example carries the token "XXX": its only finding is the mismatch.
        let files = try sampleFiles("samples/drift")
        #expect(result.out.hasSuffix("\(files.count - 1) passed, 1 failed\n"), "\(result.out)")
        let problems = result.out.split(separator: "\n").dropLast()
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("samples/drift/contact_updated-seed.json:15:10: error: the token does not match HOOKCHECK_DRIFT_TOKEN") == true)
        #expect(result.status == 1)
        #expect(!result.out.contains(token))
    }

    @Test("every SuperOffice sample verifies with the sample secret, but the seed's broken example")
    func superOfficeSamples() throws {
        let secret = try Self.superOfficeSecret
        let result = try Binary.run(["lint", "samples/superoffice"], environment: ["HOOKCHECK_SUPEROFFICE_SECRET": secret])
        let files = try sampleFiles("samples/superoffice")
        #expect(result.out.hasSuffix("\(files.count - 1) passed, 1 failed\n"), "\(result.out)")
        let errors = result.out.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.allSatisfy { $0.hasPrefix("samples/superoffice/seed-contact.created.http:") })
        #expect(errors.contains { $0.hasPrefix("samples/superoffice/seed-contact.created.http:18:5: error: expected ',' or ']' after array element") })
        #expect(result.status == 1)
        #expect(!result.out.contains(secret))
    }

    @Test("Copernica samples verify with the sample key (PEM and DKIM forms); CloudCX samples are valid, auth none")
    func copernicaAndCloudCX() throws {
        for key in ["samples/copernica/.sample-key.pub.pem", "samples/copernica/.sample-key.dkim.txt"] {
            let result = try Binary.run(["--format", "ndjson", "--public-key", key, "samples/copernica", "samples/cloudcx"])
            let records = result.out.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            #expect(records.count == (try sampleFiles("samples/copernica")).count + (try sampleFiles("samples/cloudcx")).count)
            for record in records {
                let source = record["source"] as? String ?? ""
                let auth = record["auth"] as? [String: Any]
                if source.hasPrefix("samples/cloudcx/") {
                    #expect(record["vendor"] as? String == "cloudcx")
                    #expect(auth?["status"] as? String == "none")
                    #expect(record["valid"] as? Bool == true, "\(source)")
                } else if source.contains("/seed-") {
                    #expect(record["valid"] as? Bool == false, "the seed's examples have trailing commas")
                } else {
                    #expect(record["vendor"] as? String == "copernica")
                    #expect(auth?["status"] as? String == "valid", "\(source): \(auth ?? [:])")
                    #expect(record["valid"] as? Bool == true, "\(source)")
                }
            }
        }
    }

    @Test("captures: every kept capture passes lint with the sample token and secret")
    func captures() throws {
        let result = try Binary.run(["lint", "--strict", "--body", "samples/captures/drift-contact_updated.body.json", "samples/captures"],
                                    environment: ["HOOKCHECK_DRIFT_TOKEN": try Self.token, "HOOKCHECK_SUPEROFFICE_SECRET": try Self.superOfficeSecret])
        // The HAR's Copernica form post carries no signature: a warning, an error under --strict.
        #expect(result.out.hasSuffix("6 passed, 1 failed\n"), "\(result.out)")
        #expect(result.out.contains("samples/captures/mitmproxy.har:73:1: error: no Signature header"))
        let diff = try Binary.run(["diff", "samples/captures/drift-contact_updated.trace", "samples/captures/drift-contact_updated.body.json"])
        #expect(diff.status == 0)
    }

    @Test("without a token every Drift sample is valid, auth unchecked")
    func driftWithoutToken() throws {
        let result = try Binary.run(["--format", "ndjson", "samples/drift"])
        #expect(result.status == 0)
        let records = result.out.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(records.count == 28)
        for record in records {
            #expect(record["vendor"] as? String == "drift")
            #expect(record["valid"] as? Bool == true)
            #expect((record["auth"] as? [String: Any])?["status"] as? String == "unchecked")
        }
    }

    struct Expectation: CustomStringConvertible, Sendable {
        var file: String
        var severity: String
        var code: String
        var position: String
        var pointer: String
        var description: String { file }
    }

    /// samples/invalid/.expectations: what each broken sample must produce.
    static let expectations: [Expectation] = {
        // A missing file becomes one case that fails, never zero cases that pass.
        guard let text = try? fixture("samples/invalid/.expectations") else {
            return [Expectation(file: "(samples/invalid/.expectations is missing)", severity: "", code: "", position: "", pointer: "")]
        }
        return text.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Expectation(file: fields[0], severity: fields[1], code: fields[2], position: fields[3], pointer: fields[4])
        }
    }()

    @Test("each broken sample produces its documented finding", arguments: expectations)
    func brokenSample(_ expectation: Expectation) throws {
        // With the sample token and secret, as make demo runs them.
        let result = try Binary.run(["--format", "ndjson", "samples/invalid/" + expectation.file],
                                    environment: ["HOOKCHECK_DRIFT_TOKEN": try Self.token, "HOOKCHECK_SUPEROFFICE_SECRET": try Self.superOfficeSecret])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let findings = record["findings"] as? [[String: Any]] ?? []
        let match = findings.first { $0["code"] as? String == expectation.code }
        let finding = try #require(match, "\(expectation.code) not in \(findings)")
        #expect(finding["severity"] as? String == expectation.severity)
        let position = (finding["line"] as? Int).map { "\($0):\(finding["column"] as? Int ?? 0)" } ?? "-"
        #expect(position == expectation.position)
        #expect((finding["pointer"] as? String) ?? "-" == expectation.pointer)
        #expect(result.status == (expectation.severity == "error" ? 1 : 0))
    }

    @Test("the expectations cover every broken sample")
    func expectationsComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Binary.root.appendingPathComponent("samples/invalid").path)
            .filter { !$0.hasPrefix(".") }
        #expect(Set(files) == Set(Self.expectations.map(\.file)))
    }

    @Test("warnings fail under --strict")
    func strict() throws {
        #expect(try Binary.run(["samples/invalid/seconds-timestamp.http"]).status == 0)
        #expect(try Binary.run(["--strict", "samples/invalid/seconds-timestamp.http"]).status == 1)
    }

    @Test("standard input, piped")
    func standardInput() throws {
        let data = try Data(contentsOf: Binary.root.appendingPathComponent("samples/drift/new_message.http"))
        let result = try Binary.run(["--format", "ndjson"], stdin: data)
        #expect(result.status == 0)
        #expect(result.out.contains(#""source":"-""#))
        #expect(result.out.contains(#""event":"new_message""#))
    }

    @Test("verify: exit 0 when valid, 1 otherwise, the token never printed")
    func verify() throws {
        let valid = try Binary.run(["verify", "--secret-env", "DRIFT", "samples/drift/new_message.http"], environment: ["DRIFT": try Self.token])
        #expect(valid.status == 0)
        #expect(valid.out == "samples/drift/new_message.http:1: drift drift-token: valid — header and body token match --secret-env DRIFT\n")
        let invalid = try Binary.run(["verify", "--secret-env", "DRIFT", "samples/drift/new_message.http"], environment: ["DRIFT": "wrong-token"])
        #expect(invalid.status == 1)
        let token = try Self.token
        #expect(!invalid.out.contains("wrong-token") && !invalid.out.contains(token))
    }

    @Test("bad input: a clear message or finding, exit 1 or 2, no crash")
    func badInput() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // 200,000-deep nesting.
        let deep = directory.appendingPathComponent("deep.json")
        try Data(repeating: UInt8(ascii: "["), count: 200_000).write(to: deep)
        let deepResult = try Binary.run(["lint", deep.path])
        #expect(deepResult.status == 1)
        #expect(deepResult.out.contains("nesting deeper than 512 levels [json.depth]"))

        // A 100 MB body.
        let big = directory.appendingPathComponent("big.json")
        var body = Data(#"{"orgId":1,"type":"new_message","data":{"id":1,"orgId":1,"body":""#.utf8)
        body.append(Data(repeating: UInt8(ascii: "x"), count: 100_000_000))
        body.append(Data(#"","author":{"type":"user","id":2,"bot":false},"type":"chat","conversationId":3,"createdAt":1767225600000}}"#.utf8))
        try body.write(to: big)
        let bigResult = try Binary.run(["--format", "ndjson", big.path])
        #expect(bigResult.status == 0, "\(bigResult.err)")
        #expect(bigResult.out.contains(#""event":"new_message""#))

        // An unreadable path and a directory given as a secret file.
        let missing = try Binary.run(["/nonexistent/x.http"])
        #expect(missing.status == 2)
        #expect(missing.err == "hookcheck: cannot read /nonexistent/x.http: No such file or directory\n")
        let directorySecret = try Binary.run(["--secret-file", directory.path, deep.path])
        #expect(directorySecret.status == 2)
        #expect(directorySecret.err.hasPrefix("Error: cannot read the secret file: cannot read \(directory.path): is a directory\n"))

        // Random binary junk in many sizes never crashes.
        var generator = SystemRandomNumberGenerator()
        for size in [1, 2, 17, 512, 4096, 65_537] {
            let junk = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let result = try Binary.run([], stdin: junk)
            #expect(result.status == 1 || result.status == 0, "size \(size): status \(result.status) \(result.err)")
            #expect(result.status != 0 || !result.out.isEmpty)
        }
    }

    @Test("--help and --version on stdout, exit 0; a typo exits 2 with a suggestion on stderr")
    func helpAndErrors() throws {
        let help = try Binary.run(["--help"])
        #expect(help.status == 0 && help.out.hasPrefix("OVERVIEW:"))
        let version = try Binary.run(["--version"])
        #expect(version.status == 0 && version.out.hasPrefix("hookcheck "))
        let typo = try Binary.run(["lint", "--stirct", "samples/drift"])
        #expect(typo.status == 2)
        #expect(typo.out.isEmpty)
        #expect(typo.err.contains("Error: Unknown option '--stirct'\nDid you mean '--strict'?"))
    }
}

@Suite("End to end: hostile inputs never crash")
struct HostileInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// Built when the case runs, so a missing fixture fails that case.
        var bytes: @Sendable () throws -> [UInt8]
        var arguments: [String]
        var description: String { name }

        init(name: String, bytes: @autoclosure @escaping @Sendable () throws -> [UInt8], arguments: [String] = []) {
            self.name = name
            self.bytes = bytes
            self.arguments = arguments
        }
    }

    static var copernica: String { get throws { try fixture("samples/copernica/profile.update.http") } }
    static var traceASCII: String { get throws { try fixture("samples/captures/drift-contact_updated.trace-ascii") } }

    static func withDate(_ date: String) throws -> [UInt8] {
        Array(try copernica.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("Date: ") ? "Date: " + date : String($0) }.joined(separator: "\r\n").utf8)
    }

    static let cases: [Case] = [
        Case(name: "form nested 600 levels", bytes: Array(("a" + String(repeating: "[]", count: 600) + "=1").utf8)),
        Case(name: "a byte order mark alone", bytes: [0xEF, 0xBB, 0xBF]),
        Case(name: "a byte order mark as the body", bytes: Array("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n".utf8) + [0xEF, 0xBB, 0xBF]),
        Case(name: "Copernica time at Int64.max", bytes: Array("type=update&time=9223372036854775807&profile=1&database=2".utf8)),
        Case(name: "Drift timestamp at Int64.min",
             bytes: Array(#"{"type":"contact_updated","orgId":1,"data":{"endUserId":1,"timestamp":-9223372036854775808,"diff":[]},"token":"t"}"#.utf8)),
        Case(name: "CloudCX createdTime at Int64.min",
             bytes: Array(#"{"event":"ContactCreated","contacts":[{"id":"0b5e5c3e-8a39-4c35-b8b6-2f1f0b5c7a11","createdTime":"-9223372036854775808"}]}"#.utf8)),
        Case(name: "a Date in year 999999999999", bytes: try withDate("Tue, 14 Apr 999999999999 09:21:08 GMT")),
        Case(name: "an RFC 850 Date in year Int64.max", bytes: try withDate("Tue, 14-Apr-9223372036854775807 09:21:08 GMT")),
        Case(name: "a Date with a huge negative hour", bytes: try withDate("1 1 Apr 2026 -999999999999999:0:0")),
        Case(name: "a trace offset at Int64.max", bytes: Array("=> Send header, 20 bytes\n7fffffffffffffff: POST / HTTP/1.1\n".utf8)),
        Case(name: "a trace block size at Int64.max",
             bytes: Array(try traceASCII.replacingOccurrences(of: "=> Send data, 303 bytes", with: "=> Send data, 9223372036854775807 bytes").utf8)),
        Case(name: "--now at Int64.max", bytes: Array("{}".utf8), arguments: ["--now", "9223372036854775807"]),
        Case(name: "--now far in the past with --max-age", bytes: Array("{}".utf8), arguments: ["--now", "-9223372036854775", "--max-age", "5m"]),
        Case(name: "a chunk size of 2^64-1", bytes: Array("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nab\r\n0\r\n\r\n".utf8)),
        Case(name: "Content-Length at Int64.max", bytes: Array("POST / HTTP/1.1\r\nContent-Length: 9223372036854775807\r\n\r\n{}".utf8)),
    ]

    @Test("exit 1 or 2, never a signal", arguments: cases)
    func hostile(_ row: Case) throws {
        let result = try Binary.run(row.arguments, stdin: Data(try row.bytes()))
        #expect(result.status == 0 || result.status == 1 || result.status == 2, "status \(result.status): \(result.err)")
        #expect(!result.err.contains("Fatal error"))
    }
}
