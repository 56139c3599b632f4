import Dispatch

/// `hookcheck lint`: every request of every file, checked on all cores; findings in a stable order
/// (sorted by path), a summary line, and the report formats CI systems read.
struct LintCommand {
    let settings: RunSettings
    let io: CLIEnvironment

    func run() -> Int32 {
        let excludes = settings.excludes.map(Glob.init)
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
                    return CLI.exitTrouble
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
        let inspector = Inspector(options: settings.options)
        var files = check(paths, inspector)
        if usesStandardInput { files.insert(checkStandardInput(inspector), at: 0) }
        files += unreadable
        files.sort { $0.path < $1.path }
        skipped.sort()

        let report = LintReport(files: files, skipped: skipped, style: Style(enabled: settings.color && settings.output == nil))
        let text: String = switch settings.format {
        case "github": report.github()
        case "junit": report.junit()
        case "sarif": report.sarif()
        case "json": report.json()
        default: report.text()
        }
        if let output = settings.output {
            guard writeFile(output, Array(text.utf8)) else {
                io.err("hookcheck: cannot write \(output): \(systemError())\n")
                return CLI.exitTrouble
            }
            // The summary still goes to the terminal.
            io.out(report.summary + "\n")
        } else {
            io.out(text)
        }
        if files.contains(where: { $0.unreadable != nil }) { return CLI.exitTrouble }
        return report.failedCount == 0 ? CLI.exitValid : CLI.exitFindings
    }

    /// Checks files in parallel; each file is read and analysed by one worker.
    private func check(_ paths: [String], _ inspector: Inspector) -> [LintFile] {
        final class Slots: @unchecked Sendable {
            var files: [LintFile?]
            init(_ count: Int) { files = Array(repeating: nil, count: count) }
        }
        let slots = Slots(paths.count)
        let expectations = (vendor: settings.expectVendor, event: settings.expectEvent)
        let extra = (headers: settings.extraHeaders, body: settings.body)
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

    private static func checkFile(_ path: String, _ inspector: Inspector, _ expectations: (vendor: String?, event: String?),
                                  _ extra: (headers: [HTTPHeader], body: [UInt8]?)) -> LintFile {
        do {
            var records: [Analysis] = []
            try InputRequests.each(in: try ByteStream.open(path: path), source: path, extraHeaders: extra.headers,
                                   verboseBody: extra.body) { records.append(expect(inspector.analyze($0), expectations)) }
            return LintFile(path: path, records: records, unreadable: nil)
        } catch {
            return LintFile(path: path, records: [], unreadable: error.reason)
        }
    }

    private func checkStandardInput(_ inspector: Inspector) -> LintFile {
        var records: [Analysis] = []
        let readable = RequestFeed(settings: settingsForStandardInput, io: io).forEach { request in
            records.append(Self.expect(inspector.analyze(request), (settings.expectVendor, settings.expectEvent)))
        }
        return LintFile(path: "-", records: records, unreadable: readable ? nil : "read error")
    }

    private var settingsForStandardInput: RunSettings {
        var copy = settings
        copy.paths = ["-"]
        return copy
    }

    /// `--expect-vendor` and `--expect-event`: checks for fixture folders.
    private static func expect(_ record: Analysis, _ expectations: (vendor: String?, event: String?)) -> Analysis {
        var record = record
        if let vendor = expectations.vendor, record.vendor != vendor {
            record.findings.append(Finding(.error, "lint.expect-vendor",
                "expected a \(vendor) request, found \(record.vendor ?? "no known sender")", at: SourcePosition(line: record.line, column: 1)))
        }
        if let event = expectations.event, record.event != event {
            record.findings.append(Finding(.error, "lint.expect-event",
                "expected the event \(event), found \(record.event.map { "\"\($0)\"" } ?? "none")", at: SourcePosition(line: record.line, column: 1)))
        }
        return record
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func pathExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
}

/// Writes a whole file, replacing it; false on failure (errno says why).
func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
