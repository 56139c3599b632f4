import Foundation
import Testing
@testable import HookCheckKit

/// SuperOffice's own example requests, copied exactly from its documentation (repository
/// SuperOfficeDocs/superoffice-docs, pages under docs/en/automation/webhook/) into
/// samples/superoffice/doc-<page>-<event>.http, or .json when the page gives only a body. The
/// pages' examples are not all valid: the table says what hookcheck finds in each, with no secret.
@Suite("SuperOffice: the documentation's own examples")
struct SuperOfficeDocExamplesTests {
    struct Example: CustomTestStringConvertible, Sendable {
        /// The page under docs/en/automation/webhook/ the example is copied from.
        var page: String
        var file: String
        var event: String?
        /// "type id", or nil.
        var entity: String?
        /// "severity line:column code", "-" for a finding about the whole request, in report order.
        var findings: [String]
        var testDescription: String { "\(page): \(file)" }

        init(_ page: String, _ file: String, _ event: String?, _ entity: String?, _ findings: [String] = []) {
            self.page = page
            self.file = file
            self.event = event
            self.entity = entity
            self.findings = findings
        }
    }

    /// A request the page shows with its headers: the signature, fake, is there but unchecked.
    static let signed = "info 6:1 auth.unchecked"
    /// A request the page shows without X-SuperOffice-Signature.
    /// Unsigned: the missing header is reported at the request it is missing from.
    static let unsigned = "warning 1:1 auth.missing"

