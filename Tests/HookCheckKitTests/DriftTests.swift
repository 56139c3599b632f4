import Foundation
import Testing
@testable import HookCheckKit

@Suite("Drift")
struct DriftTests {
    struct Expected: CustomStringConvertible, Sendable {
        var file: String
        var event: String
        var kind: String
        var entity: String
        var id: String
        var occurredAt: String?
        /// Where the event is documented, when not on Drift's webhook events page (seed 001).
        var source: String?
        var description: String { file + (source.map { " (\($0))" } ?? "") }
    }

    /// One row per sample: what the normalized record must say.
    static let samples: [Expected] = [
        Expected(file: "app_disconnected.http", event: "app_disconnected", kind: "app.disconnected", entity: "app", id: "kT3vQ9xWb2LmZr7pNs4Yd8Hc", occurredAt: "2026-02-28T16:02:47.339Z"),
        Expected(file: "button_action.http", event: "button_action", kind: "conversation.button_action", entity: "conversation", id: "2918339151", occurredAt: nil,
                 source: "Driftt/babel-bot index.js reads data.button.value and data.conversationId"),
        Expected(file: "button_clicked.http", event: "button_clicked", kind: "message.button_clicked", entity: "message", id: "6180749120", occurredAt: "2026-01-10T14:19:03.117Z"),
        Expected(file: "chat_to_call-browser.http", event: "chat_to_call", kind: "call.completed", entity: "call", id: "c2c-0a9e6c51-3d27-4f8b-b612-e47d5a09b3f2", occurredAt: "2026-02-04T09:53:53.303Z"),
        Expected(file: "chat_to_call.http", event: "chat_to_call", kind: "call.completed", entity: "call", id: "c2c-7f41d2e9-5b3a-4c8e-a0d6-91be2f38c174", occurredAt: "2026-01-23T13:16:49.612Z"),
        Expected(file: "contact_identified.http", event: "contact_identified", kind: "contact.identified", entity: "contact", id: "14283652871", occurredAt: nil),
        Expected(file: "contact_updated.http", event: "contact_updated", kind: "contact.updated", entity: "contact", id: "14283652871", occurredAt: "2026-01-10T14:29:02.418Z"),
        Expected(file: "conversation_inactive.http", event: "conversation_inactive", kind: "conversation.inactive", entity: "conversation", id: "2918339151", occurredAt: "2026-01-10T14:41:12.870Z"),
        Expected(file: "conversation_manual_push.http", event: "conversation_manual_push", kind: "conversation.manual_push", entity: "conversation", id: "2918402776", occurredAt: "2026-01-16T10:06:44.091Z"),
        Expected(file: "conversation_participant_added.http", event: "conversation_participant_added", kind: "conversation.participant_added", entity: "conversation", id: "2918339151", occurredAt: "2026-01-10T14:19:09.652Z"),
        Expected(file: "conversation_participant_removed.http", event: "conversation_participant_removed", kind: "conversation.participant_removed", entity: "conversation", id: "2918339151", occurredAt: "2026-01-10T14:19:09.701Z"),
        Expected(file: "conversation_push-manual.http", event: "conversation_push", kind: "conversation.push", entity: "conversation", id: "2918402776", occurredAt: "2026-01-16T10:06:44.091Z"),
        Expected(file: "conversation_push.http", event: "conversation_push", kind: "conversation.push", entity: "conversation", id: "2918339151", occurredAt: "2026-01-10T14:41:12.870Z"),
        Expected(file: "conversation_status_updated.http", event: "conversation_status_updated", kind: "conversation.updated", entity: "conversation", id: "2918402776", occurredAt: "2026-01-16T10:06:43.877Z"),
        Expected(file: "gdpr_delete_requested.http", event: "gdpr_delete_requested", kind: "contact.gdpr_delete_requested", entity: "contact", id: "marcus.feld@example.com", occurredAt: nil),
        Expected(file: "meeting_updated-canceled.http", event: "meeting_updated", kind: "meeting.updated", entity: "meeting", id: "4q1v7mdk0s3fj8n2hc5tbu9r6e", occurredAt: nil),
        Expected(file: "meeting_updated.http", event: "meeting_updated", kind: "meeting.updated", entity: "meeting", id: "4q1v7mdk0s3fj8n2hc5tbu9r6e", occurredAt: nil),
        Expected(file: "new_command_message.http", event: "new_command_message", kind: "message.created", entity: "message", id: "6180755019", occurredAt: "2026-01-10T14:24:51.902Z"),
        Expected(file: "new_conversation.http", event: "new_conversation", kind: "conversation.created", entity: "conversation", id: "2918339151", occurredAt: "2026-01-10T14:17:58.020Z"),
        Expected(file: "new_meeting.http", event: "new_meeting", kind: "meeting.created", entity: "meeting", id: "4q1v7mdk0s3fj8n2hc5tbu9r6e", occurredAt: "2026-01-10T14:27:35.664Z"),
        Expected(file: "new_message.http", event: "new_message", kind: "message.created", entity: "message", id: "6180742873", occurredAt: "2026-01-10T14:18:26.455Z"),
        Expected(file: "phone_captured.http", event: "phone_captured", kind: "conversation.phone_captured", entity: "conversation", id: "2918339151", occurredAt: nil),
        Expected(file: "playbook_goal_met.http", event: "playbook_goal_met", kind: "playbook.goal_met", entity: "playbook", id: "1460295", occurredAt: nil),
        Expected(file: "user_availability_updated.http", event: "user_availability_updated", kind: "user.updated", entity: "user", id: "2458812", occurredAt: "2026-01-16T12:30:01.006Z"),
        Expected(file: "user_unsubscribed.http", event: "user_unsubscribed", kind: "contact.unsubscribed", entity: "contact", id: "14290117354", occurredAt: nil),
    ]

