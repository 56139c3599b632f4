/// Walks a parsed payload against a `Shape` and reports what does not fit, with JSON Pointers and
/// file positions. Recursion follows the shape, which is finite; the payload's own depth is already
/// bounded by the parser.
public struct SchemaValidator {
    public let document: JSONDocument
    private let locate: (Int) -> SourcePosition
    public private(set) var findings: [Finding] = []
    private var path: [PathStep] = []

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
        prefixNames = prefix
        path = []
        check(index, shape)
        prefixNames = []
    }

    /// The path to the value being validated, by name; `path` continues from it.
    private var prefixNames: [JSONPathComponent] = []

    /// The current pointer, optionally extended by one more step.
    private func pointer(appending last: PathStep? = nil) -> String {
        var result = JSONPaths.pointer(prefixNames)
        for step in path + (last.map { [$0] } ?? []) {
            switch step {
            case .key(let key): result += "/" + JSONPaths.escape(document.string(key))
            case .index(let position): result += "/" + String(position)
            }
        }
        return result
    }

    /// Records a finding about the value at tape index `index`, wherever it is in the document.
    public mutating func report(_ severity: Severity, _ code: String, _ message: String, at index: Int) {
        let pointer = JSONPaths.pointer(JSONPaths.path(to: index, in: document))
        findings.append(Finding(severity, code, message, at: locate(Int(document[index].start)), pointer: pointer))
    }

    /// Records a finding about the value being walked.
    private mutating func emit(_ severity: Severity, _ code: String, _ message: String, at index: Int) {
        findings.append(Finding(severity, code, message, at: locate(Int(document[index].start)), pointer: pointer()))
    }

    private mutating func check(_ index: Int, _ shape: Shape) {
        let token = document[index]
        switch shape {
        case .any:
            return
        case .nullable(let inner):
            if token.kind != .null { check(index, inner) }
        case .oneOf(let shapes):
            if shapes.contains(where: { matches(index, $0) }) {
                // Report within the first shape of the right kind, for range and format findings.
                if let first = shapes.first(where: { kindMatches(token.kind, $0) }) { check(index, first) }
            } else {
                mismatch(index, expected: shapes.map(\.summary).joined(separator: " or "))
            }
        case .string(let format):
            guard token.kind == .string else { return mismatch(index, expected: "string") }
            if format != .any, !StringFormats.matches(document.string(index), format) {
                emit(.error, "schema.format", "expected \(shape.summary), found \(quoted(index))", at: index)
            } else if format == .millisecondsString, let value = Int64(document.string(index)) {
                checkMilliseconds(index, value)
            }
        case .integer, .int64, .milliseconds, .seconds:
            guard token.kind == .number else { return mismatch(index, expected: "integer") }
            guard !token.isFractional else {
                return emit(.error, "schema.type", "expected integer, found number \(document.text(index))", at: index)
            }
            guard let value = document.int64(index) else {
                return emit(.error, "schema.range", "integer \(document.text(index)) does not fit in 64 bits", at: index)
            }
            switch shape {
            case .integer where value < Int64(Int32.min) || value > Int64(Int32.max):
                emit(.warning, "schema.range", "integer \(value) does not fit in 32 bits, documented as int", at: index)
            case .milliseconds:
                checkMilliseconds(index, value)
            default:
                break
            }
        case .number:
            if token.kind != .number { mismatch(index, expected: "number") }
        case .boolean:
            if token.kind != .true && token.kind != .false { mismatch(index, expected: "boolean") }
        case .enumeration(let values):
            guard token.kind == .string else { return mismatch(index, expected: "string") }
            let value = document.string(index)
            if !values.contains(value) {
                emit(.error, "schema.enum", "expected one of \(values.joined(separator: ", ")); found \(quoted(index))", at: index)
            }
        case .array(let element):
            guard token.kind == .array else { return mismatch(index, expected: "array") }
            var position = 0
            document.forEachElement(index) { child in
                path.append(.index(position))
                check(child, element)
                path.removeLast()
                position += 1
            }
        case .map(let valueShape):
            guard token.kind == .object else { return mismatch(index, expected: "object") }
            document.forEachMember(index) { key, value in
                path.append(.key(key))
                check(value, valueShape)
                path.removeLast()
            }
        case .object(let object):
            guard token.kind == .object else { return mismatch(index, expected: "object") }
            checkObject(index, object)
        }
    }

    private mutating func checkObject(_ index: Int, _ object: ObjectShape) {
        var seen = [Bool](repeating: false, count: object.fields.count)
        document.forEachMember(index) { key, value in
            path.append(.key(key))
            defer { path.removeLast() }
            guard let fieldIndex = fieldIndex(of: key, in: object) else {
                if !object.openEnded {
                    findings.append(Finding(.info, "schema.unknown-field",
                                            "unknown field \"\(document.string(key))\" (vendors add fields; check the documentation)",
                                            at: locate(Int(document[key].start)), pointer: pointer()))
                }
                return
            }
            if seen[fieldIndex] { return }  // a duplicate key, reported by the parser
            seen[fieldIndex] = true
            check(value, object.fields[fieldIndex].shape)
        }
        for (position, field) in object.fields.enumerated() where field.isRequired && !seen[position] {
            findings.append(Finding(.error, "schema.required", "missing required field \"\(field.name)\" (\(field.shape.summary))",
                                    at: locate(Int(document[index].start)),
                                    pointer: pointer(appending: nil) + "/" + JSONPaths.escape(field.name)))
        }
    }

    private func fieldIndex(of key: Int, in object: ObjectShape) -> Int? {
        for (position, field) in object.fields.enumerated() where document.stringEquals(key, field.nameBytes) {
            return position
        }
        return nil
    }

    private mutating func checkMilliseconds(_ index: Int, _ value: Int64) {
        // 1e8...1e11 as milliseconds is 1970; as seconds it is 1973...5138: almost surely seconds.
        if value >= 100_000_000 && value < 100_000_000_000 {
            emit(.warning, "schema.timestamp-unit",
                   "timestamp \(value) looks like Unix seconds; milliseconds are expected", at: index)
        }
    }

    private mutating func mismatch(_ index: Int, expected: String) {
        let kind = document[index].kind
        emit(.error, "schema.type", "expected \(expected), found \(kind.noun)", at: index)
    }

    private func kindMatches(_ kind: JSONKind, _ shape: Shape) -> Bool {
        switch shape {
        case .any: true
        case .nullable(let inner): kind == .null || kindMatches(kind, inner)
        case .oneOf(let shapes): shapes.contains { kindMatches(kind, $0) }
        case .string, .enumeration: kind == .string
        case .integer, .int64, .milliseconds, .seconds, .number: kind == .number
        case .boolean: kind == .true || kind == .false
        case .array: kind == .array
        case .object, .map: kind == .object
        }
    }

    /// Whether the value fits the shape at the top level (kind and integer-ness), for `oneOf`.
    private func matches(_ index: Int, _ shape: Shape) -> Bool {
        let token = document[index]
        guard kindMatches(token.kind, shape) else { return false }
        switch shape {
        case .integer, .int64, .milliseconds, .seconds: return !token.isFractional
        default: return true
        }
    }

    private func quoted(_ index: Int) -> String {
        let value = document.string(index)
        let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
        return "\"" + shown + "\""
    }
}