    static let examples: [Example] = [
        Example("reference/activity-events.md", "doc-activity-events-activity.created.http", "activity.created", "activity 4039840", [signed]),
        Example("reference/activity-events.md", "doc-activity-events-activity.changed.json", "activity.changed", "activity 4039840"),
        Example("reference/activity-events.md", "doc-activity-events-activity.deleted.json", "activity.deleted", "activity 4039840"),
        Example("reference/associate-events.md", "doc-associate-events-associate.created.http", "associate.created", "associate 141424", [signed]),
        Example("reference/associate-events.md", "doc-associate-events-associate.changed.json", "associate.changed", "associate 141423"),
        Example("reference/associate-events.md", "doc-associate-events-associate.deleted.json", "associate.deleted", "associate 4039840"),
        // A trailing comma after "UserId": 0 in FieldValues, and after the last Changes name.
        Example("reference/chat-events.md", "doc-chat-events-chatsession.created.http", "chatsession.created", nil, [signed, "error 33:3 json.syntax"]),
        Example("reference/chat-events.md", "doc-chat-events-chatsession.message.json", nil, nil, ["error 19:3 json.syntax"]),
        Example("reference/chat-events.md", "doc-chat-events-chatsession.changed.json", "chatsession.changed", "chatsession 178105"),
        // The seed's example with FieldValues added: the comma after "category_idx" is missing.
        Example("reference/contact-events.md", "doc-contact-events-contact.created.http", "contact.created", nil, [signed, "error 18:5 json.syntax"]),
        Example("reference/contact-events.md", "doc-contact-events-contact.changed.json", "contact.changed", "contact 994863"),
        Example("reference/contact-events.md", "doc-contact-events-contact.deleted.json", "contact.deleted", "contact 994863"),
        Example("reference/document-events.md", "doc-document-events-document.created.http", "document.created", "document 66", [unsigned]),
        Example("reference/document-events.md", "doc-document-events-document.changed.json", "document.changed", "document 66"),
        Example("reference/document-events.md", "doc-document-events-document.deleted.json", "document.deleted", "document 66"),
        Example("reference/document-events.md", "doc-document-events-document.edited.json", "document.edited", "document 66"),
        // Its headers are document.created's, EventId and all: the event disagrees with the body.
        Example("reference/extratable-events.md", "doc-extratable-events-y_table.created.http", "y_table.created", "y_table 6",
                [unsigned, "error 4:1 superoffice.event-mismatch", "warning 5:1 superoffice.eventid-mismatch"]),
        Example("reference/extratable-events.md", "doc-extratable-events-y_table.changed.json", "y_table.changed", "y_table 6"),
        Example("reference/extratable-events.md", "doc-extratable-events-y_table.deleted.json", "y_table.deleted", "y_table 3"),
        // Both list pages' requests carry associate.created's headers.
        Example("reference/list-events.md", "doc-list-events-list.category.created.http", "list.category.created", "list.category 8",
                ["error 4:1 superoffice.event-mismatch", "warning 5:1 superoffice.eventid-mismatch", signed]),
        Example("reference/list-events.md", "doc-list-events-list.category.changed.json", "list.category.changed", "list.category 8"),
        Example("reference/list-events.md", "doc-list-events-list.category.softdeleted.json", "list.category.softdeleted", "list.category 8"),
        Example("reference/list-events.md", "doc-list-events-list.110.created.http", "list.110.created", "list.110 14",
                ["error 4:1 superoffice.event-mismatch", "warning 5:1 superoffice.eventid-mismatch", signed]),
        Example("reference/list-events.md", "doc-list-events-list.110.changed.json", "list.110.changed", "list.110 14"),
        Example("reference/list-events.md", "doc-list-events-list.110.softdeleted.json", "list.110.softdeleted", "list.110 14"),
        // Headers run together on one line before the body: not an HTTP request at all.
        Example("notification.md", "doc-notification-contact.changed.http", nil, nil, ["error 1:1 input.unrecognized"]),
        Example("dev/notification.md", "doc-dev-notification-contact.changed.http", nil, nil, ["error 1:1 input.unrecognized"]),
        Example("reference/person-events.md", "doc-person-events-person.created.http", "person.created", "person 1467783", [signed]),
        Example("reference/person-events.md", "doc-person-events-person.changed.json", "person.changed", "person 1467783"),
        Example("reference/person-events.md", "doc-person-events-person.deleted.json", "person.deleted", "person 18"),
        Example("reference/person-events.md", "doc-person-events-person.consented.json", "person.consented", "person 18"),
        Example("reference/person-events.md", "doc-person-events-person.unconsented.json", "person.unconsented", "person 18"),
        Example("reference/project-events.md", "doc-project-events-project.created.http", "project.created", "project 178105", [signed]),
        Example("reference/project-events.md", "doc-project-events-project.changed.json", "project.changed", "project 178105"),
        Example("reference/project-events.md", "doc-project-events-project.deleted.json", "project.deleted", "project 178105"),
        Example("reference/project-member-events.md", "doc-project-member-events-projectmember.created.http", "projectmember.created", "projectmember 642962", [signed]),
        Example("reference/project-member-events.md", "doc-project-member-events-projectmember.changed.json", "projectmember.changed", "projectmember 1467783"),
        Example("reference/project-member-events.md", "doc-project-member-events-projectmember.deleted.json", "projectmember.deleted", "projectmember 18"),
        Example("reference/quote-events.md", "doc-quote-events-quote.approved.http", "quote.approved", "quote 527331", [signed]),
        Example("reference/quote-events.md", "doc-quote-events-quote.rejected.json", "quote.rejected", "quote 527331"),
        Example("reference/quote-events.md", "doc-quote-events-quote.sent.json", "quote.sent", "quote 527331"),
        Example("reference/quote-events.md", "doc-quote-events-quote.ordered.json", "quote.ordered", "quote 527331"),
        Example("reference/relation-events.md", "doc-relation-events-relation.created.http", "relation.created", "relation 20",
                ["warning 5:1 superoffice.eventid-mismatch", signed]),
        Example("reference/relation-events.md", "doc-relation-events-relation.changed.http", "relation.changed", "relation 20",
                ["warning 5:1 superoffice.eventid-mismatch", signed]),
        Example("reference/relation-events.md", "doc-relation-events-relation.deleted.http", "relation.deleted", "relation 178105", [signed]),
        Example("reference/sale-events.md", "doc-sale-events-sale.created.http", "sale.created", "sale 527331", [signed]),
        Example("reference/sale-events.md", "doc-sale-events-sale.changed.json", "sale.changed", "sale 1467783"),
        Example("reference/sale-events.md", "doc-sale-events-sale.deleted.json", "sale.deleted", "sale 18"),
        Example("reference/sale-events.md", "doc-sale-events-sale.sold.json", "sale.sold", "sale 18"),
        Example("reference/sale-events.md", "doc-sale-events-sale.lost.json", "sale.lost", "sale 18"),
        Example("reference/sale-events.md", "doc-sale-events-sale.completed.json", "sale.completed", "sale 18"),
        Example("reference/sale-stakeholder-events.md", "doc-sale-stakeholder-events-salestakeholder.created.http", "salestakeholder.created", "salestakeholder 3579", [signed]),
        Example("reference/sale-stakeholder-events.md", "doc-sale-stakeholder-events-salestakeholder.changed.json", "salestakeholder.changed", "salestakeholder 1467783"),
        Example("reference/sale-stakeholder-events.md", "doc-sale-stakeholder-events-salestakeholder.deleted.json", "salestakeholder.deleted", "salestakeholder 18"),
        // X-SuperOffice-Event: webhook{webhookId}.started, Event webhook.started, no Entity: valid.
        // The header's id is the page's placeholder, so the entity's id is PrimaryKey.
        Example("reference/state-events.md", "doc-state-events-webhook.started.http", "webhook.started", "webhook 66", [unsigned]),
        Example("reference/state-events.md", "doc-state-events-webhook.stopped.http", "webhook.stopped", "webhook 66", [unsigned]),
        Example("reference/state-events.md", "doc-state-events-webhook.errors.http", "webhook.errors", "webhook 66", [unsigned]),
        Example("reference/test-event.md", "doc-test-event-test.http", "test", "webhook Name you provided",
                [signed, "warning 7:1 superoffice.eventid-mismatch"]),
        Example("reference/ticket-events.md", "doc-ticket-events-ticket.created.http", "ticket.created", "ticket 527331", [signed]),
        Example("reference/ticket-events.md", "doc-ticket-events-ticket.changed.json", "ticket.changed", "ticket 527331"),
    ]

