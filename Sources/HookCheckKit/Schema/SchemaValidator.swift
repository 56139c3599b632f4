import HookCheckModel

/// Walks a parsed payload against a shape and reports what does not fit, with JSON Pointers and
/// file positions. Recursion follows the shape, which is finite; the payload's own depth is already
/// bounded by the parser.
public struct SchemaValidator {
    public let document: JSONDocument
    private let locate: (Int) -> SourcePosition
    public private(set) var findings: [Finding] = []
    private var path: [PathStep] = []
    /// The path to the value being validated, by name; `path` continues from it.
    private var prefixNames: [JSONPathComponent] = []
    private var shape: CompiledShape!

    private enum PathStep {
        case key(Int)
        case index(Int)
    }

    /// - Parameter locate: turns a byte offset of `document.bytes` into a position in the input file.
    public init(document: JSONDocument, locate: @escaping (Int) -> SourcePosition) {
        self.document = document
        self.locate = locate
    }

    /// Validates the value at `index`, whose pointer is `prefix` (a path from the root).
    public mutating func validate(_ index: Int, against shape: Shape, at prefix: [JSONPathComponent] = []) {
        validate(index, against: CompiledShape(shape), at: prefix)
    }

    /// Validates the value at `index` against a compiled shape.
    public mutating func validate(_ index: Int, against compiled: CompiledShape, at prefix: [JSONPathComponent] = []) {
        prefixNames = prefix
        path.removeAll(keepingCapacity: true)
        shape = compiled
        document.bytes.withUnsafeBufferPointer { bytes in
            document.tokens.withUnsafeBufferPointer { tokens in
                check(index, 0, bytes, tokens)
            }
        }
        shape = nil
        prefixNames = []
    }

    /// Records a finding about the value at tape index `index`, wherever it is in the document.
    public mutating func report(_ severity: Severity, _ code: FindingCode, _ message: String, at index: Int) {
        let pointer = JSONPaths.pointer(JSONPaths.path(to: index, in: document))
        findings.append(Finding(severity, code, message, at: locate(Int(document[index].start)), pointer: pointer))
    }

    /// The current pointer.
    private func pointer() -> String {
        var result = JSONPaths.pointer(prefixNames)
        for step in path {
            switch step {
            case .key(let key): result += "/" + JSONPaths.escape(document.string(key))
            case .index(let position): result += "/" + String(position)
            }
        }
        return result
    }

    /// Records a finding about the value being walked.
    private mutating func emit(_ severity: Severity, _ code: FindingCode, _ message: String, at index: Int) {
        findings.append(Finding(severity, code, message, at: locate(Int(document[index].start)), pointer: pointer()))
    }

