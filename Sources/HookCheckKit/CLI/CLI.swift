import HookCheckModel

/// The command line: `CLI.run(arguments, io:)` parses, runs a command and returns the exit status.
public enum CLI {
    public static func run(_ arguments: [String], io: CLIEnvironment) -> Int32 {
        defer { io.flush() }
        return dispatch(arguments, io: io).rawValue
    }

    private static func dispatch(_ arguments: [String], io: CLIEnvironment) -> ExitStatus {
        if arguments.first == "help" {
            let topic = arguments.dropFirst().first
            if topic == nil || topic == "help" || topic == "--help" || topic == "-h" {
                io.out(Help.text(for: nil))
                return .valid
            }
            if topic == "--man" {
                io.out(ManPage.text())
                return .valid
            }
            if topic == "inputs" {
                io.out(HelpInputs.text())
                return .valid
            }
            guard let topic, let command = Command(rawValue: topic) else {
                return usageFailure(unknownSubcommand(topic ?? ""), command: nil, io: io)
            }
            io.out(Help.text(for: command))
            return .valid
        }
        // A mistyped subcommand is not a missing file: `hookcheck lnt fixtures/`.
        if let first = arguments.first, Command(rawValue: first) == nil, !first.hasPrefix("-"), !pathExists(first),
           !first.contains("/"), !first.contains("."), Spelling.nearest(first, in: Command.allCases.map(\.rawValue), limit: 2) != nil {
            return usageFailure(unknownSubcommand(first), command: nil, io: io)
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
            case .verify: return VerifyCommand(settings: settings, io: io).run()
            case .sign: return try SignCommand(settings: settings, parsed: parsed, io: io).run()
            case .vendors: return try VendorsCommand(settings: settings, io: io).run()
            case .diff: return try DiffCommand(settings: settings, parsed: parsed, io: io).run()
            case .explain: return try ExplainCommand(settings: settings, io: io).run()
            case .completions: return try CompletionsCommand(settings: settings, io: io).run()
            }
        } catch {
            return usageFailure(error, command: parsed.command, io: io)
        }
    }

    private static func unknownSubcommand(_ word: String) -> UsageError {
        UsageError(message: "Unknown subcommand '\(word)'",
                   suggestion: Spelling.nearest(word, in: Command.allCases.map(\.rawValue) + ["help"], limit: 2))
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
