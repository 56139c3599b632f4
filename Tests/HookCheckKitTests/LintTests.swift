import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import HookCheckKit

@Suite("lint", .serialized)
struct LintTests {
    static let mixed = ["samples/invalid/missing-comma.http", "samples/invalid/seconds-timestamp.http",
                        "samples/drift/new_message.http", "samples/invalid/binary.bin"]

    struct SummaryCase: CustomStringConvertible, Sendable {
        var arguments: [String]
        /// Worked out when the case runs, from the files in samples/, so a missing folder fails that case.
        var summary: @Sendable () throws -> String
        var status: Int32
        var description: String { arguments.joined(separator: " ") }

        init(arguments: [String], summary: @autoclosure @escaping @Sendable () throws -> String, status: Int32) {
            self.arguments = arguments
            self.summary = summary
            self.status = status
        }
    }

    /// The CloudCX samples, and those named after a ticket event (`Ticket*.http`) in all of samples/.
    static var cloudcx: [String] { get throws { try sampleFiles("samples/cloudcx") } }
    static func isTicket(_ path: String) -> Bool { fileName(path).hasPrefix("Ticket") && path.hasSuffix(".http") }
    /// The event a sample is named after: its name up to the first '.' or '-'.
    static func namedEvent(_ path: String) -> String { String(fileName(path).prefix { $0 != "." && $0 != "-" }) }

    static func summary(passed: Int, failed: Int) -> String { "\(passed) passed, \(failed) failed" }

    static let summaries: [SummaryCase] = [
        SummaryCase(arguments: ["lint", "samples/drift/new_message.http"], summary: "1 passed, 0 failed", status: 0),
        SummaryCase(arguments: ["lint"] + mixed, summary: "2 passed, 2 failed", status: 1),
        SummaryCase(arguments: ["lint", "--strict"] + mixed, summary: "1 passed, 3 failed", status: 1),
        SummaryCase(arguments: ["lint", "--exclude", "*.bin", "--exclude", "missing-*"] + mixed, summary: "2 passed, 0 failed, 2 skipped", status: 0),
        SummaryCase(arguments: ["lint", "samples/cloudcx/Ticket*.http"],
                    summary: summary(passed: try cloudcx.filter(isTicket).count, failed: 0), status: 0),
        SummaryCase(arguments: ["lint", "samples/**/Ticket*.http", "--expect-vendor", "cloudcx"],
                    summary: try {
                        let tickets = try sampleFiles("samples").filter(isTicket)
                        let fromCloudCX = tickets.filter { $0.hasPrefix("samples/cloudcx/") }.count
                        return summary(passed: fromCloudCX, failed: tickets.count - fromCloudCX)
                    }(), status: 0),
        SummaryCase(arguments: ["lint", "samples/cloudcx", "--expect-event", "TicketCreated"],
                    summary: try {
                        let all = try cloudcx
                        let created = all.filter { namedEvent($0) == "TicketCreated" }.count
                        return summary(passed: created, failed: all.count - created)
                    }(), status: 1),
        SummaryCase(arguments: ["lint", "samples/cloudcx", "--vendor", "drift"], summary: summary(passed: 0, failed: try cloudcx.count), status: 1),
        SummaryCase(arguments: ["lint", "samples/nonexistent"], summary: "0 passed, 1 failed", status: 2),
        SummaryCase(arguments: ["lint", "--format", "yaml", "samples/drift"], summary: "", status: 2),
        SummaryCase(arguments: ["lint", "--expect-vendor", "stripe", "samples/drift"], summary: "", status: 2),
    ]

    @Test("the summary line, alone and last, and the exit status", arguments: summaries)
    func summary(_ row: SummaryCase) throws {
        let summary = try row.summary()
        let result = runCLIAtRoot(row.arguments)
        #expect(result.status == row.status, "\(result.out)\(result.err)")
        if summary.isEmpty {
            #expect(result.out.isEmpty, "a usage error prints no report: \(result.out)")
        } else {
            #expect(result.out.split(separator: "\n").last.map(String.init) == summary, "\(result.out)")
        }
    }

    @Test("the output is the same run after run (files are checked in parallel)")
    func stableOrder() throws {
        let first = runCLIAtRoot(["lint", "samples"])
        #expect(runCLIAtRoot(["lint", "samples"]).out == first.out)
        let paths = first.out.split(separator: "\n").dropLast().map { $0.split(separator: ":").first.map(String.init) ?? "" }
        #expect(!paths.isEmpty, "samples/invalid/ must produce findings: \(first.out)")
        #expect(paths == paths.sorted())
        // The summary counts every file of samples/.
        let words = first.out.split(separator: "\n").last?.split(separator: " ") ?? []
        let counted = words.count >= 4 ? (Int(words[0]) ?? 0) + (Int(words[2]) ?? 0) : -1
        #expect(counted == (try sampleFiles("samples")).count, "\(first.out.split(separator: "\n").last ?? "")")
    }

