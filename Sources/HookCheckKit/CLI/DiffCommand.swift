import HookCheckModel

/// `hookcheck diff OLD NEW`: the payloads of two captures, field by field. Exit status as diff(1):
/// 0 the same, 1 different, 2 trouble.
struct DiffCommand {
    let settings: RunSettings
    let io: CLIEnvironment
    /// Pointers to leave out.
    let ignores: [String]
    /// Payload members that carry a credential, from every sender: hidden unless --show-secrets.
    let secretFields = Set(SenderRegistry.all.flatMap(\.secretFields))

    init(settings: RunSettings, parsed: ParsedArguments, io: CLIEnvironment) throws(UsageError) {
        guard settings.paths.count == 2 else { throw UsageError(message: "diff takes two inputs: OLD and NEW", suggestion: nil) }
        for pointer in parsed.all(.ignorePointer) where !(pointer.isEmpty || pointer.hasPrefix("/")) {
            throw UsageError(message: "The value '\(pointer)' is invalid for '--ignore <pointer>'; a JSON Pointer starts with '/'", suggestion: nil)
        }
        self.settings = settings
        self.io = io
        ignores = parsed.all(.ignorePointer)
    }

    /// The payloads of every request in one input.
    private func payloads(_ path: String) -> [(label: String, value: JSONValue)]? {
        var single = settings
        single.paths = [path]
        var found: [(String, JSONValue)] = []
        var problem: String?
        let inspector = Inspector(options: settings.options)
        let readable = RequestFeed(settings: single, io: io).forEach { request in
            // A HAR file's page loads are not deliveries: only payloads are compared.
            guard request.isDelivery else { return }
            var scratch = Record(source: request.source, index: request.index, line: request.line, capture: request.capture)
            let payload = inspector.parsePayload(request, &scratch)
            guard let document = payload.document else {
                problem = scratch.findings.first.map { "\(path):\($0.position.map { "\($0.line):\($0.column)" } ?? "\(request.line)"): \($0.message)" }
                    ?? "\(path): request \(request.index) has no JSON or form payload"
                return
            }
            found.append(("\(path):\(request.line)", JSONValue(document, 0)))
        }
        if let problem {
            io.err("hookcheck: cannot compare: \(problem)\n")
            return nil
        }
        return readable ? found : nil
    }

    static let hidden = JSONValue.string("(hidden; --show-secrets shows it)")

    /// A value with every secret member hidden, however deep.
    func redacted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.map { ($0.0, secretFields.contains($0.0) ? Self.hidden : redacted($0.1)) })
        case .array(let elements): .array(elements.map(redacted))
        default: value
        }
    }

    /// Whether a pointer names a secret member.
    private func isSecret(_ pointer: String) -> Bool {
        pointer.split(separator: "/").last.map { secretFields.contains(JSONPaths.unescape(String($0))) } ?? false
    }

    func run() -> ExitStatus {
        guard let old = payloads(settings.paths[0]), let new = payloads(settings.paths[1]) else { return .trouble }
        guard !old.isEmpty, !new.isEmpty else {
            io.err("hookcheck: cannot compare: an input holds no request\n")
            return .trouble
        }
        let diff = PayloadDiff(ignoring: ignores)
        var differences: [(pair: Int, PayloadDiff.Difference)] = []
        for index in 0..<min(old.count, new.count) {
            differences += diff.compare(old[index].value, new[index].value).map { (index, $0) }
        }
        // Some senders repeat a credential in the body: never show it unless asked.
        if !settings.showSecrets {
            for index in differences.indices {
                let secret = isSecret(differences[index].1.pointer)
                differences[index].1.old = differences[index].1.old.map { secret ? Self.hidden : redacted($0) }
                differences[index].1.new = differences[index].1.new.map { secret ? Self.hidden : redacted($0) }
            }
        }
        let countsDiffer = old.count != new.count
        let compact = JSONOutput(pretty: false)
        if settings.format == .json || settings.format == .ndjson {
            let values: [JSONValue] = differences.map { pair, difference in
                var members: [(String, JSONValue)] = [("pointer", .string(difference.pointer)), ("op", .string(difference.operation.rawValue)),
                                                      ("old", difference.old ?? .null), ("new", difference.new ?? .null)]
                if old.count > 1 || new.count > 1 { members.append(("request", .number(String(pair)))) }
                return .object(members)
            }
            if settings.format == .json {
                io.out(JSONOutput(pretty: true).string(.array(values)) + "\n")
            } else {
                for value in values { io.out(compact.string(value) + "\n") }
            }
        } else {
            let style = Style(enabled: settings.color)
            if differences.isEmpty && !countsDiffer {
                io.out("\(old[0].label) and \(new[0].label): the same payload\n")
            }
            var rows: [[String]] = []
            for (pair, difference) in differences {
                let label = old.count > 1 || new.count > 1 ? "[\(pair)] " : ""
                rows.append([label + difference.pointer, difference.operation.rawValue,
                             difference.old.map { TextReport.clip(compact.string($0)) } ?? "",
                             difference.new.map { TextReport.clip(compact.string($0)) } ?? ""])
            }
            if !rows.isEmpty {
                io.out("--- \(old[0].label)\n+++ \(new[0].label)\n")
                let lines = TextTable.lines([["FIELD", "CHANGE", "OLD", "NEW"]] + rows)
                io.out(style.bold(lines[0]) + "\n")
                for (row, text) in zip(rows, lines.dropFirst()) {
                    io.out((row[1] == "added" ? style.green(text) : row[1] == "removed" ? style.red(text) : text) + "\n")
                }
            }
            if countsDiffer {
                io.out("the inputs hold \(old.count) and \(new.count) requests; the first \(min(old.count, new.count)) were compared\n")
            }
        }
        return differences.isEmpty && !countsDiffer ? .valid : .findings
    }
}
