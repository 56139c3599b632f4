/// The command line: `CLI.run(arguments, io:)` parses, runs a command and returns the exit status.
public enum CLI {
    public static let exitValid: Int32 = 0
    public static let exitFindings: Int32 = 1
    public static let exitTrouble: Int32 = 2

    public static func run(_ arguments: [String], io: CLIEnvironment) -> Int32 {
        defer { io.flush() }
        if arguments.first == "help" {
            let topic = arguments.dropFirst().first
            guard let topic else {
                io.out(Help.text(for: nil))
                return exitValid
            }
            guard let command = Command(rawValue: topic) else {
                return usageFailure(UsageError(message: "Unknown subcommand '\(topic)'", suggestion: nil), command: nil, io: io)
            }
            io.out(Help.text(for: command))
            return exitValid
        }
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentParser.parse(arguments)
        } catch {
            let explicit = arguments.first.flatMap(Command.init(rawValue:))
            return usageFailure(error, command: explicit, io: io)
        }
        if parsed.has("--help") {
            let explicit = arguments.first.flatMap(Command.init(rawValue:))
            io.out(Help.text(for: explicit))
            return exitValid
        }
        if parsed.has("--version") {
            io.out("hookcheck \(Help.version)\n")
            return exitValid
        }
        let settings: RunSettings
        do {
            settings = try RunSettings(parsed, io: io)
        } catch {
            return usageFailure(error, command: parsed.command, io: io)
        }
        // With no path and a terminal on standard input there is nothing to read: say how to use it.
        if parsed.paths.isEmpty, io.stdinIsTerminal, parsed.command != .vendors, parsed.command != .diff {
            let name = parsed.command == .inspect ? "hookcheck" : "hookcheck \(parsed.command.rawValue)"
            return usageFailure(UsageError(message: "no input: give a path, or pipe a request into \(name)", suggestion: nil),
                                command: parsed.command, io: io)
        }
        switch parsed.command {
        case .inspect: return InspectCommand(settings: settings, io: io).run()
        case .lint: return LintCommand(settings: settings, io: io).run()
        case .verify: return VerifyCommand(settings: settings, io: io).run()
        case .sign: return SignCommand(settings: settings, io: io).run()
        case .vendors: return VendorsCommand(settings: settings, io: io).run()
        case .diff: return DiffCommand(settings: settings, io: io).run()
        }
    }

    static func usageFailure(_ error: UsageError, command: Command?, io: CLIEnvironment) -> Int32 {
        var text = "Error: \(error.message)\n"
        if let suggestion = error.suggestion { text += "Did you mean '\(suggestion)'?\n" }
        text += "Usage: \((command ?? .inspect).usage)\n"
        text += "  See 'hookcheck \(command.map { "help \($0.rawValue)" } ?? "--help")' for more information.\n"
        io.err(text)
        return exitTrouble
    }
}
