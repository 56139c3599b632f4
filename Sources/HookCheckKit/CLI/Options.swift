/// The commands hookcheck has.
public enum Command: String, CaseIterable, Sendable {
    case inspect, lint, verify, sign, diff, vendors

    var usage: String {
        switch self {
        case .inspect: "hookcheck [inspect] [OPTIONS] [PATH|-]..."
        case .lint: "hookcheck lint [OPTIONS] PATH..."
        case .verify: "hookcheck verify [OPTIONS] [PATH|-]"
        case .sign: "hookcheck sign --vendor <vendor> [OPTIONS] [PATH|-]"
        case .diff: "hookcheck diff [OPTIONS] OLD NEW"
        case .vendors: "hookcheck vendors [VENDOR [EVENT]] [--format text|json]"
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
        }
    }

    var formats: [String] {
        switch self {
        case .inspect, .verify: ["text", "json", "ndjson"]
        case .lint: ["text", "json", "github", "junit", "sarif"]
        case .sign: ["text"]
        case .diff: ["text", "json", "ndjson"]
        case .vendors: ["text", "json"]
        }
    }
}

/// One command-line option: the single source for parsing, `--help` and typo suggestions.
struct OptionSpec {
    var long: String
    var short: Character?
    /// The value's placeholder, or nil for a flag.
    var value: String?
    var help: String
    var commands: Set<Command>

    var display: String {
        var text = short.map { "-\($0), " } ?? ""
        text += long
        if let value { text += " <\(value)>" }
        return text
    }
}

enum OptionTable {
    static let all: [OptionSpec] = [
        OptionSpec(long: "--vendor", short: nil, value: "vendor",
                   help: "Skip detection: \(VendorRegistry.all.map(\.id).joined(separator: ", ")).",
                   commands: [.inspect, .lint, .verify, .sign]),
        OptionSpec(long: "--format", short: nil, value: "format",
                   help: "Output format: text (default), json or ndjson; lint: text, json, github, junit or sarif.",
                   commands: [.inspect, .lint, .verify, .vendors, .diff]),
        OptionSpec(long: "--secret", short: nil, value: "value",
                   help: "A token or secret to check with (visible to other users in the process list: prefer --secret-env). Repeatable.",
                   commands: [.inspect, .lint, .verify, .sign]),
        OptionSpec(long: "--secret-env", short: nil, value: "name",
                   help: "Read a token or secret from environment variable NAME. Repeatable.",
                   commands: [.inspect, .lint, .verify, .sign]),
        OptionSpec(long: "--secret-file", short: nil, value: "path",
                   help: "Read a token or secret from a file (one trailing newline is dropped). Repeatable.",
                   commands: [.inspect, .lint, .verify, .sign]),
        OptionSpec(long: "--body", short: nil, value: "path",
                   help: "The body of a curl -v capture, which shows only the request's headers.",
                   commands: [.inspect, .lint, .verify, .diff]),
        OptionSpec(long: "--public-key", short: nil, value: "path",
                   help: "An RSA public key for RSA signatures (Copernica): PEM, or the DKIM TXT record published at the keyId.",
                   commands: [.inspect, .lint, .verify]),
        OptionSpec(long: "--account", short: nil, value: "id",
                   help: "Your account, checked against Copernica's X-Copernica-ID (account_NNN, account-NNN or NNN).",
                   commands: [.inspect, .lint, .verify]),
        OptionSpec(long: "--now", short: nil, value: "time",
                   help: "Fix \"now\" for age checks: RFC 3339 or Unix seconds.",
                   commands: [.inspect, .lint, .verify]),
        OptionSpec(long: "--max-age", short: nil, value: "duration",
                   help: "Flag deliveries older than this (e.g. 90s, 5m, 2h, 1d).",
                   commands: [.inspect, .lint, .verify]),
        OptionSpec(long: "--header", short: "H", value: "Name: value",
                   help: "Add a header to bare-body inputs (e.g. a token or signature). Repeatable.",
                   commands: [.inspect, .lint, .verify, .diff]),
        OptionSpec(long: "--strict", short: nil, value: nil,
                   help: "Treat warnings as errors.",
                   commands: [.inspect, .lint, .verify]),
        OptionSpec(long: "--color", short: nil, value: "when",
                   help: "Colour: auto (default: on a terminal, unless NO_COLOR is set), always or never.",
                   commands: [.inspect, .lint, .verify, .diff]),
        OptionSpec(long: "--quiet", short: "q", value: nil,
                   help: "Only problems: no info findings, nothing for valid requests (lint never prints info findings).",
                   commands: [.inspect, .lint, .verify]),
        OptionSpec(long: "--show-secrets", short: nil, value: nil,
                   help: "Show received tokens in the text view instead of hiding them.",
                   commands: [.inspect, .verify, .diff]),
        OptionSpec(long: "--output", short: "o", value: "path",
                   help: "lint: write the report to a file (the summary line still goes to standard output).",
                   commands: [.lint]),
        OptionSpec(long: "--exclude", short: nil, value: "glob",
                   help: "lint: skip files matching a glob (*, ?, [...], ** across folders). Repeatable.",
                   commands: [.lint]),
        OptionSpec(long: "--expect-vendor", short: nil, value: "vendor",
                   help: "lint: every request must come from this vendor.",
                   commands: [.lint]),
        OptionSpec(long: "--expect-event", short: nil, value: "event",
                   help: "lint: every request must be this event.",
                   commands: [.lint]),
        OptionSpec(long: "--ignore", short: nil, value: "pointer",
                   help: "diff: leave out a JSON Pointer and what is under it (a * segment matches any one). Repeatable.",
                   commands: [.diff]),
        OptionSpec(long: "--emit", short: nil, value: "what",
                   help: "sign: header (default), request (a complete signed request dump) or curl (a command replaying it to --url).",
                   commands: [.sign]),
        OptionSpec(long: "--url", short: nil, value: "url",
                   help: "sign: where the request goes (its path and Host; required with --emit curl).",
                   commands: [.sign]),
        OptionSpec(long: "--help", short: "h", value: nil,
                   help: "Show help information.",
                   commands: Set(Command.allCases)),
        OptionSpec(long: "--version", short: nil, value: nil,
                   help: "Show the version.",
                   commands: Set(Command.allCases)),
    ]

