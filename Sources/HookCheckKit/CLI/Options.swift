import HookCheckModel

/// What an option is, independent of its spelling: the key values are stored under.
enum OptionKey: Hashable, Sendable {
    case vendor, format, secret, secretEnv, secretFile, body, publicKey, now, maxAge, header, strict, color, quiet,
         showSecrets, output, exclude, expectVendor, expectEvent, shard, emit, url, config, help, version
    /// `--ignore` for inspect, lint and verify: a finding code (or a glob of codes) to drop.
    case ignoreCode
    /// `--ignore` for diff: a JSON Pointer to leave out of the comparison.
    case ignorePointer
    /// An option a sender declares (an account to compare with the request's).
    case sender(SenderOption)
}

/// One command-line option: the single source for parsing, `--help`, completions and typo suggestions.
struct OptionSpec: Sendable {
    var key: OptionKey
    var long: String
    var short: Character?
    /// The value's placeholder, or nil for a flag.
    var value: String?
    /// The help text; for an option with fixed choices, the lead its command's choices follow.
    var help: String
    var commands: Set<Command>
    /// What the value is: where help's choices and completions come from.
    var kind: OptionValueKind = .text

    var display: String {
        var text = short.map { "-\($0), " } ?? ""
        text += long
        if let value { text += " <\(value)>" }
        return text
    }

    /// The values the option takes in `command`, when they are a fixed list.
    func choices(for command: Command) -> [OptionChoice]? {
        switch kind {
        case .text, .path: nil
        case .format: command.formats.enumerated().map { OptionChoice(value: $1.rawValue, note: $0 == 0 ? "default" : nil) }
        case .color: ColorChoice.allCases.map { OptionChoice(value: $0.rawValue, note: $0.note) }
        case .emit: EmitMode.allCases.map { OptionChoice(value: $0.rawValue, note: $0.note) }
        // sign names only the senders it can sign for.
        case .vendor: (command == .sign ? SenderRegistry.signers : SenderRegistry.all).map { OptionChoice(value: $0.id, note: nil) }
        }
    }

    /// The help text as `command` shows it: its own choices, never another command's.
    func help(for command: Command) -> String {
        guard let choices = choices(for: command) else { return help }
        return help + ": " + OptionChoice.phrase(choices) + "."
    }
}

/// What an option's value is, for help and completions.
enum OptionValueKind: Sendable {
    /// Free text: nothing to complete.
    case text
    /// A file.
    case path
    /// One of the command's `formats`.
    case format
    /// One of `ColorChoice`.
    case color
    /// One of `EmitMode`.
    case emit
    /// A sender's id.
    case vendor
}

/// One value of an option with fixed choices, with what help says about it.
struct OptionChoice: Sendable, Equatable {
    var value: String
    var note: String? = nil

    /// "a (note), b or c".
    static func phrase(_ choices: [OptionChoice]) -> String {
        let words = choices.map { choice in choice.value + (choice.note.map { " (\($0))" } ?? "") }
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
    }
}

enum OptionTable {
    /// Commands that analyse requests, and so read every sender's own options.
    static let analysing: Set<Command> = [.inspect, .lint, .verify]

