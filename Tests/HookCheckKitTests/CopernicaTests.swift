import Foundation
import Testing
@testable import HookCheckKit

@Suite("Copernica")
struct CopernicaTests {
    struct Sample: CustomStringConvertible, Sendable {
        var file: String
        /// The page of CopernicaMarketingSoftware/Documentation the sample follows.
        var source: String
        var event: String
        var kind: String
        var entity: String
        var id: String
        var account: String?
        var occurredAt: String?
        var changes: [String] = []
        /// Findings besides auth.unchecked.
        var codes: [String] = []
        var description: String { "\(file) (\(source))" }
    }

    /// One row per signed sample (made by samples/copernica/.make-samples.py): what the record must say.
    static let samples: [Sample] = [
        Sample(file: "profile.create.http", source: "Publisher/en/webhook-creates.md", event: "profile.create", kind: "profile.created",
               entity: "profile", id: "4102977", account: "account_26591", occurredAt: "2026-04-14T09:30:12.000Z", changes: ["Email", "Name"]),
        Sample(file: "profile.update.http", source: "Publisher/en/webhook-updates.md", event: "profile.update", kind: "profile.updated",
               entity: "profile", id: "4102263", account: "account_26591", occurredAt: "2026-04-14T09:21:07.000Z", changes: ["Email", "Optin"]),
        Sample(file: "profile.delete.http", source: "Publisher/en/webhook-deletes.md", event: "profile.delete", kind: "profile.deleted",
               entity: "profile", id: "3990120", account: "account_26591", occurredAt: "2026-04-14T10:02:44.000Z"),
        Sample(file: "subprofile.create.http", source: "Publisher/en/webhook-creates.md", event: "subprofile.create", kind: "subprofile.created",
               entity: "subprofile", id: "90211877", account: "account_26591", occurredAt: "2026-04-14T11:15:09.000Z", changes: ["Product", "Amount"]),
        Sample(file: "subprofile.update.http", source: "Publisher/en/webhook-updates.md", event: "subprofile.update", kind: "subprofile.updated",
               entity: "subprofile", id: "90211877", account: "account_26591", occurredAt: "2026-04-15T08:00:31.000Z", changes: ["Status"]),
        Sample(file: "subprofile.delete.http", source: "Publisher/en/webhook-deletes.md", event: "subprofile.delete", kind: "subprofile.deleted",
               entity: "subprofile", id: "90211877", account: "account_26591", occurredAt: "2026-04-16T12:44:00.000Z"),
        // The decoded JSON form (made valid): no `time`, so `timestamp` read as UTC.
        Sample(file: "profile.update-json.http", source: "Publisher/en/webhook-updates.md, its decoded example", event: "profile.update",
               kind: "profile.updated", entity: "profile", id: "123", account: "account_26591", occurredAt: "1979-02-12T12:49:23.000Z", changes: ["mail"]),
        Sample(file: "click.http", source: "Publisher/en/webhook-clicks.md", event: "click", kind: "message.clicked",
               entity: "message", id: "a3f81c29e4b7d605", account: "account_26591", occurredAt: "2026-04-15T07:42:18.000Z"),
        Sample(file: "open.http", source: "SMTPeter/en/webhook-opens.md: no timestamp", event: "open", kind: "message.opened",
               entity: "message", id: "a3f81c29e4b7d605", account: "environment-4417", occurredAt: "2026-04-15T07:40:01.000Z"),
        Sample(file: "bounce.http", source: "Publisher/en/webhook-bounces.md", event: "bounce", kind: "message.bounced",
               entity: "message", id: "b72c04de19f3a868", account: "account_26591", occurredAt: "2026-04-15T09:13:56.000Z"),
        Sample(file: "failure.http", source: "Publisher/en/webhook-failures.md", event: "failure", kind: "message.failed",
               entity: "message", id: "c90d17af28e4b513", account: "account_26591", occurredAt: "2026-04-15T07:31:04.000Z"),
        Sample(file: "delivery.http", source: "SMTPeter/en/webhook-deliveries.md: type 'delivery'", event: "delivery", kind: "message.delivered",
               entity: "message", id: "a3f81c29e4b7d605", account: "environment_4417", occurredAt: "2026-04-15T07:30:40.000Z"),
        Sample(file: "abuse.http", source: "SMTPeter/en/webhook-abuses.md", event: "abuse", kind: "message.abuse_reported",
               entity: "message", id: "a3f81c29e4b7d605", account: "environment-4417", occurredAt: nil),
        Sample(file: "profile.update-callback.http", source: "Publisher/en/callbacks-variables.md: a Publisher callback", event: "profile.update",
               kind: "profile.updated", entity: "profile", id: "4102263", account: "Account_26591", occurredAt: nil, codes: ["copernica.legacy-form"]),
    ]