    static func spec(long: String) -> OptionSpec? { all.first { $0.long == long } }
    static func spec(short: Character) -> OptionSpec? { all.first { $0.short == short } }
}

/// A usage error: what is wrong, said plainly; printed with the usage line, exit status 2.
public struct UsageError: Error, Sendable, Equatable {
    public var message: String
    public var suggestion: String?
}

/// The parsed command line.
struct ParsedArguments {
    var command: Command = .inspect
    var paths: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    /// The secret options in the order given, for key rotation.
    var secretOptions: [(option: String, value: String)] = []
    var headers: [String] = []

    func value(_ long: String) -> String? { values[long]?.last }
    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

enum ArgumentParser {
    static func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var rest = arguments[...]
        if let first = rest.first, let command = Command(rawValue: first) {
            parsed.command = command
            rest = rest.dropFirst()
        }
        var onlyPaths = false
        while let argument = rest.popFirst() {
            if onlyPaths || argument == "-" || !argument.hasPrefix("-") {
                parsed.paths.append(argument)
                continue
            }
            if argument == "--" {
                onlyPaths = true
                continue
            }
            var name = argument
            var inlineValue: String?
            let spec: OptionSpec
            if argument.hasPrefix("--") {
                if let equals = argument.firstIndex(of: "=") {
                    name = String(argument[..<equals])
                    inlineValue = String(argument[argument.index(after: equals)...])
                }
                guard let found = OptionTable.spec(long: name) else {
                    throw UsageError(message: "Unknown option '\(name)'", suggestion: suggest(name))
                }
                spec = found
            } else {
                let letter = argument[argument.index(after: argument.startIndex)]
                guard let found = OptionTable.spec(short: letter) else {
                    throw UsageError(message: "Unknown option '\(argument)'", suggestion: suggest(argument))
                }
                spec = found
                if argument.count > 2 {
                    guard spec.value != nil else {
                        throw UsageError(message: "Unknown option '\(argument)'", suggestion: suggest(argument))
                    }
                    inlineValue = String(argument.dropFirst(2))
                }
            }
            guard spec.commands.contains(parsed.command) else {
                throw UsageError(message: "'\(spec.long)' does not apply to '\(parsed.command.rawValue)'", suggestion: nil)
            }
            if spec.value == nil {
                if inlineValue != nil {
                    throw UsageError(message: "'\(spec.long)' takes no value", suggestion: nil)
                }
                parsed.flags.insert(spec.long)
                continue
            }
            guard let value = inlineValue ?? rest.popFirst() else {
                throw UsageError(message: "Missing value for '\(spec.display)'", suggestion: nil)
            }
            parsed.values[spec.long, default: []].append(value)
            switch spec.long {
            case "--secret", "--secret-env", "--secret-file": parsed.secretOptions.append((spec.long, value))
            case "--header": parsed.headers.append(value)
            default: break
            }
        }
        return parsed
    }

    /// The nearest known option, when it is near enough to be a typo.
    static func suggest(_ name: String) -> String? {
        let candidates = OptionTable.all.map(\.long)
        let bare = name.hasPrefix("--") ? name : "-" + name.drop { $0 == "-" }
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(bare.hasPrefix("--") ? bare : "-" + bare, candidate)
            if distance <= max(2, candidate.count / 4), distance < (best?.1 ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let left = Array(a)
        let right = Array(b)
        if left.isEmpty { return right.count }
        var previous = Array(0...right.count)
        for i in 1...left.count {
            var current = [i] + Array(repeating: 0, count: right.count)
            for j in 1...max(1, right.count) where !right.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[right.count]
    }
}
