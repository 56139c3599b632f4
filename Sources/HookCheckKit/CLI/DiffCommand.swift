/// `hookcheck diff OLD NEW`: the payloads of two captures, field by field. Exit status as diff(1):
/// 0 the same, 1 different, 2 trouble.
struct DiffCommand {
    let settings: RunSettings
    let io: CLIEnvironment

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
            var scratch = Analysis(source: request.source, index: request.index, line: request.line, capture: request.capture)
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

    /// A value with every `token` member hidden, however deep.
    static func redacted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.map { ($0.0, $0.0 == "token" ? hidden : redacted($0.1)) })
        case .array(let elements): .array(elements.map(redacted))
        default: value
        }
    }

    func run() -> Int32 {
        guard settings.paths.count == 2 else {
            return CLI.usageFailure(UsageError(message: "diff takes two inputs: OLD and NEW", suggestion: nil), command: .diff, io: io)
        }
        guard let old = payloads(settings.paths[0]), let new = payloads(settings.paths[1]) else { return CLI.exitTrouble }
        guard !old.isEmpty, !new.isEmpty else {
            io.err("hookcheck: cannot compare: an input holds no request\n")
            return CLI.exitTrouble
        }
        let diff = PayloadDiff(ignoring: settings.ignores)
        var differences: [(pair: Int, PayloadDiff.Difference)] = []
        for index in 0..<min(old.count, new.count) {
            differences += diff.compare(old[index].value, new[index].value).map { (index, $0) }
        }
        // Drift repeats its verification token in the body: never show it unless asked.
        if !settings.showSecrets {
            for index in differences.indices {
                let isToken = differences[index].1.pointer == "/token"
                differences[index].1.old = differences[index].1.old.map { isToken ? Self.hidden : Self.redacted($0) }
                differences[index].1.new = differences[index].1.new.map { isToken ? Self.hidden : Self.redacted($0) }
            }
        }
        let countsDiffer = old.count != new.count
        let compact = JSONOutput(pretty: false)
        if settings.format == "json" || settings.format == "ndjson" {
            let values: [JSONValue] = differences.map { pair, difference in
                var members: [(String, JSONValue)] = [("pointer", .string(difference.pointer)), ("op", .string(difference.operation.rawValue)),
                                                      ("old", difference.old ?? .null), ("new", difference.new ?? .null)]
                if old.count > 1 || new.count > 1 { members.append(("request", .number(String(pair)))) }
                return .object(members)
            }
            if settings.format == "json" {
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
                let header = ["FIELD", "CHANGE", "OLD", "NEW"]
                var widths = header.map(\.count)
                for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
                let line: ([String]) -> String = { cells in
                    cells.enumerated().map { $0.offset == cells.count - 1 ? $0.element : $0.element.padding(widths[$0.offset]) }.joined(separator: "  ")
                }
                io.out(style.bold(line(header)) + "\n")
                for row in rows {
                    let text = line(row)
                    io.out((row[1] == "added" ? style.green(text) : row[1] == "removed" ? style.red(text) : text) + "\n")
                }
            }
            if countsDiffer {
                io.out("the inputs hold \(old.count) and \(new.count) requests; the first \(min(old.count, new.count)) were compared\n")
            }
        }
        return differences.isEmpty && !countsDiffer ? CLI.exitValid : CLI.exitFindings
    }
}
