import HookCheckModel

/// Drift: a JSON envelope `{type, orgId, data, token}` and a static verification token sent both as
/// the `X-Verification-Token` header and the body's `token`.
public struct DriftSender: Sender {
    public let id = "drift"
    public let displayName = "Drift"
    public var auth: any AuthScheme { DriftToken() }
    public let secretVariables = ["HOOKCHECK_DRIFT_TOKEN", "HOOKCHECK_DRIFT_SECRET"]
    public var events: [CatalogEvent] {
        DriftCatalog.events.map { CatalogEvent(name: $0.name, kind: $0.kind, summary: $0.summary, shape: DriftCatalog.envelope(data: $0.data)) }
    }
    public var findingCodes: [FindingCode] { [.driftOrgMismatch, .driftEventAlias] }
    /// The body repeats the verification token.
    public let secretFields = ["token"]
    public let options: [SenderOption] = []
    public var signer: (any RequestSigner)? { DriftSigner() }

    public init() {}

    public func detect(_ request: RequestDump, _ payload: Payload) -> Detection {
        var detection = Detection()
        if request.header(DriftToken.header) != nil {
            detection.add(6, "header " + DriftToken.header)
        }
        if case .malformedJSON = payload {
            // A broken body can still show its envelope's keys.
            let body = request.body
            if ["\"type\"", "\"orgId\"", "\"data\""].allSatisfy({ body.contains(Array($0.utf8)) }) {
                detection.add(5, "envelope keys type/orgId/data (in malformed JSON)")
            }
            return detection
        }
        guard case .json(let document) = payload, document[0].kind == .object else { return detection }
        let type = document.member(0, "type")
        let orgId = document.member(0, "orgId")
        let data = document.member(0, "data")
        guard let type, document[type].kind == .string, let orgId, document[orgId].kind == .number else {
            return detection
        }
        if let data, document[data].kind == .object {
            detection.add(5, "envelope type/orgId/data")
        } else {
            detection.add(3, "envelope type/orgId")
        }
        let name = document.string(type)
        if DriftCatalog.event(named: name) != nil {
            detection.add(2, "event " + name)
        }
        return detection
    }

    public func analyze(_ context: AnalysisContext, into record: inout Record) {
        guard let document = context.jsonDocument else { return }
        var validator = SchemaValidator(document: document, locate: context.position(ofBodyOffset:))
        guard document[0].kind == .object else {
            validator.validate(0, against: DriftCatalog.compiledAnyEnvelope)
            record.findings += validator.findings
            return
        }
        let typeIndex = document.member(0, "type")
        var eventName = typeIndex.flatMap { document[$0].kind == .string ? document.string($0) : nil }
        if let sent = eventName, let alias = DriftCatalog.aliases[sent], let typeIndex {
            validator.report(.warning, .driftEventAlias,
                             "\"\(sent)\" is what \(alias.page) calls \(alias.event): read as \(alias.event), the name Drift's event list gives it",
                             at: typeIndex)
            eventName = alias.event
        }
        record.event = eventName
        record.eventPosition = typeIndex.map { context.position(ofBodyOffset: Int(document[$0].start)) }
        let event = eventName.flatMap(DriftCatalog.event(named:))
        validator.validate(0, against: event.flatMap { DriftCatalog.compiledEnvelopes[$0.name] } ?? DriftCatalog.compiledAnyEnvelope)
        if let eventName, event == nil, let typeIndex {
            let suggestion = Spelling.nearest(eventName, in: DriftCatalog.events.map(\.name), limit: 3).map { "; did you mean \"\($0)\"?" } ?? ""
            validator.report(.warning, .unknownEvent,
                             "unknown Drift event \"\(eventName)\"; its data is not checked\(suggestion)", at: typeIndex)
        }
        let dataIndex = document.member(0, "data").flatMap { document[$0].kind == .object ? $0 : nil }
        if let event, let dataIndex {
            if event.deprecated, let typeIndex {
                validator.report(.info, .deprecatedEvent,
                                 "\(event.name) is deprecated; Drift suggests conversation_push or its source events", at: typeIndex)
            }
            checkPushedData(event, document, dataIndex, &validator)
            checkOrgId(document, dataIndex, &validator)
        }
        record.findings += validator.findings
        normalize(event, document, dataIndex, &record)
    }

