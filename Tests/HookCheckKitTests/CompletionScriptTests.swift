import Foundation
@testable import HookCheckKit
import Testing

/// `hookcheck completions SHELL`: scripts the real shells accept, offering every option and value.
@Suite("CLI: completion scripts")
struct CompletionScriptTests {
    static func script(_ shell: Shell) -> String {
        let result = runCLI(["completions", shell.rawValue])
        #expect(result.status == 0, "\(result.err)")
        return result.out
    }

    /// The command that checks a script's syntax without running it.
    static func syntaxCheck(_ shell: Shell) -> (program: String, arguments: [String]) {
        switch shell {
        case .bash: ("bash", ["-n"])
        case .zsh: ("zsh", ["-n"])
        case .fish: ("fish", ["--no-execute"])
        }
    }

    @Test("the script is valid syntax for its shell (skipped when the shell is absent)", arguments: Shell.allCases)
    func syntax(_ shell: Shell) throws {
        let check = Self.syntaxCheck(shell)
        guard let program = toolPath(check.program) else { return }
        let file = try temporaryFile(named: "hookcheck.\(shell.rawValue)", Self.script(shell))
        let result = try runTool(program, check.arguments + [file.path])
        #expect(result.status == 0, "\(shell): \(result.err)")
        #expect(result.err.isEmpty, "\(shell): \(result.err)")
    }

    @Test("every option of every command, every subcommand and every fixed value is in each script", arguments: Shell.allCases)
    func everything(_ shell: Shell) {
        let script = Self.script(shell)
        for command in Command.allCases {
            #expect(script.contains(command.rawValue), "\(shell) lacks \(command)")
            for option in OptionTable.all where option.commands.contains(command) {
                // fish spells a long option without its dashes (-l format).
                let long = shell == .fish ? "-l " + option.long.dropFirst(2) : option.long
                #expect(script.contains(long), "\(shell) lacks \(option.long) of \(command)")
                if let short = option.short {
                    #expect(script.contains(shell == .fish ? "-s \(short)" : "-\(short)"), "\(shell) lacks -\(short)")
                }
                for choice in option.choices(for: command) ?? [] {
                    #expect(script.contains(choice.value), "\(shell) lacks \(choice.value) for \(option.long)")
                }
            }
        }
        for code in FindingCodeRegistry.all {
            #expect(script.contains(code.id), "\(shell) lacks the code \(code.id)")
        }
        for sender in SenderRegistry.all {
            #expect(script.contains(sender.id), "\(shell) lacks the vendor \(sender.id)")
        }
        #expect(script.contains("inputs") && script.contains("man"), "\(shell) lacks help's topics")
    }

    /// The candidates the bash script offers for `words` (the last one being completed), in an empty folder.
    static func bashComplete(_ words: [String]) throws -> [String]? {
        guard let bash = toolPath("bash") else { return nil }
        let file = try temporaryFile(named: "hookcheck.bash", script(.bash))
        let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
        let driver = """
            source '\(file.path)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            _hookcheck hookcheck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try runTool(bash, ["-c", driver], in: try emptyFolder())
        #expect(result.status == 0, "\(result.err)")
        return result.out.split(separator: "\n").map(String.init)
    }

    static func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    struct BashCase: CustomTestStringConvertible, Sendable {
        var words: [String]
        var expected: [String]
        var testDescription: String { words.joined(separator: " ") + "<TAB>" }
    }

    static let bashCases: [BashCase] = [
        BashCase(words: ["hookcheck", "li"], expected: ["lint"]),
        BashCase(words: ["hookcheck", "lint", "--for"], expected: ["--format"]),
        BashCase(words: ["hookcheck", "lint", "--format", ""], expected: Command.lint.formats.map(\.rawValue)),
        BashCase(words: ["hookcheck", "--format", ""], expected: Command.inspect.formats.map(\.rawValue)),
        BashCase(words: ["hookcheck", "lint", "--format", "=", "j"], expected: Command.lint.formats.map(\.rawValue).filter { $0.hasPrefix("j") }),
        BashCase(words: ["hookcheck", "sign", "--emit", ""], expected: EmitMode.allCases.map(\.rawValue)),
        BashCase(words: ["hookcheck", "verify", "--color", ""], expected: ColorChoice.allCases.map(\.rawValue)),
        BashCase(words: ["hookcheck", "lint", "--expect-vendor", ""], expected: SenderRegistry.all.map(\.id)),
        BashCase(words: ["hookcheck", "explain", "auth."], expected: FindingCodeRegistry.all.map(\.id).filter { $0.hasPrefix("auth.") }),
        BashCase(words: ["hookcheck", "help", ""], expected: Command.allCases.map(\.rawValue) + ["inputs"]),
        BashCase(words: ["hookcheck", "completions", ""], expected: Shell.allCases.map(\.rawValue)),
        BashCase(words: ["hookcheck", "diff", "--ig"], expected: ["--ignore"]),
        BashCase(words: ["hookcheck", "inspect", "--ign"], expected: ["--ignore"]),
        BashCase(words: ["hookcheck", "vendors", "--ign"], expected: []),
    ]

    @Test("bash completes words the way the option table says (skipped without bash)", arguments: bashCases)
    func bash(_ testCase: BashCase) throws {
        guard let offered = try Self.bashComplete(testCase.words) else { return }
        #expect(offered == testCase.expected)
    }

    @Test("bash offers files for a path-valued option and for paths")
    func bashFiles() throws {
        guard let bash = toolPath("bash") else { return }
        let file = try temporaryFile(named: "hookcheck.bash", Self.script(.bash))
        let folder = file.deletingLastPathComponent()
        try "{}".write(to: folder.appendingPathComponent("payload.json"), atomically: true, encoding: .utf8)
        for words in [["hookcheck", "lint", "--output", "pay"], ["hookcheck", "lint", "pay"], ["hookcheck", "pay"]] {
            let driver = """
                source hookcheck.bash
                COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " "))); COMP_CWORD=\(words.count - 1)
                _hookcheck
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let result = try runTool(bash, ["-c", driver], in: folder)
            #expect(result.out == "payload.json\n", "\(words): \(result.out) \(result.err)")
        }
    }

    @Test("an unknown or missing shell is a usage error")
    func usage() {
        let typo = runCLI(["completions", "zhs"])
        #expect(typo.status == 2)
        #expect(typo.err.contains("Unknown shell 'zhs'\nDid you mean 'zsh'?"))
        #expect(runCLI(["completions"]).status == 2)
    }
}
