import HookCheckModel

/// Copernica: profile, subprofile and message webhooks as form posts, signed with HTTP Signatures
/// (RSA) over a set of headers that includes an RFC 3230 `Digest` of the body.
public struct CopernicaSender: Sender {
    public let id = "copernica"
    public let displayName = "Copernica"
    public var auth: any AuthScheme { CopernicaSignature() }
    /// Signed with RSA: a public key, no secret.
    public let secretVariables: [String] = []
    public var events: [CatalogEvent] {
        CopernicaCatalog.events.map { CatalogEvent(name: $0.name, kind: $0.kind, summary: $0.summary, shape: $0.shape) }
    }
    public var findingCodes: [FindingCode] {
        [.copernicaKeyId, .copernicaCoverage, .copernicaDate, .copernicaDateStale, .copernicaDateFuture, .copernicaAccount,
         .copernicaLegacyForm]
    }
    public let secretFields: [String] = []
    /// The receiver's account, checked against `X-Copernica-ID`.
    static let accountOption = SenderOption(long: "--account", value: "id",
        help: "Your account, checked against Copernica's X-Copernica-ID (NNN matches account-NNN, account_NNN, environment-NNN...).")
    public var options: [SenderOption] { [Self.accountOption] }
    public var signer: (any RequestSigner)? { nil }

    public init() {}

    /// Members only Copernica's bodies have, and what each weighs. With a documented `type` (2) and a
    /// `YYYY-MM-DD HH:MM:SS` `timestamp` (2), any three make a match, so a near miss (`type=upsert`,
    /// no `profile`) is still recognized; no other sender's body has them.
    static let bodyKeys: [(name: String, points: Int)] = [("profile", 2), ("subprofile", 2), ("database", 2), ("collection", 1)]

    public func detect(_ request: RequestDump, _ payload: Payload) -> Detection {
        var detection = Detection()
        if request.header("X-Copernica-ID") != nil {
            detection.add(6, "header X-Copernica-ID")
        }
        if let signature = request.header("Signature"), signature.contains(".copernica.com\"") {
            detection.add(4, "Signature keyId at copernica.com")
        }
        switch payload {
        case .malformedJSON:
            // A broken body can still show its keys.
            let body = request.body
            let keys = ["profile", "subprofile", "database", "collection", "timestamp", "created", "modified"]
                .filter { body.contains(Array("\"\($0)\"".utf8)) }
            if keys.count >= 2, body.contains(Array("\"type\"".utf8)) || body.contains(Array("\"action\"".utf8)) {
                detection.add(5, "body keys \(keys.joined(separator: "/")) (in malformed JSON)")
            }
        case .json(let document), .form(let document, _):
            guard document[0].kind == .object else { break }
            let form = if case .form = payload { "form" } else { "body" }
            let (points, keys) = Self.bodyEvidence(document)
            if points > 0 { detection.add(points, "\(form) fields \(keys.joined(separator: "/"))") }
        default:
            break
        }
        return detection
    }

    /// How much a parsed body looks like Copernica's, and the members that say so.
    static func bodyEvidence(_ document: JSONDocument) -> (points: Int, keys: [String]) {
        func string(_ name: String) -> String? {
            document.member(0, name).flatMap { document[$0].kind == .string ? document.string($0) : nil }
        }
        var points = 0
        var keys: [String] = []
        let type = string("type") ?? string("action")
        let isMessage = type.map { CopernicaCatalog.messageEvents.map(\.name).contains($0) } ?? false
        if let type, CopernicaCatalog.types.contains(type) {
            points += 2
            keys.append(string("type") != nil ? "type" : "action")
        }
        for (name, weight) in bodyKeys where document.member(0, name) != nil {
            points += weight
            keys.append(name)
        }
        // Copernica's own time format, "YYYY-MM-DD HH:MM:SS".
        if let stamp = string("timestamp"), Timestamps.parseSQLDateTime(stamp) != nil {
            points += 2
            keys.append("timestamp")
        }
        if isMessage, document.member(0, "recipient") != nil, document.member(0, "id") != nil {
            points += 3
            keys += ["id", "recipient"]
        }
        // A Publisher callback has these members and no others (Publisher/en/callbacks-variables.md).
        if let action = string("action"), CopernicaCatalog.profileActions.contains(action), string("type") == nil,
           document.member(0, "id") != nil, document.member(0, "fields") != nil || document.member(0, "interests") != nil {
            var others = false
            document.forEachMember(0) { key, _ in
                if !["id", "action", "fields", "interests"].contains(document.string(key)) { others = true }
            }
            if !others {
                points += 3
                keys += ["id"] + ["fields", "interests"].filter { document.member(0, $0) != nil }
            }
        }
        return (points, keys)
    }