    static let all: [OptionSpec] = {
        var options: [OptionSpec] = [
            OptionSpec(key: .vendor, long: "--vendor", short: nil, value: "vendor",
                       help: "Skip detection",
                       commands: [.inspect, .lint, .verify], kind: .vendor),
            OptionSpec(key: .vendor, long: "--vendor", short: nil, value: "vendor",
                       help: "Sign as this sender; without it, the sender of a request dump is detected",
                       commands: [.sign], kind: .vendor),
            OptionSpec(key: .format, long: "--format", short: nil, value: "format",
                       help: "Output format",
                       commands: [.inspect, .lint, .verify, .vendors, .diff, .explain], kind: .format),
            OptionSpec(key: .secret, long: "--secret", short: nil, value: "value",
                       help: "A token or secret to check with (visible to other users in the process list: prefer --secret-env). Repeatable.",
                       commands: analysing),
            OptionSpec(key: .secretEnv, long: "--secret-env", short: nil, value: "name",
                       help: "Read a token or secret from environment variable NAME. Repeatable.",
                       commands: analysing),
            OptionSpec(key: .secretFile, long: "--secret-file", short: nil, value: "path",
                       help: "Read a token or secret from a file (one trailing newline is dropped). Repeatable.",
                       commands: analysing, kind: .path),
            OptionSpec(key: .secret, long: "--secret", short: nil, value: "value",
                       help: "The token or secret to sign with (visible to other users in the process list: prefer --secret-env).",
                       commands: [.sign]),
            OptionSpec(key: .secretEnv, long: "--secret-env", short: nil, value: "name",
                       help: "Sign with the token or secret in environment variable NAME.",
                       commands: [.sign]),
            OptionSpec(key: .secretFile, long: "--secret-file", short: nil, value: "path",
                       help: "Sign with the token or secret in a file (one trailing newline is dropped).",
                       commands: [.sign], kind: .path),
            OptionSpec(key: .body, long: "--body", short: nil, value: "path",
                       help: "The body of a curl -v capture, which shows only the request's headers.",
                       commands: [.inspect, .lint, .verify, .diff], kind: .path),
            OptionSpec(key: .publicKey, long: "--public-key", short: nil, value: "path",
                       help: "A public key for RSA signatures: PEM (SPKI or PKCS#1), or the DKIM TXT record published at the keyId.",
                       commands: analysing, kind: .path),
        ]
        // Each sender's own options, in its own words.
        options += SenderRegistry.options.map { option in
            OptionSpec(key: .sender(option), long: option.long, short: nil, value: option.value, help: option.help, commands: analysing)
        }
        options += [
            OptionSpec(key: .now, long: "--now", short: nil, value: "time",
                       help: "Fix \"now\" for age checks: RFC 3339 or Unix seconds.",
                       commands: analysing),
            OptionSpec(key: .maxAge, long: "--max-age", short: nil, value: "duration",
                       help: "Flag deliveries older than this (e.g. 90s, 5m, 2h, 1d).",
                       commands: analysing),
            OptionSpec(key: .header, long: "--header", short: "H", value: "Name: value",
                       help: "Add a header to bare-body inputs (e.g. a token or signature). Repeatable.",
                       commands: [.inspect, .lint, .verify, .diff]),
            OptionSpec(key: .ignoreCode, long: "--ignore", short: nil, value: "code",
                       help: "Drop findings with this code, or a glob of codes (auth.*), before the exit status is decided. Repeatable.",
                       commands: analysing),
            OptionSpec(key: .strict, long: "--strict", short: nil, value: nil,
                       help: "Treat warnings as errors.",
                       commands: analysing),
            OptionSpec(key: .color, long: "--color", short: nil, value: "when",
                       help: "Colour",
                       commands: [.inspect, .lint, .verify, .diff], kind: .color),
            OptionSpec(key: .quiet, long: "--quiet", short: "q", value: nil,
                       help: "Only problems: no info findings, nothing for valid requests (lint never prints info findings).",
                       commands: analysing),
            OptionSpec(key: .showSecrets, long: "--show-secrets", short: nil, value: nil,
                       help: "Show received tokens in the text view instead of hiding them.",
                       commands: [.inspect, .verify, .diff]),
            OptionSpec(key: .output, long: "--output", short: "o", value: "path",
                       help: "lint: write the report to a file (the summary line still goes to standard output).",
                       commands: [.lint], kind: .path),
            OptionSpec(key: .exclude, long: "--exclude", short: nil, value: "glob",
                       help: "lint: skip files matching a glob (*, ?, [...], ** across folders). Repeatable.",
                       commands: [.lint]),
            OptionSpec(key: .expectVendor, long: "--expect-vendor", short: nil, value: "vendor",
                       help: "lint: every request must come from this vendor",
                       commands: [.lint], kind: .vendor),
            OptionSpec(key: .expectEvent, long: "--expect-event", short: nil, value: "event",
                       help: "lint: every request must be this event.",
                       commands: [.lint]),
            OptionSpec(key: .shard, long: "--shard", short: nil, value: "K/N",
                       help: "lint: check only shard K of N, a stable split of the files by path (for CI matrices).",
                       commands: [.lint]),
            OptionSpec(key: .ignorePointer, long: "--ignore", short: nil, value: "pointer",
                       help: "diff: leave out a JSON Pointer and what is under it (a * segment matches any one). Repeatable.",
                       commands: [.diff]),
            OptionSpec(key: .emit, long: "--emit", short: nil, value: "what",
                       help: "What to print",
                       commands: [.sign], kind: .emit),
            OptionSpec(key: .url, long: "--url", short: nil, value: "url",
                       help: "sign: where the request goes (its path and Host; required with --emit curl).",
                       commands: [.sign]),
            OptionSpec(key: .config, long: "--config", short: nil, value: "path",
                       help: "Read defaults from this file instead of the .hookcheck.json found in this folder or the nearest parent.",
                       commands: [.inspect, .lint, .verify, .sign, .diff]),
            OptionSpec(key: .help, long: "--help", short: "h", value: nil,
                       help: "Show help information.",
                       commands: Set(Command.allCases)),
            OptionSpec(key: .version, long: "--version", short: nil, value: nil,
                       help: "Show the version.",
                       commands: Set(Command.allCases)),
        ]
        return options
    }()

