import HookCheckModel

/// The commands hookcheck has.
public enum Command: String, CaseIterable, Sendable {
    case inspect, lint, verify, sign, diff, vendors, explain, completions

    var usage: String {
        switch self {
        case .inspect: "hookcheck [inspect] [OPTIONS] [PATH|-]..."
        case .lint: "hookcheck lint [OPTIONS] PATH..."
        case .verify: "hookcheck verify [OPTIONS] [PATH|-]..."
        case .sign: "hookcheck sign [--vendor <vendor>] [OPTIONS] [PATH|-]"
        case .diff: "hookcheck diff [OPTIONS] OLD NEW"
        case .vendors: "hookcheck vendors [VENDOR [EVENT]] [--format text|json]"
        case .explain: "hookcheck explain [CODE] [--format text|json]"
        case .completions: "hookcheck completions \(Shell.allCases.map(\.rawValue).joined(separator: "|"))"
        }
    }

    var overview: String {
        switch self {
        case .inspect: "Inspect and validate webhook requests: sender, event, entity, changes, auth, findings."
        case .lint: "Check payload fixtures in CI: one line per finding, a summary, exit 1 on any error."
        case .verify: "Check only the token or signature of a request, and explain a failure."
        case .sign: "Compute the token or signature header(s) for a body, or a whole signed request."
        case .diff: "Compare the payloads of two captures field by field (exit 0 same, 1 different, 2 trouble)."
        case .vendors: "What is supported: vendors, their events, each event's fields, the auth schemes."
        case .explain: "Every finding code, or what one means and how to fix it."
        case .completions: "Print a shell completion script, generated from the same option table as this help."
        }
    }

    /// The output formats the command writes.
    var formats: [OutputFormat] {
        switch self {
        case .inspect, .verify, .diff: [.text, .json, .ndjson]
        case .lint: [.text, .json, .github, .junit, .sarif]
        case .sign, .completions: [.text]
        case .vendors, .explain: [.text, .json]
        }
    }

    /// Whether the command reads requests (from paths or standard input).
    var readsRequests: Bool {
        switch self {
        case .inspect, .lint, .verify, .sign, .diff: true
        case .vendors, .explain, .completions: false
        }
    }
}

/// `--format`.
enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, ndjson, github, junit, sarif
}

/// The shells `hookcheck completions` writes a script for.
enum Shell: String, CaseIterable, Sendable {
    case bash, zsh, fish
}

/// `--color`.
enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never

    /// What help says about the value.
    var note: String? {
        self == .auto ? "default: on a terminal, unless NO_COLOR is set" : nil
    }

    /// Whether colour is on, given the environment and whether the output is a terminal.
    func enabled(environment: [String: String], isTerminal: Bool) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isTerminal
        }
    }
}

/// `sign --emit`.
enum EmitMode: String, CaseIterable, Sendable {
    case header, request, curl

    /// What help says about the value.
    var note: String {
        switch self {
        case .header: "default"
        case .request: "a complete signed request dump"
        case .curl: "a command replaying it to --url"
        }
    }
}

/// The process's exit status (DESIGN: 0 valid, 1 findings, 2 trouble).
enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Every request valid (for diff: the same).
    case valid = 0
    /// At least one error-level finding (for diff: different).
    case findings = 1
    /// A usage error, an input that cannot be read, nothing to check.
    case trouble = 2

    /// What the status means, for help and the manual page.
    var summary: String {
        switch self {
        case .valid: "every request is valid (no error-level finding)"
        case .findings: "at least one error-level finding (syntax, schema, authentication, unknown sender)"
        case .trouble: "a usage error, or an input that cannot be read"
        }
    }
}