    public func analyze(_ context: AnalysisContext, into record: inout Record) {
        // The tenant is the account X-Copernica-ID names, as sent (a body's database is not one).
        record.account = context.request.header("X-Copernica-ID")?.trimmingBlanks
        guard let document = context.payload.document else { return }
        var validator = SchemaValidator(document: document, locate: context.position(ofBodyOffset:))
        guard document[0].kind == .object else {
            validator.validate(0, against: CopernicaCatalog.compiled["profile.update"]!)
            record.findings += validator.findings
            return
        }
        let body = CopernicaBody(document)
        record.event = body.eventName
        record.eventPosition = body.typeIndex.map { context.position(ofBodyOffset: Int(document[$0].start)) }
        validator.validate(0, against: body.shape)
        if let typeIndex = body.typeIndex {
            switch body.form {
            case .current:
                break
            case .actionBefore2019:
                validator.report(.warning, .copernicaLegacyForm,
                                 "`action` names the event, as in Copernica's decoded examples until November 2019; Copernica sends `type`",
                                 at: typeIndex)
            case .publisherCallback:
                validator.report(.warning, .copernicaLegacyForm,
                                 "a Publisher callback (`id`, `action`, `fields`, `interests`): the legacy form of Copernica's profile webhooks",
                                 at: typeIndex)
            }
            if body.event == nil, let type = body.type {
                let suggestion = Spelling.nearest(type, in: CopernicaCatalog.types, limit: 2).map { "; did you mean \"\($0)\"?" } ?? ""
                validator.report(.warning, .unknownEvent,
                                 "Copernica event type \"\(type)\" is not one Copernica documents; only the members every event shares are checked\(suggestion)",
                                 at: typeIndex)
            }
        }
        if body.deliveryAsOpen {
            record.notes.append("type \"open\" without \"ip\": a delivery, as Copernica's Marketing Suite page on delivery webhooks gives it")
        }
        record.findings += validator.findings
        normalize(body, document, &record)
    }

    private func normalize(_ body: CopernicaBody, _ document: JSONDocument, _ record: inout Record) {
        record.kind = body.kind
        if let entity = body.entity {
            let entityId = body.idField.flatMap { document.member(0, $0) }.flatMap { document.scalarText($0) }
            record.entity = EntityRef(type: entity, id: entityId)
        }
        if let time = document.member(0, "time").flatMap({ document.scalarText($0) }), let seconds = Int64(time) {
            record.occurredAt = seconds.multipliedReportingOverflow(by: 1000).overflow ? nil : Timestamps.format(milliseconds: seconds * 1000)
        } else if let stamp = document.member(0, "timestamp"), document[stamp].kind == .string,
                  let millis = Timestamps.parseSQLDateTime(document.string(stamp)) {
            record.occurredAt = Timestamps.format(milliseconds: millis)
        }
        if let parameters = document.member(0, "parameters"), document[parameters].kind == .object {
            document.forEachMember(parameters) { key, value in
                record.changes.append(Change(field: document.string(key), updated: JSONValue(document, value)))
            }
        }
    }
}
