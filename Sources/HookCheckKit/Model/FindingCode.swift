/// What a finding is about; code that decides anything (verify's filter, SARIF, exit statuses)
/// reads the category, never the spelling of a code.
public enum FindingCategory: String, Sendable, CaseIterable, Comparable {
    /// The input as a whole: empty, unreadable, not a request or body at all.
    case input
    /// A capture made by another tool: what it kept, lost or rebuilt.
    case capture
    /// The grammar of the request or its body: HTTP framing, JSON, forms.
    case syntax
    /// The payload against the sender's documented event shapes.
    case schema
    /// What the sender's documentation says beyond shapes: which sender, which event, consistency.
    case sender
    /// The token or signature, and what a receiver must check with it.
    case auth
    /// An expectation given on the command line (lint's --expect-vendor and --expect-event).
    case expectation

    public static func < (lhs: FindingCategory, rhs: FindingCategory) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A stable finding code: its id (`json.syntax`), what it means in a line and in a paragraph with
/// the usual fix, its default severity and its category. Codes are declared next to what emits
/// them, as static members of this type, and listed in the registry `hookcheck explain` reads.
public struct FindingCode: Sendable, Hashable, CustomStringConvertible {
    /// The stable dotted id, as printed and as given to `--ignore` and `explain`.
    public let id: String
    public let severity: Severity
    public let category: FindingCategory
    /// One line: what the finding means.
    public let summary: String
    /// What causes it and the usual fix.
    public let explanation: String

    public init(_ id: String, _ severity: Severity, _ category: FindingCategory, summary: String, explanation: String) {
        self.id = id
        self.severity = severity
        self.category = category
        self.summary = summary
        self.explanation = explanation
    }

    public var description: String { id }

    // A code is its id: two values with one id are one code.
    public static func == (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
