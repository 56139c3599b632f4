import Testing
@testable import HookCheckKit

@Suite("JSON parser")
struct JSONParserTests {
    /// Texts RFC 8259 accepts.
    static let accepted: [String] = [
        "{}", "[]", "0", "-0", "1.5e10", "-1.25E-3", "\"\"", "true", "false", "null",
        " \t\r\n{ \"a\" : [ 1 , 2 , { } ] } \n",
        #"{"big":12345678901234567890123}"#,
        #"{"esc":"\" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00"}"#,
        "\"é漢字😀\"",
        #"[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]"#,
        #"{"a":1,"a":2}"#,  // valid JSON, duplicate keys are a warning
    ]

    @Test("accepts valid JSON", arguments: accepted)
    func accepts(_ text: String) {
        guard case .success = JSONParser().parse(Array(text.utf8)) else {
            Issue.record("rejected: \(text)")
            return
        }
    }

    struct Rejection: CustomStringConvertible, Sendable {
        var text: String
        var code: String
        var message: String
        var description: String { text }
    }

    /// Texts it rejects; ⌖ marks where the issue must point.
    static let rejected: [Rejection] = [
        Rejection(text: "⌖", code: "json.syntax", message: "expected a JSON value, found end of input"),
        Rejection(text: "{\"a\":1,⌖}", code: "json.syntax", message: "expected a string key after ',', found '}' (trailing comma)"),
        Rejection(text: "[1,2,⌖]", code: "json.syntax", message: "expected a value after ',', found ']' (trailing comma)"),
        Rejection(text: "[\n  \"a\"\n  ⌖\"b\"\n]", code: "json.syntax", message: "expected ',' or ']' after array element, found string"),
        Rejection(text: "{\"a\":1\n⌖\"b\":2}", code: "json.syntax", message: "expected ',' or '}' after object member, found string"),
        Rejection(text: "[⌖01]", code: "json.syntax", message: "leading zeros are not allowed in numbers"),
        Rejection(text: "[-⌖x]", code: "json.syntax", message: "expected a digit after '-', found 'x'"),
        Rejection(text: "[1.⌖]", code: "json.syntax", message: "expected a digit after '.', found ']'"),
        Rejection(text: "[1e⌖]", code: "json.syntax", message: "expected a digit in the exponent, found ']'"),
        Rejection(text: "[\"a⌖\tb\"]", code: "json.syntax", message: "unescaped control character U+0009 in string"),
        Rejection(text: "[\"a⌖\\x\"]", code: "json.syntax", message: "invalid escape '\\x' in string"),
        Rejection(text: "[\"⌖\\ud800\"]", code: "json.syntax", message: "lone high surrogate \\uD800 in string: expected a \\uDC00-\\uDFFF escape after it"),
        Rejection(text: "[\"⌖\\udc00\"]", code: "json.syntax", message: "lone low surrogate \\uDC00 in string"),
        Rejection(text: "[\"⌖\\u12\"]", code: "json.syntax", message: "invalid \\u escape: expected four hex digits"),
        Rejection(text: "[\"abc⌖", code: "json.syntax", message: "unterminated string: expected '\"', found end of input"),
        Rejection(text: "{⌖a:1}", code: "json.syntax", message: "expected a string key or '}', found 'a'"),
        Rejection(text: "{\"a\" ⌖1}", code: "json.syntax", message: "expected ':' after object key, found number"),
        Rejection(text: "[⌖tru]", code: "json.syntax", message: "expected a value, found 'tru'"),
        Rejection(text: "[⌖trueish]", code: "json.syntax", message: "expected a value, found 'trueish'"),
        Rejection(text: "[⌖undefined]", code: "json.syntax", message: "expected a value, found 'undefined'"),
        Rejection(text: "{} ⌖{}", code: "json.syntax", message: "expected end of input after the JSON value, found '{'"),
        Rejection(text: "[1, 2⌖", code: "json.syntax", message: "expected ',' or ']' after array element, found end of input"),
        Rejection(text: "[⌖'a']", code: "json.syntax", message: "expected a value, found '''"),
        // A long bare word may be a secret pasted without quotes: it is not repeated.
        Rejection(text: "{\"token\":⌖SECRETTOKEN12345}", code: "json.syntax", message: "expected a value, found an unquoted word"),
    ]

    @Test("rejects invalid JSON at the exact position", arguments: rejected)
    func rejects(_ rejection: Rejection) throws {
        let (bytes, offset) = marked(rejection.text)
        guard case .failure(let issue) = JSONParser().parse(bytes) else {
            Issue.record("accepted: \(rejection.text)")
            return
        }
        #expect(issue.code.id == rejection.code)
        #expect(issue.message == rejection.message)
        #expect(issue.offset == offset)
    }

