import HookCheckModel

/// Where a run reads and writes: the real process streams, or memory for in-process tests.
public final class CLIEnvironment {
    /// Standard input: a descriptor to stream from, or bytes given by a test.
    public enum Input {
        case descriptor(Int32)
        case bytes([UInt8])
    }

    public let standardInput: Input
    public let stdinIsTerminal: Bool
    public let stdoutIsTerminal: Bool
    public let variables: [String: String]
    /// Where the search for `.hookcheck.json` starts; nil: the process's current directory.
    public let workingDirectory: String?
    private let writeOut: ([UInt8]) -> Void
    private let writeErr: ([UInt8]) -> Void
    private var pending: [UInt8] = []

    public init(standardInput: Input, stdinIsTerminal: Bool, stdoutIsTerminal: Bool,
                variables: [String: String], workingDirectory: String? = nil,
                writeOut: @escaping ([UInt8]) -> Void, writeErr: @escaping ([UInt8]) -> Void) {
        self.standardInput = standardInput
        self.stdinIsTerminal = stdinIsTerminal
        self.stdoutIsTerminal = stdoutIsTerminal
        self.variables = variables
        self.workingDirectory = workingDirectory
        self.writeOut = writeOut
        self.writeErr = writeErr
    }

    /// The process's own streams and environment.
    public static var standard: CLIEnvironment {
        var variables: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return CLIEnvironment(standardInput: .descriptor(0), stdinIsTerminal: isatty(0) == 1,
                              stdoutIsTerminal: isatty(1) == 1, variables: variables,
                              writeOut: { writeAll(1, $0) }, writeErr: { writeAll(2, $0) })
    }

    /// Buffers standard output; flushed in large pieces.
    public func out(_ text: String) {
        pending += text.utf8
        if pending.count >= 1 << 16 { flush() }
    }

    public func out(bytes: [UInt8]) {
        pending += bytes
        if pending.count >= 1 << 16 { flush() }
    }

    /// Standard error is written at once, after what standard output holds.
    public func err(_ text: String) {
        flush()
        writeErr(Array(text.utf8))
    }

    public func flush() {
        guard !pending.isEmpty else { return }
        writeOut(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
