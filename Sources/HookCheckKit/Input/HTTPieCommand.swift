import HookCheckModel

/// An HTTPie command line, `http [METHOD] URL [ITEM...]` (HTTPie 3.x, docs/README.md in
/// httpie/cli): the request it sends. Items are `Header:value`, `Header:` (removes a default),
/// `Header;` (empty), `Header:@file`, `name==value` (query), `field=value` (a JSON string, or a
/// form field with --form), `field:=json`, `field=@file`, `field:=@file`, and `@file` as the body.
enum HTTPieCommand {
    /// The options as HTTPie 3.2's argument parser declares them: which take a value.
    static let withValue: Set<String> = [
        "boundary", "raw", "pretty", "style", "response-charset", "response-mime", "format-options", "print",
        "history-print", "output", "session", "session-read-only", "auth", "auth-type", "proxy", "max-redirects",
        "max-headers", "timeout", "verify", "ssl", "ciphers", "cert", "cert-key", "cert-key-pass", "default-scheme",
    ]
    static let flags: Set<String> = [
        "json", "form", "multipart", "compress", "no-unsorted", "no-sorted", "unsorted", "sorted", "headers", "meta", "body",
        "verbose", "all", "stream", "download", "continue", "quiet", "ignore-netrc", "offline", "follow", "check-status",
        "path-as-is", "chunked", "ignore-stdin", "help", "manual", "version", "traceback", "debug",
    ]
    static let short: [UInt8: String] = [
        UInt8(ascii: "j"): "json", UInt8(ascii: "f"): "form", UInt8(ascii: "x"): "compress", UInt8(ascii: "s"): "style",
        UInt8(ascii: "p"): "print", UInt8(ascii: "h"): "headers", UInt8(ascii: "m"): "meta", UInt8(ascii: "b"): "body",
        UInt8(ascii: "v"): "verbose", UInt8(ascii: "P"): "history-print", UInt8(ascii: "S"): "stream",
        UInt8(ascii: "o"): "output", UInt8(ascii: "d"): "download", UInt8(ascii: "c"): "continue", UInt8(ascii: "q"): "quiet",
        UInt8(ascii: "a"): "auth", UInt8(ascii: "A"): "auth-type", UInt8(ascii: "F"): "follow", UInt8(ascii: "I"): "ignore-stdin",
    ]
    static let notRebuilt: [String: String] = [
        "multipart": "a multipart body has a random boundary; the request is not rebuilt",
        "chunked": "the body is sent with chunked transfer coding; it is rebuilt with a Content-Length",
        "compress": "the body is sent deflate-compressed; it is rebuilt uncompressed",
        "session": "headers and cookies stored in the session are not applied",
        "session-read-only": "headers and cookies stored in the session are not applied",
        "proxy": "through a proxy the request line carries the whole URL; the request is rebuilt as sent directly",
    ]

    /// What the options and positional arguments say.
    struct Arguments {
        var tool: ShellWord
        var options: [String: ShellWord] = [:]
        var flags: Set<String> = []
        var positionals: [ShellWord] = []
        var findings: [Finding] = []
    }

    /// The request of one command; nil, with findings, when HTTPie would send none.
    static func request(_ words: [ShellWord], stdin: ShellInput?, context: CommandContext) -> (request: CommandRequest?, findings: [Finding]) {
        let arguments = parse(words, context: context)
        var builder = HTTPieRequestBuilder(arguments: arguments, stdin: arguments.flags.contains("ignore-stdin") ? nil : stdin,
                                           context: context)
        let request = builder.build()
        return (request, request == nil ? builder.findings : [])
    }

