import Foundation
import Testing
@testable import HookCheckKit

/// Golden outputs of the renderers. Re-record with `HOOKCHECK_RECORD=1 make test` (the recording run
/// fails on purpose; run again without it); never edit by hand.
@Suite("Renderers (golden files)", .serialized)
struct RenderTests {
    static let golden = packageRoot.appendingPathComponent("Tests/HookCheckKitTests/Golden")

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "text-contact_updated", arguments: ["samples/drift/contact_updated.http"]),
        Case(name: "text-stream", arguments: ["samples/drift/stream.http"]),
        Case(name: "text-missing-comma", arguments: ["samples/invalid/missing-comma.http"]),
        Case(name: "text-token-mismatch", arguments: ["samples/invalid/token-mismatch.http"]),
        Case(name: "json-contact_updated-seed", arguments: ["--format", "json", "samples/drift/contact_updated-seed.json"]),
        Case(name: "ndjson-stream", arguments: ["--format", "ndjson", "samples/drift/stream.http"]),
        Case(name: "ndjson-wrong-type", arguments: ["--format", "ndjson", "samples/invalid/wrong-type.http"]),
        // samples/invalid holds a Copernica request: its Date is checked against --now, so the
        // output does not depend on the day the tests run.
        Case(name: "lint-invalid", arguments: ["lint", "--now", "2026-04-14T09:21:30Z", "samples/invalid"]),
        Case(name: "lint-github", arguments: ["lint", "--format", "github", "--now", "2026-04-14T09:21:30Z", "samples/invalid"]),
        Case(name: "lint-junit", arguments: ["lint", "--format", "junit", "--now", "2026-04-14T09:21:30Z", "--exclude", "*.bin", "samples/invalid",
                                             "samples/drift/new_message.http"]),
        Case(name: "lint-sarif", arguments: ["lint", "--format", "sarif", "--now", "2026-04-14T09:21:30Z", "samples/invalid"]),
        Case(name: "lint-json", arguments: ["lint", "--format", "json", "--now", "2026-04-14T10:03:00Z", "samples/invalid/wrong-type.http",
                                            "samples/copernica/profile.delete.http"]),
        Case(name: "verify-valid", arguments: ["verify", "--secret-file", "samples/drift/.token", "samples/drift/new_message.http"]),
        Case(name: "verify-wrong", arguments: ["verify", "--secret", "not-the-token", "samples/drift/new_message.http"]),
        Case(name: "help", arguments: ["--help"]),
        Case(name: "text-superoffice-test", arguments: ["--secret-file", "samples/superoffice/.secret", "samples/superoffice/test.http"]),
        Case(name: "verify-superoffice-newline", arguments: ["verify", "--secret-file", "samples/superoffice/.secret",
                                                             "samples/invalid/superoffice-newline-added.http"]),
        Case(name: "sign-superoffice-request", arguments: ["sign", "--vendor", "superoffice", "--secret-file", "samples/superoffice/.secret",
                                                           "--emit", "request", "--url", "https://hooks.example.com/so",
                                                           "samples/superoffice/person.changed.http"]),
        Case(name: "help-sign", arguments: ["help", "sign"]),
        Case(name: "text-copernica-verified", arguments: ["--public-key", "samples/copernica/.sample-key.dkim.txt", "--now", "2026-04-14T09:21:30Z",
                                                          "--account", "account-26591", "samples/copernica/profile.update.http"]),
        Case(name: "verify-copernica-body-changed", arguments: ["verify", "--public-key", "samples/copernica/.sample-key.pub.pem",
                                                                "--now", "2026-04-14T09:21:30Z", "samples/invalid/copernica-body-changed.http"]),
        Case(name: "text-cloudcx-ticket", arguments: ["samples/cloudcx/TicketStatusChanged.http"]),
        Case(name: "ndjson-copernica-seed", arguments: ["--format", "ndjson", "samples/copernica/seed-profile.json"]),
    ]

    @Test("output matches the golden file", arguments: cases)
    func golden(_ testCase: Case) throws {
        // Relative paths keep the golden files free of this machine's layout.
        enterPackageRoot()
        let result = runCLI(testCase.arguments)
        let actual = "$ hookcheck \(testCase.arguments.joined(separator: " "))\n\(result.out)\(result.err.isEmpty ? "" : "[stderr]\n" + result.err)[exit \(result.status)]\n"
        try checkGolden(actual, file: Self.golden.appendingPathComponent(testCase.name + ".txt"))
    }

    @Test("every golden file belongs to a case")
    func noStrayGoldenFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.golden.path).filter { !$0.hasPrefix(".") }
        #expect(!files.isEmpty, "no golden file in \(Self.golden.path)")
        #expect(Set(files) == Set(Self.cases.map { $0.name + ".txt" }), "a golden file without a case is never checked")
    }
}
