/// A finding code's id or a glob of ids (`auth.*`, `schema.unknown-field`), as `--ignore` and a
/// config file's `ignore` give them: `*`, `?` and `[...]` match any characters, dots included.
public struct FindingCodePattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public func matches(_ code: FindingCode) -> Bool {
        fnmatch(text, code.id, 0) == 0
    }

    public var description: String { text }
}
