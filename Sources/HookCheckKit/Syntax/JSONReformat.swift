import HookCheckModel

/// The same JSON written another way, from the tape: strings and numbers keep their exact text.
/// Used to tell whether a signature was made over a re-serialized body.
public enum JSONReformat {
    /// No whitespace at all.
    public static func minified(_ document: JSONDocument) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(document.bytes.count)
        write(document, 0, indent: nil, level: 0, separator: [], into: &out)
        return out
    }

    /// Indented by `indent` per level, `"key": value`, one member or element a line.
    public static func pretty(_ document: JSONDocument, indent: String = "  ", colon: String = ": ") -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(document.bytes.count * 2)
        write(document, 0, indent: Array(indent.utf8), level: 0, separator: Array(colon.utf8), into: &out)
        return out
    }

    private static func write(_ document: JSONDocument, _ index: Int, indent: [UInt8]?, level: Int,
                              separator: [UInt8], into out: inout [UInt8]) {
        let token = document[index]
        switch token.kind {
        case .object, .array:
            let isObject = token.kind == .object
            out.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
            if token.count == 0 {
                out.append(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                return
            }
            var child = index + 1
            for position in 0..<Int(token.count) {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent, level + 1, &out)
                if isObject {
                    out += document.raw(child)
                    out += separator.isEmpty ? [UInt8(ascii: ":")] : separator
                    child += 1
                }
                write(document, child, indent: indent, level: level + 1, separator: separator, into: &out)
                child = Int(document[child].next)
            }
            newline(indent, level, &out)
            out.append(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        default:
            out += document.raw(index)
        }
    }

    private static func newline(_ indent: [UInt8]?, _ level: Int, _ out: inout [UInt8]) {
        guard let indent else { return }
        out.append(0x0A)
        for _ in 0..<level { out += indent }
    }
}
