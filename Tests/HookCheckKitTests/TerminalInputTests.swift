import Foundation
import Testing
@testable import HookCheckKit

@Suite("A terminal on standard input")
struct TerminalInputTests {
    @Test("with no path, print the usage instead of waiting", arguments: [["inspect"], ["verify"], ["sign", "--vendor", "drift", "--secret", "x"], []])
    func usage(_ arguments: [String]) {
        final class Box: @unchecked Sendable { var out: [UInt8] = []; var err: [UInt8] = [] }
        let box = Box()
        let io = CLIEnvironment(standardInput: .bytes([]), stdinIsTerminal: true, stdoutIsTerminal: false, variables: [:],
                                writeOut: { box.out += $0 }, writeErr: { box.err += $0 })
        #expect(CLI.run(arguments, io: io) == 2)
        let err = String(decoding: box.err, as: UTF8.self)
        #expect(err.hasPrefix("Error: no input: give a path, or pipe a request into hookcheck"))
        #expect(err.contains("Usage: hookcheck"))
    }
}
