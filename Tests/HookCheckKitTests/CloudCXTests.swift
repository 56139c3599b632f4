import Foundation
import Testing
@testable import HookCheckKit

@Suite("CloudCX")
struct CloudCXTests {
    static let samples: [(String, String, String, String, String, String?, Int)] = [
        ("ContactCreated.http", "ContactCreated", "contact.created", "contact", "392a0465-fc1b-4820-abc7-e96cb5d98774", "2024-11-06T07:23:50.000Z", 0),
        ("ContactUpdated.http", "ContactUpdated", "contact.updated", "contact", "392a0465-fc1b-4820-abc7-e96cb5d98774", "2024-11-06T07:23:50.000Z", 0),
        ("ContactDeleted.http", "ContactDeleted", "contact.deleted", "contact", "392a0465-fc1b-4820-abc7-e96cb5d98774", nil, 0),
        ("ContactUpdated-older-schema.http", "ContactUpdated", "contact.updated", "contact", "0d464138-a623-4255-bfc1-ea36f17fd374", "2024-11-06T07:23:50.000Z", 0),
        ("TicketCreated.http", "TicketCreated", "ticket.created", "ticket", "5bc8fbbc-bde5-4099-8164-d8399f767c45", nil, 0),
        ("TicketFromUserReply.http", "TicketFromUserReply", "ticket.user_reply", "ticket", "5bc8fbbc-bde5-4099-8164-d8399f767c45", nil, 0),
        ("TicketAgentReply.http", "TicketAgentReply", "ticket.agent_reply", "ticket", "5bc8fbbc-bde5-4099-8164-d8399f767c45", nil, 0),
        ("TicketAssigneeChanged.http", "TicketAssigneeChanged", "ticket.updated", "ticket", "5bc8fbbc-bde5-4099-8164-d8399f767c45", nil, 0),
        ("TicketStatusChanged.http", "TicketStatusChanged", "ticket.updated", "ticket", "5bc8fbbc-bde5-4099-8164-d8399f767c45", nil, 1),
        ("TicketMoveToRecycleBin.http", "TicketMoveToRecycleBin", "ticket.deleted", "ticket", "5bc8fbbc-bde5-4099-8164-d8399f767c45", nil, 0),
    ]

    @Test("every sample is valid, with auth none", arguments: samples)
    func sample(_ row: (String, String, String, String, String, String?, Int)) throws {
        let record = try #require(try analyzeSample("samples/cloudcx/" + row.0).first)
        #expect(record.vendor == "cloudcx")
        #expect(record.event == row.1)
        #expect(record.kind == row.2)
        #expect(record.entity == EntityRef(type: row.3, id: row.4))
        #expect(record.occurredAt == row.5)
        #expect(record.changes.count == row.6)
        #expect(record.auth == AuthResult(scheme: "none", status: .none, detail: "CloudCX documents no signature, token or secret"))
        #expect(record.findings.isEmpty, "\(record.findings)")
    }

    @Test("every catalogue event has a sample")
    func covered() {
        #expect(Set(CloudCXCatalog.events.map(\.name)) == Set(Self.samples.map(\.1)))
    }

    @Test("every file in samples/cloudcx has a row above")
    func tableCoversSamples() throws {
        let rows = Self.samples.map(\.0)
        #expect(rows.count == Set(rows).count, "a sample has two rows")
        #expect(Set(try sampleFiles("samples/cloudcx").map(fileName)) == Set(rows), "a sample without a row is never checked field by field")
    }

