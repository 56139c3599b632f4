/// The entity an event is about.
public struct EntityRef: Sendable, Equatable {
    public var type: String
    /// Always a string, so big integers survive exactly.
    public var id: String?

    public init(type: String, id: String?) {
        self.type = type
        self.id = id
    }
}

/// One changed field: some senders give previous and updated values, others names only.
public struct Change: Sendable, Equatable {
    public var field: String
    /// nil when the vendor does not say (the key is then left out of the record).
    public var previous: JSONValue?
    public var updated: JSONValue?

    public init(field: String, previous: JSONValue? = nil, updated: JSONValue? = nil) {
        self.field = field
        self.previous = previous
        self.updated = updated
    }
}

/// The sender's own identity of a delivery: the id to deduplicate on (an event id in the body,
/// `webhook-id`, `X-GitHub-Delivery`) and the retry count, each nil when the sender sends none.
public struct Delivery: Sendable, Equatable {
    public var id: String?
    /// 0 for the first attempt, as senders count retries.
    public var attempt: Int?

    public init(id: String? = nil, attempt: Int? = nil) {
        self.id = id
        self.attempt = attempt
    }
}

/// The outcome of checking a request's token or signature.
public struct AuthResult: Sendable, Equatable {
    public enum Status: String, Sendable {
        case valid, invalid, missing, unchecked, none
        /// A key was given, but the exact signed bytes are not in the capture.
        case unverifiable
    }

    public var scheme: String
    public var status: Status
    public var detail: String

    public init(scheme: String, status: Status, detail: String) {
        self.scheme = scheme
        self.status = status
        self.detail = detail
    }
}

/// Everything hookcheck found out about one request: the normalized record.
public struct Record: Sendable {
    public var source: String
    public var index: Int
    public var line: Int
    public var capture: CaptureKind
    public var vendor: String?
    /// Why the vendor was recognised ("header X-Verification-Token", ...); text view only.
    public var evidence: [String] = []
    public var event: String?
    /// Where the event is named in the input (a body field, a header), for findings about it.
    public var eventPosition: SourcePosition?
    public var kind: String?
    public var entity: EntityRef?
    public var account: String?
    /// The sender's id for this delivery (to deduplicate on) and its retry count, when sent.
    public var delivery = Delivery()
    /// RFC 3339 UTC with milliseconds.
    public var occurredAt: String?
    public var changes: [Change] = []
    public var auth: AuthResult?
    public var findings: [Finding] = []
    /// Lines for the text view that are not findings ("this scheme has no replay protection").
    public var notes: [String] = []
    /// Lines about the credential's scheme (what it leaves open); `verify` shows these, not `notes`.
    public var authNotes: [String] = []
    /// The token or signature as received: never in a record, shown only with `--show-secrets`.
    public var receivedCredential: String?

    public init(source: String, index: Int, line: Int, capture: CaptureKind) {
        self.source = source
        self.index = index
        self.line = line
        self.capture = capture
    }

    /// No error-level finding.
    public var isValid: Bool { findings.hasNoErrors }
}
