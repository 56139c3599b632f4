import HookCheckModel

/// The settings every command shares, resolved once from the parsed arguments and the
/// environment: secrets, keys and body files are read here, so nothing below reads them again.
struct RunSettings {
    var command: Command
    var paths: [String]
    var format: OutputFormat
    var color: Bool
    var quiet: Bool
    var showSecrets: Bool
    /// How requests are analysed.
    var options: InspectOptions
    /// Headers added to bare-body inputs (`-H`).
    var extraHeaders: [HTTPHeader]
    /// The body for `curl -v` captures, which show only headers (`--body`).
    var body: [UInt8]?
    /// Where `body` was read from: findings in it name that file.
    var bodyPath: String?
    /// lint's `--exclude` globs, or the config file's `exclude`.
    var excludes: [String]
    /// sign's `--url`, or the config file's `url`.
    var url: String?

    init(_ parsed: ParsedArguments, io: CLIEnvironment) throws(UsageError) {
        command = parsed.command
        paths = parsed.paths
        format = try parsed.choice(.format, default: .text, allowed: command.formats)
        color = try parsed.choice(.color, default: ColorChoice.auto).enabled(environment: io.variables, isTerminal: io.stdoutIsTerminal)
        quiet = parsed.has(.quiet)
        showSecrets = parsed.has(.showSecrets)
        bodyPath = parsed.value(.body)
        body = try bodyPath.map { path throws(UsageError) in try Self.readFile(path, what: "the body file") }
        extraHeaders = try parsed.all(.header).map(Self.header)
        let config = try ConfigFile.load(parsed, io: io)
        let applies = { (key: OptionKey) in config != nil && ConfigFile.applies(key, to: parsed.command) }
        // For a list, the command line's replaces the config file's.
        excludes = parsed.values[.exclude] ?? (applies(.exclude) ? config?.exclude?.map(\.value) : nil) ?? []
        url = parsed.value(.url) ?? (applies(.url) ? config?.url?.value : nil)
        options = try Self.inspectOptions(parsed, config: config, applies: applies, io: io)
        options.keepReceivedCredential = showSecrets
    }

    /// The analysis options: sender, secrets, key, clock, strictness, senders' own options.
    private static func inspectOptions(_ parsed: ParsedArguments, config: ConfigFile?, applies: (OptionKey) -> Bool,
                                       io: CLIEnvironment) throws(UsageError) -> InspectOptions {
        var options = InspectOptions()
        options.environment = io.variables
        options.strict = parsed.has(.strict) || (applies(.strict) && config?.strict == true)
        if let given = parsed.values[.ignoreCode] {
            options.ignoredCodes = try given.map { text throws(UsageError) in try codePattern(text, where: nil) }
        } else if applies(.ignoreCode), let config, let ignore = config.ignore {
            options.ignoredCodes = try ignore.map { item throws(UsageError) in try codePattern(item.value, where: (config, item.position)) }
        }
        options.forcedVendor = try parsed.value(.vendor).map { id throws(UsageError) in try senderID(id, option: "--vendor") }
        let fixedNow = try parsed.value(.now).map(parseNow)
        options.now = fixedNow ?? currentMillis()
        options.nowFromClock = fixedNow == nil
        if let maxAge = parsed.value(.maxAge) {
            guard let millis = Durations.parse(maxAge) else {
                throw UsageError(message: "The value '\(maxAge)' is invalid for '--max-age <duration>'; expected e.g. 90s, 5m, 2h or 1d", suggestion: nil)
            }
            options.maxAge = millis
        }
        if let path = parsed.value(.publicKey) {
            options.publicKey = try publicKey(path)
        } else if applies(.publicKey), let config, let key = config.publicKey {
            do {
                options.publicKey = try publicKey(key.value, label: "publicKey \(key.value) (from \(config.path))")
            } catch {
                throw config.error(at: key.position, error.message)
            }
        }
        for option in SenderRegistry.options {
            if let value = parsed.value(.sender(option)) { options.senderValues[option] = value }
        }
        for (key, value) in parsed.secretOptions {
            options.secrets.append(try secret(key, value, io: io))
        }
        if parsed.secretOptions.isEmpty, applies(.secretEnv), let config, let names = config.secrets {
            for name in names {
                guard let value = io.variables[name.value], !value.isEmpty else {
                    let state = io.variables[name.value] == nil ? "is not set" : "is empty"
                    throw config.error(at: name.position, "environment variable \(name.value) (from 'secrets') \(state)")
                }
                options.secrets.append(SecretSource(label: "\(name.value) (from \(config.path))", value: Array(value.utf8)))
            }
        }
        // Several --secret values are told apart by their place: which one matched, never its value.
        if options.secrets.filter({ $0.label == "--secret" }).count > 1 {
            var number = 0
            for index in options.secrets.indices where options.secrets[index].label == "--secret" {
                number += 1
                options.secrets[index].label = "--secret #\(number)"
            }
        }
        return options
    }

