import Foundation
import Testing

@Suite("End to end: the built binary over samples/")
struct EndToEndTests {
    static var token: String { get throws { try fixture("samples/drift/.token") } }
    static var superOfficeSecret: String { get throws { try fixture("samples/superoffice/.secret") } }

    @Test("every Drift sample but the seed example passes lint with the sample token")
    func driftSamples() throws {
        let token = try Self.token
        // Drift's documented examples (doc-*) are templates, not JSON: DriftDocExampleTests holds their findings.
        let result = try Binary.run(["lint", "--exclude", "doc-*", "samples/drift"],
                                    environment: ["HOOKCHECK_DRIFT_TOKEN": token])
        // The seed's own example carries the token "XXX": its only finding is the mismatch. One
        // sample folds a header line, which is a warning (RFC 9112 §5.2).
        let all = try sampleFiles("samples/drift")
        let files = all.filter { !($0.split(separator: "/").last ?? "").hasPrefix("doc-") }
        #expect(result.out.hasSuffix("\(files.count - 1) passed, 1 failed, \(all.count - files.count) skipped\n"), "\(result.out)")
        let problems = result.out.split(separator: "\n").dropLast()
        #expect(problems.count == 2)
        #expect(problems.first?.hasPrefix("samples/drift/contact_updated-seed.json:15:10: error: the token does not match HOOKCHECK_DRIFT_TOKEN") == true)
        #expect(problems.last?.hasPrefix("samples/drift/user_availability_updated.http:7:1: warning: obsolete line folding") == true)
        #expect(result.status == 1)
        #expect(!result.out.contains(token))
    }

    @Test("every SuperOffice sample verifies with the sample secret, but the seed's broken example (the documentation's own, doc-*, are SuperOfficeDocExamplesTests')")
    func superOfficeSamples() throws {
        let secret = try Self.superOfficeSecret
        let files = try sampleFiles("samples/superoffice").filter { !$0.hasPrefix("samples/superoffice/doc-") }
        let result = try Binary.run(["lint"] + files, environment: ["HOOKCHECK_SUPEROFFICE_SECRET": secret])
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
            let records = try result.out.split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
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
                } else if source.contains("/doc-") {
                    // Copernica's own examples, as written: CopernicaDocExampleTests has their findings.
                    #expect(record["vendor"] as? String == "copernica")
                } else {
                    #expect(record["vendor"] as? String == "copernica")
                    #expect(auth?["status"] as? String == "valid", "\(source): \(auth ?? [:])")
                    // Without --now the Date is checked against the system clock, and the samples
                    // are older than the minute Copernica's library allows: that is their only error.
                    let errors = (record["findings"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "error" }
                    #expect(errors.map { $0["code"] as? String } == ["copernica.date-stale"], "\(source)")
                }
            }
        }
    }

    @Test("captures: every kept capture passes lint with the sample token and secret")
    func captures() throws {
        let result = try Binary.run(["lint", "--strict", "--now", "2026-04-14T09:21:30Z", "--public-key", "samples/copernica/.sample-key.pub.pem",
                                     "--body", "samples/captures/drift-contact_updated.body.json", "samples/captures"],
                                    environment: ["HOOKCHECK_DRIFT_TOKEN": try Self.token, "HOOKCHECK_SUPEROFFICE_SECRET": try Self.superOfficeSecret])
        // The HAR's Copernica form post carries no signature: a warning, an error under --strict.
        let files = try sampleFiles("samples/captures")
        #expect(result.out.hasSuffix("\(files.count - 1) passed, 1 failed\n"), "\(result.out)")
        #expect(result.out.contains("samples/captures/mitmproxy.har:73:20: error: no Signature header"))
        let diff = try Binary.run(["diff", "samples/captures/drift-contact_updated.trace", "samples/captures/drift-contact_updated.body.json"])
        #expect(diff.status == 0)
    }

    @Test("without a token every Drift sample is valid, auth unchecked")
    func driftWithoutToken() throws {
        let result = try Binary.run(["--format", "ndjson", "samples/drift"])
        // Drift's documented examples (doc-*) are templates, not JSON: DriftDocExampleTests holds their findings.
        let records = try result.out.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }.filter { !(($0["source"] as? String ?? "").split(separator: "/").last ?? "").hasPrefix("doc-") }
        // One record per request: a dump holds one per request line, a bare body is one.
        let files = try sampleFiles("samples/drift").filter { !($0.split(separator: "/").last ?? "").hasPrefix("doc-") }
        var expected = 0
        for file in files {
            let requestLines = try fixture(file).split(separator: "\n").filter { $0.hasPrefix("POST ") }.count
            expected += max(requestLines, 1)
        }
        #expect(records.count == expected)
        #expect(Set(records.compactMap { $0["source"] as? String }) == Set(files))
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

    /// samples/invalid/.expectations: what each broken sample must produce. A missing file or a
    /// malformed line throws, which fails the test that takes these as arguments; so does an empty file.
    static func expectations() throws -> [Expectation] {
        let list = try fixture("samples/invalid/.expectations").split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5 else {
                throw FixtureError(description: "samples/invalid/.expectations: want at least 5 tab-separated fields, not \(fields.count), in: \(line)")
            }
            return Expectation(file: fields[0], severity: fields[1], code: fields[2], position: fields[3], pointer: fields[4])
        }
        guard !list.isEmpty else { throw FixtureError(description: "samples/invalid/.expectations lists nothing") }
        return list
    }

    @Test("each broken sample produces its documented finding", arguments: try expectations())
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
        #expect(Set(files) == Set(try Self.expectations().map(\.file)))
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
        #expect(valid.out == """
            samples/drift/new_message.http:1: drift drift-token: valid — header and body token match --secret-env DRIFT
              note: Drift's token does not cover the body: it is the same in every event, so a body changed after Drift sent it cannot be detected by it

            """)
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
