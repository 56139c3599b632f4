import HookCheckModel

/// A sender hookcheck knows. Every member is required, so a sender without a catalogue, codes or
/// secret fields does not compile; help, `vendors`, `explain`, `sign`, SARIF rules and the README
/// tables are derived from the registry's senders.
public protocol Sender: Sendable {
    /// Lower-case id, as in records and `--vendor`.
    var id: String { get }
    var displayName: String { get }
    /// How its requests are authenticated.
    var auth: any AuthScheme { get }
    /// The environment variables read for its secret when none is given on the command line,
    /// `HOOKCHECK_<ID>_SECRET` among them; empty when its scheme takes no secret.
    var secretVariables: [String] { get }
    /// The events it documents, for `vendors`, the README and the samples' meta-test.
    var events: [CatalogEvent] { get }
    /// The finding codes only this sender emits.
    var findingCodes: [FindingCode] { get }
    /// Payload members that carry a credential, hidden in `diff` and text unless --show-secrets.
    var secretFields: [String] { get }
    /// Options only this sender reads, in its own words (Copernica's --account).
    var options: [SenderOption] { get }
    /// Produces its credential for `sign`; nil when hookcheck cannot.
    var signer: (any RequestSigner)? { get }
    /// How strongly a request looks like this sender's, and why.
    func detect(_ request: RequestDump, _ payload: Payload) -> Detection
    /// Validates the payload against the catalogue and fills the record: event, kind, entity,
    /// account, time, changes. The auth check has already run.
    func analyze(_ context: AnalysisContext, into record: inout Record)
}

/// A command-line option a sender reads; the CLI adds it to inspect, lint and verify.
public struct SenderOption: Sendable, Hashable {
    /// `--account`.
    public let long: String
    /// The value's placeholder in help.
    public let value: String
    public let help: String

    public init(long: String, value: String, help: String) {
        self.long = long
        self.value = value
        self.help = help
    }
}

/// Why a request is thought to come from a sender, and how strongly.
public struct Detection: Sendable {
    /// Sender-specific headers or body shapes add up; 5 or more is a match.
    public var score: Int
    public var evidence: [String]
    /// What a request that scored but fell short would need to match ("a contacts, ids or ticketId
    /// member"): named when no sender matched, so a near miss says what it lacked.
    public var lacking: [String] = []

    public static let threshold = 5

    public init(score: Int = 0, evidence: [String] = []) {
        self.score = score
        self.evidence = evidence
    }

    public mutating func add(_ points: Int, _ description: String) {
        score += points
        evidence.append(description)
    }

    /// Notes what the request would need to match this sender.
    public mutating func lack(_ description: String) {
        lacking.append(description)
    }
}

/// A secret, token or public key, and where it came from; only the label is ever shown.
public struct SecretSource: Sendable {
    /// How the user named it: `--secret`, `--secret-env NAME`, `--secret-file PATH`, a variable,
    /// `--public-key PATH`.
    public var label: String
    /// The secret's bytes, or the public key's text.
    public var value: [UInt8]

    public init(label: String, value: [UInt8]) {
        self.label = label
        self.value = value
    }
}

/// What the user asked for that changes how requests are analysed, resolved once per run.
public struct InspectOptions: Sendable {
    /// Skip detection and treat every request as this sender's.
    public var forcedVendor: String?
    /// Secrets given on the command line, tried in order for every sender.
    public var secrets: [SecretSource] = []
    /// The environment, for the senders' own secret variables.
    public var environment: [String: String] = [:]
    /// A public key for asymmetric schemes, read once.
    public var publicKey: SecretSource?
    /// "Now" in Unix milliseconds, for age checks: `--now`, else the system clock (the CLI always
    /// sets it); nil leaves out the checks that need it.
    public var now: Int64?
    /// `now` is the system clock's, not one given with `--now`; messages say which.
    public var nowFromClock = false
    /// Deliveries older than this many milliseconds are stale.
    public var maxAge: Int64?
    /// Warnings count as errors.
    public var strict = false
    /// Findings whose code matches one of these are dropped (`--ignore`).
    public var ignoredCodes: [FindingCodePattern] = []
    public var maxDepth = JSONParser.defaultMaxDepth
    /// Values of the options senders declare.
    public var senderValues: [SenderOption: String] = [:]
    /// Keep the received token or signature in the record, for `--show-secrets`.
    public var keepReceivedCredential = false

    public init() {}

    /// The value given for a sender's option.
    public func value(of option: SenderOption) -> String? { senderValues[option] }

    /// Whether `--ignore` drops findings with this code.
    public func ignores(_ code: FindingCode) -> Bool {
        ignoredCodes.contains { $0.matches(code) }
    }

    /// The keys to try for a sender: a public key for asymmetric schemes; for secret schemes the
    /// secrets given, else the first of the sender's variables that is set.
    public func keys(for sender: any Sender) -> [SecretSource] {
        switch sender.auth.keyKind {
        case .none: return []
        case .publicKey: return publicKey.map { [$0] } ?? []
        case .secret:
            if !secrets.isEmpty { return secrets }
            for variable in sender.secretVariables {
                if let value = environment[variable], !value.isEmpty { return [SecretSource(label: variable, value: Array(value.utf8))] }
            }
            return []
        }
    }
}

/// What a sender's analysis can use: the request, its parsed body, the options, the keys.
public struct AnalysisContext {
    public let request: RequestDump
    public let payload: Payload
    public let options: InspectOptions
    /// The secrets or the public key to check this sender's credential with.
    public let keys: [SecretSource]

    public init(request: RequestDump, payload: Payload, options: InspectOptions, keys: [SecretSource]) {
        self.request = request
        self.payload = payload
        self.options = options
        self.keys = keys
    }

    /// The position in the input file of an offset in the parsed document (for a form body, the
    /// raw key or value it was decoded from).
    public func position(ofBodyOffset offset: Int) -> SourcePosition {
        if case .form(_, let map) = payload {
            return request.position(ofBodyOffset: map.rawOffset(offset))
        }
        return request.position(ofBodyOffset: offset)
    }

    /// The parsed JSON body, when it is JSON (not a form).
    public var jsonDocument: JSONDocument? {
        if case .json(let document) = payload { document } else { nil }
    }
}