    private mutating func check(_ index: Int, _ nodeIndex: Int32,
                                _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<JSONToken>) {
        let token = tokens[index]
        let node = shape.nodes[Int(nodeIndex)]
        switch node.kind {
        case .any:
            return
        case .nullable:
            if token.kind != .null { check(index, node.first, bytes, tokens) }
        case .oneOf:
            var chosen: Int32?
            for choice in 0..<Int(node.count) {
                let child = shape.choices[Int(node.first) + choice]
                if matches(token, child) {
                    chosen = child
                    break
                }
            }
            if let chosen {
                check(index, chosen, bytes, tokens)
            } else {
                mismatch(index, expected: shape.summaries[Int(nodeIndex)])
            }
        case .string:
            guard token.kind == .string else { return mismatch(index, expected: "string") }
            let format = StringFormat(rawValue: node.flag) ?? .any
            if format != .any {
                let value = document.string(index)
                if !StringFormats.matches(value, format) {
                    emit(.error, .schemaFormat, "expected \(shape.summaries[Int(nodeIndex)]), found \(quoted(index))", at: index)
                } else if format == .millisecondsString, let millis = Int64(value) {
                    checkMilliseconds(index, millis)
                }
            }
        case .integer, .int64, .milliseconds, .seconds:
            guard token.kind == .number else { return mismatch(index, expected: "integer") }
            guard !token.isFractional else {
                return emit(.error, .schemaType, "expected integer, found number \(document.text(index))", at: index)
            }
            guard let value = parseInt64(UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])) else {
                return emit(.error, .schemaRange, "integer \(document.text(index)) does not fit in 64 bits", at: index)
            }
            if node.kind == .integer, value < Int64(Int32.min) || value > Int64(Int32.max) {
                emit(.warning, .schemaRange, "integer \(value) does not fit in 32 bits, documented as int", at: index)
            } else if node.kind == .milliseconds {
                checkMilliseconds(index, value)
            }
        case .number:
            if token.kind != .number { mismatch(index, expected: "number") }
        case .boolean:
            if token.kind != .true && token.kind != .false { mismatch(index, expected: "boolean") }
        case .enumeration:
            guard token.kind == .string else { return mismatch(index, expected: "string") }
            if !shape.enumerationBytes[Int(node.first)].contains(where: { document.stringEquals(index, $0) }) {
                let values = shape.enumerations[Int(node.first)]
                emit(.error, .schemaEnum, "expected one of \(values.joined(separator: ", ")); found \(quoted(index))", at: index)
            }
        case .array:
            guard token.kind == .array else { return mismatch(index, expected: "array") }
            var child = index + 1
            for position in 0..<Int(token.count) {
                path.append(.index(position))
                check(child, node.first, bytes, tokens)
                path.removeLast()
                child = Int(tokens[child].next)
            }
        case .map:
            guard token.kind == .object else { return mismatch(index, expected: "object") }
            var key = index + 1
            for _ in 0..<Int(token.count) {
                path.append(.key(key))
                check(key + 1, node.first, bytes, tokens)
                path.removeLast()
                key = Int(tokens[key + 1].next)
            }
        case .object:
            guard token.kind == .object else { return mismatch(index, expected: "object") }
            checkObject(index, node, bytes, tokens)
        }
    }

    private mutating func checkObject(_ index: Int, _ node: CompiledShape.Node,
                                      _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<JSONToken>) {
        let fieldCount = Int(node.count)
        let firstField = Int(node.first)
        // Which fields were seen: a bit set, on the stack for up to 64 fields.
        var seenSmall: UInt64 = 0
        var seenLarge = fieldCount > 64 ? [Bool](repeating: false, count: fieldCount) : []
        var key = index + 1
        for _ in 0..<Int(tokens[index].count) {
            let value = key + 1
            let next = Int(tokens[value].next)
            defer { key = next }
            guard let field = fieldIndex(of: tokens[key], firstField, fieldCount, bytes) ?? slowFieldIndex(key, firstField, fieldCount) else {
                if node.flag == 0 {
                    path.append(.key(key))
                    findings.append(Finding(.info, .schemaUnknownField,
                                            "unknown field \"\(document.string(key))\" (vendors add fields; check the documentation)",
                                            at: locate(Int(tokens[key].start)), pointer: pointer()))
                    path.removeLast()
                }
                continue
            }
            if fieldCount > 64 {
                if seenLarge[field] { continue }  // a duplicate key, reported by the parser
                seenLarge[field] = true
            } else {
                if seenSmall & (1 << UInt64(field)) != 0 { continue }
                seenSmall |= 1 << UInt64(field)
            }
            path.append(.key(key))
            check(value, shape.fields[firstField + field].node, bytes, tokens)
            path.removeLast()
        }
        for field in 0..<fieldCount where shape.fields[firstField + field].required {
            let seen = fieldCount > 64 ? seenLarge[field] : seenSmall & (1 << UInt64(field)) != 0
            if seen { continue }
            let entry = shape.fields[firstField + field]
            let name = shape.fieldNames[firstField + field]
            findings.append(Finding(.error, .schemaRequired,
                                    "missing required field \"\(name)\" (\(shape.summaries[Int(entry.node)]))",
                                    at: locate(Int(tokens[index].start)),
                                    pointer: pointer() + "/" + JSONPaths.escape(name)))
        }
    }

    /// The field a plain (unescaped) key names, compared as bytes.
    private func fieldIndex(of key: JSONToken, _ first: Int, _ count: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !key.hasEscapes else { return nil }
        let length = Int32(key.end - key.start) - 2
        let keyStart = bytes.baseAddress! + Int(key.start) + 1
        for field in 0..<count {
            let entry = shape.fields[first + field]
            if entry.nameLength == length,
               length == 0 || memcmp(keyStart, shape.namePool.baseAddress! + Int(entry.nameStart), Int(length)) == 0 {
                return field
            }
        }
        return nil
    }

    /// A key written with escapes, decoded first.
    private func slowFieldIndex(_ key: Int, _ first: Int, _ count: Int) -> Int? {
        guard document[key].hasEscapes else { return nil }
        let name = document.string(key)
        return (0..<count).first { shape.fieldNames[first + $0] == name }
    }

    private mutating func checkMilliseconds(_ index: Int, _ value: Int64) {
        // 1e8...1e11 as milliseconds is 1970; as seconds it is 1973...5138: almost surely seconds.
        if value >= 100_000_000 && value < 100_000_000_000 {
            emit(.warning, .schemaTimestampUnit,
                 "timestamp \(value) looks like Unix seconds; milliseconds are expected", at: index)
        }
    }

    private mutating func mismatch(_ index: Int, expected: String) {
        emit(.error, .schemaType, "expected \(expected), found \(document[index].kind.noun)", at: index)
    }

    /// Whether a value fits a node at the top level (kind and integer-ness), to choose in `oneOf`.
    private func matches(_ token: JSONToken, _ nodeIndex: Int32) -> Bool {
        let node = shape.nodes[Int(nodeIndex)]
        switch node.kind {
        case .any: return true
        case .nullable: return token.kind == .null || matches(token, node.first)
        case .oneOf:
            return (0..<Int(node.count)).contains { matches(token, shape.choices[Int(node.first) + $0]) }
        case .string, .enumeration: return token.kind == .string
        case .integer, .int64, .milliseconds, .seconds: return token.kind == .number && !token.isFractional
        case .number: return token.kind == .number
        case .boolean: return token.kind == .true || token.kind == .false
        case .array: return token.kind == .array
        case .object, .map: return token.kind == .object
        }
    }

    private func quoted(_ index: Int) -> String {
        let value = document.string(index)
        let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
        return "\"" + shown + "\""
    }
}
