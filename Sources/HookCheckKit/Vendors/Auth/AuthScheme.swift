import HookCheckModel

/// What a scheme checks a credential with.
public enum KeyKind: Sendable {
    /// The sender documents no credential.
    case none
    /// A shared token or HMAC secret (`--secret*`, `HOOKCHECK_<ID>_SECRET`).
    case secret
    /// A public key (`--public-key`).
    case publicKey
}

/// What a scheme found where its credential should be.
public enum CredentialLookup<Received> {
    /// The credential, parsed.
    case found(Received)
    /// None was sent; the detail says what was expected. Findings point at `position` when given.
    /// `header` names the header that would carry it: a bare body, which has no headers, cannot
    /// be missing it, so the flow says `unchecked` there instead.
    case missing(String, at: SourcePosition? = nil, header: String? = nil)
    /// One was sent but cannot be used (malformed, or copies that disagree): an error finding.
    case broken(FindingCode, String, at: SourcePosition?, pointer: String? = nil)
    /// It could not be looked for (the body that holds it is not valid JSON): unchecked, no finding.
    case unreadable(String)
    /// The sender documents no credential at all.
    case unauthenticated(String)
}

/// The outcome of checking a credential with one key over one body.
public enum Verification {
    case match
    case mismatch
    /// The key or the request cannot be checked this way: an error finding with this code and detail.
    case failure(FindingCode, String)
}

/// How one kind of credential is found, checked and explained. The steps every scheme shares
/// (missing, unchecked, trying each key, lossy captures, explaining a mismatch) are `AuthFlow`'s;
/// a scheme supplies only what differs.
public protocol AuthScheme: Sendable {
    associatedtype Received
    /// The record's `auth.scheme`.
    var id: String { get }
    /// One line on how requests are authenticated, for `vendors`.
    var summary: String { get }
    var keyKind: KeyKind { get }
    /// What the credential is called in messages: "token", "signature".
    var credentialNoun: String { get }
    /// The algorithm as messages name it ("HMAC-SHA256").
    var algorithmName: String { get }
    /// Whether the credential is computed over the body, so a lossy capture's candidate bodies are
    /// worth trying and a changed body explains a mismatch.
    var signsBody: Bool { get }
    /// A line for the text view about what the scheme leaves open (no timestamp: replays).
    var note: String? { get }

    /// Finds and parses the credential; checks that need no key may add findings here.
    func lookup(_ context: AnalysisContext, _ findings: inout [Finding]) -> CredentialLookup<Received>
    /// Where findings about a found credential point, and the JSON Pointer when it is in the body.
    func location(of received: Received, _ context: AnalysisContext) -> (position: SourcePosition?, pointer: String?)
    /// The credential as received, shown only with --show-secrets.
    func text(of received: Received) -> String?
    /// Checks that need the credential but no key (what a receiver must check besides it).
    func precheck(_ received: Received, _ context: AnalysisContext, _ findings: inout [Finding])
    /// The hint and the record's detail when no key was given.
    func unchecked(_ received: Received, _ context: AnalysisContext, variable: String?) -> (hint: String, detail: String)
    /// Checks the credential with one key over one body.
    func verify(_ received: Received, body: [UInt8], key: SecretSource, _ context: AnalysisContext,
                _ findings: inout [Finding]) -> Verification
    /// The record's detail when `key` matched.
    func validDetail(_ received: Received, key: SecretSource) -> String
    /// The usual mistake that explains a mismatch, or nil.
    func explainMismatch(_ received: Received, body: [UInt8], keys: [SecretSource], _ context: AnalysisContext) -> String?
    /// The last word on a result, for what the credential alone cannot say (a Digest that does not
    /// match the body the signature covers).
    func conclude(_ result: AuthResult, _ received: Received, _ context: AnalysisContext) -> AuthResult
}

/// A sender that documents no credential.
public struct NoAuth: AuthScheme {
    public let detail: String
    public let note: String?

    public init(detail: String, note: String?) {
        self.detail = detail
        self.note = note
    }

    public var id: String { "none" }
    public var summary: String { "none: " + detail }
    public var keyKind: KeyKind { .none }
    public var credentialNoun: String { "credential" }
    public var algorithmName: String { "none" }
    public var signsBody: Bool { false }

    public func lookup(_ context: AnalysisContext, _ findings: inout [Finding]) -> CredentialLookup<Never> {
        .unauthenticated(detail)
    }
    public func location(of received: Never, _ context: AnalysisContext) -> (position: SourcePosition?, pointer: String?) {}
    public func text(of received: Never) -> String? {}
    public func precheck(_ received: Never, _ context: AnalysisContext, _ findings: inout [Finding]) {}
    public func unchecked(_ received: Never, _ context: AnalysisContext, variable: String?) -> (hint: String, detail: String) {}
    public func verify(_ received: Never, body: [UInt8], key: SecretSource, _ context: AnalysisContext,
                       _ findings: inout [Finding]) -> Verification {}
    public func validDetail(_ received: Never, key: SecretSource) -> String {}
    public func explainMismatch(_ received: Never, body: [UInt8], keys: [SecretSource], _ context: AnalysisContext) -> String? {}
    public func conclude(_ result: AuthResult, _ received: Never, _ context: AnalysisContext) -> AuthResult {}
}