    /// argparse's reading: `--name value`, `--name=value`, a unique prefix of a long name, short
    /// flags clustered (`-vf`), a short option's value glued or next, `--` ends the options.
    static func parse(_ words: [ShellWord], context: CommandContext) -> Arguments {
        var arguments = Arguments(tool: words[0])
        var index = 1
        var endOfOptions = false
        func note(_ code: FindingCode, _ message: String, _ word: ShellWord) {
            arguments.findings.append(context.finding(code, message, at: word.start))
        }
        func set(_ name: String, _ value: ShellWord?, _ option: ShellWord) {
            if let value { arguments.options[name] = value } else { arguments.flags.insert(name) }
            if let missing = notRebuilt[name] { note(.commandNotRebuilt, missing, option) }
        }
        while index < words.count {
            let word = words[index]
            index += 1
            let bytes = word.bytes
            if endOfOptions || bytes.count < 2 || bytes[0] != UInt8(ascii: "-") {
                arguments.positionals.append(word)
            } else if bytes == Array("--".utf8) {
                endOfOptions = true
            } else if bytes[1] == UInt8(ascii: "-") {
                let equals = bytes.firstIndex(of: UInt8(ascii: "="))
                let typed = String(decoding: bytes[2..<(equals ?? bytes.count)], as: UTF8.self)
                let all = withValue.union(flags)
                let matches = all.contains(typed) ? [typed] : all.filter { $0.hasPrefix(typed) }.sorted()
                guard matches.count == 1, let name = matches.first else {
                    note(.commandUnknownOption, "HTTPie has no option --\(typed)\(matches.count > 1 ? " (it could be " + matches.joined(separator: ", ") + ")" : ""); it is skipped", word)
                    continue
                }
                if withValue.contains(name) {
                    if let equals { set(name, word.dropFirst(equals + 1), word) } else if index < words.count {
                        set(name, words[index], word)
                        index += 1
                    } else {
                        note(.commandOptionValue, "--\(name) needs a value and the command ends; HTTPie would stop here", word)
                    }
                } else {
                    set(name, nil, word)
                }
            } else {
                var at = 1
                while at < bytes.count {
                    guard let name = short[bytes[at]] else {
                        note(.commandUnknownOption, "HTTPie has no option -\(Character(Unicode.Scalar(bytes[at]))); it is skipped", word)
                        break
                    }
                    if withValue.contains(name) {
                        if at + 1 < bytes.count {
                            set(name, word.dropFirst(at + 1 + (bytes[at + 1] == UInt8(ascii: "=") ? 1 : 0)), word)
                        } else if index < words.count {
                            set(name, words[index], word)
                            index += 1
                        } else {
                            note(.commandOptionValue, "-\(Character(Unicode.Scalar(bytes[at]))) needs a value and the command ends; HTTPie would stop here", word)
                        }
                        break
                    }
                    set(name, nil, word)
                    at += 1
                }
            }
        }
        return arguments
    }

    /// One request item split at its separator (HTTPie's KeyValueArgType): the first separator
    /// from the left, the longest one there; a backslash before `:`, `;`, `=` or `@` makes it
    /// part of the key or value.
    struct Item {
        var key: ShellWord
        var separator: String
        var value: ShellWord
        var word: ShellWord
    }

    static let separators = [":=@", "==@", ":@", "=@", "==", ":=", ":", ";", "=", "@"]

    static func item(_ word: ShellWord) -> Item? {
        let special = Set(":;=@".utf8)
        var chars: [(byte: UInt8, offset: Int, escaped: Bool)] = []
        var index = 0
        let bytes = word.bytes
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                let next = bytes[index + 1]
                if special.contains(next) {
                    chars.append((next, word.offset(index + 1), true))
                } else {
                    chars.append((bytes[index], word.offset(index), false))
                    chars.append((next, word.offset(index + 1), false))
                }
                index += 2
            } else {
                chars.append((bytes[index], word.offset(index), false))
                index += 1
            }
        }
        for position in chars.indices where !chars[position].escaped {
            for separator in separators {
                let pattern = Array(separator.utf8)
                guard position + pattern.count <= chars.count,
                      (0..<pattern.count).allSatisfy({ !chars[position + $0].escaped && chars[position + $0].byte == pattern[$0] })
                else { continue }
                func part(_ range: Range<Int>, anchor: Int) -> ShellWord {
                    var part = ShellWord(start: anchor)
                    for char in chars[range] { part.append(char.byte, at: char.offset) }
                    if let first = chars[range].first, let last = chars[range].last {
                        part.start = first.offset
                        part.end = last.offset + 1
                    }
                    return part
                }
                let valueStart = position + pattern.count
                return Item(key: part(0..<position, anchor: chars[position].offset), separator: separator,
                            value: part(valueStart..<chars.count, anchor: chars[valueStart - 1].offset + 1), word: word)
            }
        }
        return nil
    }
}
