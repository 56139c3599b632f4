import Foundation
import Testing
@testable import HookCheckKit

@Suite("SuperOffice")
struct SuperOfficeTests {
    /// file, event, kind, entity type, entity id, occurredAt, number of changes.
    static let samples: [(String, String, String, String, String, String, Int)] = [
        ("activity.created.http", "activity.created", "activity.created", "activity", "883412", "2026-03-15T12:31:49.832Z", 4),
        ("associate.changed.http", "associate.changed", "associate.updated", "associate", "316", "2026-03-16T13:38:02.527Z", 2),
        ("chatsession.message.http", "chatsession.message", "chatsession.message", "chatsession", "4418", "2026-03-20T08:06:54.483Z", 2),
        ("contact.changed.http", "contact.changed", "contact.updated", "contact", "994863", "2026-03-03T09:07:13.613Z", 4),
        ("contact.created.http", "contact.created", "contact.created", "contact", "994863", "2026-03-02T08:00:00.081Z", 9),
        ("contact.deleted.http", "contact.deleted", "contact.deleted", "contact", "994863", "2026-03-05T11:21:39.117Z", 0),
        ("contact.softdeleted.http", "contact.softdeleted", "contact.softdeleted", "contact", "994863", "2026-03-04T10:14:26.360Z", 1),
        ("document.edited.http", "document.edited", "document.edited", "document", "610233", "2026-03-19T16:59:41.830Z", 2),
        ("extratable.changed.http", "y_equipment.changed", "y_equipment.updated", "y_equipment", "409", "2026-03-06T14:48:12.157Z", 2),
        ("list.created.http", "list.category.created", "list.category.created", "list.category", "57", "2026-03-05T13:41:59.833Z", 2),
        ("person.changed.http", "person.changed", "person.updated", "person", "2207815", "2026-03-07T13:35:05.374Z", 2),
        ("person.consented.http", "person.consented", "person.consented", "person", "2207815", "2026-03-08T14:42:18.103Z", 3),
        ("person.created.http", "person.created", "person.created", "person", "2207815", "2026-03-06T12:28:52.099Z", 5),
        // reference/person-events.md: person.softdeleted.
        ("person.softdeleted.http", "person.softdeleted", "person.softdeleted", "person", "2207815", "2026-03-10T08:21:47.517Z", 4),
        ("person.unconsented.http", "person.unconsented", "person.unconsented", "person", "2207815", "2026-03-09T15:49:31.370Z", 1),
        ("project.created.http", "project.created", "project.created", "project", "3381", "2026-03-13T10:17:23.315Z", 3),
        ("projectmember.created.http", "projectmember.created", "projectmember.created", "projectmember", "12907", "2026-03-14T11:24:36.105Z", 3),
        ("quote.approved.http", "quote.approved", "quote.approved", "quote", "1290", "2026-03-21T09:13:07.858Z", 2),
        ("quote.sent.http", "quote.sent", "quote.sent", "quote", "1291", "2026-03-02T10:20:20.254Z", 1),
        ("relation.created.http", "relation.created", "relation.created", "relation", "5521", "2026-03-17T14:45:15.606Z", 3),
        ("sale.created.http", "sale.created", "sale.created", "sale", "71544", "2026-03-10T16:56:44.485Z", 5),
        ("sale.lost.http", "sale.lost", "sale.lost", "sale", "71545", "2026-03-12T09:10:10.303Z", 2),
        ("sale.sold.http", "sale.sold", "sale.sold", "sale", "71544", "2026-03-11T08:03:57.957Z", 3),
        ("salestakeholder.deleted.http", "salestakeholder.deleted", "salestakeholder.deleted", "salestakeholder", "902", "2026-03-18T15:52:28.409Z", 0),
        ("test.http", "test", "webhook.test", "webhook", "crm-sync", "2026-03-08T16:02:38.969Z", 0),
        ("ticket.changed.http", "ticket.changed", "ticket.updated", "ticket", "88120", "2026-03-04T12:34:46.526Z", 2),
        ("ticket.created.http", "ticket.created", "ticket.created", "ticket", "88120", "2026-03-03T11:27:33.130Z", 4),
        // reference/state-events.md: the header's webhook12.started names the webhook; no Entity.
        ("webhook.started.http", "webhook.started", "webhook.started", "webhook", "12", "2026-03-07T16:10:02.441Z", 0),
        ("webhook.stopped.http", "webhook.stopped", "webhook.stopped", "webhook", "12", "2026-03-07T15:55:25.109Z", 0),
        ("webhook.errors.http", "webhook.errors", "webhook.errors", "webhook", "12", "2026-03-27T03:18:45.990Z", 0),
    ]

