import Dispatch
import HookCheckModel

/// `hookcheck lint`: every request of every file, checked on all cores; findings in a stable order
/// (sorted by path), a summary line, and the report formats CI systems read.
struct LintCommand {
    let settings: RunSettings
    let io: CLIEnvironment
    /// Where the report goes; the summary line still goes to standard output.
    let output: String?
    let excludes: [Glob]
    /// `--shard K/N`: only this shard's files.
    let shard: LintShard?
    /// What every request must be.
    let expectations: Expectations

    struct Expectations: Sendable {
        var vendor: String?
        var event: String?
    }

    init(settings: RunSettings, parsed: ParsedArguments, io: CLIEnvironment) throws(UsageError) {
        guard !settings.paths.isEmpty else { throw UsageError(message: "lint needs at least one path", suggestion: nil) }
        self.settings = settings
        self.io = io
        output = parsed.value(.output)
        excludes = settings.excludes.map(Glob.init)
        shard = try parsed.value(.shard).map { text throws(UsageError) in try LintShard(text) }
        if shard != nil, settings.paths.contains("-") {
            throw UsageError(message: "--shard splits files; standard input cannot be split", suggestion: nil)
        }
        let vendor = try parsed.value(.expectVendor).map { id throws(UsageError) in try RunSettings.senderID(id, option: "--expect-vendor") }
        expectations = Expectations(vendor: vendor, event: try parsed.value(.expectEvent).map { event throws(UsageError) in
            try Self.cataloguedEvent(event, of: vendor)
        })
    }

    /// An event some sender's catalogue names (the --expect-vendor's, when given), or a usage error
    /// with the nearest name: a typo must not make every fixture fail, or pass.
    private static func cataloguedEvent(_ event: String, of vendor: String?) throws(UsageError) -> String {
        let senders = SenderRegistry.all.filter { vendor == nil || $0.id == vendor }
        let events = senders.flatMap(\.events)
        guard !events.contains(where: { $0.name == event || $0.matches(event) }) else { return event }
        throw UsageError(message: "No \(vendor.map { "\($0) " } ?? "")event is called '\(event)' (see hookcheck vendors\(vendor.map { " " + $0 } ?? ""))",
                         suggestion: Spelling.nearest(event, in: events.map(\.name), limit: 4).map { "--expect-event \($0)" })
    }

    func run() -> ExitStatus {
        var paths: [String] = []
        var skipped: [String] = []
        var unreadable: [LintFile] = []
        var usesStandardInput = false
        for argument in settings.paths {
            if argument == "-" {
                usesStandardInput = true
                continue
            }
            let expanded: [InputFiles.Item]
            if Glob.isPattern(argument), !pathExists(argument) {
                let matches = Glob(argument).expand()
                if matches.isEmpty {
                    io.err("hookcheck: no file matches \(argument)\n")
                    return .trouble
                }
                expanded = matches.map(InputFiles.Item.file)
            } else {
                expanded = InputFiles.expand([argument])
            }
            for item in expanded {
                switch item {
                case .file(let path):
                    if excludes.contains(where: { $0.matches(path) }) { skipped.append(path) } else { paths.append(path) }
                case .unreadable(let path, let reason):
                    unreadable.append(LintFile(path: path, records: [], unreadable: reason))
                case .standardInput:
                    usesStandardInput = true
                }
            }
        }
        paths = Array(Set(paths)).sorted()
        // A CI job pointed at the wrong folder must not pass on nothing.
        if paths.isEmpty, !usesStandardInput, unreadable.isEmpty {
            let excluded = skipped.isEmpty ? "" : " (\(plural(skipped.count, "file")) excluded by --exclude)"
            io.err("hookcheck: no files to check in \(settings.paths.joined(separator: ", "))\(excluded)\n")
            return .trouble
        }
        var note: String?
        if let shard {
            // A path on the command line that cannot be read stays in every shard: a job pointed
            // at the wrong folder must fail whichever shard it runs.
            paths = paths.filter(shard.holds)
            // A matrix with more jobs than files has empty shards: nothing to check is fine there.
            if paths.isEmpty, unreadable.isEmpty { note = "shard \(shard) holds no file" }
        }
        let inspector = Inspector(options: settings.options)
        var files = check(paths, inspector)
        if usesStandardInput { files.insert(checkStandardInput(inspector), at: 0) }
        files += unreadable
        files.sort { $0.path < $1.path }
        Self.markDuplicateDeliveries(&files, strict: settings.options.strict)
        // What lint itself adds (duplicates, expectations) is dropped by --ignore too.
        if !settings.options.ignoredCodes.isEmpty {
            for file in files.indices {
                for record in files[file].records.indices {
                    files[file].records[record].findings.removeAll { settings.options.ignores($0.code) }
                }
            }
        }
        skipped.sort()

        var report = LintReport(files: files, skipped: skipped, style: Style(enabled: settings.color && output == nil))
        report.note = note
        let text: String = switch settings.format {
        case .github: report.github()
        case .junit: report.junit()
        case .sarif: report.sarif(lines: fileLines)
        case .json: report.json()
        case .text, .ndjson: report.text()
        }
        if let output {
            guard writeFile(output, Array(text.utf8)) else {
                io.err("hookcheck: cannot write \(output): \(systemError())\n")
                return .trouble
            }
            // The summary still goes to the terminal.
            io.out(report.summary + "\n")
        } else {
            io.out(text)
        }
        if files.contains(where: { $0.unreadable != nil }) { return .trouble }
        return report.failedCount == 0 ? .valid : .findings
    }

