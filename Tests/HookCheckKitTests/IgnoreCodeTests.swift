import Testing
@testable import HookCheckKit

/// `--ignore CODE` for inspect, lint and verify: findings dropped before the exit status; a code
/// no registered code matches is a usage error naming the nearest; diff keeps its own `--ignore`.
@Suite("--ignore CODE")
struct IgnoreCodeTests {
    /// A Drift request with one warning: its timestamp is in seconds (schema.timestamp-unit).
    static let warning = CLITests.warning
    /// The same request with a token that does not match --secret (auth.mismatch, an error).
    static let valid = CLITests.valid

    struct Row: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        /// Each given as `--ignore VALUE` after the arguments.
        var ignore: [String] = []
        var stdin: String
        var status: Int32
        /// A code that must not be printed (the ignored one), or nil.
        var absent: String? = nil
        /// Text standard error must hold, for usage errors.
        var error: String? = nil
        var testDescription: String { full.joined(separator: " ") }
        var full: [String] { arguments + ignore.flatMap { ["--ignore", $0] } }
    }

    static let rows: [Row] = [
        // The warning is there, and fails the run under --strict, until it is ignored.
        Row(arguments: ["--strict", "--format", "ndjson"], stdin: warning, status: 1),
        Row(arguments: ["--strict", "--format", "ndjson"], ignore: ["schema.timestamp-unit"], stdin: warning, status: 0, absent: "schema.timestamp-unit"),
        Row(arguments: ["--strict", "--format", "ndjson", "--ignore=schema.*"], stdin: warning, status: 0, absent: "schema.timestamp-unit"),
        Row(arguments: ["--strict", "--format", "ndjson"], ignore: ["*"], stdin: warning, status: 0, absent: "schema.timestamp-unit"),
        Row(arguments: ["--strict", "--format", "ndjson"], ignore: ["auth.*"], stdin: warning, status: 1),
        Row(arguments: ["lint", "--strict", "-"], stdin: warning, status: 1),
        Row(arguments: ["lint", "--strict", "-"], ignore: ["auth.mismatch", "schema.timestamp-*"], stdin: warning, status: 0,
            absent: "schema.timestamp-unit"),
        // An error-level finding is dropped as well.
        Row(arguments: ["--secret", "other", "--format", "ndjson"], stdin: valid, status: 1),
        Row(arguments: ["--secret", "other", "--format", "ndjson"], ignore: ["auth.mismatch"], stdin: valid, status: 0, absent: "auth.mismatch"),
        // verify still needs a valid signature: ignoring the finding does not make a forgery pass.
        Row(arguments: ["verify", "--secret", "other"], ignore: ["auth.mismatch"], stdin: valid, status: 1),
        Row(arguments: ["verify", "--secret", "tok-123"], ignore: ["auth.*"], stdin: valid, status: 0),
        // A code no registered code matches is a typo.
        Row(arguments: [], ignore: ["schema.timestamp-unti"], stdin: warning, status: 2,
            error: "Error: Unknown finding code 'schema.timestamp-unti' for '--ignore <code>'; 'hookcheck explain' lists them\nDid you mean '--ignore schema.timestamp-unit'?\n"),
        Row(arguments: ["lint", "-"], ignore: ["shema.*"], stdin: warning, status: 2, error: "Did you mean '--ignore schema.*'?"),
        Row(arguments: ["verify"], ignore: ["nothing-like-it"], stdin: valid, status: 2, error: "Unknown finding code 'nothing-like-it'"),
        // diff's --ignore is a JSON Pointer, as before.
        Row(arguments: ["diff", "--ignore", "auth.*", "-", "-"], stdin: valid, status: 2, error: "a JSON Pointer starts with '/'"),
    ]

    @Test("exit status, and the ignored code is not printed", arguments: rows)
    func row(_ row: Row) {
        let result = runCLI(row.full, stdin: row.stdin)
        #expect(result.status == row.status, "\(result.out)\(result.err)")
        if let absent = row.absent { #expect(!result.out.contains(absent), "\(result.out)") }
        if let error = row.error { #expect(result.err.contains(error), "\(result.err)") }
        // Each row's code is really printed without --ignore, so the absent check can fail.
        if let absent = row.absent {
            let without = runCLI(row.arguments.filter { !$0.hasPrefix("--ignore") }, stdin: row.stdin)
            #expect(without.out.contains(absent), "\(without.out)")
        }
    }

    @Test("one spelling, each command's own meaning in its own help")
    func help() {
        #expect(Help.text(for: .inspect).contains("  --ignore <code> "))
        #expect(Help.text(for: .lint).contains("  --ignore <code> "))
        #expect(Help.text(for: .verify).contains("  --ignore <code> "))
        #expect(Help.text(for: .diff).contains("  --ignore <pointer> "))
        #expect(!Help.text(for: .diff).contains("--ignore <code>"))
        #expect(!Help.text(for: .sign).contains("--ignore"))
        #expect(OptionTable.spec(long: "--ignore", command: .diff)?.key == .ignorePointer)
        #expect(OptionTable.spec(long: "--ignore", command: .lint)?.key == .ignoreCode)
    }

    struct PatternRow: CustomTestStringConvertible, Sendable {
        var pattern: String
        var code: String
        var matches: Bool
        var testDescription: String { "\(pattern) ~ \(code)" }
    }

    static let patterns: [PatternRow] = [
        PatternRow(pattern: "auth.mismatch", code: "auth.mismatch", matches: true),
        PatternRow(pattern: "auth.*", code: "auth.mismatch", matches: true),
        PatternRow(pattern: "auth.*", code: "schema.type", matches: false),
        PatternRow(pattern: "auth", code: "auth.mismatch", matches: false),
        PatternRow(pattern: "*.syntax", code: "json.syntax", matches: true),
        PatternRow(pattern: "schema.unknown-field", code: "schema.unknown-field", matches: true),
    ]

    @Test("patterns match code ids", arguments: patterns)
    func pattern(_ row: PatternRow) throws {
        let code = try #require(FindingCodeRegistry.code(id: row.code), "\(row.code) is not a registered code")
        #expect(FindingCodePattern(row.pattern).matches(code) == row.matches)
    }
}