    @Test("shape errors point at the field", arguments: [
        (#"{"event":"TicketCreated","ticketId":⌖"not-a-uuid"}"#, "schema.format", "/ticketId"),
        (#"{"event":"ContactDeleted","ids":[⌖42]}"#, "schema.type", "/ids/0"),
        (#"{"event":"ContactCreated","contacts":[{"id":"392a0465-fc1b-4820-abc7-e96cb5d98774","createdTime":⌖1730877830000}]}"#, "schema.type", "/contacts/0/createdTime"),
        (#"{"event":"TicketStatusChanged","ticketId":"392a0465-fc1b-4820-abc7-e96cb5d98774",⌖"priority":"High"}"#, "schema.unknown-field", "/priority"),
    ])
    func shapes(_ body: String, _ code: String, _ pointer: String) throws {
        let (bytes, offset) = marked(body)
        let record = try #require(try analyze(String(decoding: bytes, as: UTF8.self)).first)
        #expect(record.vendor == "cloudcx")
        let finding = record.findings.first { $0.code.id == code }
        #expect(finding?.pointer == pointer, "\(record.findings)")
        if code != "schema.unknown-field" {
            #expect(finding?.position == SourcePosition(line: 1, column: (offset ?? 0) + 1))
        }
    }

    static let ticket = "5bc8fbbc-bde5-4099-8164-d8399f767c45"
    /// Drift's contact_updated envelope (seed 000): no "event".
    static let drift = #"{"type":"contact_updated","orgId":1,"data":{"endUserId":2,"timestamp":1538591450493,"diff":[]},"token":"t"}"#

    struct BodyRule: CustomTestStringConvertible, Sendable {
        var name: String
        var body: String
        /// "severity code pointer", the pointer "(root)" for the whole body.
        var findings: [String]
        var testDescription: String { name }
    }

    static let bodyRules: [BodyRule] = [
        BodyRule(name: "seed 004, VENDORS.md: {} has no event", body: "{}", findings: ["error schema.required /event"]),
        BodyRule(name: "seed 004, VENDORS.md: an array is no CloudCX body", body: "[1,2]", findings: ["error schema.type (root)"]),
        BodyRule(name: "seed 004, VENDORS.md: a Drift body has no event", body: drift, findings: ["error schema.required /event"]),
        BodyRule(name: "seed 004: event is a string", body: #"{"event":42,"ids":[]}"#, findings: ["error schema.type /event"]),
        BodyRule(name: "seed 004: ContactCreated carries contacts", body: #"{"event":"ContactCreated"}"#, findings: ["error schema.required /contacts"]),
        BodyRule(name: "seed 004: ContactUpdated carries contacts, an array", body: #"{"event":"ContactUpdated","contacts":{}}"#,
                 findings: ["error schema.type /contacts"]),
        BodyRule(name: "seed 004: ContactDeleted carries ids", body: #"{"event":"ContactDeleted"}"#, findings: ["error schema.required /ids"]),
        BodyRule(name: "VENDORS.md: TicketCreated carries ticketId", body: #"{"event":"TicketCreated"}"#, findings: ["error schema.required /ticketId"]),
        BodyRule(name: "VENDORS.md: TicketAgentReply carries messageId", body: #"{"event":"TicketAgentReply","ticketId":"\#(ticket)"}"#,
                 findings: ["error schema.required /messageId"]),
        BodyRule(name: "VENDORS.md: TicketAssigneeChanged carries fromAgentId and toAgentId",
                 body: #"{"event":"TicketAssigneeChanged","ticketId":"\#(ticket)"}"#,
                 findings: ["error schema.required /fromAgentId", "error schema.required /toAgentId"]),
        BodyRule(name: "VENDORS.md: TicketStatusChanged carries both statuses", body: #"{"event":"TicketStatusChanged","ticketId":"\#(ticket)"}"#,
                 findings: ["error schema.required /beforeTicketStatus", "error schema.required /afterTicketStatus"]),
        BodyRule(name: "VENDORS.md: an event it does not list is a warning", body: #"{"event":"TicketEscalated","ticketId":"\#(ticket)"}"#,
                 findings: ["warning vendor.unknown-event /event"]),
    ]

    @Test("--vendor cloudcx: the body is an object with event and its event's documented members", arguments: bodyRules)
    func body(_ row: BodyRule) throws {
        var options = InspectOptions()
        options.forcedVendor = "cloudcx"
        let record = try #require(try analyze(row.body, options: options).first)
        #expect(record.vendor == "cloudcx")
        let found = record.findings.map { "\($0.severity.rawValue) \($0.code.id) \($0.pointer.map { $0.isEmpty ? "(root)" : $0 } ?? "-")" }
        #expect(found == row.findings, "\(record.findings.map(\.message))")
        #expect(record.isValid == !row.findings.contains { $0.hasPrefix("error") })
        // Without an event, the message says what a CloudCX body holds.
        if let missing = record.findings.first(where: { $0.code == .schemaRequired && $0.pointer == "/event" || $0.pointer == "" }) {
            #expect(missing.message.contains(#""event" and "contacts", "ids" or "ticketId""#), "\(missing.message)")
        }
    }

    struct Near: CustomTestStringConvertible, Sendable {
        var name: String
        var body: String
        var score: Int
        var vendor: String?
        var message: String?
        var testDescription: String { name }
    }

    static let nearMisses: [Near] = [
        Near(name: "VENDORS.md: an unknown event with a ticketId is CloudCX's", body: #"{"event":"TicketEscalated","ticketId":"\#(ticket)"}"#,
             score: Detection.threshold, vendor: "cloudcx", message: #"unknown CloudCX event "TicketEscalated""#),
        Near(name: "VENDORS.md: a misspelt event, alone, is CloudCX's, with the name it is close to", body: #"{"event":"TicketCreatd"}"#,
             score: Detection.threshold, vendor: "cloudcx", message: #"unknown CloudCX event "TicketCreatd"; did you mean "TicketCreated"?"#),
        Near(name: "seed 004: a misspelt contact event with its contacts", body: #"{"event":"ContactUpdate","contacts":[]}"#,
             score: 8, vendor: "cloudcx", message: #"unknown CloudCX event "ContactUpdate"; did you mean "ContactUpdated"?"#),
        Near(name: "seed 004: a known event", body: #"{"event":"ContactDeleted","ids":["392a0465-fc1b-4820-abc7-e96cb5d98774"]}"#,
             score: 8, vendor: "cloudcx", message: nil),
        Near(name: "an unknown event alone is no one's", body: #"{"event":"TicketEscalated"}"#, score: 2, vendor: nil, message: nil),
        Near(name: "ids that are not CloudCX's uuids do not count", body: #"{"event":"order.paid","ids":[1,2]}"#, score: 2, vendor: nil, message: nil),
        Near(name: "{} is no one's", body: "{}", score: 0, vendor: nil, message: nil),
        Near(name: "seed 000: a Drift body is Drift's", body: drift, score: 0, vendor: "drift", message: nil),
    ]

    @Test("detection: a near miss names the sender, what is not CloudCX's does not reach the threshold", arguments: nearMisses)
    func detection(_ row: Near) throws {
        let request = try #require(try readRequests(row.body).first)
        let document = try JSONParser().parse(Array(row.body.utf8)).get()
        #expect(CloudCXSender().detect(request, .json(document)).score == row.score)
        let record = try #require(try analyze(row.body).first)
        #expect(record.vendor == row.vendor)
        #expect(record.findings.first { $0.code == .unknownEvent }?.message == row.message)
        #expect(!record.findings.contains { $0.code == .unknownSender } || row.vendor == nil)
    }
}
