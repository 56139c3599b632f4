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
}
