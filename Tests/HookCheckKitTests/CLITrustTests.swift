import Foundation
import Testing
@testable import HookCheckKit

/// What makes CI and a person at 2 a.m. trust the command line: no green run on nothing, no false
/// verdict, a typo named as one.
@Suite("Command line: nothing passes on nothing, typos are named")
struct CLITrustTests {
    @Test("lint over an empty folder, or one whose files are all excluded, exits 2 naming the paths")
    func lintOverNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = runCLI(["lint", directory.path])
        #expect(empty.status == 2)
        #expect(empty.err == "hookcheck: no files to check in \(directory.path)\n")
        try Data("{}".utf8).write(to: directory.appendingPathComponent(".hidden.json"))
        #expect(runCLI(["lint", directory.path]).status == 2)
        try Data("{}".utf8).write(to: directory.appendingPathComponent("a.json"))
        let excluded = runCLI(["lint", "--exclude", "*.json", directory.path])
        #expect(excluded.status == 2)
        #expect(excluded.err.contains("(1 file excluded by --exclude)"))
    }

    @Test("a mistyped subcommand is named, with the nearest; a missing file is still a missing file", arguments: [
        (["lnt", "samples"], "Error: Unknown subcommand 'lnt'\nDid you mean 'lint'?"),
        (["help", "verfy"], "Error: Unknown subcommand 'verfy'\nDid you mean 'verify'?"),
        (["vrify", "x.http"], "Error: Unknown subcommand 'vrify'\nDid you mean 'verify'?"),
    ])
    func typos(_ arguments: [String], _ expected: String) {
        let result = runCLI(arguments)
        #expect(result.status == 2)
        #expect(result.err.hasPrefix(expected), "\(result.err)")
        #expect(result.out.isEmpty)
    }

    @Test("a path that does not exist is reported as one")
    func missingFile() {
        let result = runCLI(["no-such-capture.http"])
        #expect(result.status == 2)
        #expect(result.err.contains("cannot read no-such-capture.http"))
    }

    @Test("help help and help --help print the overview", arguments: [["help", "help"], ["help", "--help"], ["help"]])
    func helpHelp(_ arguments: [String]) {
        let result = runCLI(arguments)
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("OVERVIEW: "))
    }

    @Test("verify takes several paths and reports each")
    func verifySeveral() throws {
        enterPackageRoot()
        let result = runCLI(["verify", "--secret-file", "samples/superoffice/.secret", "samples/superoffice/sale.lost.http",
                             "samples/superoffice/person.changed.http"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.split(separator: "\n").filter { $0.hasPrefix("samples/superoffice/") }.count == 2)
    }

    @Test("curl -v without --body: the right secret gives unverifiable, never invalid")
    func curlVerboseWithoutBody() throws {
        // curl -v prints the request's header lines after '> ' and never the body.
        let dump = try fixture("samples/superoffice/sale.lost.http")
        let head = dump.components(separatedBy: "\n\n")[0]
        let capture = "* Connected to hooks.example.com port 443\n" + head.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n") + "\n> \n"
        let result = runCLI(["verify", "--secret", try superOfficeSecret], stdin: capture)
        #expect(result.status == 1)
        #expect(result.out.contains("unverifiable"), "\(result.out)")
        #expect(!result.out.contains("invalid"))
        #expect(result.out.contains("--body PATH"))
    }

    static let vendorRows: [([String], Int32, String)] = [
        (["vendors", "Drift"], 0, "Drift (drift)"),
        (["vendors", "drfit"], 2, "Did you mean 'drift'?"),
        (["vendors", "superoffice", "list.category.created"], 0, "list.<name-or-id>.created"),
        (["vendors", "superoffice", "y_equipment.changed"], 0, "<y_table>.changed"),
        (["vendors", "drift", "new_message", "extra"], 2, "unexpected 'extra'"),
    ]

    @Test("vendors: any case, suggestions, list and extra-table names, no stray arguments", arguments: vendorRows)
    func vendors(_ arguments: [String], _ status: Int32, _ expected: String) {
        let result = runCLI(arguments)
        #expect(result.status == status)
        #expect((result.out + result.err).contains(expected), "\(result.out)\(result.err)")
    }

    @Test("a bare body cannot be missing a header credential: unchecked, naming the header, and --strict passes")
    func bareBody() throws {
        let body = try fixture("samples/superoffice/sale.lost.http").components(separatedBy: "\n\n")[1]
        let result = runCLI(["--strict", "--format", "ndjson", "--secret", "x"], stdin: body)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let auth = try #require(record["auth"] as? [String: Any])
        #expect(auth["status"] as? String == "unchecked")
        #expect((auth["detail"] as? String)?.contains("X-SuperOffice-Signature") == true)
        #expect(result.status == 0, "\(result.out)")
    }

    @Test("with several --secret values, the one that matched is named by its place, never its value")
    func whichSecret() throws {
        enterPackageRoot()
        let secret = try superOfficeSecret
        let result = runCLI(["verify", "--secret", "old-one", "--secret", secret, "samples/superoffice/sale.lost.http"])
        #expect(result.status == 0)
        #expect(result.out.contains("matches --secret #2"))
        #expect(!result.out.contains(secret) && !result.out.contains("old-one"))
    }

    static let durationRows: [(Int64, String)] = [
        (250, "250ms"), (300_000, "5m"), (90_000, "1m 30s"), (7_200_000, "2h"),
        (18_244_359_000, "211d 3h"), (86_400_000, "1d"), (3_601_000, "1h"),
    ]

    @Test("durations in the units people use", arguments: durationRows)
    func durations(_ millis: Int64, _ text: String) {
        #expect(Durations.describe(millis) == text)
    }

    @Test("standard input is <stdin> in text; a CloudCX record says none once")
    func words() throws {
        let body = try fixture("samples/cloudcx/TicketCreated.http")
        let result = runCLI([], stdin: body)
        #expect(result.out.hasPrefix("<stdin>:1  valid"))
        #expect(result.out.contains("auth    none: CloudCX documents no signature"), "\(result.out)")
    }

    @Test("-H on a request dump adds a header the dump lacks and says so; one it has is kept, with a warning")
    func headerOnDump() throws {
        let dump = "POST / HTTP/1.1\nX-A: 1\nContent-Length: 2\n\n{}"
        let records = try analyze(dump, headers: [HTTPHeader(name: "X-A", value: "2"), HTTPHeader(name: "X-B", value: "3")])
        let record = try #require(records.first)
        let notes = record.findings.filter { $0.code == .extraHeader }
        #expect(notes.map(\.severity) == [.warning, .info])
        #expect(notes.first?.position == SourcePosition(line: 2, column: 1))
        let request = try #require(try readRequests(dump, headers: [HTTPHeader(name: "X-A", value: "2"), HTTPHeader(name: "X-B", value: "3")]).first)
        #expect(request.header("X-A") == "1")
        #expect(request.header("X-B") == "3")
    }

    @Test("sign detects the sender of a request dump, and says it did")
    func signDetects() throws {
        enterPackageRoot()
        let result = runCLI(["sign", "--secret-file", "samples/superoffice/.secret", "samples/superoffice/sale.lost.http"])
        #expect(result.status == 0, "\(result.err)")
        let sent = try fixture("samples/superoffice/sale.lost.http").split(separator: "\n").first { $0.hasPrefix("X-SuperOffice-Signature: ") }
        #expect(result.out == (sent.map(String.init) ?? "-") + "\n")
        #expect(result.err.contains("signing as superoffice, detected from the request"))
    }

    @Test("--expect-event is checked against the catalogue, with the nearest name")
    func expectEvent() {
        enterPackageRoot()
        let typo = runCLI(["lint", "--expect-event", "new_mesage", "samples/drift"])
        #expect(typo.status == 2)
        #expect(typo.err.contains("Did you mean '--expect-event new_message'?"))
        let listName = runCLI(["lint", "--expect-vendor", "superoffice", "--expect-event", "list.category.created", "samples/superoffice/list.created.http"])
        #expect(listName.status == 0, "\(listName.out)\(listName.err)")
        // Another event: the finding points at where the event is named.
        let other = runCLI(["lint", "--expect-event", "new_message", "samples/drift/contact_updated.http"])
        #expect(other.out.hasPrefix("samples/drift/contact_updated.http:9:11: error: expected the event new_message, found \"contact_updated\""), "\(other.out)")
    }

    @Test("a --body the captured Content-Length contradicts is named as a wrong body file, and nothing is invalid because of it")
    func wrongBodyFile() throws {
        enterPackageRoot()
        let result = runCLI(["--format", "ndjson", "--body", "samples/captures/cloudcx-tickets.ndjson", "samples/captures/drift-contact_updated.curl-v"])
        #expect(result.out.contains("wrong body file?"), "\(result.out)")
        #expect(!result.out.contains("more bytes follow the body"))
    }

    @Test("the pre-commit hook's default files match fixtures, not a project's own JSON", arguments: [
        ("package.json", false), ("tsconfig.json", false), ("requirements.txt", false), ("web/package.json", false),
        ("fixtures/drift.json", true), ("test/fixtures/so.http", true), ("samples/keepalive.pcap", true), ("webhooks/a.har", true),
    ])
    func preCommitFiles(_ path: String, _ checked: Bool) throws {
        let hooks = try fixture(".pre-commit-hooks.yaml")
        let line = try #require(hooks.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("files:") })
        let pattern = line.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
        let regex = try NSRegularExpression(pattern: pattern)
        #expect((regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil) == checked)
    }

    @Test("a finding in a --body file names that file, in lint and in the text view")
    func bodyFileNamed() throws {
        enterPackageRoot()
        let body = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-body-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: body) }
        try Data(#"{"orgId": 2187412, "type": "contact_updated", "data": {"endUserId": "x", "timestamp": 1, "diff": []}}"#.utf8).write(to: body)
        let lint = runCLI(["lint", "--body", body.path, "samples/captures/drift-contact_updated.curl-v"])
        #expect(lint.out.contains("\(body.path):1:"), "\(lint.out)")
        #expect(lint.out.contains("expected integer, found string [schema.type]"))
        let text = runCLI(["--body", body.path, "samples/captures/drift-contact_updated.curl-v"])
        #expect(text.out.contains(" \(body.path):1:"), "\(text.out)")
    }

    @Test("the secret a mismatch was checked with is named once; with several, the one that explains it is named")
    func sourceNamedOnce() throws {
        enterPackageRoot()
        let secret = try superOfficeSecret
        let one = runCLI(["verify", "--secret", secret, "samples/invalid/superoffice-newline-added.http"])
        #expect(one.out.components(separatedBy: "--secret").count == 2, "\(one.out)")
        let two = runCLI(["verify", "--secret", "old", "--secret", secret, "samples/invalid/superoffice-newline-added.http"])
        #expect(two.out.contains("(using --secret #2)"), "\(two.out)")
    }
}