    @Test("every sample normalizes; the Digest matches; without a key the signature is unchecked", arguments: samples)
    func sample(_ row: Sample) throws {
        let record = try #require(try analyzeSample("samples/copernica/" + row.file).first)
        #expect(record.vendor == "copernica")
        #expect(record.event == row.event)
        #expect(record.kind == row.kind)
        #expect(record.entity == EntityRef(type: row.entity, id: row.id))
        #expect(record.account == row.account)
        #expect(record.occurredAt == row.occurredAt)
        #expect(record.changes.map(\.field) == row.changes)
        #expect(record.changes.allSatisfy { $0.previous == nil && $0.updated != nil })
        #expect(record.auth?.status == .unchecked)
        #expect(record.auth?.detail.contains("keyId one._domainkey.copernica.com") == true)
        #expect(record.findings.map(\.code.id).sorted() == (["auth.unchecked"] + row.codes).sorted(), "\(record.findings)")
    }

    @Test("every catalogue event has a sample")
    func catalogueCovered() {
        #expect(Set(CopernicaCatalog.events.map(\.name)).isSubset(of: Set(Self.samples.map(\.event))))
    }

    @Test("the seed's decoded examples carry trailing commas: a syntax error, still recognized as Copernica", arguments: [
        "seed-profile.json", "seed-subprofile.json",
    ])
    func seedExamples(_ file: String) throws {
        let record = try #require(try analyzeSample("samples/copernica/" + file).first)
        #expect(record.vendor == "copernica")
        let syntax = try #require(record.findings.first { $0.code.id == "json.syntax" })
        #expect(syntax.position == SourcePosition(line: 6, column: 1))
        #expect(syntax.message == "expected a string key after ',', found '}' (trailing comma)")
    }

