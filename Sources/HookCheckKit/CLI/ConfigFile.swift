import HookCheckModel

/// `.hookcheck.json`: defaults for the options a project always passes. It is found in the
/// working directory or the nearest parent, or named with `--config`; the command line wins over it.
struct ConfigFile {
    /// The file as messages name it: as given to `--config`, or relative to the working directory.
    let path: String
    /// `ignore`: finding code globs (inspect, lint, verify).
    var ignore: [Located<String>]?
    /// `exclude`: path globs (lint).
    var exclude: [Located<String>]?
    /// `strict`: warnings count as errors.
    var strict: Bool?
    /// `secrets`: names of environment variables holding secrets, read like `--secret-env`.
    var secrets: [Located<String>]?
    /// `publicKey`: a key file, already resolved against the config file's folder.
    var publicKey: Located<String>?
    /// `url`: where `sign` sends the request.
    var url: Located<String>?

    /// A value and where it stands in the file, so a later check can still point at it.
    struct Located<Value> {
        var value: Value
        var position: SourcePosition
    }

    /// Each key and the option whose commands it applies to.
    static let keys: [(name: String, option: OptionKey)] = [
        ("ignore", .ignoreCode), ("exclude", .exclude), ("strict", .strict), ("secrets", .secretEnv),
        ("publicKey", .publicKey), ("url", .url),
    ]

    static let fileName = ".hookcheck.json"

    /// The config file for a run: `--config`'s, else the nearest `.hookcheck.json`; nil when none.
    static func load(_ parsed: ParsedArguments, io: CLIEnvironment) throws(UsageError) -> ConfigFile? {
        guard OptionTable.spec(.config)?.commands.contains(parsed.command) == true else { return nil }
        if let given = parsed.value(.config) {
            return try load(path: given, display: given)
        }
        guard let found = find(from: io.workingDirectory ?? currentDirectory()) else { return nil }
        return try load(path: found.path, display: found.display)
    }

    /// The nearest `.hookcheck.json` in `directory` or above it, and how to name it from there.
    static func find(from directory: String) -> (path: String, display: String)? {
        var folder = directory
        var ups = ""
        while true {
            let candidate = (folder.hasSuffix("/") ? folder : folder + "/") + fileName
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                return (candidate, ups + fileName)
            }
            guard let slash = folder.lastIndex(of: "/"), folder != "/" else { return nil }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
            ups += "../"
        }
    }

    static func load(path: String, display: String) throws(UsageError) -> ConfigFile {
        let bytes: [UInt8]
        do {
            let stream = try ByteStream.open(path: path)
            try stream.fillToEnd()
            bytes = stream.copy(stream.available)
        } catch {
            throw UsageError(message: "cannot read the config file \(display): \(error.message)", suggestion: nil)
        }
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        return try parse(bytes, display: display, folder: folder.isEmpty ? "/" : folder)
    }

    /// Reads the keys; anything else (bad JSON, an unknown key, a wrong type) is an error at its place.
    static func parse(_ bytes: [UInt8], display: String, folder: String) throws(UsageError) -> ConfigFile {
        let text = SourceText(bytes)
        func failure(_ offset: Int, _ message: String, suggestion: String? = nil) -> UsageError {
            let position = text.position(ofOffset: offset)
            return UsageError(message: "\(display):\(position.line):\(position.column): \(message)", suggestion: suggestion)
        }
        let document: JSONDocument
        switch JSONParser().parse(bytes) {
        case .failure(let issue): throw failure(issue.offset, issue.message)
        case .success(let parsed): document = parsed
        }
        if let duplicate = document.warnings.first { throw failure(duplicate.offset, duplicate.message) }
        guard document[document.root].kind == .object else {
            throw failure(Int(document[document.root].start), "expected an object of settings, found \(document[document.root].kind.noun)")
        }
        func located(_ index: Int) -> Located<String> {
            Located(value: document.string(index), position: text.position(ofOffset: Int(document[index].start)))
        }
        func string(_ name: String, _ index: Int) throws(UsageError) -> Located<String> {
            guard document[index].kind == .string else {
                throw failure(Int(document[index].start), "'\(name)' must be a string, found \(document[index].kind.noun)")
            }
            return located(index)
        }
        func strings(_ name: String, _ index: Int) throws(UsageError) -> [Located<String>] {
            guard document[index].kind == .array else {
                throw failure(Int(document[index].start), "'\(name)' must be an array of strings, found \(document[index].kind.noun)")
            }
            var values: [Located<String>] = []
            for element in document.elements(index) {
                guard document[element].kind == .string else {
                    throw failure(Int(document[element].start), "'\(name)' must be an array of strings, found \(document[element].kind.noun) in it")
                }
                values.append(located(element))
            }
            return values
        }

        var config = ConfigFile(path: display)
        // User-defined senders and signature schemes (DESIGN.md) are not read yet: a "senders" or
        // "schemes" key is reported as unknown rather than silently skipped.
        var failed: UsageError?
        document.forEachMember(document.root) { key, value in
            guard failed == nil else { return }
            do throws(UsageError) {
                let name = document.string(key)
                switch name {
                case "ignore": config.ignore = try strings(name, value)
                case "exclude": config.exclude = try strings(name, value)
                case "secrets": config.secrets = try strings(name, value)
                case "url": config.url = try string(name, value)
                case "publicKey":
                    var key = try string(name, value)
                    if !key.value.hasPrefix("/") { key.value = folder + "/" + key.value }
                    config.publicKey = key
                case "strict":
                    switch document[value].kind {
                    case .true: config.strict = true
                    case .false: config.strict = false
                    default: throw failure(Int(document[value].start), "'strict' must be true or false, found \(document[value].kind.noun)")
                    }
                default:
                    let known = keys.map(\.name)
                    throw failure(Int(document[key].start), "unknown key '\(name)'; known: \(known.joined(separator: ", "))",
                                  suggestion: Spelling.nearest(name, in: known, limit: 3))
                }
            } catch {
                failed = error
            }
        }
        if let failed { throw failed }
        return config
    }

    /// An error about a value read from the file, at the value's place.
    func error(at position: SourcePosition, _ message: String, suggestion: String? = nil) -> UsageError {
        UsageError(message: "\(path):\(position.line):\(position.column): \(message)", suggestion: suggestion)
    }

    /// Whether a key applies to a command: when the option it stands for does.
    static func applies(_ option: OptionKey, to command: Command) -> Bool {
        OptionTable.spec(option)?.commands.contains(command) ?? false
    }
}

func currentDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return "." }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
