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

    public func detect(_ request: RequestDump, _ payload: Payload) -> Detection {
        var detection = Detection()
        guard case .json(let document) = payload, document[0].kind == .object,
              let event = document.member(0, "event"), document[event].kind == .string,
              CloudCXCatalog.byName[document.string(event)] != nil else { return detection }
        detection.add(3, "event " + document.string(event))
        if document.member(0, "contacts") != nil || document.member(0, "ids") != nil || document.member(0, "ticketId") != nil {
            detection.add(3, "contacts/ids/ticketId")
        }
        return detection
    }

    public func analyze(_ context: AnalysisContext, into record: inout Record) {
        guard let document = context.jsonDocument, document[0].kind == .object else { return }
        let eventIndex = document.member(0, "event")
        let name = eventIndex.flatMap { document[$0].kind == .string ? document.string($0) : nil }
        record.event = name
        var validator = SchemaValidator(document: document, locate: context.position(ofBodyOffset:))
        guard let name, let event = CloudCXCatalog.byName[name], let compiled = CloudCXCatalog.compiled[name] else {
            if let name, let eventIndex {
                validator.report(.warning, .unknownEvent, "unknown CloudCX event \"\(name)\"", at: eventIndex)
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