    @Test("every sample verifies (signed by another implementation) and normalizes", arguments: samples)
    func sample(_ row: (String, String, String, String, String, String, Int)) throws {
        let options = withSecrets([("--secret-file samples/superoffice/.secret", try superOfficeSecret)])
        let record = try #require(try analyzeSample("samples/superoffice/" + row.0, options: options).first)
        #expect(record.vendor == "superoffice")
        #expect(record.event == row.1)
        #expect(record.kind == row.2)
        #expect(record.entity == EntityRef(type: row.3, id: row.4))
        #expect(record.occurredAt == row.5)
        #expect(record.changes.count == row.6)
        // SuperOffice never sends a previous value; FieldValues' new values are SuperOfficeFieldValuesTests'.
        #expect(record.changes.allSatisfy { $0.previous == nil })
        #expect(record.account == "Cust26759")
        #expect(record.auth == AuthResult(scheme: "superoffice-hmac-sha256", status: .valid,
                                          detail: "HMAC-SHA256 of the body matches --secret-file samples/superoffice/.secret"))
        #expect(record.findings.isEmpty, "\(record.findings)")
        #expect(record.authNotes.first == "SuperOffice signatures carry no timestamp: a captured request can be replayed")
    }

    /// Every sample but the seed's broken example and the documentation's own (SuperOfficeDocExamplesTests),
    /// found in the folder: the table above has a row for only some.
    static var folderSamples: [String] {
        get throws { try sampleFiles("samples/superoffice").filter { !fileName($0).hasPrefix("seed-") && !fileName($0).hasPrefix("doc-") } }
    }

    @Test("every sample in the folder verifies and reports what its body says", arguments: try folderSamples)
    func folderSample(_ path: String) throws {
        let request = try #require(try readRequests(try fixtureBytes(path)).first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        let options = withSecrets([("--secret-file samples/superoffice/.secret", try superOfficeSecret)])
        let record = try #require(try analyzeSample(path, options: options).first)
        #expect(record.vendor == "superoffice")
        #expect(record.event == body["Event"] as? String)
        #expect(record.account == body["ContextIdentifier"] as? String)
        #expect(record.auth?.status == .valid, "\(record.auth?.detail ?? "")")
        #expect(record.findings.isEmpty, "\(record.findings)")
    }

    @Test("every row above names a sample of the folder, once")
    func tableNamesSamples() throws {
        let rows = Self.samples.map(\.0)
        #expect(rows.count == Set(rows).count, "a sample has two rows")
        #expect(Set(rows).isSubset(of: Set(try Self.folderSamples.map(fileName))))
    }

    @Test("every documented family has a sample")
    func familiesCovered() {
        let sampled = Set(Self.samples.map { $0.1.split(separator: ".").first.map(String.init) ?? "" })
        for family in SuperOfficeCatalog.families {
            #expect(sampled.contains(family.entity), "no sample for \(family.entity)")
        }
        #expect(sampled.contains("list") && sampled.contains("y_equipment") && sampled.contains("test"))
    }

    @Test("the seed's own contact.created example: the missing comma, at its line and column")
    func seedExample() throws {
        let record = try #require(try analyzeSample("samples/superoffice/seed-contact.created.http").first)
        #expect(record.vendor == "superoffice")
        #expect(record.event == "contact.created")
        let syntax = try #require(record.findings.first { $0.code.id == "json.syntax" })
        // "category_idx" ends line 17 without a comma; "country_id" on line 18 is where it was expected.
        #expect(syntax.position == SourcePosition(line: 18, column: 5))
        #expect(syntax.message == "expected ',' or ']' after array element, found string")
        #expect(!record.isValid)
    }

    @Test("the test delivery is reported as such")
    func testDelivery() throws {
        let record = try #require(try analyzeSample("samples/superoffice/test.http").first)
        #expect(record.notes.contains("a test delivery (X-Hook-Test: true), sent when the webhook is registered"))
    }

    static let body = #"{"EventId":"8337ae4a-1dd6-40fd-8dc7-a050664a0af7","Timestamp":"2018-04-24T07:50:50.6812131Z","Changes":["name"],"Event":"contact.changed","PrimaryKey":994863,"Entity":"contact","ContextIdentifier":"Cust1234","ChangedByAssociateId":316}"#

    static func request(_ body: String, headers: [String]) -> String {
        (["POST /hook HTTP/1.1", "Content-Length: \(body.utf8.count)"] + headers).joined(separator: "\n") + "\n\n" + body
    }

    struct Consistency: CustomStringConvertible, Sendable {
        var name: String
        var headers: [String]
        var body: String
        var code: String?
        var description: String { name }
    }

    static let consistency: [Consistency] = [
        Consistency(name: "consistent", headers: ["X-SuperOffice-Event: contact.changed", "x-superoffice-eventid: 8337AE4A-1DD6-40FD-8DC7-A050664A0AF7"], body: body, code: nil),
        Consistency(name: "header event differs", headers: ["X-SuperOffice-Event: contact.created"], body: body, code: "superoffice.event-mismatch"),
        Consistency(name: "header id differs (a warning: reference/relation-events.md, test-event.md and others show it)",
                    headers: ["X-SuperOffice-EventId: 00000000-1dd6-40fd-8dc7-a050664a0af7"], body: body, code: "superoffice.eventid-mismatch"),
        Consistency(name: "event not named after its entity", headers: ["X-SuperOffice-Event: person.changed"],
                    body: body.replacingOccurrences(of: #""Event":"contact.changed""#, with: #""Event":"person.changed""#), code: "superoffice.entity-mismatch"),
        Consistency(name: "unknown action", headers: ["X-SuperOffice-Event: contact.exploded"],
                    body: body.replacingOccurrences(of: "contact.changed", with: "contact.exploded"), code: "vendor.unknown-event"),
        Consistency(name: "delete without EventId and Changes, as some documents show", headers: ["User-Agent: NetServer-Webhook/8.8"],
                    body: #"{"Timestamp":"2018-04-24T07:58:10.9923345Z","Values":{"contact_id":1},"Event":"contact.deleted","PrimaryKey":1,"Entity":"contact","ContextIdentifier":"C","ChangedByAssociateId":2}"#, code: nil),
    ]

    @Test("header and body must agree", arguments: consistency)
    func consistencyChecks(_ row: Consistency) throws {
        let record = try #require(try analyze(Self.request(row.body, headers: row.headers)).first)
        #expect(record.vendor == "superoffice")
        let codes = record.findings.filter { $0.severity != .info }.map(\.code.id).filter { $0 != "auth.missing" }
        #expect(codes == (row.code.map { [$0] } ?? []), "\(record.findings)")
    }

    struct SignatureCase: CustomStringConvertible, Sendable {
        var name: String
        /// The bytes that were signed, and the bytes that arrived.
        var signed: String
        var received: String
        var encode: @Sendable ([UInt8]) -> String
        var secret: String
        var status: AuthResult.Status
        var detailSuffix: String
        var description: String { name }
    }

    static let pretty = JSONOutput(pretty: true).string(try! JSONValue(JSONParser().parse(Array(body.utf8)).get(), 0))

    static let signatures: [SignatureCase] = [
        SignatureCase(name: "valid", signed: body, received: body, encode: Base64.encode, secret: "s3cret", status: .valid,
                      detailSuffix: "HMAC-SHA256 of the body matches --secret"),
        SignatureCase(name: "wrong secret", signed: body, received: body, encode: Base64.encode, secret: "other", status: .invalid,
                      detailSuffix: "no usual mistake explains it: the secret is wrong, or the body was changed after signing"),
        SignatureCase(name: "trailing newline added", signed: body, received: body + "\n", encode: Base64.encode, secret: "s3cret", status: .invalid,
                      detailSuffix: "a trailing newline was added to the body after it was signed (the signature matches the body without it)"),
        SignatureCase(name: "CRLF instead of LF", signed: pretty, received: pretty.replacingOccurrences(of: "\n", with: "\r\n"), encode: Base64.encode,
                      secret: "s3cret", status: .invalid,
                      detailSuffix: "line endings changed: the signature matches the body with LF line endings, and this body has CRLF"),
        SignatureCase(name: "LF instead of CRLF", signed: pretty.replacingOccurrences(of: "\n", with: "\r\n"), received: pretty, encode: Base64.encode,
                      secret: "s3cret", status: .invalid,
                      detailSuffix: "line endings changed: the signature matches the body with CRLF line endings, and this body has LF"),
        SignatureCase(name: "pretty-printed after signing the minified body", signed: body, received: pretty, encode: Base64.encode,
                      secret: "s3cret", status: .invalid,
                      detailSuffix: "the body was re-serialized: the signature matches it minified (no whitespace), as the sender sent it"),
        SignatureCase(name: "signed pretty-printed, received minified", signed: pretty, received: body, encode: Base64.encode,
                      secret: "s3cret", status: .invalid,
                      detailSuffix: "the body was re-serialized: the signature matches it pretty-printed (indented with two spaces)"),
        SignatureCase(name: "hex instead of base64", signed: body, received: body, encode: { Hex.encode($0) }, secret: "s3cret", status: .invalid,
                      detailSuffix: "the signature is hex-encoded, but the scheme sends base64: the bytes match"),
        SignatureCase(name: "secret pasted with whitespace", signed: body, received: body, encode: Base64.encode, secret: " s3cret\n", status: .invalid,
                      detailSuffix: "--secret has surrounding whitespace; without it the signature matches"),
        SignatureCase(name: "not base64 at all", signed: body, received: body, encode: { _ in "%%%" }, secret: "s3cret", status: .invalid,
                      detailSuffix: "the header is not a base64 HMAC-SHA256 (44 characters ending in '=')"),
    ]

    @Test("signature statuses, and the explanation of a mismatch", arguments: signatures)
    func signature(_ row: SignatureCase) throws {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(row.signed.utf8), key: Array("s3cret".utf8))
        let text = Self.request(row.received, headers: ["X-SuperOffice-Signature: \(row.encode(mac))"])
        let record = try #require(try analyze(text, options: withSecrets([("--secret", row.secret)])).first)
        #expect(record.auth?.status == row.status)
        #expect(record.auth?.detail.hasSuffix(row.detailSuffix) == true, "\(record.auth?.detail ?? "")")
        #expect(record.isValid == (row.status == .valid))
        let rendered = JSONOutput(pretty: false).string(record.recordValue)
        #expect(!rendered.contains("s3cret"), "the secret never appears")
    }

    @Test("key rotation: the matching source is named")
    func rotation() throws {
        let mac = Base64.encode(HMAC<SHA256>.authenticationCode(for: Array(Self.body.utf8), key: Array("new".utf8)))
        let text = Self.request(Self.body, headers: ["X-SuperOffice-Signature: \(mac)"])
        let options = withSecrets([("--secret-env OLD", "old"), ("--secret-env NEW", "new")])
        let record = try #require(try analyze(text, options: options).first)
        #expect(record.auth?.detail == "HMAC-SHA256 of the body matches --secret-env NEW")
    }

    @Test("missing and unchecked signatures")
    func missingAndUnchecked() throws {
        let unsigned = try #require(try analyze(Self.request(Self.body, headers: ["X-SuperOffice-Event: contact.changed"])).first)
        #expect(unsigned.auth?.status == .missing)
        #expect(unsigned.findings.first { $0.code.id == "auth.missing" }?.severity == .warning)
        let unsignedWithSecret = try #require(try analyze(Self.request(Self.body, headers: ["X-SuperOffice-Event: contact.changed"]),
                                                          options: withSecrets([("--secret", "x")])).first)
        #expect(unsignedWithSecret.findings.first { $0.code.id == "auth.missing" }?.severity == .error)
        let unchecked = try #require(try analyzeSample("samples/superoffice/contact.created.http").first)
        #expect(unchecked.auth?.status == .unchecked)
        #expect(unchecked.findings.map(\.code.id) == ["auth.unchecked"])
    }

    @Test("Timestamp with 7 fractional digits is cut to milliseconds")
    func timestamp() throws {
        let record = try #require(try analyze(Self.body).first)
        #expect(record.occurredAt == "2018-04-24T07:50:50.681Z")
    }

    @Test("event names are classified as documented", arguments: [
        ("contact.softdeleted", SuperOfficeCatalog.EventName.known(entity: "contact", action: "softdeleted")),
        ("list.12.changed", .known(entity: "list.12", action: "changed")),
        ("y_rental.deleted", .known(entity: "y_rental", action: "deleted")),
        ("webhook.errors", .known(entity: "webhook", action: "errors")),
        ("person.softdeleted", .known(entity: "person", action: "softdeleted")),
        // reference/state-events.md: the subscription's name is the header's, not the body's Event.
        ("webhook12.started", .unknown(entity: "webhook12", action: "started")),
        ("test", .test),
        ("sale.exploded", .unknown(entity: "sale", action: "exploded")),
        ("nodot", .unknown(entity: "nodot", action: nil)),
    ])
    func classify(_ name: String, _ expected: SuperOfficeCatalog.EventName) {
        #expect(SuperOfficeCatalog.classify(name) == expected)
    }
}
