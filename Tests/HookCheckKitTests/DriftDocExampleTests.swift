import Foundation
import Testing
@testable import HookCheckKit

/// Drift's own documented webhook examples, kept in samples/drift/doc-* exactly as its pages give
/// them (copied by samples/drift/.doc-examples.py from the seed copies of devdocs.drift.com/docs/webhook-events-1
/// and /docs/contact-update-subscriptions), and what hookcheck must say of each. Most are templates
/// ("orgId": int, "data": Message), not JSON: still Drift's, with the syntax error where the
/// template starts.
@Suite("Drift's documented examples")
struct DriftDocExampleTests {
    struct Example: CustomStringConvertible, Sendable {
        var file: String
        /// The page of devdocs.drift.com and the heading the example sits under.
        var source: String
        var event: String?
        /// Every finding but info: code and position ("line:column").
        var findings: [String]
        /// What the first finding says.
        var message: String?
        var description: String { "\(file) (\(source))" }
    }

    static let examples: [Example] = [
        Example(file: "doc-request-format.json", source: "webhook-events-1, Request format", event: nil,
                findings: ["json.syntax 2:9"], message: "expected a value, found 'the_event_type'"),
        Example(file: "doc-new_message.json", source: "webhook-events-1, New Message", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-new_command_message.json", source: "webhook-events-1, New Command Message", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-new_conversation.json", source: "webhook-events-1, New Conversation", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-conversation_status_updated.json", source: "webhook-events-1, Conversation Status Update (deprecated)", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-conversation_inactive.json", source: "webhook-events-1, Conversation Inactive", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-conversation_manual_push.json", source: "webhook-events-1, Conversation Manual Push", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-conversation_push.json", source: "webhook-events-1, Conversation Push", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-conversation_participant_added.json", source: "webhook-events-1, Conversation Participant Added", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-conversation_participant_removed.json", source: "webhook-events-1, Conversation Participant Removed", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-button_clicked.json", source: "webhook-events-1, Button Clicked", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-contact_identified.json", source: "webhook-events-1, Contact Email Captured", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-playbook_goal_met.json", source: "webhook-events-1, Playbook Goal Met: \"orgId\" : int", event: nil,
                findings: ["json.syntax 2:11"], message: "expected a value, found 'int'"),
        Example(file: "doc-user_unsubscribed.json", source: "webhook-events-1, User Unsubscribed", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-new_meeting.json", source: "webhook-events-1, New Meeting", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-meeting_updated.json", source: "webhook-events-1, Meeting Updated", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-gdpr_delete_requested.json", source: "webhook-events-1, GDPR Delete Requested", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-app_disconnected.json", source: "webhook-events-1, App Disconnected", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-user_availability_updated.json", source: "webhook-events-1, User Availability Updated", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found 'int'"),
        Example(file: "doc-phone_captured.json", source: "webhook-events-1, Phone Captured: \"orgId\":1, then \"conversationId\": long", event: nil,
                findings: ["json.syntax 5:19"], message: "expected a value, found 'long'"),
        Example(file: "doc-chat_to_call.json", source: "webhook-events-1, Chat to Call: \"orgId\":int", event: nil,
                findings: ["json.syntax 2:9"], message: "expected a value, found 'int'"),
        Example(file: "doc-contact_updated-template.json", source: "contact-update-subscriptions, the template", event: nil,
                findings: ["json.syntax 2:10"], message: "expected a value, found '('"),
        // The one example that is JSON, kept under its older name; its token "XXX" is checked only with a token.
        Example(file: "contact_updated-seed.json", source: "contact-update-subscriptions, the example", event: "contact_updated",
                findings: [], message: nil),
    ]

    @Test("each example is Drift's, with its findings", arguments: examples)
    func example(_ row: Example) throws {
        let record = try #require(try analyzeSample("samples/drift/" + row.file).first)
        #expect(record.vendor == "drift", "\(record.evidence)")
        #expect(record.event == row.event)
        let findings = record.findings.filter { $0.severity != .info }
        #expect(findings.map { "\($0.code.id) " + ($0.position.map { "\($0.line):\($0.column)" } ?? "-") } == row.findings)
        #expect(findings.first?.message == row.message)
    }

    @Test("every doc- file in samples/drift has a row")
    func covered() throws {
        let files = try sampleFiles("samples/drift").map(fileName).filter { $0.hasPrefix("doc-") }
        let rows = Self.examples.map(\.file).filter { $0.hasPrefix("doc-") }
        #expect(Set(files) == Set(rows))
        #expect(files.count == rows.count)
    }

    @Test("every event of the webhook events page has its example here, but contact_updated, which has its own page")
    func everyEvent() throws {
        let documented = Set(DriftCatalog.events.map(\.name)).subtracting(["contact_updated", "button_action"])
        let examples = Set(Self.examples.map(\.file).filter { $0.hasPrefix("doc-") && !$0.contains("template") && !$0.contains("request-format") }
            .map { String($0.dropFirst(4).dropLast(5)) })
        #expect(examples == documented)
    }
}