    @Test("every file in samples/copernica has a row above, or is one of the seed's or the documentation's examples")
    func tableCoversSamples() throws {
        let files = Set(try sampleFiles("samples/copernica").map(fileName))
        let rows = Self.samples.map(\.file)
        #expect(rows.count == Set(rows).count, "a sample has two rows")
        // doc-* files have their rows in CopernicaDocExampleTests.
        #expect(files == Set(rows).union(files.filter { $0.hasPrefix("seed-") || $0.hasPrefix("doc-") }),
                "a sample without a row is never checked field by field")
    }

    static func signed(_ headers: [String], body: String = "type=delete&timestamp=2026-04-14+10%3A02%3A44&profile=1&database=2") -> String {
        (["POST /hook HTTP/1.1", "Content-Type: application/x-www-form-urlencoded", "Content-Length: \(body.utf8.count)"] + headers)
            .joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    static let goodSignature = #"Signature: keyId="one._domainkey.copernica.com",algorithm="rsa-sha256",headers="(request-target) host date content-length content-type x-copernica-id digest x-nonce",signature="AAAA""#

    @Test("the Digest is checked against the raw body, with no key", arguments: [
        ("SHA-256", true), ("sha-256", true), ("SHA-512", true), ("SHA", true), ("SHA-256-wrong", false),
    ])
    func digest(_ algorithm: String, _ good: Bool) throws {
        let body = "type=delete&timestamp=2026-04-14+10%3A02%3A44&profile=1&database=2"
        let bytes = Array(body.utf8)
        let value: String = switch algorithm.uppercased() {
        case "SHA-512": Base64.encode(SHA512.hash(bytes))
        case "SHA": Base64.encode(SHA1.hash(bytes))
        case "SHA-256": Base64.encode(SHA256.hash(bytes))
        default: Base64.encode(SHA256.hash(Array((body + "&x=1").utf8)))
        }
        let name = good ? algorithm : "SHA-256"
        let record = try #require(try analyze(Self.signed(["Digest: \(name)=\(value)", Self.goodSignature, "Date: Tue, 14 Apr 2026 10:02:45 GMT",
                                                            "Host: h", "X-Copernica-ID: account_1", "X-Nonce: n"])).first)
        #expect(record.findings.contains { $0.code.id == "auth.digest-mismatch" } == !good, "\(record.findings)")
    }

    @Test("the Signature header parses, and the signing string follows its header list")
    func signingString() throws {
        let header = try #require(HTTPSignatureHeader(#"keyId="one._domainkey.copernica.com", algorithm="rsa-sha256",headers="(request-target) host date",signature="c2ln""#))
        #expect(header.keyId == "one._domainkey.copernica.com")
        #expect(header.algorithm == "rsa-sha256")
        #expect(header.headers == ["(request-target)", "host", "date"])
        #expect(header.signature == "c2ln")
        let request = try #require(try readRequests("POST /path/to?x=1 HTTP/1.1\nHost: example.com\nDate:  Tue, 14 Apr 2026 10:02:45 GMT \n\n").first)
        #expect(try HTTPSignatureHeader.signingString(headers: header.headers, request: request).get()
                == "(request-target): post /path/to?x=1\nhost: example.com\ndate: Tue, 14 Apr 2026 10:02:45 GMT")
        #expect(HTTPSignatureHeader(#"keyId="k",signature="s""#)?.headers == ["date"])
        guard case .failure(let error) = HTTPSignatureHeader.signingString(headers: ["digest"], request: request) else {
            Issue.record("a missing header must fail")
            return
        }
        #expect(error.message == "the signature covers the digest header, which the request does not have")
    }

    struct CheckCase: CustomStringConvertible, Sendable {
        var name: String
        var headers: [String]
        var arguments: (now: Int64?, account: String?)
        var code: String
        var severity: Severity
        var description: String { name }
    }

    static func signature(keyId: String) -> String {
        #"Signature: keyId=""# + keyId + #"",algorithm="rsa-sha256",headers="(request-target) host date content-length content-type x-copernica-id digest x-nonce",signature="AAAA""#
    }

    static let base = ["Host: h", "Date: Tue, 14 Apr 2026 10:02:45 GMT", "X-Copernica-ID: account_26591", "X-Nonce: n"]
    static let checks: [CheckCase] = [
        CheckCase(name: "http-signatures-php CopernicaRequest.php: a keyId outside .copernica.com is rejected",
                  headers: base + [signature(keyId: "one._domainkey.example.com")],
                  arguments: (nil, nil), code: "copernica.key-id", severity: .error),
        CheckCase(name: "http-signatures-php CopernicaRequest.php: the keyId must end in .copernica.com, not merely hold it",
                  headers: base + [signature(keyId: "one._domainkey.copernica.com.example.net")],
                  arguments: (nil, nil), code: "copernica.key-id", severity: .error),
        CheckCase(name: "http-signatures-php CopernicaRequest.php: its match is case-sensitive",
                  headers: base + [signature(keyId: "one._domainkey.COPERNICA.COM")],
                  arguments: (nil, nil), code: "copernica.key-id", severity: .error),
        CheckCase(name: "headers not covered",
                  headers: base + [#"Signature: keyId="one._domainkey.copernica.com",algorithm="rsa-sha256",headers="date",signature="AAAA""#],
                  arguments: (nil, nil), code: "copernica.coverage", severity: .warning),
        CheckCase(name: "stale Date against --now", headers: base + [goodSignature],
                  arguments: (Int64(1_776_161_100_000), nil), code: "copernica.date-stale", severity: .error),
        CheckCase(name: "account differs", headers: base + [goodSignature], arguments: (nil, "account-99"), code: "copernica.account", severity: .error),
        CheckCase(name: "malformed Signature", headers: base + ["Signature: nonsense"], arguments: (nil, nil), code: "auth.malformed", severity: .error),
        CheckCase(name: "no Digest", headers: base + [goodSignature], arguments: (nil, nil), code: "auth.missing", severity: .error),
    ]

    @Test("what Copernica's own library checks", arguments: checks)
    func libraryChecks(_ row: CheckCase) throws {
        var options = InspectOptions()
        options.now = row.arguments.now
        options.senderValues[CopernicaSender.accountOption] = row.arguments.account
        let record = try #require(try analyze(Self.signed(row.headers), options: options).first)
        let finding = try #require(record.findings.first { $0.code.id == row.code }, "\(record.findings)")
        #expect(finding.severity == row.severity)
    }

    struct DateCase: CustomStringConvertible, Sendable {
        var name: String
        /// Seconds from the request's Date to now.
        var after: Int64
        var fromClock: Bool
        var maxAge: Int64?
        var code: String?
        var message: String?
        var description: String { name }
    }

    /// The Date of `base`, Tue, 14 Apr 2026 10:02:45 GMT.
    static let baseDate: Int64 = 1_776_160_965_000

    static let dates: [DateCase] = [
        DateCase(name: "http-signatures-php CopernicaRequest.php: older than 1 minute by the clock is refused, said in days",
                 after: 208 * 86_400 + 3 * 3600, fromClock: true, code: "copernica.date-stale",
                 message: "the Date header is 208 days old; Copernica's library accepts 1 minute"),
        DateCase(name: "http-signatures-php CopernicaRequest.php: against --now, named",
                 after: 61, fromClock: false, code: "copernica.date-stale",
                 message: "the Date header is 61 seconds older than --now; Copernica's library accepts 1 minute"),
        DateCase(name: "http-signatures-php CopernicaRequest.php: exactly 60 s passes (it refuses more than 60)",
                 after: 60, fromClock: true),
        DateCase(name: "--max-age overrides the library's minute and is named as the limit",
                 after: 600, fromClock: false, maxAge: 300_000, code: "copernica.date-stale",
                 message: "the Date header is 10 minutes older than --now; --max-age allows 5 minutes"),
        DateCase(name: "--max-age allows what the library would not", after: 240, fromClock: true, maxAge: 300_000),
        DateCase(name: "a Date ahead of the clock: a warning, the library does not check it",
                 after: -3 * 3600, fromClock: true, code: "copernica.date-future",
                 message: "the Date header is 3 hours ahead of the system clock: a clock is off"),
    ]

    @Test("the Date check", arguments: dates)
    func dateCheck(_ row: DateCase) throws {
        var options = InspectOptions()
        options.now = Self.baseDate + row.after * 1000
        options.nowFromClock = row.fromClock
        options.maxAge = row.maxAge
        let record = try #require(try analyze(Self.signed(Self.base + [Self.goodSignature, "Digest: SHA-256=x"]), options: options).first)
        let dateFindings = record.findings.filter { $0.code.id.hasPrefix("copernica.date") }
        #expect(dateFindings.map(\.code.id) == [row.code].compactMap { $0 }, "\(record.findings)")
        #expect(dateFindings.first?.message == row.message)
        #expect(dateFindings.first.map { $0.position == SourcePosition(line: 5, column: 1) } ?? true)
    }

    static let durations: [(Int64, String)] = [
        (999, "999 ms"), (1000, "1 second"), (59_000, "59 seconds"), (60_000, "1 minute"), (61_000, "61 seconds"),
        (119_000, "119 seconds"), (120_000, "2 minutes"), (5_400_000, "90 minutes"), (86_400_000, "1 day"),
        (208 * 86_400_000 + 3_600_000, "208 days"),
    ]

    @Test("durations in plain words", arguments: durations)
    func spoken(_ millis: Int64, _ text: String) {
        #expect(CopernicaSignature.spoken(millis) == text)
    }

    struct CaptureCase: CustomStringConvertible, Sendable {
        var name: String
        var capture: @Sendable (String) -> (text: String, body: [UInt8]?)
        var withKey: Bool
        var status: AuthResult.Status
        var code: String
        var description: String { name }
    }

    /// A curl -v capture of a sample: its request headers as `> ` lines, no body.
    static func curlVerbose(_ sample: String) -> String {
        let head = sample.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        return (["*   Trying 127.0.0.1:18765..."] + head.map { "> " + $0 } + ["> ", "} [354 bytes data]", "< HTTP/1.1 200 OK"])
            .joined(separator: "\n") + "\n"
    }

    static let captures: [CaptureCase] = [
        CaptureCase(name: "Publisher/en/webhook-security.md: the Digest is of the body; curl -v without --body: it cannot be checked, not a changed body",
                    capture: { (curlVerbose($0), nil) }, withKey: false, status: .unchecked, code: "auth.unverifiable"),
        CaptureCase(name: "Publisher/en/webhook-security.md: the signature covers the Digest; curl -v without --body, with the key: unverifiable",
                    capture: { (curlVerbose($0), nil) }, withKey: true, status: .unverifiable, code: "auth.unverifiable"),
        CaptureCase(name: "Publisher/en/webhook-security.md: curl -v with --body holds it all: valid",
                    capture: { (curlVerbose($0), Array($0.components(separatedBy: "\r\n\r\n")[1].utf8)) }, withKey: true,
                    status: .valid, code: "capture.body-file"),
        CaptureCase(name: "Publisher/en/webhook-security.md: the Digest is of the body; a dump cut short of its Content-Length: it cannot be checked",
                    capture: { (String($0.dropLast(100)), nil) }, withKey: true, status: .unverifiable, code: "auth.unverifiable"),
    ]

    @Test("a capture without the whole body says the Digest cannot be checked", arguments: captures)
    func headersOnly(_ row: CaptureCase) throws {
        var options = InspectOptions()
        options.now = 1_776_158_490_000
        if row.withKey {
            options.publicKey = SecretSource(label: "--public-key test", value: try fixtureBytes("samples/copernica/.sample-key.pub.pem"))
        }
        let (text, body) = row.capture(try fixture("samples/copernica/profile.update.http"))
        let requests = try InputRequests.all(in: ByteStream(bytes: Array(text.utf8), path: "capture"), source: "capture", verboseBody: body)
        let record = Inspector(options: options).analyze(try #require(requests.first))
        #expect(record.vendor == "copernica")
        #expect(record.auth?.status == row.status, "\(record.auth?.detail ?? "")")
        #expect(record.findings.contains { $0.code.id == row.code }, "\(record.findings)")
        #expect(!record.findings.contains { $0.code.id == "auth.digest-mismatch" }, "\(record.findings)")
    }

    @Test("verify fails when the signature verifies but the Date or account does not pass")
    func verifyJudgesTheWholeCheck() {
        enterPackageRoot()
        let key = "samples/copernica/.sample-key.pub.pem"
        let sample = "samples/copernica/profile.update.http"
        #expect(runCLI(["verify", "--public-key", key, "--now", "2026-04-14T09:21:30Z", "--account", "account-26591", sample]).status == 0)
        let stale = runCLI(["verify", "--public-key", key, "--now", "2026-05-01T00:00:00Z", sample])
        #expect(stale.status == 1)
        #expect(stale.out.contains("[copernica.date-stale]"))
        #expect(runCLI(["verify", "--public-key", key, "--account", "account_1", sample]).status == 1)
    }

    @Test("--account matches X-Copernica-ID in each form Copernica's pages write it", arguments: [
        ("account-1234", "1234", true, "Publisher/en/webhook-security.md: account-XXX"),
        ("account_1234", "1234", true, "Publisher/en/callbacks-security.md: account_<id>"),
        ("Account_1234", "1234", true, "Publisher/nl/signature-header.md passes Account_1234 to the library"),
        ("environment-1234", "1234", true, "SMTPeter/en/webhook-security.md: environment-XXX"),
        ("environment_1234", "1234", true, "SMTPeter/en/webhook-security.md until a1efa693: environment_XXX"),
        ("account_26591", "account-26591", true, "a written-out --account in another form"),
        ("account_1234", "ACCOUNT_1234", true, "case aside"),
        ("account_26591", "account_2659", false, "another number"),
        ("environment-1234", "account-1234", false, "an environment is not an account"),
        ("1234", "1234", true, "a bare number, as written"),
    ])
    func accounts(_ sent: String, _ expected: String, _ same: Bool, _ source: String) {
        #expect(CopernicaSignature.sameAccount(sent, expected) == same, "\(source)")
    }

    @Test("the record's account is X-Copernica-ID as sent; the detail says which form came", arguments: [
        ("profile.update-callback.http", "26591", "X-Copernica-ID Account_26591 (the Account_N form) is --account 26591"),
        ("delivery.http", "4417", "X-Copernica-ID environment_4417 (the environment_N form) is --account 4417"),
    ])
    func accountDetail(_ file: String, _ account: String, _ detail: String) throws {
        var options = InspectOptions()
        options.senderValues[CopernicaSender.accountOption] = account
        let record = try #require(try analyzeSample("samples/copernica/" + file, options: options).first)
        #expect(record.account?.hasSuffix(account) == true)
        #expect(record.auth?.detail.hasSuffix("; " + detail) == true, "\(record.auth?.detail ?? "")")
        options.senderValues[CopernicaSender.accountOption] = "account_1"
        let other = try #require(try analyzeSample("samples/copernica/" + file, options: options).first)
        let finding = try #require(other.findings.first { $0.code.id == "copernica.account" })
        #expect(finding.message.hasPrefix("X-Copernica-ID is \(other.account ?? "")"))
        #expect(finding.message.hasSuffix("form), not --account account_1"))
    }

    @Test("HTTP dates", arguments: [
        ("Tue, 14 Apr 2026 10:02:45 GMT", Int64(1_776_160_965_000)),
        ("Tuesday, 14-Apr-26 10:02:45 GMT", Int64(1_776_160_965_000)),
        ("Tue Apr 14 10:02:45 2026", Int64(1_776_160_965_000)),
        ("Tue, 14 Apr 26 12:02:45 +0200", Int64(1_776_160_965_000)),
    ])
    func httpDates(_ text: String, _ millis: Int64) {
        #expect(HTTPDate.parse(text) == millis)
    }

    @Test("not HTTP dates", arguments: ["", "yesterday", "Tue, 31 Feb 2026 10:00:00 GMT", "14 Apr 2026"])
    func notHTTPDates(_ text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }
}
