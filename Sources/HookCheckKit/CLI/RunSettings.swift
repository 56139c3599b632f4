/// The checked settings of one run, from parsed arguments and the environment.
struct RunSettings {
    var command: Command
    var paths: [String]
    var format: String
    var options: InspectOptions
    var extraHeaders: [HTTPHeader]
    var color: Bool
    var quiet: Bool
    var showSecrets: Bool
    /// sign: what to print, and where the request goes.
    var emit: String
    var url: String?
    /// lint: where the report goes, what to skip, what every request must be.
    var output: String?
    var excludes: [String]
    var expectVendor: String?
    var expectEvent: String?
    /// diff: pointers to leave out.
    var ignores: [String]
    /// The body for `curl -v` captures, which show only headers.
    var body: [UInt8]?

    init(_ parsed: ParsedArguments, io: CLIEnvironment) throws(UsageError) {
        command = parsed.command
        paths = parsed.paths
        format = parsed.value("--format") ?? "text"
        guard command.formats.contains(format) else {
            throw UsageError(message: "The value '\(format)' is invalid for '--format <format>'; expected one of: \(command.formats.joined(separator: ", "))",
                             suggestion: nil)
        }
        let colorChoice = parsed.value("--color") ?? "auto"
        guard ["auto", "always", "never"].contains(colorChoice) else {
            throw UsageError(message: "The value '\(colorChoice)' is invalid for '--color <when>'; expected auto, always or never", suggestion: nil)
        }
        color = Style.decide(colorChoice, environment: io.variables, isTerminal: io.stdoutIsTerminal)
        quiet = parsed.has("--quiet")
        emit = parsed.value("--emit") ?? "header"
        output = parsed.value("--output")
        excludes = parsed.values["--exclude"] ?? []
        expectVendor = parsed.value("--expect-vendor")
        expectEvent = parsed.value("--expect-event")
        ignores = parsed.values["--ignore"] ?? []
        if let path = parsed.value("--body") {
            do {
                let stream = try ByteStream.open(path: path)
                try stream.fillToEnd()
                body = stream.copy(stream.available)
            } catch {
                throw UsageError(message: "cannot read the body file: \(error.message)", suggestion: nil)
            }
        }
        for pointer in ignores where !(pointer.isEmpty || pointer.hasPrefix("/")) {
            throw UsageError(message: "The value '\(pointer)' is invalid for '--ignore <pointer>'; a JSON Pointer starts with '/'", suggestion: nil)
        }
        if let vendor = expectVendor, VendorRegistry.vendor(id: vendor) == nil {
            throw UsageError(message: "Unknown vendor '\(vendor)' for --expect-vendor; known: \(VendorRegistry.all.map(\.id).joined(separator: ", "))",
                             suggestion: nil)
        }
        url = parsed.value("--url")
        guard ["header", "request", "curl"].contains(emit) else {
            throw UsageError(message: "The value '\(emit)' is invalid for '--emit <what>'; expected header, request or curl", suggestion: nil)
        }
        showSecrets = parsed.has("--show-secrets")

        options = InspectOptions()
        options.environment = io.variables
        options.strict = parsed.has("--strict")
        if let vendor = parsed.value("--vendor") {
            guard VendorRegistry.vendor(id: vendor) != nil else {
                let known = VendorRegistry.all.map(\.id)
                let near = known.min { ArgumentParser.editDistance($0, vendor) < ArgumentParser.editDistance($1, vendor) }
                throw UsageError(message: "Unknown vendor '\(vendor)'; known: \(known.joined(separator: ", "))",
                                 suggestion: near.flatMap { ArgumentParser.editDistance($0, vendor) <= 3 ? "--vendor \($0)" : nil })
            }
            options.forcedVendor = vendor
        }
        if let now = parsed.value("--now") {
            if let seconds = Int64(now), abs(seconds) < 100_000_000_000 {
                options.now = seconds * 1000
            } else if let millis = Timestamps.parseRFC3339(now) {
                options.now = millis
            } else {
                throw UsageError(message: "The value '\(now)' is invalid for '--now <time>'; expected RFC 3339 (2024-05-01T12:00:00Z) or Unix seconds", suggestion: nil)
            }
        }
        if let maxAge = parsed.value("--max-age") {
            guard let millis = Durations.parse(maxAge) else {
                throw UsageError(message: "The value '\(maxAge)' is invalid for '--max-age <duration>'; expected e.g. 90s, 5m, 2h or 1d", suggestion: nil)
            }
            options.maxAge = millis
            if options.now == nil { options.now = currentMillis() }
        }
        if let path = parsed.value("--public-key") {
            let stream: ByteStream
            do {
                stream = try ByteStream.open(path: path)
                try stream.fillToEnd()
            } catch {
                throw UsageError(message: "cannot read the public key: \(error.message)", suggestion: nil)
            }
            let text = String(decoding: stream.copy(stream.available), as: UTF8.self)
            // A key that cannot be used is the user's trouble (exit 2), not the request's fault.
            if case .failure(let error) = RSAPublicKey.parse(text) {
                throw UsageError(message: "--public-key \(path) is not a usable RSA public key: \(error)", suggestion: nil)
            }
            options.publicKey = ("--public-key \(path)", text)
        }
        options.account = parsed.value("--account")
        options.keepReceivedCredential = showSecrets
        for (option, value) in parsed.secretOptions {
            options.secrets.append(try Self.secret(option, value, io: io))
        }
        extraHeaders = []
        for header in parsed.headers {
            guard let colon = header.firstIndex(of: ":"), colon != header.startIndex else {
                throw UsageError(message: "The value for '-H, --header' must look like 'Name: value'", suggestion: nil)
            }
            let name = String(header[..<colon]).trimmingCharacters(in: " \t")
            let value = String(header[header.index(after: colon)...]).trimmingCharacters(in: " \t")
            extraHeaders.append(HTTPHeader(name: name, value: value))
        }
        if command == .verify, paths.count > 1 {
            throw UsageError(message: "verify takes one path (or - for standard input)", suggestion: nil)
        }
        if command == .sign {
            guard options.forcedVendor != nil else {
                throw UsageError(message: "sign needs --vendor (\(VendorRegistry.signers.map(\.id).joined(separator: ", ")))", suggestion: nil)
            }
            guard paths.count <= 1 else { throw UsageError(message: "sign takes one path (or - for standard input)", suggestion: nil) }
            if emit == "curl", url == nil { throw UsageError(message: "--emit curl needs --url", suggestion: nil) }
            if let url, WebhookURL(url) == nil {
                throw UsageError(message: "The value '\(url)' is invalid for '--url <url>'; expected http://host/path or https://host/path", suggestion: nil)
            }
        }
        if command == .lint, paths.isEmpty {
            throw UsageError(message: "lint needs at least one path", suggestion: nil)
        }
    }

    /// A secret from an option. Its value never appears in messages.
    static func secret(_ option: String, _ value: String, io: CLIEnvironment) throws(UsageError) -> SecretSource {
        switch option {
        case "--secret-env":
            guard let secret = io.variables[value] else {
                throw UsageError(message: "environment variable \(value) (from --secret-env) is not set", suggestion: nil)
            }
            guard !secret.isEmpty else {
                throw UsageError(message: "environment variable \(value) (from --secret-env) is empty", suggestion: nil)
            }
            return SecretSource(label: "--secret-env \(value)", value: Array(secret.utf8))
        case "--secret-file":
            let stream: ByteStream
            do {
                stream = try ByteStream.open(path: value)
                try stream.fillToEnd()
            } catch {
                throw UsageError(message: "cannot read the secret file: \(error.message)", suggestion: nil)
            }
            var bytes = stream.copy(stream.available)
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func currentMillis() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
}
