import HookCheckModel

/// `application/x-www-form-urlencoded` bodies decoded into the JSON they stand for, as PHP and
/// form-posting senders read them: `+` is a space, `%XX` a byte, `a[b][c]=d` nests objects, `a[]=x` appends to
/// a list, and a repeated key's last value wins. The decoded form is written out as JSON and parsed,
/// so it is validated like any JSON body; a map leads from each of its values back to the raw body.
public struct FormDecoder {
    /// What decoding found: issues at raw body offsets.
    public struct Outcome {
        public var document: JSONDocument
        public var map: FormOffsetMap
        public var issues: [JSONIssue]
    }

    public init() {}

    /// A body that reads as `name=value&...`: printable ASCII, an `=` after a plain field name.
    public static func looksLikeForm(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        var sawName = false
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "=") { return sawName && printable(bytes, range) }
            guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "&"), byte != UInt8(ascii: "{"), byte != UInt8(ascii: "\"") else {
                return false
            }
            sawName = true
            index += 1
        }
        return false
    }

    /// Printable ASCII; a literal space too (a hand-written form), which decoding warns about.
    private static func printable(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[range.lowerBound..<end].allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    private final class Node {
        enum Kind {
            case string(String)
            case object
            case array
        }

        var kind: Kind
        /// Raw offset of the value (strings) or of the first key naming the container.
        var offset: Int
        var members: [(key: String, keyOffset: Int, node: Node)] = []
        var elements: [Node] = []

        init(_ kind: Kind, offset: Int) {
            self.kind = kind
            self.offset = offset
        }
    }

    /// Decodes `bytes[range]`; offsets are offsets in `bytes`.
    public func decode(_ bytes: [UInt8], range: Range<Int>) -> Outcome {
        var issues: [JSONIssue] = []
        let root = Node(.object, offset: range.lowerBound)
        var start = range.lowerBound
        while start <= range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != UInt8(ascii: "&") { end += 1 }
            if end > start { addPair(bytes, start..<end, root, &issues) }
            start = end + 1
        }
        var writer = Writer()
        writer.write(root)
        let map = FormOffsetMap(pairs: writer.offsets)
        switch JSONParser().parse(writer.out) {
        case .success(let document):
            return Outcome(document: document, map: map, issues: issues)
        case .failure(let issue):
            // The writer emits valid JSON, nested no deeper than the names allow; still, never trap.
            issues.append(JSONIssue(code: .formSyntax, message: "the decoded form cannot be read: \(issue.message)", offset: range.lowerBound))
            let empty = (try? JSONParser().parse(Array("{}".utf8)).get())!
            return Outcome(document: empty, map: FormOffsetMap(pairs: [(0, range.lowerBound)]), issues: issues)
        }
    }

    private func addPair(_ bytes: [UInt8], _ range: Range<Int>, _ root: Node, _ issues: inout [JSONIssue]) {
        var equals = range.lowerBound
        while equals < range.upperBound, bytes[equals] != UInt8(ascii: "=") { equals += 1 }
        let keyRange = range.lowerBound..<equals
        let valueRange = equals < range.upperBound ? equals + 1..<range.upperBound : range.upperBound..<range.upperBound
        let key = percentDecode(bytes, keyRange, &issues)
        let value = percentDecode(bytes, valueRange, &issues)
        guard !key.isEmpty else {
            issues.append(JSONIssue(code: .formSyntax, message: "a form field without a name", offset: range.lowerBound))
            return
        }
        // name[a][b][] -> name, a, b, (append)
        var path: [String?] = []
        var base = key
        if let open = key.firstIndex(of: "["), open != key.startIndex, key.hasSuffix("]") {
            base = String(key[..<open])
            var rest = key[open...]
            while rest.first == "[", let close = rest.firstIndex(of: "]") {
                let inner = String(rest[rest.index(after: rest.startIndex)..<close])
                path.append(inner.isEmpty ? nil : inner)
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty {
                base = key
                path = []
            }
            // Deeper than any real form: read the name literally rather than nest without end.
            if path.count > 64 {
                issues.append(JSONIssue(code: .formSyntax, message: "a field name nests more than 64 levels of brackets; read as a plain name",
                                        offset: range.lowerBound))
                base = key
                path = []
            }
        }
        let keyOffset = keyRange.lowerBound
        var node = root
        var components: [String?] = [base] + path
        let leafName = components.removeLast()
        for component in components {
            node = child(of: node, named: component, keyOffset: keyOffset, container: true, issues: &issues)
        }
        let leaf = Node(.string(value), offset: valueRange.lowerBound)
        place(leaf, in: node, named: leafName, keyOffset: keyOffset, issues: &issues)
    }

    /// The container under `name` (appending a new one for `[]`), made when missing.
    private func child(of node: Node, named name: String?, keyOffset: Int, container: Bool, issues: inout [JSONIssue]) -> Node {
        if case .array = node.kind {
            if let name, let index = Int(name), index >= 0, index < node.elements.count, case .object = node.elements[index].kind {
                return node.elements[index]
            }
            let made = Node(.object, offset: keyOffset)
            node.elements.append(made)
            return made
        }
        guard let name else {
            let made = Node(.object, offset: keyOffset)
            node.members.append((String(node.members.count), keyOffset, made))
            return made
        }
        if let existing = node.members.first(where: { $0.key == name })?.node {
            if case .string = existing.kind {
                issues.append(JSONIssue(code: .formDuplicateKey, message: "\"\(name)\" is both a value and a group of fields; the group wins",
                                        offset: keyOffset))
                existing.kind = .object
            }
            return existing
        }
        let made = Node(.object, offset: keyOffset)
        node.members.append((name, keyOffset, made))
        return made
    }

    private func place(_ leaf: Node, in node: Node, named name: String?, keyOffset: Int, issues: inout [JSONIssue]) {
        guard let name else {
            // `list[]=x`: the container is a list.
            if case .object = node.kind, node.members.isEmpty { node.kind = .array }
            if case .array = node.kind {
                node.elements.append(leaf)
            } else {
                node.members.append((String(node.members.count), keyOffset, leaf))
            }
            return
        }
        if case .array = node.kind {
            node.elements.append(leaf)
            return
        }
        if let index = node.members.firstIndex(where: { $0.key == name }) {
            issues.append(JSONIssue(code: .formDuplicateKey,
                                    message: "\"\(name)\" is sent more than once; the last value wins, as PHP reads it", offset: keyOffset))
            node.members[index] = (name, keyOffset, leaf)
        } else {
            node.members.append((name, keyOffset, leaf))
        }
    }

    /// Percent-decoding with `+` as a space; a bad escape is kept as written, invalid UTF-8 reported.
    private func percentDecode(_ bytes: [UInt8], _ range: Range<Int>, _ issues: inout [JSONIssue]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var index = range.lowerBound
        var warnedSpace = false
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(0x20)
            } else if byte == 0x20 {
                if !warnedSpace {
                    issues.append(JSONIssue(code: .formSyntax,
                        message: "a literal space in a form body: senders encode a space as '+' or %20; read as a space", offset: index))
                    warnedSpace = true
                }
                out.append(byte)
            } else if byte == UInt8(ascii: "%") {
                if index + 2 < range.upperBound, let high = ASCII.hexValue(bytes[index + 1]), let low = ASCII.hexValue(bytes[index + 2]) {
                    out.append(high << 4 | low)
                    index += 3
                    continue
                }
                issues.append(JSONIssue(code: .formSyntax, message: "'%' not followed by two hex digits; kept as written", offset: index))
                out.append(byte)
            } else {
                out.append(byte)
            }
            index += 1
        }
        if String(validating: out, as: UTF8.self) == nil {
            issues.append(JSONIssue(code: .formUTF8, message: "invalid UTF-8 after percent-decoding", offset: range.lowerBound))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the decoded tree as JSON, remembering where each value came from.
    private struct Writer {
        var out: [UInt8] = []
        var offsets: [(json: Int, raw: Int)] = []

        mutating func write(_ node: Node) {
            offsets.append((out.count, node.offset))
            switch node.kind {
            case .string(let text):
                JSONString.append(text, to: &out)
            case .array:
                out.append(UInt8(ascii: "["))
                for (position, element) in node.elements.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    write(element)
                }
                out.append(UInt8(ascii: "]"))
            case .object:
                out.append(UInt8(ascii: "{"))
                for (position, member) in node.members.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    offsets.append((out.count, member.keyOffset))
                    JSONString.append(member.key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    write(member.node)
                }
                out.append(UInt8(ascii: "}"))
            }
        }
    }
}

/// From offsets in the JSON written for a form body back to offsets in the raw body.
public struct FormOffsetMap: Sendable {
    /// Sorted by JSON offset.
    let pairs: [(json: Int, raw: Int)]

    /// The raw offset of the value or key that starts at, or most recently before, `jsonOffset`.
    public func rawOffset(_ jsonOffset: Int) -> Int {
        guard !pairs.isEmpty else { return 0 }
        return pairs[pairs.lastIndex(atOrBefore: jsonOffset) { $0.json }].raw
    }
}