    /// A sender's id, or a usage error that names the nearest.
    static func senderID(_ id: String, option: String) throws(UsageError) -> String {
        guard SenderRegistry.sender(id: id) == nil else { return id }
        let known = SenderRegistry.all.map(\.id)
        throw UsageError(message: "Unknown vendor '\(id)'\(option == "--vendor" ? "" : " for \(option)"); known: \(known.joined(separator: ", "))",
                         suggestion: Spelling.nearest(id, in: known, limit: 3).map { "\(option) \($0)" })
    }

    private static func parseNow(_ text: String) throws(UsageError) -> Int64 {
        if let seconds = Int64(text), abs(seconds) < 100_000_000_000 { return seconds * 1000 }
        if let millis = Timestamps.parseRFC3339(text) { return millis }
        throw UsageError(message: "The value '\(text)' is invalid for '--now <time>'; expected RFC 3339 (2024-05-01T12:00:00Z) or Unix seconds", suggestion: nil)
    }

    /// A key that cannot be used is the user's trouble (exit 2), not the request's fault.
    private static func publicKey(_ path: String, label: String? = nil) throws(UsageError) -> SecretSource {
        let label = label ?? "--public-key \(path)"
        let bytes = try readFile(path, what: "the public key")
        if case .failure(let error) = RSAPublicKey.parse(String(decoding: bytes, as: UTF8.self)) {
            throw UsageError(message: "\(label) is not a usable RSA public key: \(error)", suggestion: nil)
        }
        return SecretSource(label: label, value: bytes)
    }

    /// An `--ignore` code or glob; one that matches no code is a typo, named with the nearest.
    static func codePattern(_ text: String, where place: (config: ConfigFile, position: SourcePosition)?) throws(UsageError) -> FindingCodePattern {
        let pattern = FindingCodePattern(text)
        guard FindingCodeRegistry.codes(matching: pattern).isEmpty else { return pattern }
        let message = "Unknown finding code '\(text)'\(place == nil ? " for '--ignore <code>'" : " in 'ignore'"); 'hookcheck explain' lists them"
        let suggestion = FindingCodeRegistry.nearest(to: pattern)
        if let place { throw place.config.error(at: place.position, message, suggestion: suggestion) }
        throw UsageError(message: message, suggestion: suggestion.map { "--ignore \($0)" })
    }

    private static func header(_ text: String) throws(UsageError) -> HTTPHeader {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
            throw UsageError(message: "The value for '-H, --header' must look like 'Name: value'", suggestion: nil)
        }
        return HTTPHeader(name: String(text[..<colon]).trimmingBlanks, value: String(text[text.index(after: colon)...]).trimmingBlanks)
    }

    static func readFile(_ path: String, what: String) throws(UsageError) -> [UInt8] {
        do {
            let stream = try ByteStream.open(path: path)
            try stream.fillToEnd()
            return stream.copy(stream.available)
        } catch {
            throw UsageError(message: "cannot read \(what): \(error.message)", suggestion: nil)
        }
    }

    /// A secret from an option. Its value never appears in messages.
    static func secret(_ key: OptionKey, _ value: String, io: CLIEnvironment) throws(UsageError) -> SecretSource {
        switch key {
        case .secretEnv:
            guard let secret = io.variables[value] else {
                throw UsageError(message: "environment variable \(value) (from --secret-env) is not set", suggestion: nil)
            }
            guard !secret.isEmpty else {
                throw UsageError(message: "environment variable \(value) (from --secret-env) is empty", suggestion: nil)
            }
            return SecretSource(label: "--secret-env \(value)", value: Array(secret.utf8))
        case .secretFile:
            var bytes = try readFile(value, what: "the secret file")
            // An editor's trailing newline is not part of the secret.
            if bytes.last == 0x0A { bytes.removeLast() }
            if bytes.last == 0x0D { bytes.removeLast() }
            guard !bytes.isEmpty else {
                throw UsageError(message: "the secret file \(value) is empty", suggestion: nil)
            }
            return SecretSource(label: "--secret-file \(value)", value: bytes)
        default:
            guard !value.isEmpty else { throw UsageError(message: "--secret is empty", suggestion: nil) }
            return SecretSource(label: "--secret", value: Array(value.utf8))
        }
    }
}

func currentMillis() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
}
