/// How much a finding matters: errors make a request invalid.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A line and column in an input file: both 1-based, columns count UTF-8 bytes.
public struct SourcePosition: Sendable, Equatable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One thing hookcheck has to say about a request: a value with a stable code and a real position.
public struct Finding: Sendable, Equatable {
    public var severity: Severity
    /// Stable dotted identifier such as `json.syntax` or `schema.required`.
    public var code: String
    public var message: String
    /// Position in the input file, present only when it is real.
    public var position: SourcePosition?
    /// RFC 6901 pointer into the payload, when the finding is about a part of it.
    public var pointer: String?

    public init(_ severity: Severity, _ code: String, _ message: String,
                at position: SourcePosition? = nil, pointer: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.position = position
        self.pointer = pointer
    }
}

extension Array where Element == Finding {
    /// True when none of the findings is an error.
    public var hasNoErrors: Bool { !contains { $0.severity == .error } }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes.
    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        let first = needle[0]
        var index = 0
        while index <= count - needle.count {
            if self[index] == first, self[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