    /// Checks files in parallel; each file is read and analysed by one worker.
    private func check(_ paths: [String], _ inspector: Inspector) -> [LintFile] {
        final class Slots: @unchecked Sendable {
            var files: [LintFile?]
            init(_ count: Int) { files = Array(repeating: nil, count: count) }
        }
        let slots = Slots(paths.count)
        let expectations = expectations
        let extra = (headers: settings.extraHeaders, body: settings.body, bodyPath: settings.bodyPath)
        slots.files.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let unsafeBase = base
            DispatchQueue.concurrentPerform(iterations: paths.count) { index in
                unsafeBase![index] = Self.checkFile(paths[index], inspector, expectations, extra)
            }
        }
        return slots.files.compactMap { $0 }
    }

    private static func checkFile(_ path: String, _ inspector: Inspector, _ expectations: Expectations,
                                  _ extra: (headers: [HTTPHeader], body: [UInt8]?, bodyPath: String?)) -> LintFile {
        do {
            var records: [Record] = []
            try InputRequests.each(in: try ByteStream.open(path: path), source: path, extraHeaders: extra.headers,
                                   verboseBody: extra.body, verboseBodyPath: extra.bodyPath) { records.append(expect(inspector.analyze($0), expectations)) }
            return LintFile(path: path, records: records, unreadable: nil)
        } catch {
            return LintFile(path: path, records: [], unreadable: error.reason)
        }
    }

    private func checkStandardInput(_ inspector: Inspector) -> LintFile {
        var records: [Record] = []
        let readable = RequestFeed(settings: settingsForStandardInput, io: io).forEach { request in
            records.append(Self.expect(inspector.analyze(request), expectations))
        }
        return LintFile(path: "-", records: records, unreadable: readable ? nil : "read error")
    }

    private var settingsForStandardInput: RunSettings {
        var copy = settings
        copy.paths = ["-"]
        return copy
    }

    /// Fixtures copied from one delivery share its id: each later copy is told where the first is.
    /// One delivery seen through several tools (a pcap and a HAR of it), or sent again (a retry,
    /// or twice in one capture), is not a copy.
    private static func markDuplicateDeliveries(_ files: inout [LintFile], strict: Bool) {
        struct Key: Hashable {
            var id: String
            var capture: CaptureKind
            var attempt: Int?
        }
        var first: [Key: (source: String, line: Int)] = [:]
        for file in files.indices {
            for record in files[file].records.indices {
                let current = files[file].records[record]
                guard let id = current.delivery.id else { continue }
                let key = Key(id: id, capture: current.capture, attempt: current.delivery.attempt)
                guard let original = first[key] else {
                    first[key] = (current.source, current.line)
                    continue
                }
                guard original.source != current.source else { continue }
                files[file].records[record].findings.append(Finding(strict ? .error : .warning, .duplicateDelivery,
                    "delivery id \(id) is also in \(original.source):\(original.line): a fixture copied from another delivery may hide a missing case",
                    at: SourcePosition(line: current.line, column: 1)))
            }
        }
    }

    /// `--expect-vendor` and `--expect-event`: checks for fixture folders.
    private static func expect(_ record: Record, _ expectations: Expectations) -> Record {
        var record = record
        if let vendor = expectations.vendor, record.vendor != vendor {
            record.findings.append(Finding(.error, .expectVendor,
                "expected a \(vendor) request, found \(record.vendor ?? "no known sender")", at: SourcePosition(line: record.line, column: 1)))
        }
        if let event = expectations.event, record.event != event {
            record.findings.append(Finding(.error, .expectEvent,
                "expected the event \(event), found \(record.event.map { "\"\($0)\"" } ?? "none")",
                at: record.eventPosition ?? SourcePosition(line: record.line, column: 1)))
        }
        return record
    }
}
