import HookCheckModel

/// The human view of one analysed request: a short header, the changes table, the findings.
public struct TextReport {
    public var style: Style
    /// Leave out info findings and the details of valid requests.
    public var quiet: Bool
    public var showSecrets: Bool

    public init(style: Style, quiet: Bool = false, showSecrets: Bool = false) {
        self.style = style
        self.quiet = quiet
        self.showSecrets = showSecrets
    }

    public func render(_ record: Record) -> String {
        let findings = quiet ? record.findings.filter { $0.severity != .info } : record.findings
        if quiet && findings.isEmpty { return "" }
        var lines: [String] = []
        // The line says which request; standard input is named as such, as compilers do.
        let location = "\(Self.displayName(record.source)):\(record.line)"
        lines.append(style.bold(location) + "  " + verdict(record))

        var rows: [(String, String)] = []
        if let vendor = record.vendor {
            let why = record.evidence.isEmpty ? "" : style.dim("  (" + record.evidence.joined(separator: ", ") + ")")
            rows.append(("sender", vendor + why))
        } else {
            rows.append(("sender", style.dim("unknown")))
        }
        if let event = record.event {
            rows.append(("event", event + (record.kind.map { style.dim("  → " + $0) } ?? "")))
        }
        if let entity = record.entity {
            rows.append(("entity", entity.type + (entity.id.map { " " + $0 } ?? "")))
        }
        if let account = record.account { rows.append(("account", account)) }
        if record.delivery.id != nil || record.delivery.attempt != nil {
            let retry = record.delivery.attempt.map { $0 == 0 ? "first attempt" : "retry \($0)" }
            rows.append(("delivery", [record.delivery.id, retry].compactMap { $0 }.joined(separator: ", ")))
        }
        if let occurredAt = record.occurredAt { rows.append(("time", occurredAt)) }
        if let auth = record.auth {
            // A sender with no scheme: say so once, not "none: none".
            rows.append(("auth", auth.status == .none ? "none: \(auth.detail)" : "\(auth.scheme): \(authStatus(auth.status)) — \(auth.detail)"))
        }
        if showSecrets, let received = record.receivedCredential {
            rows.append(("received", received))
        } else if let status = record.auth?.status, [.valid, .invalid, .unchecked].contains(status) {
            rows.append(("received", style.dim("(hidden; --show-secrets shows it)")))
        }
        for note in record.authNotes + record.notes { rows.append(("note", note)) }
        let labelWidth = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows {
            lines.append("  " + style.dim(label.padding(labelWidth)) + "  " + value)
        }

        if !record.changes.isEmpty {
            lines.append("")
            lines += changesTable(record.changes).map { "  " + $0 }
        }
        if !findings.isEmpty {
            lines.append("")
            for finding in findings {
                lines.append("  " + findingLine(finding))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func verdict(_ record: Record) -> String {
        let errors = record.findings.filter { $0.severity == .error }.count
        let warnings = record.findings.filter { $0.severity == .warning }.count
        if errors > 0 {
            return style.bold(style.red("invalid")) + style.dim(" (\(plural(errors, "error"))\(warnings > 0 ? ", " + plural(warnings, "warning") : ""))")
        }
        return style.bold(style.green("valid")) + (warnings > 0 ? style.dim(" (\(plural(warnings, "warning")))") : "")
    }

    private func authStatus(_ status: AuthResult.Status) -> String {
        switch status {
        case .valid: style.green(status.rawValue)
        case .invalid: style.bold(style.red(status.rawValue))
        case .missing, .unverifiable: style.yellow(status.rawValue)
        case .unchecked, .none: style.dim(status.rawValue)
        }
    }

    func findingLine(_ finding: Finding) -> String {
        let position = finding.position.map { ($0.file.map { "\($0):" } ?? "") + "\($0.line):\($0.column)" } ?? "-"
        let pointer = finding.pointer.map { $0.isEmpty ? " (root)" : " " + $0 } ?? ""
        return style.severity(finding.severity, finding.severity.rawValue.padding(7)) + " " + position.padding(7)
            + " " + finding.message + " " + style.dim("[\(finding.code.id)]" + pointer)
    }

    /// FIELD | PREVIOUS | UPDATED, with the columns the changes actually have.
    func changesTable(_ changes: [Change]) -> [String] {
        let hasPrevious = changes.contains { $0.previous != nil }
        let hasUpdated = changes.contains { $0.updated != nil }
        var header = ["FIELD"]
        if hasPrevious { header.append("PREVIOUS") }
        if hasUpdated { header.append("UPDATED") }
        let compact = JSONOutput(pretty: false)
        let body: [[String]] = changes.map { change in
            var row = [change.field]
            if hasPrevious { row.append(change.previous.map { TextReport.clip(compact.string($0)) } ?? "") }
            if hasUpdated { row.append(change.updated.map { TextReport.clip(compact.string($0)) } ?? "") }
            return row
        }
        let lines = TextTable.lines([header] + body)
        return [style.bold(lines[0])] + lines.dropFirst()
    }

    /// A source as the text views name it: standard input is `<stdin>` (the record's source stays `-`).
    public static func displayName(_ source: String) -> String {
        source == "-" ? "<stdin>" : source
    }

    static func clip(_ text: String) -> String {
        text.count > 48 ? String(text.prefix(47)) + "…" : text
    }
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

extension String {
    /// Right-padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
