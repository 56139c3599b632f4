import HookCheckModel

/// What lint found in one file.
public struct LintFile: Sendable {
    public var path: String
    public var records: [Record]
    /// Why the file could not be read, when it could not.
    public var unreadable: String?

    /// Findings that decide something in CI (errors and warnings), in position order within the
    /// file; one without a real position has none (text prints the file alone, GitHub and SARIF a
    /// file-level result) and comes last.
    public var reported: [(finding: Finding, position: SourcePosition?)] {
        records.flatMap { $0.findings.filter { $0.severity != .info } }.inReadingOrder.map { ($0, $0.position) }
    }

    public var failed: Bool { unreadable != nil || records.contains { !$0.isValid } }
}

/// The lint renderers: compiler-style text, GitHub workflow commands, JUnit XML, SARIF 2.1.0, JSON.
public struct LintReport {
    public var files: [LintFile]
    public var skipped: [String]
    public var style: Style
    /// Said after the counts, in parentheses: why they are what they are (an empty shard).
    public var note: String?

    public init(files: [LintFile], skipped: [String], style: Style = Style(enabled: false)) {
        self.files = files
        self.skipped = skipped
        self.style = style
    }

    public var failedCount: Int { files.filter(\.failed).count }
    public var passedCount: Int { files.count - failedCount }

    /// `N passed, M failed`, and `, K skipped` when some were; then the note, if any.
    public var summary: String {
        "\(passedCount) passed, \(failedCount) failed" + (skipped.isEmpty ? "" : ", \(skipped.count) skipped")
            + (note.map { " (\($0))" } ?? "")
    }

    public func text() -> String {
        var out = ""
        for file in files {
            if let reason = file.unreadable {
                out += "\(file.path): \(style.severity(.error)): cannot read: \(reason) [\(FindingCode.inputUnreadable.id)]\n"
            }
            for (finding, position) in file.reported {
                out += "\(Self.place(file, position)): \(style.severity(finding.severity)): \(finding.message) [\(finding.code.id)]\n"
            }
        }
        return out + summary + "\n"
    }

    /// GitHub Actions workflow commands: annotations on the files, then the summary.
    public func github() -> String {
        func escapeData(_ text: String) -> String {
            text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
        }
        func escapeProperty(_ text: String) -> String {
            escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
        }
        var out = ""
        for file in files {
            if let reason = file.unreadable {
                out += "::error file=\(escapeProperty(file.path)),title=\(FindingCode.inputUnreadable.id)::\(escapeData("cannot read: " + reason))\n"
            }
            for (finding, position) in file.reported {
                let command = finding.severity == .error ? "error" : "warning"
                let region = position.map { ",line=\($0.line),col=\($0.column)" } ?? ""
                out += "::\(command) file=\(escapeProperty(position?.file ?? file.path))\(region),title=\(escapeProperty(finding.code.id))::\(escapeData(finding.message))\n"
            }
        }
        return out + summary + "\n"
    }

