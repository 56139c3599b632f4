/// A JSON value built for output (changes carry the vendor's own values).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number kept as its text, so 64-bit ids survive exactly.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// Builds a value from a parsed document's subtree.
    public init(_ document: JSONDocument, _ index: Int) {
        let token = document[index]
        switch token.kind {
        case .null: self = .null
        case .true: self = .bool(true)
        case .false: self = .bool(false)
        case .number: self = .number(document.text(index))
        case .string: self = .string(document.string(index))
        case .array: self = .array(document.elements(index).map { JSONValue(document, $0) })
        case .object:
            var members: [(String, JSONValue)] = []
            document.forEachMember(index) { key, value in members.append((document.string(key), JSONValue(document, value))) }
            self = .object(members)
        }
    }
}

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

/// One changed field: Drift gives previous and updated values, SuperOffice names only.
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

/// The outcome of checking a request's token or signature.
public struct AuthResult: Sendable, Equatable {
    public enum Status: String, Sendable {
        case valid, invalid, missing, unchecked, none
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

/// Everything hookcheck found out about one request: the normalized record of the design.
public struct Analysis: Sendable {
    public var source: String
    public var index: Int
    public var line: Int
    public var capture: CaptureKind
    public var vendor: String?
    /// Why the vendor was recognised ("header X-Verification-Token", ...); text view only.
    public var evidence: [String] = []
    public var event: String?
    public var kind: String?
    public var entity: EntityRef?
    public var account: String?
    /// RFC 3339 UTC with milliseconds.
    public var occurredAt: String?
    public var changes: [Change] = []
    public var auth: AuthResult?
    public var findings: [Finding] = []
    /// Lines for the text view that are not findings ("this scheme has no replay protection").
    public var notes: [String] = []
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
