import HookCheckModel

/// Copernica: profile and subprofile webhooks as form posts, signed with HTTP Signatures (RSA)
/// over a set of headers that includes an RFC 3230 `Digest` of the body.
public struct CopernicaSender: Sender {
    public let id = "copernica"
    public let displayName = "Copernica"
    public var auth: any AuthScheme { CopernicaSignature() }
    /// Signed with RSA: a public key, no secret.
    public let secretVariables: [String] = []
    public var events: [CatalogEvent] {
        CopernicaCatalog.events.map { event in
            let action = ["create": "created", "update": "updated", "delete": "deleted"][String(event.name.split(separator: ".").last ?? "")] ?? ""
            return CatalogEvent(name: event.name, kind: "\(event.name.split(separator: ".").first ?? "").\(action)",
                                summary: event.summary, shape: event.shape)
        }
    }
    public var findingCodes: [FindingCode] {
        [.copernicaKeyId, .copernicaCoverage, .copernicaDate, .copernicaDateStale, .copernicaDateFuture, .copernicaAccount]
    }
    public let secretFields: [String] = []
    /// The receiver's account, checked against `X-Copernica-ID`.
    static let accountOption = SenderOption(long: "--account", value: "id",
        help: "Your account, checked against Copernica's X-Copernica-ID (account_NNN, account-NNN or NNN).")
    public var options: [SenderOption] { [Self.accountOption] }
    public var signer: (any RequestSigner)? { nil }

    public init() {}

    public func detect(_ request: RequestDump, _ payload: Payload) -> Detection {
        var detection = Detection()
        if request.header("X-Copernica-ID") != nil {
            detection.add(6, "header X-Copernica-ID")
        }
        if let signature = request.header("Signature"), signature.contains(".copernica.com\"") {
            detection.add(4, "Signature keyId at copernica.com")
        }
        if case .malformedJSON = payload {
            let body = request.body
            if ["\"type\"", "\"profile\"", "\"database\""].allSatisfy({ body.contains(Array($0.utf8)) }) {
                detection.add(5, "body keys type/profile/database (in malformed JSON)")
            }
        }
        if let document = payload.document, document[0].kind == .object,
           let type = document.member(0, "type"),
           ["create", "update", "delete"].contains(where: { document.stringEquals(type, Array($0.utf8)) }),
           document.member(0, "profile") != nil, document.member(0, "database") != nil {
            let form = if case .form = payload { "form" } else { "body" }
            detection.add(6, "\(form) fields type/profile/database")
        }
        return detection
    }

    public func analyze(_ context: AnalysisContext, into record: inout Record) {
        guard let document = context.payload.document else { return }
        var validator = SchemaValidator(document: document, locate: context.position(ofBodyOffset:))
        guard document[0].kind == .object else {
            validator.validate(0, against: CopernicaCatalog.compiled["profile.update"]!)
            record.findings += validator.findings
            return
        }
        let isSubprofile = document.member(0, "subprofile") != nil
        let typeIndex = document.member(0, "type")
        let type = typeIndex.flatMap { document[$0].kind == .string ? document.string($0) : nil }
        let entity = isSubprofile ? "subprofile" : "profile"
        let eventName = type.map { entity + "." + $0 }
        record.event = eventName
        if let eventName, let compiled = CopernicaCatalog.compiled[eventName] {
            validator.validate(0, against: compiled)
        } else {
            validator.validate(0, against: CopernicaCatalog.compiled[entity + ".update"]!)
        }
        record.findings += validator.findings

        // Normalization.
        if let type {
            let action = ["create": "created", "update": "updated", "delete": "deleted"][type] ?? type
            record.kind = entity + "." + action
        }
        let entityId = document.member(0, entity).flatMap { document.scalarText($0) }
        record.entity = EntityRef(type: entity, id: entityId)
        record.account = document.member(0, "database").flatMap { document.scalarText($0) }
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
