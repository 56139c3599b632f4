import HookCheckModel

/// CloudCX: contact and inbox-ticket events as JSON. Its documentation describes no signature,
/// token or secret, so there is nothing to verify.
public struct CloudCXSender: Sender {
    public let id = "cloudcx"
    public let displayName = "CloudCX"
    public var auth: any AuthScheme {
        NoAuth(detail: "CloudCX documents no signature, token or secret",
               note: "CloudCX sends no signature or token: keep the receiving URL secret (a long random path) and serve it over HTTPS")
    }
    public let secretVariables: [String] = []
    public var events: [CatalogEvent] {
        CloudCXCatalog.events.map { CatalogEvent(name: $0.name, kind: $0.kind, summary: $0.summary, shape: $0.shape) }
    }
    public let findingCodes: [FindingCode] = []
    public let secretFields: [String] = []
    public let options: [SenderOption] = []
    public var signer: (any RequestSigner)? { nil }

    public init() {}

    /// A string `event` that is CloudCX's, or close to one of its names, scores 5, any other 2; the
    /// member an event carries (`contacts`, `ids`, `ticketId`) 3 more. So a known or misspelt event,
    /// or an unknown one with a ticket or contact member (a newer event), reaches the threshold; a
    /// body without `event` (Drift's `type`/`data`, `{}`) scores nothing.
    public func detect(_ request: RequestDump, _ payload: Payload) -> Detection {
        var detection = Detection()
        guard case .json(let document) = payload, document[0].kind == .object,
              let event = document.member(0, "event"), document[event].kind == .string else { return detection }
        let name = document.string(event)
        if CloudCXCatalog.byName[name] != nil {
            detection.add(5, "event " + name)
        } else if let near = CloudCXCatalog.suggestion(for: name) {
            detection.add(5, "event \(name), close to \(near)")
        } else {
            detection.add(2, "body event " + name)
        }
        if let member = CloudCXCatalog.carriedMember(document) {
            detection.add(3, member)
        }
        return detection
    }

    public func analyze(_ context: AnalysisContext, into record: inout Record) {
        guard let document = context.jsonDocument else { return }
        var validator = SchemaValidator(document: document, locate: context.position(ofBodyOffset:))
        // Every CloudCX body is an object with "event" and the member its event carries (seed 004,
        // VENDORS.md): say so, whatever else the body is.
        let root = context.position(ofBodyOffset: Int(document[0].start))
        guard document[0].kind == .object else {
            record.findings.append(Finding(.error, .schemaType,
                "expected a CloudCX body, an object with \"event\" and \(CloudCXCatalog.membersText); found \(document[0].kind.noun)",
                at: root, pointer: ""))
            return
        }
        guard let eventIndex = document.member(0, "event") else {
            record.findings.append(Finding(.error, .schemaRequired,
                "missing required field \"event\" (a CloudCX body is an object with \"event\" and \(CloudCXCatalog.membersText))",
                at: root, pointer: "/event"))
            return
        }
        let name = document[eventIndex].kind == .string ? document.string(eventIndex) : nil
        record.event = name
        record.eventPosition = context.position(ofBodyOffset: Int(document[eventIndex].start))
        guard let name, let event = CloudCXCatalog.byName[name], let compiled = CloudCXCatalog.compiled[name] else {
            validator.validate(0, against: CloudCXCatalog.compiledEnvelope)
            if let name {
                let suggestion = CloudCXCatalog.suggestion(for: name).map { "; did you mean \"\($0)\"?" } ?? ""
                validator.report(.warning, .unknownEvent, "unknown CloudCX event \"\(name)\"" + suggestion, at: eventIndex)
                // An unknown ticket event still names its ticket.
                if let ticket = document.member(0, "ticketId"), document[ticket].kind == .string {
                    record.entity = EntityRef(type: "ticket", id: document.string(ticket))
                }
            }
            record.findings += validator.findings
            return
        }
        validator.validate(0, against: compiled)
        record.findings += validator.findings
        record.kind = event.kind
        // A full snapshot: nothing says what changed.
        record.changes = []
        if event.entity == "ticket" {
            record.entity = EntityRef(type: "ticket", id: document.member(0, "ticketId").flatMap { document.scalarText($0) })
            if name == "TicketStatusChanged", let before = document.member(0, "beforeTicketStatus"), let after = document.member(0, "afterTicketStatus") {
                record.changes = [Change(field: "status", previous: JSONValue(document, before), updated: JSONValue(document, after))]
            }
            return
        }
        // Contacts come as a list: the record names the first, and says how many.
        var ids: [String] = []
        var times: [Int64] = []
        if let contacts = document.member(0, "contacts"), document[contacts].kind == .array {
            document.forEachElement(contacts) { contact in
                guard document[contact].kind == .object else { return }
                if let id = document.member(contact, "id").flatMap({ document.scalarText($0) }) { ids.append(id) }
                for field in ["lastUpdatedTime", "createdTime"] {
                    if let value = document.member(contact, field), document[value].kind == .string, let millis = Int64(document.string(value)) {
                        times.append(millis)
                        break
                    }
                }
            }
        } else if let list = document.member(0, "ids"), document[list].kind == .array {
            document.forEachElement(list) { if let id = document.scalarText($0) { ids.append(id) } }
        }
        record.entity = EntityRef(type: "contact", id: ids.first)
        if ids.count > 1 { record.notes.append("\(ids.count) contacts in one delivery; the record names the first") }
        if let latest = times.max() { record.occurredAt = Timestamps.format(milliseconds: latest) }
    }
}