    /// Invalid UTF-8 inside strings, as raw bytes, with the offset of the bad sequence.
    static let invalidUTF8: [([UInt8], Int)] = [
        ([0x22, 0xC3, 0x28, 0x22], 1),              // bad continuation
        ([0x22, 0x61, 0xC0, 0xAF, 0x22], 2),        // overlong '/'
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),        // UTF-8 encoded surrogate
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // beyond U+10FFFF
        ([0x22, 0xFF, 0x22], 1),
        ([0x22, 0xE2, 0x82], 1),                    // cut off by the end
    ]

    @Test("rejects invalid UTF-8 with json.utf8", arguments: invalidUTF8)
    func rejectsInvalidUTF8(_ bytes: [UInt8], _ offset: Int) {
        guard case .failure(let issue) = JSONParser().parse(bytes) else {
            Issue.record("accepted invalid UTF-8 \(bytes)")
            return
        }
        #expect(issue.code.id == "json.utf8")
        #expect(issue.offset == offset)
    }

    @Test("a depth limit turns deep nesting into an issue, not a crash")
    func depthLimit() {
        let deep = Array(repeating: UInt8(ascii: "["), count: 200_000) + Array(repeating: UInt8(ascii: "]"), count: 200_000)
        guard case .failure(let issue) = JSONParser().parse(deep) else {
            Issue.record("accepted 200,000 levels")
            return
        }
        #expect(issue.code.id == "json.depth")
        #expect(issue.offset == 512)
        let fine = Array(repeating: UInt8(ascii: "["), count: 512) + Array(repeating: UInt8(ascii: "]"), count: 512)
        guard case .success = JSONParser().parse(fine) else {
            Issue.record("rejected 512 levels")
            return
        }
    }

    @Test("numbers keep their text: 64-bit ids survive exactly")
    func numbersKeepText() throws {
        let document = try JSONParser().parse(Array(#"{"id":9223372036854775807,"neg":-9223372036854775808,"over":9223372036854775808,"f":1.0}"#.utf8)).get()
        #expect(document.int64(try #require(document.member(0, "id"))) == Int64.max)
        #expect(document.int64(try #require(document.member(0, "neg"))) == Int64.min)
        #expect(document.int64(try #require(document.member(0, "over"))) == nil)
        #expect(document.text(try #require(document.member(0, "over"))) == "9223372036854775808")
        #expect(document.int64(try #require(document.member(0, "f"))) == nil)
    }

    @Test("strings decode escapes and surrogate pairs")
    func stringDecoding() throws {
        let document = try JSONParser().parse(Array(#"["a\"b\\c\/d\n\u00e9\ud83d\ude00"]"#.utf8)).get()
        #expect(document.string(1) == "a\"b\\c/d\né😀")
    }

    @Test("the tape records containers' extents and counts")
    func tape() throws {
        let document = try JSONParser().parse(Array(#"{"a":[1,2,{"b":null}],"c":true}"#.utf8)).get()
        #expect(document[0].kind == .object)
        #expect(document[0].count == 2)
        let array = try #require(document.member(0, "a"))
        #expect(document[array].count == 3)
        #expect(document.elements(array).map { document[$0].kind } == [.number, .number, .object])
        #expect(document[0].next == UInt32(document.tokens.count))
        #expect(document.value(at: "c").map { document[$0].kind } == .true)
    }

    @Test("duplicate keys are warnings with pointers")
    func duplicateKeys() throws {
        let text = #"{"a":1,"b":{"x":1,"x":2},"a":3}"#
        let document = try JSONParser().parse(Array(text.utf8)).get()
        let pointers = document.warnings.map { JSONPaths.pointer($0.path) }.sorted()
        #expect(pointers == ["/a", "/b/x"])
        #expect(document.warnings.allSatisfy { $0.code.id == "json.duplicate-key" })
    }

    @Test("pointers escape ~ and /")
    func pointers() {
        #expect(JSONPaths.pointer([.key("a/b"), .key("m~n"), .index(3)]) == "/a~1b/m~0n/3")
        #expect(JSONPaths.pointer([]) == "")
    }

    @Test("positions: 1-based lines and byte columns, CRLF one break")
    func positions() {
        let text = SourceText(Array("ab\r\ncdé\nf".utf8), baseLine: 10)
        #expect(text.position(ofOffset: 0) == SourcePosition(line: 10, column: 1))
        #expect(text.position(ofOffset: 4) == SourcePosition(line: 11, column: 1))
        #expect(text.position(ofOffset: 9) == SourcePosition(line: 12, column: 1))
        #expect(text.position(ofOffset: 8) == SourcePosition(line: 11, column: 5))
    }
}
