import HookCheckModel

/// `hookcheck completions bash|zsh|fish`: a completion script for the shell, generated from
/// `Command.allCases` and `OptionTable.all`, so it offers exactly what the parser accepts.
struct CompletionsCommand {
    let settings: RunSettings
    let io: CLIEnvironment

    func run() throws(UsageError) -> ExitStatus {
        let names = Shell.allCases.map(\.rawValue)
        guard settings.paths.count == 1, let name = settings.paths.first else {
            throw UsageError(message: "completions takes one shell: \(OptionChoice.phrase(names.map { OptionChoice(value: $0) }))", suggestion: nil)
        }
        guard let shell = Shell(rawValue: name) else {
            throw UsageError(message: "Unknown shell '\(name)'", suggestion: Spelling.nearest(name, in: names, limit: 2))
        }
        io.out(Self.script(for: shell))
        return .valid
    }

    static func script(for shell: Shell) -> String {
        switch shell {
        case .bash: BashCompletion.script()
        case .zsh: ZshCompletion.script()
        case .fish: FishCompletion.script()
        }
    }
}

/// What completes where, for every shell's script.
enum Completion {
    /// What a word completes to.
    enum Values: Equatable {
        /// Free text: nothing offered.
        case none
        /// File names.
        case files
        /// One of these words.
        case words([String])
    }

    /// The `help` pseudo-command's option (`hookcheck help --man`).
    static let manOption = "--man"

    /// The words that may follow `hookcheck help`.
    static var helpTopics: [String] { Command.allCases.map(\.rawValue) + ["inputs"] }

    /// Every subcommand, `help` last.
    static var subcommands: [(name: String, summary: String)] {
        Command.allCases.map { ($0.rawValue, $0.overview) } + [("help", "Show help for a subcommand, the input formats (inputs), or the manual page (--man).")]
    }

    static func options(_ command: Command) -> [OptionSpec] {
        OptionTable.all.filter { $0.commands.contains(command) }
    }

    /// What an option's value completes to in `command`.
    static func values(of option: OptionSpec, in command: Command) -> Values {
        if let choices = option.choices(for: command) { return .words(choices.map(\.value)) }
        return option.kind == .path ? .files : .none
    }

    /// What a command's arguments complete to.
    static func arguments(_ command: Command) -> Values {
        switch command {
        case .inspect, .lint, .verify, .sign, .diff: .files
        case .vendors: .words(SenderRegistry.all.map(\.id))
        case .explain: .words(FindingCodeRegistry.all.map(\.id))
        case .completions: .words(Shell.allCases.map(\.rawValue))
        }
    }

    /// The option's spellings: `-H`, `--header`.
    static func spellings(_ option: OptionSpec) -> [String] {
        (option.short.map { ["-\($0)"] } ?? []) + [option.long]
    }
}
