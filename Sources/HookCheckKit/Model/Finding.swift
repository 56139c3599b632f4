/// How much a finding matters: errors make a request invalid.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    public var rank: Int {
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
    /// The file the position is in, when it is not the input the finding is about (a body given
    /// with --body); nil for the input itself.
    public var file: String?

    public init(line: Int, column: Int, file: String? = nil) {
        self.line = line
        self.column = column
        self.file = file
    }
}

/// One thing hookcheck has to say about a request: a value with a stable code and a real position.
public struct Finding: Sendable, Equatable {
    public var severity: Severity
    /// What kind of finding this is: its stable id, category and explanation.
    public var code: FindingCode
    public var message: String
    /// Position in the input file, present only when it is real.
    public var position: SourcePosition?
    /// RFC 6901 pointer into the payload, when the finding is about a part of it.
    public var pointer: String?

    public init(_ severity: Severity, _ code: FindingCode, _ message: String,
                at position: SourcePosition? = nil, pointer: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.position = position
        self.pointer = pointer
    }

    /// A finding at its code's default severity.
    public init(_ code: FindingCode, _ message: String, at position: SourcePosition? = nil, pointer: String? = nil) {
        self.init(code.severity, code, message, at: position, pointer: pointer)
    }
}

extension Array where Element == Finding {
    /// True when none of the findings is an error.
    public var hasNoErrors: Bool { !contains { $0.severity == .error } }

    /// In reading order, as a compiler lists them (line, then column, ties kept as they came);
    /// findings without a position last, in the order they came.
    public var inReadingOrder: [Finding] {
        guard count > 1 else { return self }
        return enumerated().sorted { a, b in
            switch (a.element.position, b.element.position) {
            case let (x?, y?): return (x.line, x.column, a.offset) < (y.line, y.column, b.offset)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element)
    }
}