    /// `conversation_push` carries its source event's data in `data.data`.
    private func checkPushedData(_ event: DriftEvent, _ document: JSONDocument, _ dataIndex: Int,
                                 _ validator: inout SchemaValidator) {
        guard event.name == "conversation_push",
              let source = document.member(dataIndex, "source"), document[source].kind == .string,
              let sourceEvent = DriftCatalog.event(named: document.string(source)),
              sourceEvent.name == "conversation_inactive" || sourceEvent.name == "conversation_manual_push",
              let inner = document.member(dataIndex, "data") else { return }
        guard let compiled = DriftCatalog.compiledData[sourceEvent.name] else { return }
        validator.validate(inner, against: compiled, at: [.key("data"), .key("data")])
    }

    /// `data.orgId`, where an event carries it, must be the envelope's `orgId`.
    private func checkOrgId(_ document: JSONDocument, _ dataIndex: Int, _ validator: inout SchemaValidator) {
        guard let outer = document.member(0, "orgId"), let outerValue = document.int64(outer),
              let inner = document.member(dataIndex, "orgId"), let innerValue = document.int64(inner),
              innerValue != outerValue else { return }
        validator.report(.error, .driftOrgMismatch,
                         "data.orgId is \(innerValue) but the envelope's orgId is \(outerValue)", at: inner)
    }

    private func normalize(_ event: DriftEvent?, _ document: JSONDocument, _ dataIndex: Int?, _ record: inout Record) {
        if let orgId = document.member(0, "orgId"), document[orgId].kind == .number || document[orgId].kind == .string {
            record.account = document[orgId].kind == .string ? document.string(orgId) : document.text(orgId)
        }
        guard let event, let dataIndex else { return }
        var data = dataIndex
        var entityIdField = event.entityIdField
        var timeField = event.timeField
        record.kind = event.kind
        // conversation_push describes its source event's data.
        if event.name == "conversation_push", let source = document.member(dataIndex, "source"),
           document[source].kind == .string, let sourceEvent = DriftCatalog.event(named: document.string(source)),
           let inner = document.member(dataIndex, "data"), document[inner].kind == .object {
            data = inner
            entityIdField = sourceEvent.entityIdField
            timeField = sourceEvent.timeField
        }
        var entityId: String?
        if let field = entityIdField, let value = document.member(data, field) {
            entityId = document.scalarText(value)
        }
        record.entity = EntityRef(type: event.entityType, id: entityId)
        if let field = timeField, let value = document.member(data, field), let millis = document.int64(value) {
            record.occurredAt = Timestamps.format(milliseconds: millis)
        }
        switch event.name {
        case "contact_updated":
            if let diff = document.member(dataIndex, "diff"), document[diff].kind == .array {
                document.forEachElement(diff) { entry in
                    guard document[entry].kind == .object, let name = document.member(entry, "name"),
                          document[name].kind == .string else { return }
                    record.changes.append(Change(
                        field: document.string(name),
                        previous: document.member(entry, "previous").map { JSONValue(document, $0) } ?? .null,
                        updated: document.member(entry, "updated").map { JSONValue(document, $0) } ?? .null))
                }
            }
        case "new_message", "new_command_message", "button_clicked":
            if let note = DriftMessageNote.message(document, dataIndex, clicked: event.name == "button_clicked") { record.notes.append(note) }
        case "button_action":
            if let note = DriftMessageNote.buttonAction(document, dataIndex) { record.notes.append(note) }
        case "conversation_status_updated", "user_availability_updated":
            let field = event.name == "conversation_status_updated" ? "status" : "availability"
            if let value = document.member(dataIndex, field) {
                record.changes.append(Change(field: field, updated: JSONValue(document, value)))
            }
        default:
            break
        }
    }
}
