import Foundation
import Testing
@testable import HookCheckKit

/// Every `$ hookcheck ...` line in the README's code blocks runs as shown, environment included,
/// and prints what is shown below it; `HOOKCHECK_RECORD=1` rewrites the outputs from real runs.
@Suite("README: every example runs as shown and prints what is shown")
struct ReadmeExamplesTests {
    @Test("the README's examples are real output")
    func examples() throws {
        enterPackageRoot()
        let url = packageRoot.appendingPathComponent("README.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let rerun = try Self.rerun(text)
        #expect(rerun.commands >= 10, "found only \(rerun.commands) examples")
        try checkRecorded(rerun.text, name: "README.md's examples", mode: .current, read: { text },
                          write: { try $0.write(to: url, atomically: true, encoding: .utf8) }, sourceLocation: #_sourceLocation)
    }

    /// The README with each example's output replaced by what the command prints now.
    static func rerun(_ text: String) throws -> (text: String, commands: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var inBlock = false
        var status: Int32 = 0
        var commands = 0
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.hasPrefix("```") { inBlock.toggle() }
            out.append(line)
            guard inBlock, line.hasPrefix("$ ") else { continue }
            var next = index
            while next < lines.count, !lines[next].hasPrefix("$ "), !lines[next].hasPrefix("```") { next += 1 }
            let command = try run(String(line.dropFirst(2)), lastStatus: &status)
            commands += 1
            out += command.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
            index = next
        }
        return (out.joined(separator: "\n"), commands)
    }

    /// Runs one shell line of the README: `[NAME=value ...] hookcheck ARGS` or `echo $?`.
    static func run(_ line: String, lastStatus: inout Int32) throws -> String {
        let words = try shellWords(line)
        if words == ["echo", "$?"] { return "\(lastStatus)\n" }
        var environment: [String: String] = [:]
        var rest = words[...]
        while let word = rest.first, let equals = word.firstIndex(of: "="), word.first?.isUppercase == true {
            environment[String(word[..<equals])] = String(word[word.index(after: equals)...])
            rest = rest.dropFirst()
        }
        guard rest.first == "hookcheck" else { throw FixtureError(description: "README example not runnable here: \(line)") }
        let result = runCLI(Array(rest.dropFirst()), variables: environment)
        lastStatus = result.status
        return result.out + result.err
    }

    /// Words split at blanks, single-quoted words kept whole.
    static func shellWords(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var inWord = false
        for character in line {
            if quoted {
                if character == "'" { quoted = false } else { current.append(character) }
            } else if character == "'" {
                quoted = true
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard !quoted else { throw FixtureError(description: "unbalanced quote in README example: \(line)") }
        if inWord { words.append(current) }
        return words
    }
}
