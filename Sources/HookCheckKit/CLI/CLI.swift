import HookCheckModel

/// The command line: `CLI.run(arguments, io:)` parses, runs a command and returns the exit status.
public enum CLI {
    public static func run(_ arguments: [String], io: CLIEnvironment) -> Int32 {
        defer { io.flush() }
        return dispatch(arguments, io: io).rawValue
    }

    private static func dispatch(_ arguments: [String], io: CLIEnvironment) -> ExitStatus {
        if arguments.first == "help" {
            guard let topic = arguments.dropFirst().first else {
                io.out(Help.text(for: nil))
                return .valid
            }
            if topic == "inputs" {
                io.out(HelpInputs.text())
                return .valid
            }
            guard let command = Command(rawValue: topic) else {
                return usageFailure(UsageError(message: "Unknown subcommand '\(topic)'", suggestion: nil), command: nil, io: io)
            }
            io.out(Help.text(for: command))
            return .valid
        }
        let explicit = arguments.first.flatMap(Command.init(rawValue:))
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentParser.parse(arguments)
        } catch {
            return usageFailure(error, command: explicit, io: io)
        }
        if parsed.has(.help) {
            io.out(Help.text(for: explicit))
            return .valid
        }
        if parsed.has(.version) {
            io.out("hookcheck \(HookCheckVersion.current)\n")
            return .valid
        }
        do throws(UsageError) {
            let settings = try RunSettings(parsed, io: io)
            // With no path and a terminal on standard input there is nothing to read: say how to use it.
            if parsed.paths.isEmpty, io.stdinIsTerminal, parsed.command.readsRequests, parsed.command != .diff {
                let name = parsed.command == .inspect ? "hookcheck" : "hookcheck \(parsed.command.rawValue)"
                throw UsageError(message: "no input: give a path, or pipe a request into \(name)", suggestion: nil)
            }
            switch parsed.command {
            case .inspect: return InspectCommand(settings: settings, io: io).run()
            case .lint: return try LintCommand(settings: settings, parsed: parsed, io: io).run()
            case .verify: return try VerifyCommand(settings: settings, io: io).run()
            case .sign: return try SignCommand(settings: settings, parsed: parsed, io: io).run()
            case .vendors: return try VendorsCommand(settings: settings, io: io).run()
            case .diff: return try DiffCommand(settings: settings, parsed: parsed, io: io).run()
            case .explain: return try ExplainCommand(settings: settings, io: io).run()
            }
        } catch {
            return usageFailure(error, command: parsed.command, io: io)
        }
    }

    static func usageFailure(_ error: UsageError, command: Command?, io: CLIEnvironment) -> ExitStatus {
        var text = "Error: \(error.message)\n"
        if let suggestion = error.suggestion { text += "Did you mean '\(suggestion)'?\n" }
        text += "Usage: \((command ?? .inspect).usage)\n"
        text += "  See 'hookcheck \(command.map { "help \($0.rawValue)" } ?? "--help")' for more information.\n"
        io.err(text)
        return .trouble
    }
}
