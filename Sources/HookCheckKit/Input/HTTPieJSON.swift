import HookCheckModel

/// JSON written as HTTPie writes a request body: Python's `json.dumps` with its defaults, so
/// `", "` and `": "` between items, every byte outside printable ASCII escaped (`\u00e9`), floats
/// as Python's repr. Strings taken from the command keep their place in it where no escape
/// changes them.
enum HTTPieJSON {
    /// A member of the body: a string from the command (`field=value`) or a parsed JSON value
    /// (`field:=json`), placed at `anchor`.
    enum Value {
        case text(ShellWord)
        case json(JSONValue, anchor: Int)
    }

    static func object(_ members: [(key: ShellWord, value: Value)], at anchor: Int) -> SourcedBytes {
        var out = SourcedBytes(made: "{", at: anchor)
        for (index, member) in members.enumerated() {
            if index > 0 { out.append(made: ", ", at: member.key.start) }
            out.append(string(member.key))
            out.append(made: ": ", at: member.key.end)
            switch member.value {
            case .text(let word): out.append(string(word))
            case .json(let value, let anchor): out.append(made: serialized(value), at: anchor)
            }
        }
        out.append(made: "}", at: members.last?.key.end ?? anchor)
        return out
    }

    /// A string from the command, quoted; bytes that need no escape keep their origin.
    static func string(_ word: ShellWord) -> SourcedBytes {
        var out = SourcedBytes(made: "\"", at: word.start)
        var index = 0
        let bytes = word.bytes
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                out.append(word.sourced(index..<index + 1))
                index += 1
                continue
            }
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            let end = min(bytes.count, index + length)
            out.append(made: escaped(String(decoding: bytes[index..<end], as: UTF8.self)), at: word.offset(index))
            index = end
        }
        out.append(made: "\"", at: word.end)
        return out
    }

    static func serialized(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return number(text)
        case .string(let text): return "\"" + escaped(text) + "\""
        case .array(let items): return "[" + items.map(serialized).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { "\"" + escaped($0.0) + "\": " + serialized($0.1) }.joined(separator: ", ") + "}"
        }
    }

    /// Python reads an integer exactly and anything else as a float, written back as its repr
    /// (which Swift's description matches: `100.0`, `1e+16`, `1e-05`).
    static func number(_ text: String) -> String {
        guard text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else { return text == "-0" ? "0" : text }
        guard let double = Double(text) else { return text }
        if double.isInfinite { return double < 0 ? "-Infinity" : "Infinity" }
        return double.description
    }

    /// `json.dumps`'s escapes with ensure_ascii: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, and
    /// `\uXXXX` (UTF-16) for every other byte outside space to `~`.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case " "..."~": out.unicodeScalars.append(scalar)
            default:
                for unit in String(scalar).utf16 { out += "\\u" + ASCII.hex4(UInt32(unit)).lowercased() }
            }
        }
        return out
    }
}
