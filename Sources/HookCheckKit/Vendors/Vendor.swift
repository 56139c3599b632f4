/// The body of a request as hookcheck understood it.
public enum Payload {
    case json(JSONDocument)
    /// The body looks like JSON but is not valid JSON.
    case malformedJSON(JSONIssue)
    /// A form body, decoded into the JSON it stands for; the map leads back to the raw body.
    case form(JSONDocument, FormOffsetMap)
    case empty
    /// Neither JSON nor any other payload form hookcheck knows.
    case unrecognized

    /// The parsed document, from a JSON or a form body.
    public var document: JSONDocument? {
        switch self {
        case .json(let document), .form(let document, _): document
        default: nil
        }
    }
}

/// A secret or token and where it came from; only the label is ever shown.
public struct SecretSource: Sendable {
    /// How the user named it: `--secret`, `--secret-env NAME`, `--secret-file PATH`, or a variable.
    public var label: String
    public var value: [UInt8]

    public init(label: String, value: [UInt8]) {
        self.label = label
        self.value = value
    }
}

/// Why a request is thought to come from a vendor, and how strongly.
public struct Detection: Sendable {
    /// Vendor-specific headers or body shapes add up; 5 or more is a match.
    public var score: Int
    public var evidence: [String]

    public static let threshold = 5

    public init(score: Int = 0, evidence: [String] = []) {
        self.score = score
        self.evidence = evidence
    }

    public mutating func add(_ points: Int, _ description: String) {
        score += points
        evidence.append(description)
    }
}

/// What a vendor's analysis can use: the request, its parsed body, the user's options.
public struct AnalysisContext {
    public let request: RequestDump
    public let payload: Payload
    public let options: InspectOptions
    /// Secrets to try for this vendor: the explicit ones, else the vendor's variable.
    public let secrets: [SecretSource]

    /// The position in the input file of an offset in the parsed document (for a form body, the
    /// raw key or value it was decoded from).
    public func position(ofBodyOffset offset: Int) -> SourcePosition {
        if case .form(_, let map) = payload {
            return request.position(ofBodyOffset: map.rawOffset(offset))
        }
        return request.position(ofBodyOffset: offset)
    }
}

/// A sender hookcheck knows: detection, event shapes, normalization and authentication.
public protocol Vendor: Sendable {
    /// Lower-case id used in records and `--vendor`.
    var id: String { get }
    var displayName: String { get }
    /// The `auth.scheme` this vendor uses.
    var authScheme: String { get }
    /// The environment variable read for its token or secret when none is given.
    var secretVariable: String? { get }
    func detect(_ request: RequestDump, _ payload: Payload) -> Detection
    func analyze(_ context: AnalysisContext, into record: inout Analysis)
}

/// Every vendor hookcheck knows, in detection order.
public enum VendorRegistry {
    public static let all: [any Vendor] = [DriftVendor(), SuperOfficeVendor(), CopernicaVendor(), CloudCXVendor()]

    public static func vendor(id: String) -> (any Vendor)? {
        all.first { $0.id == id }
    }
}
