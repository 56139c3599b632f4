import HookCheckModel

/// One value of a tnetstring on the flat tape of a `TNetDocument`.
///
/// The grammar is mitmproxy's (mitmproxy/io/tnetstring.py): `LENGTH:DATA` and a one-byte type
/// tag, `,` bytes, `;` UTF-8 text, `#` integer, `^` float, `!` boolean, `~` null, `]` list,
/// `}` dictionary. A list is followed on the tape by its elements, a dictionary by its items as
/// key, value, key, value...; `next` is the tape index just past the whole subtree.
struct TNetValue {
    enum Kind: UInt8 {
        case bytes, text, integer, float, boolean, null, list, dictionary

        /// The word a message uses for this kind.
        var noun: String {
            switch self {
            case .bytes: "bytes"
            case .text: "string"
            case .integer: "integer"
            case .float: "float"
            case .boolean: "boolean"
            case .null: "null"
            case .list: "list"
            case .dictionary: "dictionary"
            }
        }
    }

    var kind: Kind
    /// Offset of the length prefix's first digit in the parsed bytes.
    var start: Int
    /// Where the data stands, between the ':' and the type tag.
    var data: Range<Int>
    /// Tape index just past this value's subtree.
    var next: Int
}

/// One top-level tnetstring parsed into a tape over the bytes it came from (not copied).
struct TNetDocument {
    let bytes: [UInt8]
    fileprivate(set) var values: [TNetValue] = []

    subscript(index: Int) -> TNetValue { values[index] }

    /// The tape indices of a list's elements, or of a dictionary's keys and values in turn.
    func children(_ index: Int) -> [Int] {
        var out: [Int] = []
        var child = index + 1
        while child < values[index].next {
            out.append(child)
            child = values[child].next
        }
        return out
    }

    /// The value stored under `key` in a dictionary; keys may be text (`;`) or bytes (`,`), as
    /// mitmproxy's own reader accepts both (mitmproxy/io/compat.py, convert_unicode).
    func member(_ dictionary: Int, _ key: String) -> Int? {
        guard values[dictionary].kind == .dictionary else { return nil }
        let items = children(dictionary)
        var index = 0
        while index + 1 < items.count {
            let name = values[items[index]]
            if name.kind == .text || name.kind == .bytes, bytes[name.data].elementsEqual(key.utf8) { return items[index + 1] }
            index += 2
        }
        return nil
    }

    /// The data of a bytes or text value.
    func blob(_ index: Int) -> ArraySlice<UInt8>? {
        let value = values[index]
        return value.kind == .bytes || value.kind == .text ? bytes[value.data] : nil
    }

    /// A bytes or text value as a String.
    func text(_ index: Int) -> String? {
        blob(index).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of an integer that fits in `Int`.
    func integer(_ index: Int) -> Int? {
        let value = values[index]
        guard value.kind == .integer else { return nil }
        return Int(String(decoding: bytes[value.data], as: UTF8.self))
    }
}

/// Reads tnetstrings with positions, bounds and no trap on any input.
enum TNetString {
    /// mitmproxy's reader refuses a length of more than 12 digits; a flow file this tool reads
    /// holds webhook deliveries, so anything past 64 MiB is taken for damage.
    static let maximumLength = 64 << 20
    static let maximumDepth = 64

    /// Why the bytes are not a tnetstring, and the offset to point at.
    struct Failure: Error {
        var message: String
        var offset: Int
        /// The top-level value runs past the end of the input: the input was cut.
        var cut = false
    }

    /// The value whose length prefix starts at `offset`, and the offset just past its type tag.
    static func parse(_ bytes: [UInt8], at offset: Int) -> Result<(document: TNetDocument, end: Int), Failure> {
        var document = TNetDocument(bytes: bytes)
        do {
            let end = try scan(&document, at: offset, limit: bytes.count, depth: 1, container: nil)
            return .success((document, end))
        } catch {
            return .failure(error)
        }
    }

    private static let colon = UInt8(ascii: ":")