    /// JUnit XML: one testcase per file; a failing file's failure lists its findings with locations.
    public func junit() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let total = files.count + skipped.count
        out += "<testsuites name=\"hookcheck\" tests=\"\(total)\" failures=\"\(failedCount)\" errors=\"0\" skipped=\"\(skipped.count)\">\n"
        out += "  <testsuite name=\"hookcheck lint\" tests=\"\(total)\" failures=\"\(failedCount)\" errors=\"0\" skipped=\"\(skipped.count)\">\n"
        for file in files {
            out += "    <testcase classname=\"hookcheck.lint\" name=\"\(xml(file.path))\" file=\"\(xml(file.path))\""
            guard file.failed else {
                out += "/>\n"
                continue
            }
            out += ">\n"
            var lines: [String] = []
            if let reason = file.unreadable { lines.append("\(file.path): error: cannot read: \(reason) [\(FindingCode.inputUnreadable.id)]") }
            for (finding, position) in file.reported {
                lines.append("\(Self.place(file, position)): \(finding.severity.rawValue): \(finding.message) [\(finding.code.id)]")
            }
            let errors = file.reported.filter { $0.finding.severity == .error }.count + (file.unreadable == nil ? 0 : 1)
            out += "      <failure type=\"hookcheck\" message=\"\(plural(errors, "error"))\">\(xml(lines.joined(separator: "\n")))</failure>\n"
            out += "    </testcase>\n"
        }
        for path in skipped {
            out += "    <testcase classname=\"hookcheck.lint\" name=\"\(xml(path))\" file=\"\(xml(path))\">\n      <skipped message=\"excluded\"/>\n    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// Where a finding stands, as compilers print it: the file (the position's own, when it is in
    /// another file), then line and column when it has them.
    static func place(_ file: LintFile, _ position: SourcePosition?) -> String {
        (position?.file ?? file.path) + (position.map { ":\($0.line):\($0.column)" } ?? "")
    }

    /// SARIF 2.1.0: one run, a rule per finding code, results with physical locations. `lines`
    /// gives a file's lines, to turn byte columns into SARIF's code-point columns.
    public func sarif(lines linesOf: (String) -> [ArraySlice<UInt8>]) -> String {
        var codes: [FindingCode] = []
        for file in files {
            for (finding, _) in file.reported where !codes.contains(finding.code) { codes.append(finding.code) }
            if file.unreadable != nil, !codes.contains(.inputUnreadable) { codes.append(.inputUnreadable) }
        }
        codes.sort { $0.id < $1.id }
        let rules: [JSONValue] = codes.map { code in
            .object([
                ("id", .string(code.id)),
                ("name", .string(code.id)),
                ("shortDescription", .object([("text", .string(code.summary))])),
            ])
        }
        var results: [JSONValue] = []
        for file in files {
            // hookcheck counts columns in UTF-8 bytes; SARIF counts code points.
            let lines = file.reported.isEmpty ? [] : linesOf(file.path)
            // A position in another file (a --body file) is counted in that file's lines.
            var otherLines: [String: [ArraySlice<UInt8>]] = [:]
            func location(_ position: SourcePosition?) -> JSONValue {
                var physical: [(String, JSONValue)] = [("artifactLocation", .object([("uri", .string(sarifURI(position?.file ?? file.path)))]))]
                if let position {
                    var column = position.column
                    if let other = position.file, otherLines[other] == nil { otherLines[other] = linesOf(other) }
                    let lines = position.file.flatMap { otherLines[$0] } ?? lines
                    if position.line - 1 < lines.count {
                        let line = lines[position.line - 1]
                        column = line.prefix(max(0, position.column - 1)).filter { $0 & 0xC0 != 0x80 }.count + 1
                    }
                    physical.append(("region", .object([("startLine", .number(String(position.line))),
                                                        ("startColumn", .number(String(column)))])))
                }
                return .array([.object([("physicalLocation", .object(physical))])])
            }
            if let reason = file.unreadable {
                results.append(.object([
                    ("ruleId", .string(FindingCode.inputUnreadable.id)),
                    ("ruleIndex", .number(String(codes.firstIndex(of: .inputUnreadable) ?? 0))),
                    ("level", .string("error")),
                    ("message", .object([("text", .string("cannot read: " + reason))])),
                    ("locations", location(nil)),
                ]))
            }
            for (finding, position) in file.reported {
                results.append(.object([
                    ("ruleId", .string(finding.code.id)),
                    ("ruleIndex", .number(String(codes.firstIndex(of: finding.code) ?? 0))),
                    ("level", .string(finding.severity == .error ? "error" : "warning")),
                    ("message", .object([("text", .string(finding.message))])),
                    ("locations", location(position)),
                ]))
            }
        }
        let log: JSONValue = .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("hookcheck")),
                    ("version", .string(HookCheckVersion.current)),
                    ("rules", .array(rules)),
                ]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ])
        return JSONOutput(pretty: true).string(log) + "\n"
    }

    /// Every record, info findings included.
    public func json() -> String {
        JSONOutput(pretty: true).string(.array(files.flatMap { $0.records.map(\.recordValue) })) + "\n"
    }
}

/// XML character data and attribute values.
func xml(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\n", "\t": out.unicodeScalars.append(scalar)
        default:
            // XML 1.0 has no way to write other control characters.
            if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}

/// A relative path as a URI reference: bytes outside the unreserved set and `/` percent-encoded.
func sarifURI(_ path: String) -> String {
    var out = ""
    for byte in path.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            out += "%" + ASCII.hex2(byte)
        }
    }
    return out
}
