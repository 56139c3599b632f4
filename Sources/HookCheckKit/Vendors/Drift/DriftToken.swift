import HookCheckCrypto
import HookCheckModel

/// Drift's verification token: sent as the `X-Verification-Token` header and again as the body's
/// `token`. The copies must agree, and with a configured token each must equal it. Compared as
/// bytes in constant time; never printed.
struct DriftToken: AuthScheme {
    static let header = "X-Verification-Token"

    struct Received {
        var token: [UInt8]
        /// Which copies came: "header and body token match", ...
        var copies: String
        /// Where the body's copy starts, when there is one.
        var bodyOffset: Int?
    }

    var id: String { "drift-token" }
    var summary: String {
        "drift-token: a static verification token sent as the X-Verification-Token header and the body's token; both copies must agree and equal the configured token"
    }
    var keyKind: KeyKind { .secret }
    var credentialNoun: String { "token" }
    var algorithmName: String { "token comparison" }
    var signsBody: Bool { false }
    /// devdocs.drift.com/docs/webhook-events-1: the token is the app's, the same in every event.
    var note: String? {
        "Drift's token does not cover the body: it is the same in every event, so a body changed after Drift sent it cannot be detected by it"
    }

    func lookup(_ context: AnalysisContext, _ findings: inout [Finding]) -> CredentialLookup<Received> {
        let request = context.request
        // Bytes throughout: the token is compared, never turned into text.
        let headerValues = request.headers.filter { $0.hasName(Self.header) }.map(\.valueBytes)
        var bodyToken: ArraySlice<UInt8>?
        var bodyOffset: Int?
        if let document = context.jsonDocument, document[0].kind == .object,
           let token = document.member(0, "token"), document[token].kind == .string {
            let raw = document[token]
            bodyToken = raw.hasEscapes ? Array(document.string(token).utf8)[...] : document.bytes[Int(raw.start) + 1..<Int(raw.end) - 1]
            bodyOffset = Int(raw.start)
        }
        let received = Received(token: [], copies: "", bodyOffset: bodyOffset)
        if headerValues.count > 1, headerValues.contains(where: { !$0.elementsEqual(headerValues[0]) }) {
            let location = location(of: received, context)
            return .broken(.authMismatch, "several \(Self.header) headers with different values", at: location.position, pointer: location.pointer)
        }
        let headerToken = headerValues.first
        if headerToken == nil, bodyToken == nil, case .malformedJSON = context.payload {
            return .unreadable("no \(Self.header) header, and the body is not valid JSON, so its token cannot be read")
        }
        guard headerToken != nil || bodyToken != nil else {
            return .missing("no \(Self.header) header and no token in the body")
        }
        if let headerToken, let bodyToken, !ConstantTime.equals(headerToken, bodyToken) {
            let location = location(of: received, context)
            return .broken(.authMismatch, "the \(Self.header) header and the body's token differ", at: location.position, pointer: location.pointer)
        }
        let copies = headerToken != nil && bodyToken != nil ? "header and body token match"
            : headerToken != nil ? "header token (the body has no token)"
            : "body token (no \(Self.header) header)"
        return .found(Received(token: Array(headerToken ?? bodyToken ?? []), copies: copies, bodyOffset: bodyOffset))
    }

    func location(of received: Received, _ context: AnalysisContext) -> (position: SourcePosition?, pointer: String?) {
        if let header = context.request.position(ofHeader: Self.header) { return (header, nil) }
        guard let offset = received.bodyOffset else { return (nil, nil) }
        return (context.position(ofBodyOffset: offset), "/token")
    }

    func text(of received: Received) -> String? { String(decoding: received.token, as: UTF8.self) }

    func precheck(_ received: Received, _ context: AnalysisContext, _ findings: inout [Finding]) {}

    func unchecked(_ received: Received, _ context: AnalysisContext, variable: String?) -> (hint: String, detail: String) {
        (AuthFlow.secretHint("token", variable: variable), "\(received.copies); no token configured")
    }

    func verify(_ received: Received, body: [UInt8], key: SecretSource, _ context: AnalysisContext,
                _ findings: inout [Finding]) -> Verification {
        ConstantTime.equals(key.value, received.token) ? .match : .mismatch
    }

    func validDetail(_ received: Received, key: SecretSource) -> String {
        received.copies == "header and body token match" ? "\(received.copies) \(key.label)" : "\(received.copies) matches \(key.label)"
    }

    func explainMismatch(_ received: Received, body: [UInt8], keys: [SecretSource], _ context: AnalysisContext) -> String? {
        for key in keys where ConstantTime.equals(key.value.trimmingASCIIWhitespace, received.token.trimmingASCIIWhitespace) {
            return "it would match \(key.label) without surrounding whitespace"
        }
        return nil
    }

    func conclude(_ result: AuthResult, _ received: Received, _ context: AnalysisContext) -> AuthResult { result }
}