    @Test("SARIF 2.1.0: the properties the standard requires")
    func sarif() throws {
        let result = runCLIAtRoot(["lint", "--format", "sarif"] + Self.mixed + ["samples/invalid/invalid-utf8.http"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.hasSuffix("sarif-2.1.0.json") == true)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "hookcheck")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIds = rules.compactMap { $0["id"] as? String }
        #expect(Set(ruleIds).count == ruleIds.count, "rule ids are unique")
        #expect(rules.allSatisfy { (($0["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false })
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)
        for result in results {
            let ruleId = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ruleIds[index] == ruleId)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            #expect((result["message"] as? [String: Any])?["text"] as? String != nil)
            let physical = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
            let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            #expect(uri.hasPrefix("samples/"))
            let region = try #require(physical["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1)
            #expect((region["startColumn"] as? Int ?? 0) >= 1)
        }
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
    }

    @Test("SARIF columns count code points, hookcheck's count bytes")
    func sarifColumns() throws {
        // In control-char.json the tab is at byte column 33, after a two-byte é: code point column 32.
        let text = runCLIAtRoot(["lint", "samples/invalid/control-char.json"]).out
        #expect(text.hasPrefix("samples/invalid/control-char.json:7:33: error:"))
        let sarif = runCLIAtRoot(["lint", "--format", "sarif", "samples/invalid/control-char.json"]).out
        #expect(sarif.contains("\"startColumn\": 32"))
    }

    @Test("JUnit XML parses back: one testcase per file, failures with their findings")
    func junit() throws {
        let result = runCLIAtRoot(["lint", "--format", "junit", "--exclude", "*.bin"] + Self.mixed)
        final class Collector: NSObject, XMLParserDelegate {
            var testcases: [String] = []
            var failures: [String: String] = [:]
            var skipped: [String] = []
            var suites: [[String: String]] = []
            private var current: String?
            private var text = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                switch name {
                case "testcase":
                    current = attributes["name"]
                    testcases.append(attributes["name"] ?? "")
                case "failure": text = ""
                case "skipped": skipped.append(current ?? "")
                case "testsuites", "testsuite": suites.append(attributes)
                default: break
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "failure", let current { failures[current] = text }
            }
        }
        let parser = XMLParser(data: Data(result.out.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(collector.testcases.sorted() == Self.mixed.sorted())
        #expect(collector.skipped == ["samples/invalid/binary.bin"])
        #expect(Array(collector.failures.keys) == ["samples/invalid/missing-comma.http"])
        #expect(collector.failures["samples/invalid/missing-comma.http"]?
            .contains("samples/invalid/missing-comma.http:12:5: error: expected ',' or '}' after object member, found string [json.syntax]") == true)
        #expect(collector.suites.first?["tests"] == String(Self.mixed.count))
        #expect(collector.suites.first?["failures"] == "1")
        #expect(collector.suites.first?["skipped"] == "1")
    }

    @Test("GitHub workflow commands escape what GitHub requires")
    func github() {
        let report = LintReport(files: [LintFile(path: "a,b:c.http", records: [], unreadable: "50% done\nthen")], skipped: [])
        #expect(report.github() == "::error file=a%2Cb%3Ac.http,title=input.unreadable::cannot read: 50%25 done%0Athen\n0 passed, 1 failed\n")
    }

    @Test("--output writes the report to a file, the summary to standard output")
    func output() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-\(UUID().uuidString).sarif").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = runCLIAtRoot(["lint", "--format", "sarif", "--output", path] + Self.mixed)
        #expect(result.status == 1)
        #expect(result.out == "2 passed, 2 failed\n")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.contains("\"version\": \"2.1.0\""))
    }

    @Test("globs", arguments: [
        ("*.http", "samples/drift/a.http", true),
        ("*.http", "samples/drift/a.json", false),
        ("samples/**/*.http", "samples/drift/a.http", true),
        ("samples/**/*.http", "samples/a.http", true),
        ("samples/*/a.http", "samples/x/y/a.http", false),
        ("**/invalid/*", "samples/invalid/binary.bin", true),
        ("samples/[dc]*/*.http", "samples/cloudcx/T.http", true),
        ("samples/[dc]*/*.http", "samples/superoffice/T.http", false),
    ])
    func globs(_ pattern: String, _ path: String, _ matches: Bool) {
        #expect(Glob(pattern).matches(path) == matches)
    }
}