    @Test("every sample is valid and normalizes as expected", arguments: samples)
    func sample(_ expected: Expected) throws {
        let records = try analyzeSample("samples/drift/" + expected.file, options: try withSampleToken())
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.vendor == "drift")
        #expect(record.event == expected.event)
        #expect(record.kind == expected.kind)
        #expect(record.entity == EntityRef(type: expected.entity, id: expected.id))
        #expect(record.occurredAt == expected.occurredAt)
        #expect(record.account == "2187412")
        #expect(record.auth?.status == .valid)
        // The one sample with an obs-folded header shows the warning RFC 9112 §5.2 calls for.
        let expectedCodes = expected.file == "user_availability_updated.http" ? ["http.header"] : []
        #expect(record.findings.filter { $0.severity != .info }.map(\.code.id) == expectedCodes, "\(record.findings)")
    }

    @Test("every catalogue event has a sample")
    func catalogueCovered() throws {
        let sampled = Set(Self.samples.map(\.event))
        #expect(Set(DriftCatalog.events.map(\.name)) == sampled)
        // Each event once, and the registry's Drift sender lists them all.
        #expect(DriftCatalog.events.count == Set(DriftCatalog.events.map(\.name)).count, "an event is catalogued twice")
        let sender = try #require(SenderRegistry.sender(id: "drift"))
        #expect(sender.events.map(\.name) == DriftCatalog.events.map(\.name))
    }

    @Test("every request dump in samples/drift has a row above; the rest are Drift's own examples and the stream")
    func tableCoversSamples() throws {
        let files = try sampleFiles("samples/drift").map(fileName)
        #expect(Set(Self.samples.map(\.file)).isSubset(of: Set(files)))
        // Drift's own examples (doc-*, contact_updated-seed.json) have their rows in DriftDocExampleTests.
        #expect(Set(files.filter { !$0.hasPrefix("doc-") }).subtracting(Self.samples.map(\.file)) == ["contact_updated-seed.json", "stream.http"],
                "a sample without a row is never checked field by field")
        #expect(Self.samples.count == Set(Self.samples.map(\.file)).count, "a sample has two rows")
    }

    @Test("the missing-field test has cases")
    func requiredFieldsCovered() {
        // requiredFields skips an uncatalogued event, and an empty argument list skips that test
        // instead of failing it.
        #expect(!Self.requiredFields.isEmpty)
        #expect(Self.samples.allSatisfy { DriftCatalog.event(named: $0.event) != nil })
    }

    /// Each required field of each event, removed from its sample: a schema.required error pointing at it.
    static let requiredFields: [(String, String, String)] = samples.flatMap { sample -> [(String, String, String)] in
        guard let event = DriftCatalog.event(named: sample.event), case .object(let object) = event.data else { return [] }
        return object.fields.filter(\.isRequired).map { (sample.file, sample.event, $0.name) }
    }

    @Test("a missing required field is an error at its pointer", arguments: requiredFields)
    func missingRequired(_ file: String, _ event: String, _ field: String) throws {
        let request = try #require(try readRequests(try fixtureBytes("samples/drift/" + file)).first)
        let document = try JSONParser().parse(request.bodyStorage, range: request.bodyRange).get()
        guard case .object(var members) = JSONValue(document, 0),
              let dataIndex = members.firstIndex(where: { $0.0 == "data" }),
              case .object(var data) = members[dataIndex].1 else {
            Issue.record("sample has no data object")
            return
        }
        data.removeAll { $0.0 == field }
        members[dataIndex].1 = .object(data)
        let records = try analyze(JSONOutput(pretty: true).string(.object(members)))
        let record = try #require(records.first)
        #expect(record.event == event)
        let missing = record.findings.filter { $0.code.id == "schema.required" }
        #expect(missing.map(\.pointer) == ["/data/" + field])
        #expect(missing.first?.position == SourcePosition(line: 4, column: 11), "points at the data object")
        #expect(!record.isValid)
    }

    struct Broken: CustomStringConvertible, Sendable {
        var name: String
        var body: String
        var code: String
        var severity: Severity
        var pointer: String?
        var description: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "id as a string", body: #"{"orgId":1,"type":"contact_updated","data":{"endUserId":⌖"1","timestamp":1767225600000,"diff":[]}}"#,
               code: "schema.type", severity: .error, pointer: "/data/endUserId"),
        Broken(name: "id with a fraction", body: #"{"orgId":1,"type":"contact_updated","data":{"endUserId":⌖1.5,"timestamp":1767225600000,"diff":[]}}"#,
               code: "schema.type", severity: .error, pointer: "/data/endUserId"),
        Broken(name: "id beyond 64 bits", body: #"{"orgId":1,"type":"contact_updated","data":{"endUserId":⌖99999999999999999999,"timestamp":1767225600000,"diff":[]}}"#,
               code: "schema.range", severity: .error, pointer: "/data/endUserId"),
        Broken(name: "int beyond 32 bits", body: #"{"orgId":⌖4488886666,"type":"gdpr_delete_requested","data":{"email":"a@example.com","requesterId":1}}"#,
               code: "schema.range", severity: .warning, pointer: "/orgId"),
        Broken(name: "timestamp in seconds", body: #"{"orgId":1,"type":"contact_updated","data":{"endUserId":1,"timestamp":⌖1538591450,"diff":[]}}"#,
               code: "schema.timestamp-unit", severity: .warning, pointer: "/data/timestamp"),
        Broken(name: "enum", body: #"{"orgId":1,"type":"user_availability_updated","data":{"userId":1,"updatedAt":1767225600000,"availability":⌖"BUSY"}}"#,
               code: "schema.enum", severity: .error, pointer: "/data/availability"),
        Broken(name: "nested enum", body: #"{"orgId":1,"type":"new_message","data":{"id":1,"orgId":1,"author":{"type":⌖"bot","id":2,"bot":true},"type":"chat","conversationId":3,"createdAt":1767225600000}}"#,
               code: "schema.enum", severity: .error, pointer: "/data/author/type"),
        Broken(name: "array element", body: #"{"orgId":1,"type":"conversation_participant_added","data":{"conversationId":1,"addedParticipants":[1,⌖"2"],"changedAt":1767225600000}}"#,
               code: "schema.type", severity: .error, pointer: "/data/addedParticipants/1"),
        Broken(name: "org mismatch", body: #"{"orgId":1,"type":"contact_updated","data":{"endUserId":1,"timestamp":1767225600000,"orgId":⌖2,"diff":[]}}"#,
               code: "drift.org-mismatch", severity: .error, pointer: "/data/orgId"),
        Broken(name: "unknown event", body: #"{"orgId":1,"type":⌖"conversation_archived","data":{}}"#,
               code: "vendor.unknown-event", severity: .warning, pointer: "/type"),
        Broken(name: "unknown field", body: #"{"orgId":1,"type":"gdpr_delete_requested","data":{"email":"a@example.com","requesterId":1,⌖"reason":"x"}}"#,
               code: "schema.unknown-field", severity: .info, pointer: "/data/reason"),
        Broken(name: "deprecated event", body: #"{"orgId":1,"type":⌖"conversation_status_updated","data":{"conversationId":1,"status":"open","changedAt":1767225600000}}"#,
               code: "vendor.deprecated-event", severity: .info, pointer: "/type"),
        Broken(name: "conversation_push checks its source's data", body: #"{"orgId":1,"type":"conversation_push","data":{"source":"conversation_inactive","data":{"conversationId":⌖"x","lastUpdated":1767225600000}}}"#,
               code: "schema.type", severity: .error, pointer: "/data/data/conversationId"),
        Broken(name: "devdocs.drift.com/docs/contact-model: attributes.tags is a list",
               body: #"{"orgId":1,"type":"contact_identified","data":{"id":1,"createdAt":1767225600000,"attributes":{"tags":⌖"vip"}}}"#,
               code: "schema.type", severity: .error, pointer: "/data/attributes/tags"),
        Broken(name: "devdocs.drift.com/docs/contact-model: attributes.externalId is an integer or a string",
               body: #"{"orgId":1,"type":"contact_identified","data":{"id":1,"createdAt":1767225600000,"attributes":{"externalId":⌖true}}}"#,
               code: "schema.type", severity: .error, pointer: "/data/attributes/externalId"),
        Broken(name: "data not an object", body: #"{"orgId":1,"type":"contact_updated","data":⌖[]}"#,
               code: "schema.type", severity: .error, pointer: "/data"),
    ]

    @Test("findings name the code, severity, position and pointer", arguments: broken)
    func brokenPayloads(_ broken: Broken) throws {
        let (bytes, offset) = marked(broken.body)
        let records = try analyze(String(decoding: bytes, as: UTF8.self))
        let record = try #require(records.first)
        #expect(record.vendor == "drift")
        let matching = record.findings.filter { $0.code.id == broken.code }
        #expect(matching.count == 1, "\(record.findings)")
        #expect(matching.first?.severity == broken.severity)
        #expect(matching.first?.pointer == broken.pointer)
        #expect(matching.first?.position == SourcePosition(line: 1, column: (offset ?? -1) + 1))
    }

    struct Name: CustomStringConvertible, Sendable {
        var name: String
        var sent: String
        var event: String
        var code: String
        var message: String
        var description: String { name }
    }

    static let names: [Name] = [
        Name(name: "devdocs.drift.com/docs/webhooks-deprecating-conversation-status calls it conversation_status_change",
             sent: "conversation_status_change", event: "conversation_status_updated", code: "drift.event-alias",
             message: #""conversation_status_change" is what Drift's page "Webhooks: Deprecating Conversation Status" calls conversation_status_updated"#),
        Name(name: "a typo of new_message (devdocs.drift.com/docs/webhook-events-1)", sent: "new_mesage", event: "new_mesage",
             code: "vendor.unknown-event", message: #"did you mean "new_message"?"#),
        Name(name: "user_unsubscribe: no Drift page found names it; the webhook events page has user_unsubscribed",
             sent: "user_unsubscribe", event: "user_unsubscribe", code: "vendor.unknown-event", message: #"did you mean "user_unsubscribed"?"#),
        Name(name: "no event near conversation_archived: no suggestion", sent: "conversation_archived", event: "conversation_archived",
             code: "vendor.unknown-event", message: #"unknown Drift event "conversation_archived"; its data is not checked"#),
    ]

    @Test("event names Drift's pages use, and names near a documented one", arguments: names)
    func eventNames(_ row: Name) throws {
        let body = #"{"orgId":1,"type":⌖""# + row.sent + #"","data":{"conversationId":1,"status":"open","changedAt":1767225600000}}"#
        let (bytes, offset) = marked(body)
        let record = try #require(try analyze(String(decoding: bytes, as: UTF8.self)).first)
        #expect(record.vendor == "drift")
        #expect(record.event == row.event)
        let finding = try #require(record.findings.first { $0.code.id == row.code }, "\(record.findings)")
        #expect(finding.severity == .warning)
        #expect(finding.message.contains(row.message), "\(finding.message)")
        #expect(finding.message.contains("did you mean") == row.message.contains("did you mean"))
        #expect(finding.pointer == "/type")
        #expect(finding.position == SourcePosition(line: 1, column: (offset ?? -1) + 1))
    }

    @Test("a contact's tags and externalId may sit in its attributes", arguments: [
        (#""tags":[],"externalId":12341243"#, "devdocs.drift.com/docs/contact-model: attributes.tags, attributes.externalId 12341243"),
        (#""tags":[{"name":"vip"}],"externalId":"your_unique_id""#, "devdocs.drift.com/docs/creating-a-contact: externalId \"your_unique_id\""),
        (#""tags":null,"externalId":null"#, "devdocs.drift.com/docs/creating-a-contact: externalId: null when none was set"),
    ])
    func contactAttributes(_ members: String, _ source: String) throws {
        let body = #"{"orgId":1,"type":"contact_identified","data":{"id":1,"createdAt":1767225600000,"attributes":{"email":"a@example.com","#
            + members + "}}}"
        let record = try #require(try analyze(body).first)
        #expect(record.event == "contact_identified")
        #expect(record.findings.filter { $0.code.category != .auth }.isEmpty, "\(source): \(record.findings)")
    }

    static func message(_ fields: String) -> String {
        #"{"orgId":1,"type":"new_message","data":{"id":1,"orgId":1,"conversationId":3,"createdAt":1767225600000,"# + fields + "}}"
    }

    @Test("the text view of a message event says who said what, where (devdocs.drift.com/docs/message-model)", arguments: [
        ("samples/drift/new_message.http", nil,
         #"contact 14283652871 said in conversation 2918339151: "Hi! Do you offer annual billing on the Team plan? We'd be a…""#),
        ("samples/drift/new_command_message.http", nil,
         #"user 2391507 wrote a private note in conversation 2918339151: "/lookup renee.okafor@example.com""#),
        ("samples/drift/button_clicked.http", nil, #"contact 14283652871 clicked in conversation 2918339151: "Talk to sales""#),
        ("samples/drift/button_action.http", nil, #"button "Translate away!" (babel-on) clicked in conversation 2918339151"#),
        ("a bot's message, its HTML and entities made plain", message(#""type":"chat","author":{"type":"user","id":2,"bot":true},"body":"<p>Fish &amp; chips</p>\n<p>today</p>""#),
         #"user 2 (a bot) said in conversation 3: "Fish & chips today""#),
        ("a message without a body", message(#""type":"private_prompt","author":{"type":"user","id":2,"bot":false}"#),
         "user 2 wrote a private prompt in conversation 3: (no body)"),
    ] as [(String, String?, String)])
    func messageNote(_ source: String, _ body: String?, _ note: String) throws {
        let record = try #require(try body.map { try analyze($0) } ?? analyzeSample(source)).first
        let text = TextReport(style: Style(enabled: false)).render(try #require(record))
        #expect(record?.notes.contains(note) == true, "\(record?.notes ?? [])")
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("  note ") && $0.hasSuffix(" " + note) }, "\(text)")
    }

    @Test("contact_updated's diff becomes changes with previous and updated values")
    func changes() throws {
        let record = try #require(try analyzeSample("samples/drift/contact_updated-seed.json").first)
        #expect(record.changes == [Change(field: "attributes.alias", previous: .null, updated: .string("nadine"))])
        #expect(record.capture == .body)
        #expect(record.entity?.id == "12345678")
        #expect(record.occurredAt == "2018-10-03T18:30:50.493Z")
    }

    @Test("64-bit ids survive exactly into the record")
    func bigIds() throws {
        let body = #"{"orgId":1,"type":"contact_updated","data":{"endUserId":9223372036854775807,"timestamp":1767225600000,"diff":[]}}"#
        let record = try #require(try analyze(body).first)
        #expect(record.entity?.id == "9223372036854775807")
    }

    @Test("detection works from the header alone, and from the envelope alone")
    func detection() throws {
        let headerOnly = try #require(try analyze(driftRequest(#"{"something":"else"}"#)).first)
        #expect(headerOnly.vendor == "drift")
        #expect(headerOnly.evidence == ["header X-Verification-Token"])
        let envelopeOnly = try #require(try analyze(#"{"type":"new_meeting","orgId":5,"data":{}}"#).first)
        #expect(envelopeOnly.vendor == "drift")
        #expect(envelopeOnly.evidence == ["envelope type/orgId/data", "event new_meeting"])
        let neither = try #require(try analyze(#"{"event":"invoice.paid"}"#).first)
        #expect(neither.vendor == nil)
        #expect(neither.findings.map(\.code.id) == ["vendor.unknown"])
        #expect(!neither.isValid)
    }

    @Test("the README's table lists every event with its kind")
    func readmeTable() throws {
        let readme = try fixture("README.md")
        for event in DriftCatalog.events {
            #expect(readme.contains("| `\(event.name)` | `\(event.kind)` | \(event.summary) |"), "README lacks \(event.name)")
        }
    }
}
