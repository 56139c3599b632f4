@testable import HookCheckKit
import Testing

/// Each command's help says its own choices, taken from the same values the parser accepts.
@Suite("CLI: help per command")
struct CommandHelpTests {
    /// The OPTIONS line of `option` in `command`'s help.
    static func line(_ option: String, in command: Command) -> String? {
        runCLI([command.rawValue, "--help"]).out.split(separator: "\n").map(String.init)
            .first { $0.hasPrefix("  " + option + " ") || $0.contains(", " + option + " ") }
    }

    @Test("--format lists exactly the command's formats, the first as the default", arguments: Command.allCases)
    func formats(_ command: Command) throws {
        guard OptionTable.spec(.format)?.commands.contains(command) == true else {
            #expect(Self.line("--format", in: command) == nil)
            return
        }
        let line = try #require(Self.line("--format", in: command))
        let own = command.formats.map(\.rawValue)
        #expect(line.contains(" \(own[0]) (default)"), "\(line)")
        for format in OutputFormat.allCases {
            #expect(line.contains(" " + format.rawValue) == own.contains(format.rawValue), "\(command): \(line)")
        }
        #expect(!line.contains("lint:"), "\(line)")
    }

    @Test("every value --format names in a command's help is one that command accepts", arguments: Command.allCases)
    func formatsParse(_ command: Command) {
        for format in command.formats where OptionTable.spec(.format)?.commands.contains(command) == true {
            let result = runCLI([command.rawValue, "--format", format.rawValue, "--help"])
            #expect(result.status == 0, "\(command) --format \(format.rawValue): \(result.err)")
        }
    }

    @Test("--color and --emit list their enums' values")
    func colorAndEmit() throws {
        let color = try #require(Self.line("--color", in: .lint))
        for choice in ColorChoice.allCases { #expect(color.contains(choice.rawValue), "\(color)") }
        let emit = try #require(Self.line("--emit", in: .sign))
        for mode in EmitMode.allCases { #expect(emit.contains(mode.rawValue), "\(emit)") }
        #expect(emit.contains("header (default)"))
        #expect(!emit.contains("sign:"), "the sign command's own help need not name itself: \(emit)")
    }

    @Test("the phrase joins choices as prose", arguments: [
        ([], ""), (["a"], "a"), (["a", "b"], "a or b"), (["a", "b", "c"], "a, b or c"),
    ])
    func phrase(_ values: [String], _ expected: String) {
        #expect(OptionChoice.phrase(values.map { OptionChoice(value: $0) }) == expected)
    }

    @Test("the overview points to help inputs, explain and the manual page")
    func overviewLinks() {
        let help = runCLI(["--help"]).out
        for link in ["'hookcheck help inputs'", "'hookcheck explain'", "hookcheck help --man"] {
            #expect(help.contains(link), "the overview lacks \(link)")
        }
        #expect(runCLI(["help", "inputs"]).status == 0)
        #expect(runCLI(["explain"]).status == 0)
    }
}
