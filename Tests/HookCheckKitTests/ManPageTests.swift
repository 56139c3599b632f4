import Foundation
@testable import HookCheckKit
import Testing

/// `hookcheck help --man`: a roff page that renders cleanly and documents every option.
@Suite("CLI: manual page")
struct ManPageTests {
    static var page: String { runCLI(["help", "--man"]).out }

    @Test("the page has the usual sections, in order")
    func sections() {
        let headings = Self.page.split(separator: "\n").filter { $0.hasPrefix(".SH ") }.map { String($0.dropFirst(4)) }
        #expect(headings == ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO"])
        #expect(Self.page.hasPrefix(".TH HOOKCHECK 1 "))
    }

    @Test("groff renders it without a warning, and the rendered page holds every option, variable and command (skipped without groff)")
    func renders() throws {
        guard let groff = toolPath("groff") else { return }
        let file = try temporaryFile(named: "hookcheck.1", Self.page)
        let result = try runTool(groff, ["-man", "-Tutf8", "-ww", "-P", "-c", "-P", "-b", "-P", "-u", file.path],
                                 in: file.deletingLastPathComponent())
        #expect(result.status == 0)
        #expect(result.err.isEmpty, "groff warned: \(result.err)")
        // groff may hyphenate or join lines; options are compared as printed words.
        let text = result.out.replacingOccurrences(of: "\u{2010}\n", with: "").replacingOccurrences(of: "\u{2212}", with: "-")
        for command in Command.allCases {
            #expect(text.contains("hookcheck \(command.rawValue)"), "no section for \(command)")
            for option in OptionTable.all where option.commands.contains(command) {
                #expect(text.contains(option.long), "the page lacks \(option.long)")
            }
        }
        for (variable, _) in Help.environment {
            #expect(text.contains(variable), "the page lacks \(variable)")
        }
    }

    @Test("each command's options are listed under it, with that command's own choices", arguments: Command.allCases)
    func optionsPerCommand(_ command: Command) throws {
        let lines = Self.page.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: ".SS \"hookcheck \(command.rawValue)\""))
        let section = lines[(start + 1)...].prefix { !$0.hasPrefix(".SS") && !$0.hasPrefix(".SH") }
        let heads = section.indices.filter { section[$0] == ".TP" }.map { section[$0 + 1] }
        let expected = OptionTable.all.filter { $0.commands.contains(command) }
        #expect(heads.count == expected.count)
        for option in expected {
            let roffed = option.long.replacingOccurrences(of: "-", with: "\\-")
            #expect(heads.contains { $0.contains("\\fB" + roffed + "\\fR") }, "\(command) lacks \(option.long)")
        }
    }
}
