import HookCheckModel

/// Reads every request of every input named on the command line, in order.
struct RequestFeed {
    let settings: RunSettings
    let io: CLIEnvironment

    /// Calls `body` for each request; returns false when some input could not be read.
    func forEach(_ body: (RequestDump) -> Void) -> Bool {
        var readable = true
        let items = settings.paths.isEmpty ? [InputFiles.Item.standardInput] : InputFiles.expand(settings.paths)
        for item in items {
            let stream: ByteStream
            let source: String
            switch item {
            case .unreadable(let path, let reason):
                io.err("hookcheck: cannot read \(path): \(reason)\n")
                readable = false
                continue
            case .standardInput:
                source = "-"
                switch io.standardInput {
                case .descriptor(let descriptor):
                    stream = ByteStream(descriptor: descriptor, path: "-", ownsDescriptor: false)
                case .bytes(let bytes):
                    stream = ByteStream(bytes: bytes)
                }
            case .file(let path):
                source = path
                do {
                    stream = try ByteStream.open(path: path)
                } catch {
                    io.err("hookcheck: \(error.message)\n")
                    readable = false
                    continue
                }
            }
            do {
                try InputRequests.each(in: stream, source: source, extraHeaders: settings.extraHeaders,
                                       verboseBody: settings.body, verboseBodyPath: settings.bodyPath, body)
            } catch {
                io.err("hookcheck: \(error.message)\n")
                readable = false
            }
        }
        return readable
    }
}

/// `hookcheck [inspect]`: the full view of every request.
struct InspectCommand {
    let settings: RunSettings
    let io: CLIEnvironment

    func run() -> ExitStatus {
        let feed = RequestFeed(settings: settings, io: io)
        let inspector = Inspector(options: settings.options)
        let text = TextReport(style: Style(enabled: settings.color), quiet: settings.quiet, showSecrets: settings.showSecrets)
        var allValid = true
        var count = 0
        var printedText = false
        let output = JSONOutput(pretty: settings.format == .json)
        if settings.format == .json { io.out("[") }
        let readable = feed.forEach { request in
            let record = inspector.analyze(request)
            allValid = allValid && record.isValid
            switch settings.format {
            case .json:
                var bytes: [UInt8] = Array((count == 0 ? "\n  " : ",\n  ").utf8)
                output.serialize(record.recordValue, into: &bytes, indent: 1)
                io.out(bytes: bytes)
            case .ndjson:
                var bytes: [UInt8] = []
                output.serialize(record.recordValue, into: &bytes)
                bytes.append(0x0A)
                io.out(bytes: bytes)
            default:
                let rendered = text.render(record)
                if !rendered.isEmpty {
                    io.out((printedText ? "\n" : "") + rendered)
                    printedText = true
                }
            }
            count += 1
        }
        if settings.format == .json { io.out(count == 0 ? "]\n" : "\n]\n") }
        if !readable { return .trouble }
        return allValid ? .valid : .findings
    }
}

/// `hookcheck verify`: only the token or signature, with the explanation.
struct VerifyCommand {
    let settings: RunSettings
    let io: CLIEnvironment

    func run() -> ExitStatus {
        let feed = RequestFeed(settings: settings, io: io)
        let inspector = Inspector(options: settings.options)
        let style = Style(enabled: settings.color)
        var allValid = true
        var records: [JSONValue] = []
        let readable = feed.forEach { request in
            let record = inspector.analyze(request)
            let auth = record.auth
            // What a receiver must check besides the signature (a Date, an account, a keyId) counts too.
            let authFindings = record.findings.filter { $0.code.category == .auth }
            let verified = auth?.status == .valid && !authFindings.contains { $0.severity == .error }
            allValid = allValid && verified
            switch settings.format {
            case .json, .ndjson:
                let value = JSONValue.object([
                    ("source", .string(record.source)),
                    ("index", .number(String(record.index))),
                    ("line", .number(String(record.line))),
                    ("vendor", record.vendor.map(JSONValue.string) ?? .null),
                    ("event", record.event.map(JSONValue.string) ?? .null),
                    ("auth", auth.map { .object([("scheme", .string($0.scheme)), ("status", .string($0.status.rawValue)),
                                                 ("detail", .string($0.detail))]) } ?? .null),
                    ("valid", .bool(verified)),
                ])
                if settings.format == .ndjson {
                    var bytes: [UInt8] = []
                    JSONOutput(pretty: false).serialize(value, into: &bytes)
                    io.out(bytes: bytes + [0x0A])
                } else {
                    records.append(value)
                }
            default:
                let location = "\(TextReport.displayName(record.source)):\(record.line)"
                guard let auth, let vendor = record.vendor else {
                    io.out("\(location): \(style.bold(style.red("cannot verify"))): no known sender matched; use --vendor\n")
                    return
                }
                let status: String = switch auth.status {
                case .valid where !verified: style.bold(style.red("invalid")) + " (the signature verifies; the checks below fail)"
                case .valid: style.bold(style.green("valid"))
                case .invalid: style.bold(style.red("invalid"))
                default: style.bold(style.yellow(auth.status.rawValue))
                }
                io.out("\(location): \(vendor) \(auth.scheme): \(status) — \(auth.detail)\n")
                for note in record.authNotes { io.out("  note: \(note)\n") }
                for finding in authFindings where finding.severity != .info && finding.message != auth.detail {
                    io.out("  " + TextReport(style: style).findingLine(finding) + "\n")
                }
                if auth.status == .unchecked || auth.status == .missing {
                    if let hint = record.findings.first(where: { $0.code == .authUnchecked }) {
                        io.out("  \(hint.message)\n")
                    }
                }
            }
        }
        if settings.format == .json {
            var bytes: [UInt8] = []
            JSONOutput(pretty: true).serialize(.array(records), into: &bytes)
            io.out(bytes: bytes + [0x0A])
        }
        if !readable { return .trouble }
        return allValid ? .valid : .findings
    }
}
