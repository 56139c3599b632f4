import HookCheckModel

/// A problem found in a JSON text, at a byte offset of the parsed bytes.
public struct JSONIssue: Sendable, Equatable, Error {
    /// `json.syntax`, `json.utf8`, `json.depth`, `json.duplicate-key`, or a `form.*` code from the form decoder.
    public var code: FindingCode
    public var message: String
    public var offset: Int
    /// For a duplicate key: the path of member names and indices leading to it.
    public var path: [JSONPathComponent]

    public init(code: FindingCode, message: String, offset: Int, path: [JSONPathComponent] = []) {
        self.code = code
        self.message = message
        self.offset = offset
        self.path = path
    }
}

/// One step of a JSON Pointer.
public enum JSONPathComponent: Sendable, Equatable, Hashable {
    case key(String)
    case index(Int)
}

/// Strict RFC 8259 parsing of UTF-8 bytes onto a flat token tape, with a depth limit.
///
/// Numbers keep their text, strings are validated (UTF-8, escapes, surrogate pairs) but decoded
/// only when read. The first syntax error ends parsing; it names what was expected and what was
/// found, at the offset of the offending byte.
public struct JSONParser {
    public static let defaultMaxDepth = 512

    public var maxDepth: Int

    public init(maxDepth: Int = JSONParser.defaultMaxDepth) {
        self.maxDepth = maxDepth
    }

    /// Parses all of `bytes`.
    public func parse(_ bytes: [UInt8]) -> Result<JSONDocument, JSONIssue> {
        parse(bytes, range: 0..<bytes.count)
    }

    /// Parses `bytes[range]`; token and issue offsets are offsets in `bytes`.
    public func parse(_ bytes: [UInt8], range: Range<Int>) -> Result<JSONDocument, JSONIssue> {
        let scan: (inout TokenBuffer) -> Result<Void, JSONIssue> = { buffer in
            bytes.withUnsafeBufferPointer { bytes in
                var scanner = JSONScanner(buffer: UnsafeBufferPointer(rebasing: bytes[0..<range.upperBound]), maxDepth: maxDepth)
                scanner.position = range.lowerBound
                return scanner.run(into: &buffer)
            }
        }
        var outcome: Result<Void, JSONIssue> = .success(())
        let tokens: [JSONToken]
        if range.count <= 1 << 16 {
            // Every token takes at least one byte, so a small text's tape fits in one allocation,
            // written in place.
            tokens = Array(unsafeUninitializedCapacity: range.count + 1) { storage, count in
                var buffer = TokenBuffer(fixed: storage.baseAddress!, capacity: storage.count)
                outcome = scan(&buffer)
                count = buffer.count
            }
        } else {
            var buffer = TokenBuffer(capacity: max(16, range.count / 10))
            defer { buffer.release() }
            outcome = scan(&buffer)
            tokens = buffer.array()
        }
        switch outcome {
        case .failure(let issue):
            return .failure(issue)
        case .success:
            let warnings = DuplicateKeys.find(in: bytes, tokens: tokens)
            return .success(JSONDocument(bytes: bytes, tokens: tokens, warnings: warnings))
        }
    }
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")
private let comma = UInt8(ascii: ",")
private let colon = UInt8(ascii: ":")
private let openBrace = UInt8(ascii: "{")
private let closeBrace = UInt8(ascii: "}")
private let openBracket = UInt8(ascii: "[")
private let closeBracket = UInt8(ascii: "]")

/// The scanning loop; an explicit stack instead of recursion so depth costs no native stack.
struct JSONScanner {
    let buffer: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    /// The first problem found; scanning stops there.
    var failure: JSONIssue?

    init(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.buffer = buffer
        self.maxDepth = maxDepth
    }

