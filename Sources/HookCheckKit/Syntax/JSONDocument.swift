import HookCheckModel

/// The kinds of JSON value, as stored on the token tape.
public enum JSONKind: UInt8, Sendable {
    case object, array, string, number, `true`, `false`, null

    /// The word a message uses for this kind ("found string").
    public var noun: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .true, .false: "boolean"
        case .null: "null"
        }
    }
}

/// One value on the flat token tape: its kind, its bytes and, for containers, its extent.
///
/// An object is followed on the tape by its members as key, value, key, value...; an array by its
/// elements. `next` is the index just past the whole subtree, so a reader can skip a value in O(1).
public struct JSONToken: Sendable {
    public var kind: JSONKind
    @usableFromInline var flags: UInt8
    /// Offset of the value's first byte (the opening quote of a string) in the parsed bytes.
    public var start: UInt32
    /// Offset just past the value's last byte.
    public var end: UInt32
    /// Number of elements, or of members for an object.
    public var count: UInt32
    /// Tape index just past this value's subtree.
    public var next: UInt32

    static let hasEscapes: UInt8 = 1
    static let isFractional: UInt8 = 2

    /// A string containing backslash escapes (its raw bytes are not its value).
    public var hasEscapes: Bool { flags & Self.hasEscapes != 0 }
    /// A number with a fraction or an exponent.
    public var isFractional: Bool { flags & Self.isFractional != 0 }
}

/// A parsed JSON text: the bytes and the token tape over them. Values are decoded on demand.
public struct JSONDocument: Sendable {
    public let bytes: [UInt8]
    public let tokens: [JSONToken]
    /// Warnings found while parsing (duplicate keys); the text was still valid JSON.
    public let warnings: [JSONIssue]

    /// The root value's tape index.
    public var root: Int { 0 }

    public subscript(index: Int) -> JSONToken { tokens[index] }

    /// The raw bytes of a token, quotes included for strings.
    public func raw(_ index: Int) -> ArraySlice<UInt8> {
        let token = tokens[index]
        return bytes[Int(token.start)..<Int(token.end)]
    }

    /// The raw text of a token, as written (a number keeps all its digits).
    public func text(_ index: Int) -> String {
        String(decoding: raw(index), as: UTF8.self)
    }

    /// The decoded value of a string token.
    public func string(_ index: Int) -> String {
        let token = tokens[index]
        let inner = bytes[Int(token.start) + 1..<Int(token.end) - 1]
        if !token.hasEscapes { return String(decoding: inner, as: UTF8.self) }
        return JSONEscapes.unescape(inner)
    }

    /// Whether the string token equals `literal`, compared without building a String when possible.
    public func stringEquals(_ index: Int, _ literal: [UInt8]) -> Bool {
        literal.withUnsafeBufferPointer { stringEquals(index, $0) }
    }

    /// Whether the string token equals the UTF-8 bytes in `literal`.
    public func stringEquals(_ index: Int, _ literal: UnsafeBufferPointer<UInt8>) -> Bool {
        let token = tokens[index]
        guard token.kind == .string else { return false }
        if token.hasEscapes { return string(index).utf8.elementsEqual(literal) }
        let length = Int(token.end - token.start) - 2
        guard length == literal.count else { return false }
        if length == 0 { return true }
        return bytes.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + Int(token.start) + 1, literal.baseAddress!, length) == 0
        }
    }

    /// The integer value of a number token when it is an integer that fits in 64 bits.
    public func int64(_ index: Int) -> Int64? {
        let token = tokens[index]
        guard token.kind == .number, !token.isFractional else { return nil }
        return parseInt64(bytes[Int(token.start)..<Int(token.end)])
    }

    /// A string's value or a number's text (ids come as either); nil for other kinds.
    public func scalarText(_ index: Int) -> String? {
        switch tokens[index].kind {
        case .string: string(index)
        case .number: text(index)
        default: nil
        }
    }

    /// Tape indices of an array's elements.
    public func elements(_ index: Int) -> [Int] {
        var result: [Int] = []
        forEachElement(index) { result.append($0) }
        return result
    }

    /// Calls `body` with each element's tape index.
    @inlinable
    public func forEachElement(_ index: Int, _ body: (Int) throws -> Void) rethrows {
        var child = index + 1
        for _ in 0..<Int(tokens[index].count) {
            try body(child)
            child = Int(tokens[child].next)
        }
    }

    /// Calls `body` with each member's key and value tape indices, in document order.
    @inlinable
    public func forEachMember(_ index: Int, _ body: (_ key: Int, _ value: Int) throws -> Void) rethrows {
        var key = index + 1
        for _ in 0..<Int(tokens[index].count) {
            let value = key + 1
            try body(key, value)
            key = Int(tokens[value].next)
        }
    }

    /// The value of the first member named `name` in the object at `index`.
    public func member(_ index: Int, _ name: String) -> Int? {
        guard tokens[index].kind == .object else { return nil }
        var name = name
        return name.withUTF8 { literal in
            var key = index + 1
            for _ in 0..<Int(tokens[index].count) {
                if stringEquals(key, literal) { return key + 1 }
                key = Int(tokens[key + 1].next)
            }
            return nil
        }
    }

    /// Follows a path of member names from the root.
    public func value(at path: String...) -> Int? {
        var current = root
        for name in path {
            guard let next = member(current, name) else { return nil }
            current = next
        }
        return current
    }
}

/// Parses a decimal integer with an optional minus sign, refusing anything that overflows Int64.
func parseInt64<C: Collection>(_ digits: C) -> Int64? where C.Element == UInt8 {
    var iterator = digits.makeIterator()
    guard var byte = iterator.next() else { return nil }
    let negative = byte == UInt8(ascii: "-")
    if negative {
        guard let following = iterator.next() else { return nil }
        byte = following
    }
    var value: Int64 = 0
    while true {
        guard byte >= 0x30, byte <= 0x39 else { return nil }
        let digit = Int64(byte - 0x30)
        let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
        if overflow1 || overflow2 { return nil }
        value = sum
        guard let following = iterator.next() else { break }
        byte = following
    }
    return value
}

extension JSONValue {
    /// Builds a value from a parsed document's subtree.
    public init(_ document: JSONDocument, _ index: Int) {
        let token = document[index]
        switch token.kind {
        case .null: self = .null
        case .true: self = .bool(true)
        case .false: self = .bool(false)
        case .number: self = .number(document.text(index))
        case .string: self = .string(document.string(index))
        case .array: self = .array(document.elements(index).map { JSONValue(document, $0) })
        case .object:
            var members: [(String, JSONValue)] = []
            document.forEachMember(index) { key, value in members.append((document.string(key), JSONValue(document, value))) }
            self = .object(members)
        }
    }
}