    /// The option a spelling names; where commands give one spelling different meanings
    /// (`--ignore`), the one that applies to `command`.
    static func spec(long: String, command: Command? = nil) -> OptionSpec? {
        let named = all.filter { $0.long == long }
        return named.first { command.map($0.commands.contains) ?? false } ?? named.first
    }
    static func spec(short: Character, command: Command? = nil) -> OptionSpec? {
        let named = all.filter { $0.short == short }
        return named.first { command.map($0.commands.contains) ?? false } ?? named.first
    }
    static func spec(_ key: OptionKey) -> OptionSpec? { all.first { $0.key == key } }
}

/// A usage error: what is wrong, said plainly; printed with the usage line, exit status 2.
public struct UsageError: Error, Sendable, Equatable {
    public var message: String
    public var suggestion: String?
}

/// The parsed command line: values under typed keys, in the order given.
struct ParsedArguments {
    var command: Command = .inspect
    var paths: [String] = []
    var values: [OptionKey: [String]] = [:]
    var flags: Set<OptionKey> = []
    /// The secret options in the order given, for key rotation.
    var secretOptions: [(key: OptionKey, value: String)] = []

    func value(_ key: OptionKey) -> String? { values[key]?.last }
    func all(_ key: OptionKey) -> [String] { values[key] ?? [] }
    func has(_ flag: OptionKey) -> Bool { flags.contains(flag) }

    /// A value that must be one of an enumeration's cases.
    func choice<T: RawRepresentable & CaseIterable>(_ key: OptionKey, default fallback: T, allowed: [T]? = nil) throws(UsageError) -> T
        where T.RawValue == String {
        guard let text = value(key) else { return fallback }
        let allowed = allowed ?? Array(T.allCases)
        guard let choice = T(rawValue: text), allowed.contains(where: { $0.rawValue == choice.rawValue }) else {
            let spec = OptionTable.spec(key)
            throw UsageError(message: "The value '\(text)' is invalid for '\(spec?.display ?? "")'; expected one of: \(allowed.map(\.rawValue).joined(separator: ", "))",
                             suggestion: nil)
        }
        return choice
    }
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
                guard let found = OptionTable.spec(long: name, command: parsed.command) else {
                    throw UsageError(message: "Unknown option '\(name)'", suggestion: suggest(name))
                }
                spec = found
            } else {
                let letter = argument[argument.index(after: argument.startIndex)]
                guard let found = OptionTable.spec(short: letter, command: parsed.command) else {
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
                parsed.flags.insert(spec.key)
                continue
            }
            guard let value = inlineValue ?? rest.popFirst() else {
                throw UsageError(message: "Missing value for '\(spec.display)'", suggestion: nil)
            }
            parsed.values[spec.key, default: []].append(value)
            if [.secret, .secretEnv, .secretFile].contains(spec.key) { parsed.secretOptions.append((spec.key, value)) }
        }
        return parsed
    }

    /// The nearest known option, when it is near enough to be a typo.
    static func suggest(_ name: String) -> String? {
        var seen = Set<String>()
        let candidates = OptionTable.all.map(\.long).filter { seen.insert($0).inserted }
        let bare = name.hasPrefix("--") ? name : "-" + name.drop { $0 == "-" }
        var best: (String, Int)?
        for candidate in candidates {
            let distance = Spelling.editDistance(bare.hasPrefix("--") ? bare : "-" + bare, candidate)
            if distance <= max(2, candidate.count / 4), distance < (best?.1 ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }
}
