import HookCheckCrypto
import HookCheckModel

/// SuperOffice NetServer webhooks: a JSON body with `EventId`, `Event`, `Entity`, `PrimaryKey`...,
/// `X-SuperOffice-*` headers, and an optional HMAC-SHA256 signature of the raw body.
public struct SuperOfficeSender: Sender {
    public let id = "superoffice"
    public let displayName = "SuperOffice"
    public var auth: any AuthScheme { SuperOfficeSignature() }
    public let secretVariables = ["HOOKCHECK_SUPEROFFICE_SECRET"]
    public var findingCodes: [FindingCode] {
        [.superOfficeEventMismatch, .superOfficeEventIdMismatch, .superOfficeEntityMismatch, .superOfficeTestEvent,
         .superOfficeWebhookProperty]
    }
    public let secretFields: [String] = []
    public let options: [SenderOption] = []
    public var signer: (any RequestSigner)? { SuperOfficeSigner() }

    static let eventHeader = "X-SuperOffice-Event"
    static let eventIdHeader = "X-SuperOffice-EventId"
    static let signatureHeader = "X-SuperOffice-Signature"
    static let testHeader = "X-Hook-Test"
    static let retryHeader = "X-SuperOffice-Retry"

    public init() {}

    public var events: [CatalogEvent] {
        var events: [CatalogEvent] = []
        for family in SuperOfficeCatalog.families {
            let shape = family.entity == "webhook" ? SuperOfficeCatalog.stateBody : SuperOfficeCatalog.body
            for action in family.actions {
                events.append(CatalogEvent(name: "\(family.entity).\(action)", kind: "\(family.entity).\(action == "changed" ? "updated" : action)",
                                           summary: "\(family.summary): \(action)", shape: shape))
            }
        }
        for action in SuperOfficeCatalog.listActions {
            events.append(CatalogEvent(name: "list.<name-or-id>.\(action)", kind: "list.<name-or-id>.\(action == "changed" ? "updated" : action)",
                                       summary: "a list item: \(action)", shape: SuperOfficeCatalog.body))
        }
        for action in SuperOfficeCatalog.extraTableActions {
            events.append(CatalogEvent(name: "<y_table>.\(action)", kind: "<y_table>.\(action == "changed" ? "updated" : action)",
                                       summary: "an extra table row: \(action)", shape: SuperOfficeCatalog.body))
        }
        events.append(CatalogEvent(name: "test", kind: "webhook.test", summary: "the registration test event (X-Hook-Test: true)",
                                   shape: SuperOfficeCatalog.body))
        return events
    }

    public func detect(_ request: RequestDump, _ payload: Payload) -> Detection {
        var detection = Detection()
        if let header = request.headers.first(where: { $0.hasNamePrefix("X-SuperOffice-") }) {
            detection.add(6, "header " + header.name)
        }
        if let agent = request.header("User-Agent"), agent.hasPrefix("NetServer-Webhook/") {
            detection.add(4, "User-Agent NetServer-Webhook")
        }
        let keys = ["EventId", "Event", "Entity", "PrimaryKey"]
        switch payload {
        case .json(let document) where document[0].kind == .object:
            if keys.filter({ document.member(0, $0) != nil }).count >= 3 {
                detection.add(5, "body EventId/Event/Entity/PrimaryKey")
            }
        case .malformedJSON:
            let body = request.body
            if keys.filter({ body.contains(Array("\"\($0)\"".utf8)) }).count >= 3 {
                detection.add(5, "body keys EventId/Event/Entity/PrimaryKey (in malformed JSON)")
            }
        default:
            break
        }
        return detection
    }

