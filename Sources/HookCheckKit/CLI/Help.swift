import HookCheckModel

/// Help texts, built from the option table and the registries so they cannot disagree.
enum Help {
    static func text(for command: Command?) -> String {
        var lines: [String] = []
        let shown = command ?? .inspect
        lines.append("OVERVIEW: " + (command == nil
            ? summary
            : shown.overview))
        lines.append("")
        lines.append("USAGE: " + shown.usage)
        if command == nil {
            lines.append("       hookcheck <subcommand> [OPTIONS] ...")
        }
        lines.append("")
        lines.append("ARGUMENTS:")
        switch shown {
        case .lint:
            lines.append("  <path>                  Files or directories (walked recursively, hidden entries skipped).")
        case .inspect, .verify:
            lines.append("  <path>                  A file, a directory (walked recursively), or - for standard input (the default).")
        case .sign:
            lines.append("  <path>                  The body (byte for byte) or a request dump whose body to sign; - for standard input.")
        case .diff:
            lines.append("  <old> <new>             Two inputs in any supported capture form; - for standard input.")
        case .vendors:
            lines.append("  <vendor> <event>        A vendor's id (\(SenderRegistry.all.map(\.id).joined(separator: ", "))), then one of its events.")
        case .explain:
            lines.append("  <code>                  A finding code, as printed in brackets after a finding (json.syntax).")
        case .completions:
            lines.append("  <shell>                 " + OptionChoice.phrase(Shell.allCases.map { OptionChoice(value: $0.rawValue) }) + ".")
        }
        lines.append("")
        lines.append("OPTIONS:")
        let options = OptionTable.all.filter { $0.commands.contains(shown) }
        let width = (options.map(\.display.count).max() ?? 0) + 2
        for option in options {
            lines.append("  " + option.display.padding(width) + option.help(for: shown))
        }
        if command == nil {
            lines.append("")
            lines.append("SUBCOMMANDS:")
            for sub in Command.allCases {
                lines.append("  " + (sub.rawValue + (sub == .inspect ? " (default)" : "")).padding(20) + sub.overview)
            }
            lines.append("  " + "help".padding(20) + "Show help for a subcommand: hookcheck help <subcommand>; hookcheck help inputs lists the input formats; hookcheck help --man prints the manual page.")
            lines.append("")
            lines.append("EXIT STATUS:")
            for status in ExitStatus.allCases {
                lines.append("  \(status.rawValue)  \(status.summary)")
            }
            lines.append("")
            lines.append("ENVIRONMENT:")
            for (variable, meaning) in environment {
                lines.append("  " + variable.padding(30) + meaning)
            }
            lines.append("")
            lines.append("  See 'hookcheck help <subcommand>' for detailed help, 'hookcheck help inputs' for the input")
            lines.append("  formats hookcheck reads, and 'hookcheck explain' for every finding code and how to fix it.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The environment variables hookcheck reads: each sender's secret variables, then NO_COLOR.
    static var environment: [(variable: String, meaning: String)] {
        SenderRegistry.all.flatMap { sender in
            sender.secretVariables.map { ($0, "\(sender.displayName) token or secret, when no --secret* option is given") }
        } + [("NO_COLOR", "Disable colour (with --color auto)")]
    }

    /// The one-line summary of the program, for the overview and the manual page.
    static let summary = "hookcheck reads webhook requests (raw HTTP dumps or bare bodies), detects the sender, validates the payload, checks the token or signature, and shows what arrived."
}
