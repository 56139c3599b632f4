import HookCheckModel

/// Help texts, built from the option table and the registries so they cannot disagree.
enum Help {
    static func text(for command: Command?) -> String {
        var lines: [String] = []
        let shown = command ?? .inspect
        lines.append("OVERVIEW: " + (command == nil
            ? "hookcheck reads webhook requests (raw HTTP dumps or bare bodies), detects the sender, validates the payload, checks the token or signature, and shows what arrived."
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
        }
        lines.append("")
        lines.append("OPTIONS:")
        let options = OptionTable.all.filter { $0.commands.contains(shown) }
        let width = (options.map(\.display.count).max() ?? 0) + 2
        for option in options {
            lines.append("  " + option.display.padding(width) + option.help)
        }
        if command == nil {
            lines.append("")
            lines.append("SUBCOMMANDS:")
            for sub in Command.allCases {
                lines.append("  " + (sub.rawValue + (sub == .inspect ? " (default)" : "")).padding(20) + sub.overview)
            }
            lines.append("  " + "help".padding(20) + "Show help for a subcommand: hookcheck help <subcommand>; hookcheck help inputs lists the input formats.")
            lines.append("")
            lines.append("EXIT STATUS:")
            lines.append("  0  every request is valid (no error-level finding)")
            lines.append("  1  at least one error-level finding (syntax, schema, authentication, unknown sender)")
            lines.append("  2  a usage error, or an input that cannot be read")
            lines.append("")
            lines.append("ENVIRONMENT:")
            for sender in SenderRegistry.all {
                for variable in sender.secretVariables {
                    lines.append("  " + variable.padding(30) + "\(sender.displayName) token or secret, when no --secret* option is given")
                }
            }
            lines.append("  " + "NO_COLOR".padding(30) + "Disable colour (with --color auto)")
            lines.append("")
            lines.append("  See 'hookcheck help <subcommand>' for detailed help.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
