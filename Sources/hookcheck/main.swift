import HookCheckKit
exit(CLI.run(Array(CommandLine.arguments.dropFirst()), io: .standard))
