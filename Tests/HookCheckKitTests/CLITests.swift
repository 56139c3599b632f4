import Foundation
import Testing
@testable import HookCheckKit

@Suite("Command line")
struct CLITests {
    static let valid = driftRequest(#"{"orgId":1,"type":"gdpr_delete_requested","data":{"email":"a@example.com","requesterId":7},"token":"tok-123"}"#)
    static let warning = driftRequest(#"{"orgId":1,"type":"contact_updated","data":{"endUserId":1,"timestamp":1538591450,"diff":[]},"token":"tok-123"}"#)
    static let broken = driftRequest(#"{"orgId":1,"type":"gdpr_delete_requested","data":{"email":"a@example.com" "requesterId":7}}"#)

    struct ExitCase: CustomStringConvertible, Sendable {
        var arguments: [String]
        var stdin: String
        var status: Int32
        var variables: [String: String] = [:]
        var description: String { arguments.joined(separator: " ") }
    }

    static let exitCases: [ExitCase] = [
        ExitCase(arguments: [], stdin: valid, status: 0),
        ExitCase(arguments: ["-"], stdin: valid, status: 0),
        ExitCase(arguments: ["inspect", "--format", "json"], stdin: valid, status: 0),
        ExitCase(arguments: [], stdin: broken, status: 1),
        ExitCase(arguments: [], stdin: warning, status: 0),
        ExitCase(arguments: ["--strict"], stdin: warning, status: 1),
        ExitCase(arguments: ["--secret", "tok-123"], stdin: valid, status: 0),
        ExitCase(arguments: ["--secret", "other"], stdin: valid, status: 1),
        ExitCase(arguments: ["--secret-env", "T"], stdin: valid, status: 0, variables: ["T": "tok-123"]),
        ExitCase(arguments: ["--secret-env", "UNSET"], stdin: valid, status: 2),
        ExitCase(arguments: ["--secret-file", "/nonexistent/token"], stdin: valid, status: 2),
        ExitCase(arguments: ["/nonexistent/capture.http"], stdin: "", status: 2),
        ExitCase(arguments: ["--fromat", "json"], stdin: valid, status: 2),
        ExitCase(arguments: ["--format", "xml"], stdin: valid, status: 2),
        ExitCase(arguments: ["--vendor", "drfit"], stdin: valid, status: 2),
        ExitCase(arguments: ["--color", "sometimes"], stdin: valid, status: 2),
        ExitCase(arguments: ["--now", "yesterday"], stdin: valid, status: 2),
        ExitCase(arguments: ["--max-age", "5 minutes"], stdin: valid, status: 2),
        ExitCase(arguments: ["-H", "no colon"], stdin: valid, status: 2),
        ExitCase(arguments: ["lint"], stdin: valid, status: 2),
        ExitCase(arguments: ["verify"], stdin: valid, status: 1),
        ExitCase(arguments: ["verify", "--secret", "tok-123"], stdin: valid, status: 0),
        ExitCase(arguments: ["verify", "--secret", "nope"], stdin: valid, status: 1),
        ExitCase(arguments: ["verify", "a", "b"], stdin: valid, status: 2),
        ExitCase(arguments: ["--help"], stdin: "", status: 0),
        ExitCase(arguments: ["--version"], stdin: "", status: 0),
        ExitCase(arguments: ["help", "lint"], stdin: "", status: 0),
        ExitCase(arguments: ["help", "nosuch"], stdin: "", status: 2),
        ExitCase(arguments: ["--show-secrets"], stdin: valid, status: 0),
        ExitCase(arguments: ["--vendor", "drift"], stdin: #"{"something":"else"}"#, status: 1),
        ExitCase(arguments: [], stdin: "", status: 1),
        ExitCase(arguments: ["--now", "2026-01-01T00:00:00Z", "--max-age", "5m", "--strict"],
                 stdin: driftRequest(#"{"orgId":1,"type":"app_disconnected","data":{"appId":"a","timestamp":1767225000000},"token":"tok-123"}"#), status: 1),
        ExitCase(arguments: ["--now", "1767225600", "--max-age", "1h", "--strict"],
                 stdin: driftRequest(#"{"orgId":1,"type":"app_disconnected","data":{"appId":"a","timestamp":1767225000000},"token":"tok-123"}"#), status: 0),
    ]

    @Test("exit status", arguments: exitCases)
    func exitStatus(_ testCase: ExitCase) {
        let result = runCLI(testCase.arguments, stdin: testCase.stdin, variables: testCase.variables)
        #expect(result.status == testCase.status, "stdout: \(result.out)\nstderr: \(result.err)")
    }

    @Test("a usage error names the problem, suggests the nearest option, prints the usage line")
    func usageError() {
        let result = runCLI(["--fromat", "json"])
        #expect(result.out.isEmpty)
        #expect(result.err == """
            Error: Unknown option '--fromat'
            Did you mean '--format'?
            Usage: hookcheck [inspect] [OPTIONS] [PATH|-]...
              See 'hookcheck --help' for more information.

            """)
        let vendor = runCLI(["--vendor", "drfit"])
        #expect(vendor.err.contains("Did you mean '--vendor drift'?"))
    }

    @Test("--help lists every option of its command, and every listed option parses")
    func helpMetadata() {
        for command in Command.allCases {
            let help = runCLI([command.rawValue, "--help"]).out
            for option in OptionTable.all where option.commands.contains(command) {
                #expect(help.contains(option.display), "\(command) help lacks \(option.long)")
            }
            #expect(help.contains("USAGE: " + command.usage))
        }
        let top = runCLI(["--help"]).out
        for section in ["OVERVIEW:", "USAGE:", "ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:", "EXIT STATUS:"] {
            #expect(top.contains(section))
        }
        // Every option word in the help text is one the parser knows.
        let words = top.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" }).filter { $0.hasPrefix("--") }
        for word in words {
            let name = word.split(separator: "=").first.map(String.init) ?? String(word)
            let option = name.trimmingCharacters(in: .punctuationCharacters.subtracting(CharacterSet(charactersIn: "-")))
            // `help --man` belongs to help, which is not a command with options of its own.
            #expect(OptionTable.spec(long: option) != nil || option == Completion.manOption, "unknown \(word)")
        }
    }

    @Test("--version prints the version")
    func version() {
        #expect(runCLI(["--version"]).out == "hookcheck \(HookCheckVersion.current)\n")
    }

    @Test("NDJSON: one record per request per line, secrets never printed")
    func ndjson() throws {
        let stream = Self.valid + "\n" + Self.broken
        let result = runCLI(["--format", "ndjson", "--secret", "tok-123"], stdin: stream)
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["index"] as? Int == 0)
        #expect(first?["valid"] as? Bool == true)
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        #expect(second?["index"] as? Int == 1)
        #expect(second?["line"] as? Int == 8)
        #expect(!result.out.contains("tok-123"))
        #expect(!result.err.contains("tok-123"))
    }

    @Test("-H adds headers to a bare body")
    func extraHeader() throws {
        let body = #"{"orgId":1,"type":"gdpr_delete_requested","data":{"email":"a@example.com","requesterId":7}}"#
        let result = runCLI(["-H", "X-Verification-Token: tok-123", "--secret", "tok-123", "--format", "ndjson"], stdin: body)
        #expect(result.status == 0)
        #expect(result.out.contains(#""detail":"header token (the body has no token) matches --secret""#))
    }

    @Test("colour only when asked for or on a terminal; NO_COLOR honoured")
    func colour() {
        #expect(!runCLI([], stdin: Self.valid).out.contains("\u{1B}["))
        #expect(runCLI(["--color", "always"], stdin: Self.valid).out.contains("\u{1B}["))
        #expect(!runCLI(["--color", "never"], stdin: Self.valid).out.contains("\u{1B}["))
        #expect(ColorChoice.auto.enabled(environment: [:], isTerminal: true))
        #expect(!ColorChoice.auto.enabled(environment: ["NO_COLOR": "1"], isTerminal: true))
        #expect(!ColorChoice.auto.enabled(environment: ["TERM": "dumb"], isTerminal: true))
        #expect(ColorChoice.always.enabled(environment: ["NO_COLOR": "1"], isTerminal: false))
    }

    @Test("--quiet leaves out valid requests and info findings")
    func quiet() {
        #expect(runCLI(["--quiet"], stdin: Self.valid).out.isEmpty)
        #expect(runCLI(["--quiet"], stdin: Self.broken).out.contains("json.syntax"))
    }

    @Test("verify says why")
    func verify() {
        let result = runCLI(["verify", "--secret-env", "DRIFT"], stdin: Self.valid, variables: ["DRIFT": "wrong"])
        #expect(result.status == 1)
        #expect(result.out.contains("drift drift-token: invalid — the token does not match --secret-env DRIFT"))
        #expect(!result.out.contains("wrong"))
    }

    @Test("lint: compiler-style lines and a summary counting files")
    func lint() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.valid.write(to: directory.appendingPathComponent("a.http"), atomically: true, encoding: .utf8)
        try Self.broken.write(to: directory.appendingPathComponent("b.http"), atomically: true, encoding: .utf8)
        try Self.broken.write(to: directory.appendingPathComponent(".hidden.http"), atomically: true, encoding: .utf8)
        let result = runCLI(["lint", "--quiet", directory.path])
        #expect(result.status == 1)
        #expect(result.out == """
            \(directory.path)/b.http:7:75: error: expected ',' or '}' after object member, found string [json.syntax]
            1 passed, 1 failed

            """)
    }
}
