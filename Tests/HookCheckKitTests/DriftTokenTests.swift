import Testing
@testable import HookCheckKit

@Suite("Drift verification token")
struct DriftTokenTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var header: [String]
        var bodyToken: String?
        var secrets: [String]
        var status: AuthResult.Status
        var code: String?
        var severity: Severity?
        var detail: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "both copies, no token configured", header: ["abc"], bodyToken: "abc", secrets: [],
             status: .unchecked, code: "auth.unchecked", severity: .info, detail: "header and body token match; no token configured"),
        Case(name: "both copies match the configured token", header: ["abc"], bodyToken: "abc", secrets: ["abc"],
             status: .valid, code: nil, severity: nil, detail: "header and body token match --secret"),
        Case(name: "rotation: the second token matches", header: ["new"], bodyToken: "new", secrets: ["old", "new"],
             status: .valid, code: nil, severity: nil, detail: "header and body token match --secret"),
        Case(name: "copies differ, even without a configured token", header: ["abc"], bodyToken: "abd", secrets: [],
             status: .invalid, code: "auth.mismatch", severity: .error, detail: "the X-Verification-Token header and the body's token differ"),
        Case(name: "wrong token", header: ["abc"], bodyToken: "abc", secrets: ["xyz"],
             status: .invalid, code: "auth.mismatch", severity: .error, detail: "the token does not match --secret"),
        Case(name: "configured token with whitespace", header: ["abc"], bodyToken: "abc", secrets: ["abc\n"],
             status: .invalid, code: "auth.mismatch", severity: .error,
             detail: "the token does not match --secret; it would match --secret without surrounding whitespace"),
        Case(name: "body only (older senders lack the header)", header: [], bodyToken: "abc", secrets: ["abc"],
             status: .valid, code: nil, severity: nil, detail: "body token (no X-Verification-Token header) matches --secret"),
        Case(name: "header only", header: ["abc"], bodyToken: nil, secrets: ["abc"],
             status: .valid, code: nil, severity: nil, detail: "header token (the body has no token) matches --secret"),
        Case(name: "missing, no token configured: a warning", header: [], bodyToken: nil, secrets: [],
             status: .missing, code: "auth.missing", severity: .warning, detail: "no X-Verification-Token header and no token in the body"),
        Case(name: "missing with a token configured: an error", header: [], bodyToken: nil, secrets: ["abc"],
             status: .missing, code: "auth.missing", severity: .error, detail: "no X-Verification-Token header and no token in the body"),
        Case(name: "two different headers", header: ["abc", "abd"], bodyToken: "abc", secrets: ["abc"],
             status: .invalid, code: "auth.mismatch", severity: .error, detail: "several X-Verification-Token headers with different values"),
    ]

    @Test("statuses, severities and details", arguments: cases)
    func token(_ testCase: Case) throws {
        let tokenMember = testCase.bodyToken.map { #","token":""# + $0 + #"""# } ?? ""
        let body = #"{"orgId":1,"type":"gdpr_delete_requested","data":{"email":"a@example.com","requesterId":7}"# + tokenMember + "}"
        var head = "POST /hook HTTP/1.1\nContent-Length: \(body.utf8.count)\n"
        for value in testCase.header { head += "X-Verification-Token: \(value)\n" }
        var options = InspectOptions()
        options.secrets = testCase.secrets.map { SecretSource(label: "--secret", value: Array($0.utf8)) }
        let record = try #require(try analyze(head + "\n" + body, options: options).first)
        #expect(record.auth == AuthResult(scheme: "drift-token", status: testCase.status, detail: testCase.detail))
        let authFindings = record.findings.filter { $0.code.category == .auth }
        #expect(authFindings.map(\.code.id) == (testCase.code.map { [$0] } ?? []))
        #expect(authFindings.first?.severity == testCase.severity)
        // The token never appears in what is reported.
        for secret in testCase.secrets + testCase.header + [testCase.bodyToken].compactMap({ $0 }) {
            #expect(!JSONOutput(pretty: false).string(record.recordValue).contains("\"" + secret), "leaked \(secret)")
        }
    }

    @Test("devdocs.drift.com/docs/webhook-events-1: one token per app in every event; once checked, the report says it does not cover the body", arguments: [
        (["--secret-file", "samples/drift/.token"], true, "valid"),
        (["--secret", "not-the-token"], true, "invalid"),
        ([], false, "unchecked: nothing was checked, so nothing is said"),
    ])
    func tokenLeavesTheBodyOpen(_ secret: [String], _ said: Bool, _ why: String) {
        let note = "Drift's token does not cover the body: it is the same in every event, so a body changed after Drift sent it cannot be detected by it"
        let verify = runCLIAtRoot(["verify"] + secret + ["samples/drift/gdpr_delete_requested.http"])
        #expect(verify.out.contains("\n  note: " + note + "\n") == said, "\(why): \(verify.out)")
        let inspect = runCLIAtRoot(secret + ["samples/drift/gdpr_delete_requested.http"])
        #expect(inspect.out.contains(note) == said, "\(why): \(inspect.out)")
    }

    @Test("the variable HOOKCHECK_DRIFT_TOKEN is used when no option is given, and named")
    func environmentVariable() throws {
        var options = InspectOptions()
        options.environment = ["HOOKCHECK_DRIFT_TOKEN": "tok-123"]
        let record = try #require(try analyze(driftRequest(#"{"orgId":1,"type":"gdpr_delete_requested","data":{"email":"a@example.com","requesterId":7},"token":"tok-123"}"#), options: options).first)
        #expect(record.auth?.status == .valid)
        #expect(record.auth?.detail == "header and body token match HOOKCHECK_DRIFT_TOKEN")
    }

    @Test("constant-time comparison answers like ==", arguments: [
        ("", "", true), ("a", "a", true), ("a", "b", false), ("abc", "abcd", false), ("abcd", "abc", false), ("", "x", false),
    ])
    func constantTime(_ a: String, _ b: String, _ equal: Bool) {
        #expect(ConstantTime.equals(Array(a.utf8), Array(b.utf8)) == equal)
    }
}