    public func analyze(_ context: AnalysisContext, into record: inout Record) {
        let request = context.request
        let isTest = request.header(Self.testHeader).map { asciiCaseInsensitiveEquals($0, "true") } ?? false
        if isTest { record.notes.append("a test delivery (\(Self.testHeader): true), sent when the webhook is registered") }
        if let note = Self.customHeadersNote(request) { record.notes.append(note) }

        let headerEvent = request.header(Self.eventHeader)
        // The delivery: EventId identifies it (body first, else the header); the retry count is a
        // header (notification.md, "WebhookPayload headers").
        record.delivery.id = request.header(Self.eventIdHeader)
        record.delivery.attempt = request.header(Self.retryHeader).flatMap { Int($0.trimmingBlanks) }
        guard case .json(let document) = context.payload else {
            record.event = headerEvent
            return
        }
        var validator = SchemaValidator(document: document, locate: context.position(ofBodyOffset:))
        guard document[0].kind == .object else {
            validator.validate(0, against: SuperOfficeCatalog.compiledBody)
            record.findings += validator.findings
            return
        }
        let eventIndex = document.member(0, "Event").flatMap { document[$0].kind == .string ? $0 : nil }
        let entityIndex = document.member(0, "Entity").flatMap { document[$0].kind == .string ? $0 : nil }
        let event = eventIndex.map(document.string)
        let entity = entityIndex.map(document.string)
        record.event = event ?? headerEvent
        record.eventPosition = eventIndex.map { context.position(ofBodyOffset: Int(document[$0].start)) }
            ?? request.position(ofHeader: Self.eventHeader)
        let classified = event.map(SuperOfficeCatalog.classify)
        // reference/state-events.md: a state event's body has no Entity.
        let isStateEvent = classified.map { if case .known("webhook", _) = $0 { true } else { false } } ?? false
        validator.validate(0, against: isStateEvent ? SuperOfficeCatalog.compiledStateBody : SuperOfficeCatalog.compiledBody)
        record.findings += webhookProperties(document, context)

        if let event, let eventIndex, let classified {
            switch classified {
            case .unknown:
                let suggestion = SuperOfficeCatalog.suggestion(for: event).map { "; did you mean \"\($0)\"?" } ?? ""
                validator.report(.warning, .unknownEvent, "unknown SuperOffice event \"\(event)\"" + suggestion, at: eventIndex)
            case .test where !isTest:
                validator.report(.info, .superOfficeTestEvent, "the registration test event without \(Self.testHeader): true", at: eventIndex)
            default:
                break
            }
            // The event is named after its entity.
            if let entity, let entityIndex, event != "test" || entity != "test", !event.hasPrefix(entity + ".") {
                validator.report(.error, .superOfficeEntityMismatch,
                                 "Event \"\(event)\" does not start with Entity \"\(entity)\" and a dot", at: entityIndex)
            }
            if let headerEvent, !Self.headerNames(headerEvent, event) {
                record.findings.append(Finding(.error, .superOfficeEventMismatch,
                    "the \(Self.eventHeader) header says \"\(headerEvent)\" but the body's Event is \"\(event)\"",
                    at: request.position(ofHeader: Self.eventHeader)))
            }
        }
        if let headerId = request.header(Self.eventIdHeader),
           let idIndex = document.member(0, "EventId"), document[idIndex].kind == .string {
            let bodyId = document.string(idIndex)
            if headerId.lowercased() != bodyId.lowercased() {
                record.findings.append(Finding(.warning, .superOfficeEventIdMismatch,
                    "the \(Self.eventIdHeader) header is \(headerId) but the body's EventId is \(bodyId); deduplicate on the body's",
                    at: request.position(ofHeader: Self.eventIdHeader)))
            }
        }
        record.findings += validator.findings
        normalize(document, event: event, entity: entity, stateHeader: headerEvent.flatMap(SuperOfficeCatalog.stateEvent(header:)), &record)
    }

    /// Whether the header names the body's event: the same name, or for a state event the
    /// subscription's `webhook{webhookId}.started` for `webhook.started` (reference/state-events.md).
    static func headerNames(_ header: String, _ event: String) -> Bool {
        header == event || SuperOfficeCatalog.stateEvent(header: header)?.event == event
    }

    /// Top-level members SuperOffice does not document: a webhook's Properties, "any additional
    /// values SuperOffice should append to each request" (index.md, dev/index.md).
    private func webhookProperties(_ document: JSONDocument, _ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        document.forEachMember(0) { key, _ in
            let name = document.string(key)
            if !SuperOfficeCatalog.documentedMembers.contains(name) {
                findings.append(Finding(.info, .superOfficeWebhookProperty,
                    "\"\(name)\" is not a WebhookPayload field: a webhook property (a webhook's Properties are added to each request)",
                    at: context.position(ofBodyOffset: Int(document[key].start)), pointer: "/" + JSONPaths.escape(name)))
            }
        }
        return findings
    }

