import Foundation
import Testing
@testable import HookCheckKit

/// What SuperOffice's documentation says a delivery may be, one row per rule, each naming its page
/// under docs/en/automation/webhook/ in SuperOfficeDocs/superoffice-docs.
@Suite("SuperOffice: rules from its documentation")
struct SuperOfficeDocRulesTests {
    static let body = SuperOfficeTests.body

    static func request(_ body: String, headers: [String]) -> String { SuperOfficeTests.request(body, headers: headers) }

    /// A state event's body as reference/state-events.md shows it: no Entity, FieldValues.
    static func stateBody(_ action: String) -> String {
        #"{"EventId":"1848cc1f-d395-49ba-9b35-04a9269996d4","Timestamp":"2018-07-05T11:58:18.5809908Z","Changes":[],"Event":"webhook.\#(action)","PrimaryKey":66,"ContextIdentifier":"Cust12345","ChangedByAssociateId":0,"WebhookName":"Name you provided","FieldValues":{"events":1,"state":2}}"#
    }

    struct Rule: CustomTestStringConvertible, Sendable {
        var name: String
        var headers: [String]
        var body: String
        var event: String?
        var entity: EntityRef?
        var account: String?
        /// "severity code" and the pointer when there is one; auth findings left out.
        var findings: [String]
        var testDescription: String { name }
    }