    @inline(__always)
    mutating func skipWhitespace() {
        let count = buffer.count
        while position < count {
            switch buffer[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    @inline(__always)
    var current: UInt8? { position < buffer.count ? buffer[position] : nil }

    func found() -> String { JSONScanner.describe(buffer, at: position) }

    static func describe(_ buffer: UnsafeBufferPointer<UInt8>, at position: Int) -> String {
        guard position < buffer.count else { return "end of input" }
        let byte = buffer[position]
        switch byte {
        case quote: return "string"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "number"
        case openBrace, closeBrace, openBracket, closeBracket, comma, colon:
            return "'\(Character(Unicode.Scalar(byte)))'"
        case 0x21...0x7E:
            // A word such as `true` or `undefined`: show it whole, up to a delimiter.
            var end = position
            while end < buffer.count, end - position < 16, isWordByte(buffer[end]) { end += 1 }
            if end > position + 1 || isWordByte(byte) {
                let word = String(decoding: buffer[position..<max(end, position + 1)], as: UTF8.self)
                // Quote typos of literals and short words; a long bare word may be someone's secret.
                let literalLike = ["t", "f", "n", "T", "F", "N", "u", "I"].contains(String(word.prefix(1)))
                return word.count <= 5 || literalLike ? "'\(word)'" : "an unquoted word"
            }
            return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            return byte < 0x20 ? "control character U+\(ASCII.hex4(UInt32(byte)))" : "byte 0x\(ASCII.hex2(byte))"
        }
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
             UInt8(ascii: "+"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// Records the problem and reports failure.
    mutating func fail(_ issue: JSONIssue) -> Bool {
        failure = issue
        return false
    }

    func syntax(_ message: String, at offset: Int? = nil) -> JSONIssue {
        JSONIssue(code: .jsonSyntax, message: message, offset: offset ?? position)
    }

    mutating func run(into tokens: inout TokenBuffer) -> Result<Void, JSONIssue> {
        // Open containers: tape index of each.
        var stack: [Int] = []
        stack.reserveCapacity(32)
        skipWhitespace()
        if position >= buffer.count {
            return .failure(syntax("expected a JSON value, found end of input"))
        }
        // States: expecting a value (after '[', ',', ':' or at the top).
        var needValue = true
        while true {
            if needValue {
                skipWhitespace()
                guard let byte = current else {
                    return .failure(syntax(stack.isEmpty ? "expected a JSON value, found end of input"
                                                         : "expected a value, found end of input"))
                }
                switch byte {
                case openBrace, openBracket:
                    if stack.count >= maxDepth {
                        return .failure(JSONIssue(code: .jsonDepth,
                                                  message: "nesting deeper than \(maxDepth) levels",
                                                  offset: position))
                    }
                    let isObject = byte == openBrace
                    if let parent = stack.last { tokens[parent].count += 1 }
                    stack.append(tokens.count)
                    tokens.append(JSONToken(kind: isObject ? .object : .array, flags: 0,
                                            start: UInt32(truncatingIfNeeded: position), end: 0, count: 0, next: 0))
                    position += 1
                    skipWhitespace()
                    if isObject {
                        if current == closeBrace {
                            position += 1
                            closeContainer(&tokens, &stack)
                            needValue = false
                            break
                        }
                        if !scanKey(into: &tokens, afterComma: false) { return .failure(failure!) }
                        continue
                    } else {
                        if current == closeBracket {
                            position += 1
                            closeContainer(&tokens, &stack)
                            needValue = false
                            break
                        }
                        continue
                    }
                case quote:
                    if let parent = stack.last { tokens[parent].count += 1 }
                    if !scanString(into: &tokens) { return .failure(failure!) }
                    needValue = false
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if let parent = stack.last { tokens[parent].count += 1 }
                    if !scanNumber(into: &tokens) { return .failure(failure!) }
                    needValue = false
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    if let parent = stack.last { tokens[parent].count += 1 }
                    if !scanLiteral(into: &tokens) { return .failure(failure!) }
                    needValue = false
                default:
                    return .failure(syntax("expected a value, found \(found())"))
                }
            }
            // After a value: a separator, a closing bracket, or the end.
            skipWhitespace()
            guard let open = stack.last else {
                if position < buffer.count {
                    return .failure(syntax("expected end of input after the JSON value, found \(found())"))
                }
                return .success(())
            }
            let isObject = tokens[open].kind == .object
            guard let byte = current else {
                return .failure(syntax(isObject ? "expected ',' or '}' after object member, found end of input"
                                                : "expected ',' or ']' after array element, found end of input"))
            }
            if byte == comma {
                position += 1
                if isObject {
                    skipWhitespace()
                    if current == closeBrace {
                        return .failure(syntax("expected a string key after ',', found '}' (trailing comma)"))
                    }
                    if !scanKey(into: &tokens, afterComma: true) { return .failure(failure!) }
                } else {
                    skipWhitespace()
                    if current == closeBracket {
                        return .failure(syntax("expected a value after ',', found ']' (trailing comma)"))
                    }
                }
                needValue = true
            } else if byte == (isObject ? closeBrace : closeBracket) {
                position += 1
                closeContainer(&tokens, &stack)
                needValue = false
            } else {
                return .failure(syntax(isObject ? "expected ',' or '}' after object member, found \(found())"
                                                : "expected ',' or ']' after array element, found \(found())"))
            }
        }
    }

    @inline(__always)
    mutating func closeContainer(_ tokens: inout TokenBuffer, _ stack: inout [Int]) {
        let index = stack.removeLast()
        tokens[index].end = UInt32(truncatingIfNeeded: position)
        tokens[index].next = UInt32(truncatingIfNeeded: tokens.count)
    }

    /// A member key and its colon; leaves the scanner expecting the value.
    @inline(__always)
    mutating func scanKey(into tokens: inout TokenBuffer, afterComma: Bool) -> Bool {
        skipWhitespace()
        guard current == quote else {
            return fail(syntax(afterComma ? "expected a string key after ',', found \(found())"
                                          : "expected a string key or '}', found \(found())"))
        }
        if !scanString(into: &tokens) { return false }
        skipWhitespace()
        guard current == colon else {
            return fail(syntax("expected ':' after object key, found \(found())"))
        }
        position += 1
        return true
    }

    @inline(__always)
    mutating func scanString(into tokens: inout TokenBuffer) -> Bool {
        let start = position
        position += 1
        var flags: UInt8 = 0
        let count = buffer.count
        while true {
            // Fast path: eight bytes at a time while none is a quote, a backslash, a control
            // character or non-ASCII.
            if let base = buffer.baseAddress {
                while position + 8 <= count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
                    if JSONScanner.needsAttention(word) { break }
                    position += 8
                }
            }
            // Then byte by byte.
            while position < count {
                let byte = buffer[position]
                if byte == quote || byte == backslash || byte < 0x20 || byte >= 0x80 { break }
                position += 1
            }
            guard position < count else {
                return fail(syntax("unterminated string: expected '\"', found end of input", at: position))
            }
            let byte = buffer[position]
            if byte == quote {
                position += 1
                tokens.append(JSONToken(kind: .string, flags: flags, start: UInt32(truncatingIfNeeded: start),
                                        end: UInt32(truncatingIfNeeded: position), count: 0, next: UInt32(truncatingIfNeeded: tokens.count + 1)))
                return true
            }
            if byte == backslash {
                flags |= JSONToken.hasEscapes
                if let issue = scanEscape() { return fail(issue) }
                continue
            }
            if byte < 0x20 {
                return fail(syntax("unescaped control character U+\(ASCII.hex4(UInt32(byte))) in string"))
            }
            if let issue = scanUTF8Sequence() { return fail(issue) }
        }
    }

    /// Whether any byte of `word` ends the plain run of a string (SWAR zero-byte tests).
    @inline(__always)
    static func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let quotes = hasZero(word ^ (ones &* 0x22))
        let backslashes = hasZero(word ^ (ones &* 0x5C))
        let controls = (word &- ones &* 0x20) & ~word & highs
        return (quotes | backslashes | controls | (word & highs)) != 0
    }

    /// Validates one multi-byte UTF-8 sequence at `position` (RFC 3629: no overlongs, no surrogates).
    mutating func scanUTF8Sequence() -> JSONIssue? {
        let lead = buffer[position]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default:
            return JSONIssue(code: .jsonUTF8, message: "invalid UTF-8: byte 0x\(ASCII.hex2(lead)) cannot start a character", offset: position)
        }
        for index in 1..<length {
            let at = position + index
            guard at < buffer.count else {
                return JSONIssue(code: .jsonUTF8, message: "invalid UTF-8: character cut off by the end of input", offset: position)
            }
            let byte = buffer[at]
            let (low, high) = index == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
            if byte < low || byte > high {
                return JSONIssue(code: .jsonUTF8,
                                 message: "invalid UTF-8: byte 0x\(ASCII.hex2(byte)) after 0x\(ASCII.hex2(lead)) is not a valid continuation",
                                 offset: position)
            }
        }
        position += length
        return nil
    }

    /// One backslash escape; `\u` escapes must pair surrogates correctly.
    mutating func scanEscape() -> JSONIssue? {
        let escapeStart = position
        position += 1
        guard let byte = current else {
            return syntax("unterminated string: expected '\"', found end of input")
        }
        switch byte {
        case quote, backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
            return nil
        case UInt8(ascii: "u"):
            position += 1
            guard let unit = readHex4() else {
                return syntax("invalid \\u escape: expected four hex digits", at: escapeStart)
            }
            if (0xDC00...0xDFFF).contains(unit) {
                return syntax("lone low surrogate \\u\(ASCII.hex4(UInt32(unit))) in string", at: escapeStart)
            }
            if (0xD800...0xDBFF).contains(unit) {
                let pairStart = position
                guard position + 1 < buffer.count, buffer[position] == backslash, buffer[position + 1] == UInt8(ascii: "u") else {
                    return syntax("lone high surrogate \\u\(ASCII.hex4(UInt32(unit))) in string: expected a \\uDC00-\\uDFFF escape after it", at: escapeStart)
                }
                position += 2
                guard let low = readHex4() else {
                    return syntax("invalid \\u escape: expected four hex digits", at: pairStart)
                }
                guard (0xDC00...0xDFFF).contains(low) else {
                    return syntax("lone high surrogate \\u\(ASCII.hex4(UInt32(unit))) in string: expected a \\uDC00-\\uDFFF escape after it", at: escapeStart)
                }
            }
            return nil
        default:
            return syntax("invalid escape '\\\(byte >= 0x21 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "?")' in string", at: escapeStart)
        }
    }

    mutating func readHex4() -> UInt16? {
        guard position + 4 <= buffer.count else { return nil }
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let digit = ASCII.hexValue(buffer[position]) else { return nil }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    @inline(__always)
    mutating func scanNumber(into tokens: inout TokenBuffer) -> Bool {
        let start = position
        let count = buffer.count
        var flags: UInt8 = 0
        if buffer[position] == UInt8(ascii: "-") {
            position += 1
            guard position < count, ASCII.isDigit(buffer[position]) else {
                return fail(syntax("expected a digit after '-', found \(found())"))
            }
        }
        if buffer[position] == UInt8(ascii: "0") {
            position += 1
            if position < count, ASCII.isDigit(buffer[position]) {
                return fail(syntax("leading zeros are not allowed in numbers", at: start))
            }
        } else {
            while position < count, ASCII.isDigit(buffer[position]) { position += 1 }
        }
        if position < count, buffer[position] == UInt8(ascii: ".") {
            flags |= JSONToken.isFractional
            position += 1
            guard position < count, ASCII.isDigit(buffer[position]) else {
                return fail(syntax("expected a digit after '.', found \(found())"))
            }
            while position < count, ASCII.isDigit(buffer[position]) { position += 1 }
        }
        if position < count, buffer[position] | 0x20 == UInt8(ascii: "e") {
            flags |= JSONToken.isFractional
            position += 1
            if position < count, buffer[position] == UInt8(ascii: "+") || buffer[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < count, ASCII.isDigit(buffer[position]) else {
                return fail(syntax("expected a digit in the exponent, found \(found())"))
            }
            while position < count, ASCII.isDigit(buffer[position]) { position += 1 }
        }
        tokens.append(JSONToken(kind: .number, flags: flags, start: UInt32(truncatingIfNeeded: start),
                                end: UInt32(truncatingIfNeeded: position), count: 0, next: UInt32(truncatingIfNeeded: tokens.count + 1)))
        return true
    }

    @inline(__always)
    mutating func scanLiteral(into tokens: inout TokenBuffer) -> Bool {
        let start = position
        let (word, kind): (StaticString, JSONKind) = switch buffer[position] {
        case UInt8(ascii: "t"): ("true", .true)
        case UInt8(ascii: "f"): ("false", .false)
        default: ("null", .null)
        }
        let length = word.utf8CodeUnitCount
        var matches = position + length <= buffer.count
        if matches {
            let pointer = word.utf8Start
            for index in 0..<length where buffer[position + index] != pointer[index] {
                matches = false
                break
            }
        }
        // `trueish` is not `true`: the literal must end at a delimiter.
        if matches, position + length < buffer.count, JSONScanner.isWordByte(buffer[position + length]) {
            matches = false
        }
        guard matches else {
            return fail(syntax("expected a value, found \(found())"))
        }
        position += length
        tokens.append(JSONToken(kind: kind, flags: 0, start: UInt32(truncatingIfNeeded: start),
                                end: UInt32(truncatingIfNeeded: position), count: 0, next: UInt32(truncatingIfNeeded: tokens.count + 1)))
        return true
    }
}

/// The tape while it is being written: a growable buffer without per-append uniqueness checks.
struct TokenBuffer {
    private var base: UnsafeMutablePointer<JSONToken>
    private var capacity: Int
    private(set) var count = 0

    /// Whether `base` belongs to someone else and must not grow or be freed.
    private let fixed: Bool

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
        fixed = false
    }

    /// Writes into storage the caller owns, which is known to be large enough.
    init(fixed storage: UnsafeMutablePointer<JSONToken>, capacity: Int) {
        base = storage
        self.capacity = capacity
        fixed = true
    }

    @inline(__always)
    mutating func append(_ token: JSONToken) {
        if count == capacity { grow() }
        (base + count).initialize(to: token)
        count += 1
    }

    @inline(__always)
    subscript(index: Int) -> JSONToken {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    private mutating func grow() {
        precondition(!fixed, "a text has no more tokens than bytes")
        let larger = UnsafeMutablePointer<JSONToken>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    func array() -> [JSONToken] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    func release() {
        if !fixed { base.deallocate() }
    }
}