    /// Headers a request carries that are neither SuperOffice's own nor HTTP's or a proxy's: a
    /// webhook's custom Headers, "additional header values SuperOffice appends" (index.md, dev/index.md).
    static func customHeadersNote(_ request: RequestDump) -> String? {
        let custom = request.headers.filter { header in
            !header.hasNamePrefix("X-SuperOffice-") && !header.hasNamePrefix("X-Forwarded-")
                && !transportHeaders.contains { header.hasName($0) }
        }.map(\.name)
        guard !custom.isEmpty else { return nil }
        return "custom header\(custom.count == 1 ? "" : "s") \(custom.joined(separator: ", ")): a webhook's Headers are added to each of its requests"
    }

    /// What SuperOffice's examples send besides X-SuperOffice-*, and what HTTP clients and proxies add.
    static let transportHeaders = [
        "Host", "Content-Type", "Content-Length", "User-Agent", testHeader, "Connection", "Accept", "Accept-Encoding",
        "Expect", "Transfer-Encoding", "TE", "Trailer", "Date", "Forwarded", "Via", "X-Real-IP", "X-Request-Id",
        "traceparent", "tracestate",
    ]

    private func normalize(_ document: JSONDocument, event: String?, entity: String?, stateHeader: SuperOfficeCatalog.StateEvent?,
                           _ record: inout Record) {
        if let id = document.member(0, "EventId"), document[id].kind == .string { record.delivery.id = document.string(id) }
        if let context = document.member(0, "ContextIdentifier"), document[context].kind == .string {
            record.account = document.string(context)
        }
        if let stamp = document.member(0, "Timestamp"), document[stamp].kind == .string,
           let millis = Timestamps.parseRFC3339(document.string(stamp)) {
            record.occurredAt = Timestamps.format(milliseconds: millis)
        }
        let primaryKey = document.member(0, "PrimaryKey").flatMap { document.scalarText($0) }
        if let event {
            switch SuperOfficeCatalog.classify(event) {
            case .test:
                record.kind = "webhook.test"
                record.entity = EntityRef(type: "webhook", id: document.member(0, "WebhookName").flatMap { document.scalarText($0) })
            case .known("webhook", let action):
                // The webhook's id is in the header (webhook123.started); PrimaryKey is "the entity
                // identity that was affected" (notification.md) when the header does not say.
                record.kind = "webhook." + action
                let fromHeader = stateHeader.flatMap { $0.action == action ? $0.webhookId : nil }
                record.entity = EntityRef(type: "webhook", id: fromHeader ?? primaryKey)
            case .known(let eventEntity, let action), .unknown(let eventEntity, let action?):
                let type = (entity ?? eventEntity).lowercased()
                record.kind = type + "." + (action == "changed" ? "updated" : action)
                record.entity = EntityRef(type: type, id: primaryKey)
            case .unknown(_, nil):
                record.entity = entity.map { EntityRef(type: $0.lowercased(), id: primaryKey) }
            }
        }
        // What FieldValues holds for a changed column is its new value (dev/notification.md:
        // "non-sensitive data from the data record"); extra tables send typed strings.
        let fieldValues = document.member(0, "FieldValues").flatMap { document[$0].kind == .object ? $0 : nil }
        if let changes = document.member(0, "Changes"), document[changes].kind == .array {
            document.forEachElement(changes) { element in
                guard document[element].kind == .string else { return }
                let field = document.string(element)
                let value = fieldValues.flatMap { Self.fieldValue(document, $0, field) }
                record.changes.append(Change(field: field, updated: value.map { SuperOfficeFieldValue.decode(JSONValue(document, $0)) }))
            }
        }
    }

    /// The FieldValues member for a Changes name: the same name, else the same name in another case.
    static func fieldValue(_ document: JSONDocument, _ values: Int, _ field: String) -> Int? {
        if let exact = document.member(values, field) { return exact }
        var found: Int?
        document.forEachMember(values) { key, value in
            if found == nil, document.string(key).lowercased() == field.lowercased() { found = value }
        }
        return found
    }
}