    static func describe(_ finding: Finding) -> String {
        "\(finding.severity.rawValue) \(finding.position.map { "\($0.line):\($0.column)" } ?? "-") \(finding.code.id)"
    }

    @Test("each documented example: its event, entity and findings", arguments: examples)
    func example(_ row: Example) throws {
        let record = try #require(try analyzeSample("samples/superoffice/" + row.file).first)
        #expect(record.vendor == (row.findings.contains { $0.hasSuffix("input.unrecognized") } ? nil : "superoffice"))
        #expect(record.event == row.event)
        #expect(record.entity.map { $0.type + ($0.id.map { " " + $0 } ?? "") } == row.entity)
        #expect(record.findings.map(Self.describe) == row.findings, "\(record.findings.map(\.message))")
    }

    @Test("every doc- sample of the folder has a row, once, naming the page it is from")
    func tableCoversFiles() throws {
        let rows = Self.examples.map(\.file)
        #expect(rows.count == Set(rows).count)
        let files = try sampleFiles("samples/superoffice").map(fileName).filter { $0.hasPrefix("doc-") }
        #expect(Set(files) == Set(rows))
        for row in Self.examples {
            let page = row.page.replacingOccurrences(of: "reference/", with: "").replacingOccurrences(of: "/", with: "-")
            #expect(row.file.hasPrefix("doc-" + page.replacingOccurrences(of: ".md", with: "") + "-"), "\(row.file) is not named after \(row.page)")
        }
    }

    /// The header and body EventIds, read from the text alone.
    static func eventIds(_ text: String) -> (header: String, body: String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.first(where: { $0.lowercased().hasPrefix("x-superoffice-eventid:") }),
              let range = text.range(of: #""EventId": ""#) else { return nil }
        let body = text[range.upperBound...].prefix { $0 != "\"" }
        return (header.dropFirst("x-superoffice-eventid:".count).trimmingCharacters(in: .whitespaces), String(body))
    }

    @Test("the examples whose header EventId differs from the body's, as the text shows, are the ones with a warning")
    func eventIdMismatches() throws {
        var differing: Set<String> = []
        for row in Self.examples where row.file.hasSuffix(".http") {
            if let ids = Self.eventIds(try fixture("samples/superoffice/" + row.file)), ids.header != ids.body { differing.insert(row.file) }
        }
        let warned = Set(Self.examples.filter { $0.findings.contains { $0.hasSuffix("superoffice.eventid-mismatch") } }.map(\.file))
        #expect(!differing.isEmpty)
        #expect(differing == warned)
    }
}
