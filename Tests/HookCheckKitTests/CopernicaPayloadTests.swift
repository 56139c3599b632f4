import Foundation
import Testing
@testable import HookCheckKit

/// What Copernica's bodies say, rule by rule; each row names the page of
/// CopernicaMarketingSoftware/Documentation (or the commit) the rule comes from.
@Suite("Copernica payloads")
struct CopernicaPayloadTests {
    struct Row: CustomStringConvertible, Sendable {
        var name: String
        /// Header lines before the body; none makes the input a bare body.
        var headers: [String] = []
        /// The body; `⌖` marks where the finding must point.
        var body: String
        var event: String?
        var kind: String?
        var entity: EntityRef?
        /// The one finding the row is about (nil: no finding but auth's), its severity and pointer.
        var code: String?
        var severity: Severity?
        var pointer: String?
        /// Words the finding's message must hold.
        var message: String?
        var description: String { name }
    }

    static let stamp = "timestamp=2026-04-14+10%3A02%3A44"

    static let rows: [Row] = [
        Row(name: "Publisher/en/webhook-deletes.md: the subprofile delete example has no database",
            body: "type=delete&\(stamp)&subprofile=456&profile=123&collection=2",
            event: "subprofile.delete", kind: "subprofile.deleted", entity: EntityRef(type: "subprofile", id: "456")),
        Row(name: "Publisher/en/webhook-deletes.md: a profile delete still needs its database",
            body: "⌖type=delete&\(stamp)&profile=123",
            event: "profile.delete", kind: "profile.deleted", entity: EntityRef(type: "profile", id: "123"),
            code: "schema.required", severity: .error, pointer: "/database"),
        Row(name: "Documentation commit 297c959d: the decoded examples had `action`, not `type`, until November 2019",
            body: #"{"action":⌖"update","profile":123,"timestamp":"1979-02-12 12:49:23","database":1,"created":"1979-02-12 12:49:23","modified":"1979-02-12 12:49:23"}"#,
            event: "profile.update", kind: "profile.updated", entity: EntityRef(type: "profile", id: "123"),
            code: "copernica.legacy-form", severity: .warning, pointer: "/action", message: "until November 2019"),
        Row(name: "Publisher/en/callbacks-variables.md: a Publisher callback sends id, action, fields, interests",
            body: #"{"id":4102263,"action":⌖"delete","fields":{"Name":"Old Contact"},"interests":[]}"#,
            event: "profile.delete", kind: "profile.deleted", entity: EntityRef(type: "profile", id: "4102263"),
            code: "copernica.legacy-form", severity: .warning, pointer: "/action", message: "Publisher callback"),
        Row(name: "Publisher/nl/callback-varaibles.md: a subprofile's callback has fields and no interests",
            body: #"{"id":90211877,"action":⌖"update","fields":{"Status":"shipped"}}"#,
            event: "subprofile.update", kind: "subprofile.updated", entity: EntityRef(type: "subprofile", id: "90211877"),
            code: "copernica.legacy-form", severity: .warning, pointer: "/action"),
        Row(name: "Publisher/en/webhook-failures.md: a failure's action is its SMTP outcome, not a legacy form",
            body: "id=c90d17af&type=failure&\(stamp)&time=1776160964&recipient=a%40example.com&action=failure&state=bounce",
            event: "failure", kind: "message.failed", entity: EntityRef(type: "message", id: "c90d17af")),
        Row(name: "Publisher/en/webhook-failures.md: action is 'failure' or 'failed'",
            body: "id=c90d17af&type=failure&\(stamp)&time=1776160964&recipient=a%40example.com&action=⌖bounced&state=bounce",
            event: "failure", code: "schema.enum", severity: .error, pointer: "/action"),
        Row(name: "Publisher/en/webhook-deliveries.md: a delivery's type is given as 'open', without an ip",
            body: "id=a3f81c29&type=open&\(stamp)&time=1776160964&recipient=a%40example.com",
            event: "delivery", kind: "message.delivered", entity: EntityRef(type: "message", id: "a3f81c29")),
        Row(name: "Publisher/en/webhook-opens.md: an open has an ip",
            body: "id=a3f81c29&type=open&time=1776160964&recipient=a%40example.com&ip=198.51.100.23",
            event: "open", kind: "message.opened", entity: EntityRef(type: "message", id: "a3f81c29")),
        Row(name: "Publisher/en/restv4/rest-post-webhooks.md lists the triggers: type=upsert is none, but the body is Copernica's",
            body: "type=⌖upsert&\(stamp)&profile=123&database=1",
            event: "profile.upsert", kind: "profile.upsert", entity: EntityRef(type: "profile", id: "123"),
            code: "vendor.unknown-event", severity: .warning, pointer: "/type", message: "not one Copernica documents"),
        Row(name: "Publisher/en/webhook-updates.md: a body without profile is Copernica's, missing its profile",
            body: "⌖type=update&\(stamp)&database=1&created=2026-04-14+10%3A02%3A44&modified=2026-04-14+10%3A02%3A44",
            event: "profile.update", code: "schema.required", severity: .error, pointer: "/profile"),
        Row(name: "Publisher/en/webhook-updates.md: type 'updte' is near 'update'",
            body: "type=⌖updte&\(stamp)&profile=123&database=1",
            event: "profile.updte", code: "vendor.unknown-event", severity: .warning, pointer: "/type", message: #"did you mean "update"?"#),
        Row(name: "Publisher/en/webhook-clicks.md: type 'clik' is near 'click'",
            headers: ["X-Copernica-ID: account_1"],
            body: "id=a3f81c29&type=⌖clik&\(stamp)&time=1776160964&recipient=a%40example.com",
            event: "clik", code: "vendor.unknown-event", severity: .warning, pointer: "/type", message: #"did you mean "click"?"#),
    ]

    @Test("each rule", arguments: rows)
    func rule(_ row: Row) throws {
        let (bytes, offset) = marked(row.body)
        let body = String(decoding: bytes, as: UTF8.self)
        let input = row.headers.isEmpty ? body
            : (["POST /hook HTTP/1.1", "Content-Type: application/x-www-form-urlencoded", "Content-Length: \(bytes.count)"] + row.headers)
                .joined(separator: "\n") + "\n\n" + body
        let record = try #require(try analyze(input).first)
        #expect(record.vendor == "copernica", "\(record.findings)")
        #expect(record.event == row.event)
        if let kind = row.kind { #expect(record.kind == kind) }
        if let entity = row.entity { #expect(record.entity == entity) }
        let findings = record.findings.filter { $0.code.category != .auth }
        guard let code = row.code else {
            #expect(findings.isEmpty, "\(findings)")
            return
        }
        let finding = try #require(findings.first { $0.code.id == code }, "\(findings)")
        #expect(findings.count == 1, "\(findings)")
        #expect(finding.severity == row.severity)
        #expect(finding.pointer == row.pointer)
        if let message = row.message { #expect(finding.message.contains(message), "\(finding.message)") }
        let line = row.headers.isEmpty ? 1 : row.headers.count + 5
        #expect(finding.position == SourcePosition(line: line, column: (offset ?? -1) + 1))
    }

    @Test("near misses reach the detection threshold from the body alone", arguments: [
        "type=upsert&\(stamp)&profile=123&database=1",
        "type=update&\(stamp)&database=1",
        #"{"id":4102263,"action":"update","fields":{},"interests":[]}"#,
        "id=a3f81c29&type=open&time=1776160964&recipient=a%40example.com&ip=198.51.100.23",
    ])
    func nearMisses(_ body: String) throws {
        let record = try #require(try analyze(body).first)
        #expect(record.vendor == "copernica", "\(record.evidence)")
    }

    @Test("no other sender's sample reaches the threshold as Copernica's")
    func otherSendersStayBelow() throws {
        // The requests the other senders claim, found without Copernica among them.
        let others = Inspector(options: InspectOptions(), senders: SenderRegistry.all.filter { $0.id != "copernica" })
        var checked = 0
        for folder in ["samples/drift", "samples/superoffice", "samples/cloudcx", "samples/captures", "samples/invalid"] {
            for path in try sampleFiles(folder) {
                let requests = try InputRequests.all(in: try ByteStream.open(path: packageRoot.appendingPathComponent(path).path), source: path)
                for request in requests where others.analyze(request).vendor != nil {
                    var record = Record(source: path, index: 0, line: 1, capture: request.capture)
                    let payload = others.parsePayload(request, &record)
                    let detection = CopernicaSender().detect(request, payload)
                    #expect(detection.score < Detection.threshold, "\(path): \(detection.evidence)")
                    checked += 1
                }
            }
        }
        #expect(checked > 40, "only \(checked) requests checked")
    }
}
