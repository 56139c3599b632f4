import HookCheckCrypto
import HookCheckModel

/// SuperOffice's `X-SuperOffice-Signature`: base64(HMAC-SHA256(key: the secret's UTF-8 bytes,
/// message: the raw body)). No timestamp is signed.
struct SuperOfficeSignature: AuthScheme {
    struct Received {
        var text: String
        /// The 32 bytes of an HMAC-SHA256, when the header is one in base64.
        var decoded: [UInt8]?
    }

    static func signature(body: [UInt8], secret: [UInt8]) -> [UInt8] {
        HMAC<SHA256>.authenticationCode(for: body, key: secret)
    }

    static let diagnosis = SignatureDiagnosis(encodingName: "base64") { body, key in signature(body: body, secret: key) }

    var id: String { "superoffice-hmac-sha256" }
    var summary: String {
        "superoffice-hmac-sha256: X-SuperOffice-Signature = base64(HMAC-SHA256(secret, raw body)); no timestamp, so no replay protection"
    }
    var keyKind: KeyKind { .secret }
    var credentialNoun: String { "signature" }
    var algorithmName: String { "HMAC-SHA256" }
    var signsBody: Bool { true }
    var note: String? { "SuperOffice signatures carry no timestamp: a captured request can be replayed" }

    func lookup(_ context: AnalysisContext, _ findings: inout [Finding]) -> CredentialLookup<Received> {
        guard let text = context.request.header(SuperOfficeSender.signatureHeader) else {
            return .missing("no \(SuperOfficeSender.signatureHeader) header (SuperOffice signs only when the webhook was registered with a secret)",
                            at: context.request.position(ofHeader: SuperOfficeSender.signatureHeader), header: SuperOfficeSender.signatureHeader)
        }
        let decoded = Base64.decode(text)
        return .found(Received(text: text, decoded: decoded?.count == 32 ? decoded : nil))
    }

    func location(of received: Received, _ context: AnalysisContext) -> (position: SourcePosition?, pointer: String?) {
        (context.request.position(ofHeader: SuperOfficeSender.signatureHeader), nil)
    }

    func text(of received: Received) -> String? { received.text }

    func precheck(_ received: Received, _ context: AnalysisContext, _ findings: inout [Finding]) {}

    func unchecked(_ received: Received, _ context: AnalysisContext, variable: String?) -> (hint: String, detail: String) {
        (AuthFlow.secretHint("signature", variable: variable), "signed; no secret configured")
    }

    func verify(_ received: Received, body: [UInt8], key: SecretSource, _ context: AnalysisContext,
                _ findings: inout [Finding]) -> Verification {
        guard let decoded = received.decoded else { return .mismatch }
        return ConstantTime.equals(Self.signature(body: body, secret: key.value), decoded) ? .match : .mismatch
    }

    func validDetail(_ received: Received, key: SecretSource) -> String {
        "HMAC-SHA256 of the body matches \(key.label)"
    }

    func explainMismatch(_ received: Received, body: [UInt8], keys: [SecretSource], _ context: AnalysisContext) -> String? {
        if let reason = Self.diagnosis.explain(received: received.text, decoded: received.decoded, body: body,
                                               document: context.jsonDocument, secrets: keys) {
            return reason
        }
        if received.decoded == nil { return "the header is not a base64 HMAC-SHA256 (44 characters ending in '=')" }
        return "no usual mistake explains it: the secret is wrong, or the body was changed after signing"
    }

    func conclude(_ result: AuthResult, _ received: Received, _ context: AnalysisContext) -> AuthResult { result }
}