    static let rules: [Rule] = [
        Rule(name: "reference/state-events.md: header webhook123.started, Event webhook.started, no Entity: valid, the entity is webhook 123",
             headers: ["X-SuperOffice-Event: webhook123.started"], body: stateBody("started"),
             event: "webhook.started", entity: EntityRef(type: "webhook", id: "123"), account: "Cust12345", findings: []),
        Rule(name: "reference/state-events.md: webhook123.stopped",
             headers: ["X-SuperOffice-Event: webhook123.stopped"], body: stateBody("stopped"),
             event: "webhook.stopped", entity: EntityRef(type: "webhook", id: "123"), account: "Cust12345", findings: []),
        Rule(name: "reference/state-events.md: webhook123.errors",
             headers: ["X-SuperOffice-Event: webhook123.errors"], body: stateBody("errors"),
             event: "webhook.errors", entity: EntityRef(type: "webhook", id: "123"), account: "Cust12345", findings: []),
        Rule(name: "reference/state-events.md: the page's placeholder webhook{webhookId}.started agrees; the webhook's id is then PrimaryKey",
             headers: ["X-SuperOffice-Event: webhook{webhookId}.started"], body: stateBody("started"),
             event: "webhook.started", entity: EntityRef(type: "webhook", id: "66"), account: "Cust12345", findings: []),
        Rule(name: "reference/state-events.md: a header naming the body's Event, webhook.started, agrees too",
             headers: ["X-SuperOffice-Event: webhook.started"], body: stateBody("started"),
             event: "webhook.started", entity: EntityRef(type: "webhook", id: "66"), account: "Cust12345", findings: []),
        Rule(name: "reference/state-events.md: without the header, the webhook's id is PrimaryKey (notification.md: the entity identity that was affected)",
             headers: ["User-Agent: NetServer-Webhook/10.3"], body: stateBody("errors"),
             event: "webhook.errors", entity: EntityRef(type: "webhook", id: "66"), account: "Cust12345", findings: []),
        Rule(name: "reference/state-events.md: header webhook123.stopped for Event webhook.started is a mismatch",
             headers: ["X-SuperOffice-Event: webhook123.stopped"], body: stateBody("started"),
             event: "webhook.started", entity: EntityRef(type: "webhook", id: "66"), account: "Cust12345",
             findings: ["error superoffice.event-mismatch"]),
        Rule(name: "reference/state-events.md: a webhook header for another entity's event is a mismatch",
             headers: ["X-SuperOffice-Event: webhook123.started"], body: body,
             event: "contact.changed", entity: EntityRef(type: "contact", id: "994863"), account: "Cust1234",
             findings: ["error superoffice.event-mismatch"]),
        Rule(name: "dev/notification.md: Entity is required but for the state events",
             headers: ["X-SuperOffice-Event: contact.changed"], body: body.replacingOccurrences(of: #""Entity":"contact","#, with: ""),
             event: "contact.changed", entity: EntityRef(type: "contact", id: "994863"), account: "Cust1234",
             findings: ["error schema.required /Entity"]),
        Rule(name: "reference/relation-events.md, test-event.md, list-events.md, extratable-events.md: a header EventId unlike the body's is a warning",
             headers: ["X-SuperOffice-Event: contact.changed", "X-SuperOffice-EventId: e87ac619-c864-4881-89eb-07ca5521ee2c"], body: body,
             event: "contact.changed", entity: EntityRef(type: "contact", id: "994863"), account: "Cust1234",
             findings: ["warning superoffice.eventid-mismatch"]),
        Rule(name: "notification.md: ContextIdentifier is \"not used for On-site installations\": absent, no account and no finding",
             headers: [], body: body.replacingOccurrences(of: #""ContextIdentifier":"Cust1234","#, with: ""),
             event: "contact.changed", entity: EntityRef(type: "contact", id: "994863"), account: nil, findings: []),
        Rule(name: "notification.md: ContextIdentifier null on-site",
             headers: [], body: body.replacingOccurrences(of: #""Cust1234""#, with: "null"),
             event: "contact.changed", entity: EntityRef(type: "contact", id: "994863"), account: nil, findings: []),
        Rule(name: "dev/index.md, index.md: a webhook's Properties are added to each request: an info, not unknown fields",
             headers: [], body: body.replacingOccurrences(of: "}", with: #","Region":"EU","Routing":{"queue":2}}"#),
             event: "contact.changed", entity: EntityRef(type: "contact", id: "994863"), account: "Cust1234",
             findings: ["info superoffice.webhook-property /Region", "info superoffice.webhook-property /Routing"]),
        Rule(name: "reference/person-events.md: person.softdeleted is a person event",
             headers: ["X-SuperOffice-Event: person.softdeleted"],
             body: body.replacingOccurrences(of: "contact.changed", with: "person.softdeleted").replacingOccurrences(of: #""Entity":"contact""#, with: #""Entity":"person""#),
             event: "person.softdeleted", entity: EntityRef(type: "person", id: "994863"), account: "Cust1234", findings: []),
    ]

    static func describe(_ finding: Finding) -> String {
        "\(finding.severity.rawValue) \(finding.code.id)" + (finding.pointer.map { $0.isEmpty ? "" : " " + $0 } ?? "")
    }

    @Test("each documented rule", arguments: rules)
    func rule(_ row: Rule) throws {
        let record = try #require(try analyze(Self.request(row.body, headers: row.headers)).first)
        #expect(record.vendor == "superoffice")
        #expect(record.event == row.event)
        #expect(record.entity == row.entity)
        #expect(record.account == row.account)
        #expect(record.findings.filter { $0.code.category != .auth }.map(Self.describe) == row.findings, "\(record.findings.map(\.message))")
    }

    @Test("dev/event-details.md and the reference pages name every event: an unknown one close to a name gets \"did you mean\"", arguments: [
        ("contact.chnaged", "contact.changed"),
        ("persn.created", "person.created"),
        ("person.softdelete", "person.softdeleted"),
        ("webhook.strated", "webhook.started"),
        ("list.category.chagned", "list.category.changed"),
        ("y_equipment.craeted", "y_equipment.created"),
        ("tset", "test"),
        ("sale.exploded", nil),
        ("invoice.created", nil),
    ] as [(String, String?)])
    func suggestion(_ event: String, _ expected: String?) throws {
        let entity = String(event.split(separator: ".").dropLast().joined(separator: "."))
        let body = Self.body.replacingOccurrences(of: "contact.changed", with: event)
            .replacingOccurrences(of: #""Entity":"contact""#, with: #""Entity":"\#(entity.isEmpty ? event : entity)""#)
        let record = try #require(try analyze(Self.request(body, headers: [])).first)
        let finding = try #require(record.findings.first { $0.code == .unknownEvent }, "\(record.findings)")
        #expect(finding.severity == .warning)
        #expect(finding.pointer == "/Event")
        let hint = expected.map { "; did you mean \"\($0)\"?" } ?? ""
        #expect(finding.message == "unknown SuperOffice event \"\(event)\"" + hint)
    }

    @Test("index.md, dev/index.md: a webhook's custom Headers are noted by name (values may be credentials), HTTP's and proxies' are not", arguments: [
        (["X-Tenant: acme"], "custom header X-Tenant: a webhook's Headers are added to each of its requests"),
        (["Authorization: Bearer abc", "X-Tenant: acme"], "custom headers Authorization, X-Tenant: a webhook's Headers are added to each of its requests"),
        (["Host: hooks.example.com", "Content-Type: application/json; charset=utf-8", "User-Agent: NetServer-Webhook/10.3", "X-SuperOffice-Retry: 1",
          "X-Hook-Test: true", "X-Forwarded-For: 10.0.0.1", "Via: 1.1 proxy", "Accept-Encoding: gzip", "traceparent: 00-0-0-01"], nil),
    ] as [([String], String?)])
    func customHeaders(_ headers: [String], _ note: String?) throws {
        let record = try #require(try analyze(Self.request(Self.body, headers: headers)).first)
        let noted = record.notes.filter { $0.hasPrefix("custom header") }
        #expect(noted == (note.map { [$0] } ?? []))
        #expect(!record.notes.joined().contains("abc"), "a custom header's value is never shown")
    }

    static let replayNote = "SuperOffice signatures carry no timestamp: a captured request can be replayed"

    @Test("dev/security.md signs the body only: the replay note once a signature was checked, and only then", arguments: [
        ("no signature, no secret: missing", false, nil, AuthResult.Status.missing, false),
        ("no signature, a secret: missing", false, "s3cret", .missing, false),
        ("a signature, no secret: unchecked", true, nil, .unchecked, false),
        ("a signature and its secret: valid", true, "s3cret", .valid, true),
        ("a signature and another secret: invalid", true, "other", .invalid, true),
    ] as [(String, Bool, String?, AuthResult.Status, Bool)])
    func replayNote(_ name: String, _ signed: Bool, _ secret: String?, _ status: AuthResult.Status, _ noted: Bool) throws {
        let mac = Base64.encode(HMAC<SHA256>.authenticationCode(for: Array(Self.body.utf8), key: Array("s3cret".utf8)))
        let text = Self.request(Self.body, headers: signed ? ["X-SuperOffice-Signature: \(mac)"] : [])
        let options = secret.map { withSecrets([("--secret", $0)]) } ?? InspectOptions()
        let record = try #require(try analyze(text, options: options).first)
        #expect(record.auth?.status == status)
        #expect(record.authNotes.contains(Self.replayNote) == noted, "\(record.authNotes)")
    }

    @Test("notification.md: the delivery is the body's EventId (the header's when the body has none) and X-SuperOffice-Retry", arguments: [
        ("body EventId and a retry", [String]?.some(["X-SuperOffice-EventId: 8337ae4a-1dd6-40fd-8dc7-a050664a0af7", "X-SuperOffice-Retry: 2"]), true,
         "8337ae4a-1dd6-40fd-8dc7-a050664a0af7", Int?.some(2)),
        ("the first attempt is retry 0", ["X-SuperOffice-Retry: 0"], true, "8337ae4a-1dd6-40fd-8dc7-a050664a0af7", 0),
        ("a body without EventId (delete examples): the header's", ["X-SuperOffice-EventId: b24d9089-2d17-419a-a27c-0b0dbcfd58fb"], false,
         "b24d9089-2d17-419a-a27c-0b0dbcfd58fb", nil),
        ("the body's wins over a differing header", ["X-SuperOffice-EventId: b24d9089-2d17-419a-a27c-0b0dbcfd58fb"], true,
         "8337ae4a-1dd6-40fd-8dc7-a050664a0af7", nil),
        ("neither", nil, false, nil, nil),
        ("a retry count that is not a number", ["X-SuperOffice-Retry: x"], false, nil, nil),
    ] as [(String, [String]?, Bool, String?, Int?)])
    func delivery(_ name: String, _ headers: [String]?, _ bodyId: Bool, _ id: String?, _ attempt: Int?) throws {
        let body = bodyId ? Self.body : Self.body.replacingOccurrences(of: #""EventId":"8337ae4a-1dd6-40fd-8dc7-a050664a0af7","#, with: "")
        let record = try #require(try analyze(Self.request(body, headers: headers ?? [])).first)
        #expect(record.delivery == Delivery(id: id, attempt: attempt))
        let json = JSONOutput(pretty: false).string(record.recordValue)
        let expected = #""delivery":{"id":\#(id.map { "\"\($0)\"" } ?? "null"),"attempt":\#(attempt.map(String.init) ?? "null")}"#
        #expect(json.contains(expected), "\(json)")
    }
}
