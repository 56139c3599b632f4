import HookCheckModel

/// ANSI colour, used only when asked for or when writing to a terminal.
public struct Style: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    private func wrap(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ text: String) -> String { wrap("1", text) }
    public func dim(_ text: String) -> String { wrap("2", text) }
    public func red(_ text: String) -> String { wrap("31", text) }
    public func green(_ text: String) -> String { wrap("32", text) }
    public func yellow(_ text: String) -> String { wrap("33", text) }
    public func cyan(_ text: String) -> String { wrap("36", text) }

    public func severity(_ severity: Severity, _ text: String? = nil) -> String {
        let label = text ?? severity.rawValue
        switch severity {
        case .error: return bold(red(label))
        case .warning: return bold(yellow(label))
        case .info: return cyan(label)
        }
    }
}
