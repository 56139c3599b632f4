import HookCheckModel

/// Decoding of JSON string escapes, for strings the parser has already validated.
enum JSONEscapes {
    static func unescape(_ inner: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(inner.count)
        var index = inner.startIndex
        while index < inner.endIndex {
            let byte = inner[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < inner.endIndex else {
                out.append(byte)
                index += 1
                continue
            }
            let escape = inner[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(readHex4(inner, &index))
                if (0xD800...0xDBFF).contains(scalar), index + 1 < inner.endIndex, inner[index] == UInt8(ascii: "\\") {
                    index += 2
                    let low = UInt32(readHex4(inner, &index))
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
            default: out.append(escape)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func readHex4(_ bytes: ArraySlice<UInt8>, _ index: inout Int) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 where index < bytes.endIndex {
            value = value << 4 | UInt16(ASCII.hexValue(bytes[index]) ?? 0)
            index += 1
        }
        return value
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: UTF8.encode(scalar)!)
    }
}

/// Finds keys that appear twice in one object: valid JSON, but receivers disagree on which wins.
enum DuplicateKeys {
    static func find(in bytes: [UInt8], tokens: [JSONToken]) -> [JSONIssue] {
        var issues: [JSONIssue] = []
        // Most documents have no duplicate keys: find that out on the raw tape first.
        guard tokens.withUnsafeBufferPointer({ mayHaveDuplicates(bytes, $0) }) else { return [] }
        let document = JSONDocument(bytes: bytes, tokens: tokens, warnings: [])
        var keys: [Int] = []
        for index in tokens.indices where tokens[index].kind == .object && tokens[index].count > 1 {
            keys.removeAll(keepingCapacity: true)
            document.forEachMember(index) { key, _ in keys.append(key) }
            if keys.count <= 16 {
                for later in 1..<keys.count {
                    for earlier in 0..<later where sameKey(document, keys[earlier], keys[later]) {
                        issues.append(issue(document, keys[later], object: index))
                        break
                    }
                }
            } else {
                var seen = Set<String>()
                for key in keys where !seen.insert(document.string(key)).inserted {
                    issues.append(issue(document, key, object: index))
                }
            }
        }
        return issues
    }

    /// False when no object has two keys with the same raw bytes or any escaped key.
    private static func mayHaveDuplicates(_ bytes: [UInt8], _ tokens: UnsafeBufferPointer<JSONToken>) -> Bool {
        bytes.withUnsafeBufferPointer { raw in
            let base = raw.baseAddress!
            for index in 0..<tokens.count where tokens[index].kind == .object && tokens[index].count > 1 {
                var outer = index + 1
                for _ in 0..<Int(tokens[index].count) {
                    let key = tokens[outer]
                    if key.hasEscapes { return true }
                    var inner = Int(tokens[outer + 1].next)
                    let length = Int(key.end - key.start)
                    var remaining = Int(tokens[index].count)
                    while inner < Int(tokens[index].next), remaining > 0 {
                        let other = tokens[inner]
                        if Int(other.end - other.start) == length,
                           memcmp(base + Int(key.start), base + Int(other.start), length) == 0 {
                            return true
                        }
                        inner = Int(tokens[inner + 1].next)
                        remaining -= 1
                    }
                    outer = Int(tokens[outer + 1].next)
                }
            }
            return false
        }
    }

    private static func sameKey(_ document: JSONDocument, _ a: Int, _ b: Int) -> Bool {
        let left = document[a]
        let right = document[b]
        if !left.hasEscapes && !right.hasEscapes {
            let length = Int(left.end - left.start)
            guard length == Int(right.end - right.start) else { return false }
            return document.bytes.withUnsafeBufferPointer { buffer in
                memcmp(buffer.baseAddress! + Int(left.start), buffer.baseAddress! + Int(right.start), length) == 0
            }
        }
        return document.string(a) == document.string(b)
    }

    private static func issue(_ document: JSONDocument, _ key: Int, object: Int) -> JSONIssue {
        let name = document.string(key)
        return JSONIssue(code: .jsonDuplicateKey,
                         message: "duplicate key \"\(name)\": receivers disagree on which value wins",
                         offset: Int(document[key].start),
                         path: JSONPaths.path(to: key + 1, in: document))
    }
}

/// Paths and RFC 6901 pointers for tape indices.
public enum JSONPaths {
    /// The member names and indices from the root to the value at `target`.
    public static func path(to target: Int, in document: JSONDocument) -> [JSONPathComponent] {
        var path: [JSONPathComponent] = []
        var current = document.root
        while current != target {
            let token = document[current]
            guard token.kind == .object || token.kind == .array, target < Int(token.next) else { return path }
            if token.kind == .object {
                var key = current + 1
                var advanced = false
                for _ in 0..<Int(token.count) {
                    let value = key + 1
                    let end = Int(document[value].next)
                    if target < end {
                        if target == key { return path }
                        path.append(.key(document.string(key)))
                        current = value
                        advanced = true
                        break
                    }
                    key = end
                }
                if !advanced { return path }
            } else {
                var child = current + 1
                var advanced = false
                for position in 0..<Int(token.count) {
                    let end = Int(document[child].next)
                    if target < end {
                        path.append(.index(position))
                        current = child
                        advanced = true
                        break
                    }
                    child = end
                }
                if !advanced { return path }
            }
        }
        return path
    }

    /// An RFC 6901 JSON Pointer: `~` becomes `~0` and `/` becomes `~1`.
    public static func pointer(_ path: [JSONPathComponent]) -> String {
        var result = ""
        for component in path {
            result += "/"
            switch component {
            case .index(let index): result += String(index)
            case .key(let key):
                result += escape(key)
            }
        }
        return result
    }

    /// Escapes one pointer segment.
    public static func escape(_ segment: String) -> String {
        guard segment.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return segment }
        var out = ""
        for character in segment.unicodeScalars {
            switch character {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Reads one escaped pointer segment back (`~1` is `/`, `~0` is `~`: RFC 6901).
    public static func unescape(_ segment: String) -> String {
        guard segment.contains("~") else { return segment }
        var out = ""
        var tilde = false
        for character in segment.unicodeScalars {
            if tilde {
                out += character == "1" ? "/" : character == "0" ? "~" : "~" + String(character)
                tilde = false
            } else if character == "~" {
                tilde = true
            } else {
                out.unicodeScalars.append(character)
            }
        }
        return tilde ? out + "~" : out
    }
}