    /// Scans one value that must end before `limit` (the end of its container's data), appending
    /// it and its subtree to the tape. Recursion is bounded by `maximumDepth`.
    private static func scan(_ document: inout TNetDocument, at offset: Int, limit: Int, depth: Int,
                             container: TNetValue.Kind?) throws(Failure) -> Int {
        let bytes = document.bytes
        var position = offset
        var length = 0
        while position < limit, ASCII.isDigit(bytes[position]) {
            length = length * 10 + Int(bytes[position] - 0x30)
            if length > maximumLength {
                throw Failure(message: "a length prefix larger than 64 MiB: not a flow file, or a damaged one", offset: offset)
            }
            position += 1
        }
        guard position < limit else {
            throw Failure(message: "the data ends inside a length prefix", offset: position, cut: container == nil)
        }
        guard position > offset, bytes[position] == colon else {
            let found = describe(bytes[position])
            let message = position == offset
                ? "expected a length (decimal digits), found \(found)"
                : "expected ':' after the length \(length), found \(found)"
            throw Failure(message: message, offset: position)
        }
        let dataStart = position + 1
        let (dataEnd, overflow) = dataStart.addingReportingOverflow(length)
        guard !overflow, dataEnd < limit else {
            let holder = container.map { "its \($0.noun)" } ?? "the data"
            throw Failure(message: "a value of \(length) bytes runs past the end of \(holder) (\(max(0, limit - dataStart)) bytes left, type tag included)",
                          offset: offset, cut: container == nil)
        }
        let tag = bytes[dataEnd]
        let data = dataStart..<dataEnd
        guard let kind = kind(of: tag) else {
            throw Failure(message: "unknown type tag \(describe(tag)) after \(length) bytes of data (expected one of , ; # ^ ! ~ ] })",
                          offset: dataEnd)
        }
        try checkLiteral(kind, bytes[data], at: dataStart)
        let index = document.values.count
        document.values.append(TNetValue(kind: kind, start: offset, data: data, next: index + 1))
        if kind == .list || kind == .dictionary {
            guard depth <= maximumDepth else {
                throw Failure(message: "nesting deeper than \(maximumDepth) levels", offset: offset)
            }
            var child = dataStart
            var count = 0
            while child < dataEnd {
                let childStart = child
                child = try scan(&document, at: child, limit: dataEnd, depth: depth + 1, container: kind)
                count += 1
                if kind == .dictionary, count % 2 == 1, child == dataEnd {
                    throw Failure(message: "a dictionary with an odd number of items: this key has no value", offset: childStart)
                }
            }
            document.values[index].next = document.values.count
        }
        return dataEnd + 1
    }

    private static func kind(of tag: UInt8) -> TNetValue.Kind? {
        switch tag {
        case UInt8(ascii: ","): .bytes
        case UInt8(ascii: ";"): .text
        case UInt8(ascii: "#"): .integer
        case UInt8(ascii: "^"): .float
        case UInt8(ascii: "!"): .boolean
        case UInt8(ascii: "~"): .null
        case UInt8(ascii: "]"): .list
        case UInt8(ascii: "}"): .dictionary
        default: nil
        }
    }

    /// The literals mitmproxy's `parse` rejects: a boolean other than true/false, a null with data,
    /// an integer that is not digits. Floats are not read, so they are not checked.
    private static func checkLiteral(_ kind: TNetValue.Kind, _ data: ArraySlice<UInt8>, at offset: Int) throws(Failure) {
        let valid: Bool
        switch kind {
        case .boolean: valid = data.elementsEqual("true".utf8) || data.elementsEqual("false".utf8)
        case .null: valid = data.isEmpty
        case .integer:
            var digits = data
            if digits.first == UInt8(ascii: "-") || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
            valid = !digits.isEmpty && digits.allSatisfy(ASCII.isDigit)
        default: valid = true
        }
        if !valid {
            throw Failure(message: "invalid \(kind.noun) literal '\(String(decoding: data.prefix(32), as: UTF8.self))'", offset: offset)
        }
    }

    /// A byte as a message shows it.
    static func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(String(UnicodeScalar(byte)))'" : "byte 0x\(ASCII.hex2(byte))"
    }
}
