import Foundation
import Testing
@testable import HookCheckKit

/// The golden helpers of TestSupport.swift fail loudly: a recording run writes and fails, CI never
/// records, a missing golden file or README marker fails. Each test passes its mode explicitly, so
/// these run the same whatever HOOKCHECK_RECORD and CI say.
@Suite("Golden files: record mode")
struct RecordModeTests {
    /// A scratch folder, removed afterwards.
    static func withScratch(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    static func comments(_ issue: Issue) -> String {
        issue.comments.map(\.rawValue).joined(separator: "\n") + "\n" + String(describing: issue)
    }

    @Test("HOOKCHECK_RECORD and CI choose the mode", arguments: [
        ([String: String](), RecordMode.compare),
        (["HOOKCHECK_RECORD": ""], .compare),
        (["HOOKCHECK_RECORD": "0"], .compare),
        (["HOOKCHECK_RECORD": "1"], .record),
        (["HOOKCHECK_RECORD": "1", "CI": ""], .record),
        (["HOOKCHECK_RECORD": "1", "CI": "1"], .refuse),
        (["HOOKCHECK_RECORD": "1", "CI": "true"], .refuse),
        (["CI": "true"], .compare),
        (["HOOKCHECK_RECORD": "yes"], .unknown("yes")),
    ])
    func modes(_ environment: [String: String], _ mode: RecordMode) {
        #expect(RecordMode.from(environment) == mode)
    }

    @Test("comparing: equal text passes, different text fails with the re-record hint")
    func compare() throws {
        try Self.withScratch { directory in
            let file = directory.appendingPathComponent("a.txt")
            try "same\n".write(to: file, atomically: true, encoding: .utf8)
            try checkGolden("same\n", file: file, mode: .compare)
            try withKnownIssue {
                try checkGolden("other\n", file: file, mode: .compare)
            } matching: { issue in
                Self.comments(issue).contains("re-record with HOOKCHECK_RECORD=1 if the change is intended")
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == "same\n", "comparing never writes")
        }
    }

    @Test("comparing with no golden file fails")
    func missingGolden() throws {
        try Self.withScratch { directory in
            let file = directory.appendingPathComponent("missing.txt")
            try withKnownIssue {
                try checkGolden("text\n", file: file, mode: .compare)
            } matching: { issue in
                Self.comments(issue).contains("no golden file")
            }
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test("recording writes the exact text, then fails", arguments: [false, true])
    func record(_ exists: Bool) throws {
        try Self.withScratch { directory in
            let file = directory.appendingPathComponent("a.txt")
            if exists { try "old\n".write(to: file, atomically: true, encoding: .utf8) }
            let text = "new ✓\r\nno newline at the end"
            try withKnownIssue {
                try checkGolden(text, file: file, mode: .record)
            } matching: { issue in
                Self.comments(issue).contains("recorded \(file.path); run again without HOOKCHECK_RECORD")
            }
            #expect(try Data(contentsOf: file) == Data(text.utf8))
            // The next run, without HOOKCHECK_RECORD, passes.
            try checkGolden(text, file: file, mode: .compare)
        }
    }

    @Test("recording in CI is refused: nothing written, the test fails", arguments: [false, true])
    func refuse(_ exists: Bool) throws {
        try Self.withScratch { directory in
            let file = directory.appendingPathComponent("a.txt")
            if exists { try "old\n".write(to: file, atomically: true, encoding: .utf8) }
            try withKnownIssue {
                try checkGolden("new\n", file: file, mode: .refuse)
            } matching: { issue in
                let text = Self.comments(issue)
                return text.contains("refusing to record in CI") || text.contains("re-record with HOOKCHECK_RECORD=1")
                    || text.contains("no golden file")
            }
            if exists {
                #expect(try String(contentsOf: file, encoding: .utf8) == "old\n")
            } else {
                #expect(!FileManager.default.fileExists(atPath: file.path))
            }
            // Even when the text is unchanged, asking to record in CI fails.
            if exists {
                try withKnownIssue {
                    try checkGolden("old\n", file: file, mode: .refuse)
                } matching: { issue in
                    Self.comments(issue).contains("refusing to record in CI")
                }
            }
        }
    }

    @Test("an unknown HOOKCHECK_RECORD value fails and writes nothing")
    func unknownValue() throws {
        try Self.withScratch { directory in
            let file = directory.appendingPathComponent("a.txt")
            try "same\n".write(to: file, atomically: true, encoding: .utf8)
            try withKnownIssue {
                try checkGolden("same\n", file: file, mode: .unknown("true"))
            } matching: { issue in
                Self.comments(issue).contains("HOOKCHECK_RECORD=true is not understood")
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == "same\n")
        }
    }

    static let readme = "# Title\n\nBefore.\n<!-- table:begin -->\nold row\n<!-- table:end -->\nAfter.\n"

    @Test("a README section compares only the text between its markers")
    func sectionCompare() throws {
        try Self.withScratch { directory in
            let file = directory.appendingPathComponent("README.md")
            try Self.readme.write(to: file, atomically: true, encoding: .utf8)
            try checkMarkedSection("table", "old row\n", in: file, mode: .compare)
            try withKnownIssue {
                try checkMarkedSection("table", "new row\n", in: file, mode: .compare)
            } matching: { issue in
                Self.comments(issue).contains("re-record with HOOKCHECK_RECORD=1 if the change is intended")
            }
        }
    }

    @Test("recording a README section replaces just that section, then fails; in CI it writes nothing")
    func sectionRecord() throws {
        try Self.withScratch { directory in
            let file = directory.appendingPathComponent("README.md")
            try Self.readme.write(to: file, atomically: true, encoding: .utf8)
            try withKnownIssue {
                try checkMarkedSection("table", "new row\n", in: file, mode: .refuse)
            } matching: { issue in
                let text = Self.comments(issue)
                return text.contains("refusing to record in CI") || text.contains("re-record with HOOKCHECK_RECORD=1")
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == Self.readme)
            try withKnownIssue {
                try checkMarkedSection("table", "new row\nand another\n", in: file, mode: .record)
            } matching: { issue in
                Self.comments(issue).contains("recorded the table section of \(file.path); run again without HOOKCHECK_RECORD")
            }
            #expect(try String(contentsOf: file, encoding: .utf8)
                    == "# Title\n\nBefore.\n<!-- table:begin -->\nnew row\nand another\n<!-- table:end -->\nAfter.\n")
            try checkMarkedSection("table", "new row\nand another\n", in: file, mode: .compare)
        }
    }

    @Test("missing, repeated or misordered markers fail, recording or not", arguments: [
        "no markers at all\n",
        "<!-- table:begin -->\nrow\n",
        "row\n<!-- table:end -->\n",
        "<!-- table:begin -->row<!-- table:end -->\n",
        "<!-- table:end -->\n<!-- table:begin -->\n",
        "<!-- table:begin -->\na\n<!-- table:end -->\n<!-- table:begin -->\nb\n<!-- table:end -->\n",
    ], [RecordMode.compare, .record])
    func badMarkers(_ text: String, _ mode: RecordMode) throws {
        try Self.withScratch { directory in
            let file = directory.appendingPathComponent("README.md")
            try text.write(to: file, atomically: true, encoding: .utf8)
            try withKnownIssue {
                try checkMarkedSection("table", "row\n", in: file, mode: mode)
            } matching: { issue in
                Self.comments(issue).contains("table:")
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == text, "nothing written")
        }
    }
}
