import HookCheckKit
import Testing

/// A decode that the given options allow; `strictAccepts` says whether the
/// option-free decoder takes it too.
struct AcceptedCase: Sendable, CustomTestStringConvertible {
    var testDescription: String { input.debugDescription }
    var input: String
    var options: Base64.DecodingOptions
    var expected: [UInt8]
    var strictAccepts: Bool
}

private let acceptedWithOptions: [AcceptedCase] = [
    AcceptedCase(input: "Zg", options: .allowUnpadded, expected: [UInt8(ascii: "f")], strictAccepts: false),
    AcceptedCase(input: "Zm8", options: .allowUnpadded, expected: Array("fo".utf8), strictAccepts: false),
    AcceptedCase(input: "Zm8=", options: .allowUnpadded, expected: Array("fo".utf8), strictAccepts: true),
    AcceptedCase(input: "Zm9vYmFy", options: .allowUnpadded, expected: Array("foobar".utf8), strictAccepts: true),
    AcceptedCase(input: "-_8=", options: .urlSafe, expected: [0xFB, 0xFF], strictAccepts: false),
    AcceptedCase(input: "-_8", options: [.urlSafe, .allowUnpadded], expected: [0xFB, 0xFF], strictAccepts: false),
    AcceptedCase(input: "Zm9v\r\nYmFy\n", options: .ignoreWhitespace, expected: Array("foobar".utf8),
                 strictAccepts: false),
    AcceptedCase(input: " Z m 9 v\tY g = = \n", options: .ignoreWhitespace, expected: Array("foob".utf8),
                 strictAccepts: false),
]

/// Input that stays invalid even with the given options.
struct RejectedCase: Sendable, CustomTestStringConvertible {
    var testDescription: String { input.debugDescription }
    var input: String
    var options: Base64.DecodingOptions
}

private let rejectedWithOptions: [RejectedCase] = [
    RejectedCase(input: "Z", options: .allowUnpadded),
    RejectedCase(input: "Zg=", options: .allowUnpadded),
    RejectedCase(input: "Zh", options: .allowUnpadded),
    RejectedCase(input: "+/+/", options: .urlSafe),
    RejectedCase(input: "Zm9v!", options: .ignoreWhitespace),
    RejectedCase(input: "Zg==\nZg==", options: .ignoreWhitespace),
    RejectedCase(input: "Zm9v YmFy", options: [.urlSafe, .allowUnpadded]),
]

@Suite("Crypto: Base64")
struct CryptoBase64Tests {
    // RFC 4648 section 10.
    @Test("RFC 4648 test vectors both ways", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test("All byte values round-trip at every length up to 260")
    func roundTrip() {
        var generator = SeededGenerator(seed: 0xB64)
        for length in 0...260 {
            let input = generator.bytes(count: length)
            let encoded = Base64.encode(input)
            #expect(encoded.utf8.count == (length + 2) / 3 * 4)
            #expect(Base64.decode(encoded) == input, "length \(length)")
        }
        let everyByte = (0...255).map { UInt8($0) }
        #expect(Base64.decode(Base64.encode(everyByte)) == everyByte)
        // A non-contiguous collection takes the copying path.
        #expect(Base64.encode(everyByte.lazy.map { $0 }) == Base64.encode(everyByte))
    }

    @Test("Alphabet ends map to + and /")
    func alphabetEnds() {
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
        #expect(Base64.decode("+/+/") == [0xFB, 0xFF, 0xBF])
        #expect(Base64.decode("-_-_", options: .urlSafe) == [0xFB, 0xFF, 0xBF])
    }

    @Test("Strict decoding rejects malformed input", arguments: [
        "Z", "Zg", "Zg=", "Zm9", "Zg===", "=", "==", "====", "Z===",
        "Zg==Zg==", "Zg=a", "Zm=v", "Zm9v=", "Zm9v\n", " Zm9v", "Zm 9v",
        "Zm9v!", "Zm9-", "Zm9_", "Zm8=\u{0}", "Zmé9", "Zh==", "Zm9=",
    ])
    func strictRejects(input: String) {
        #expect(Base64.decode(input) == nil)
    }

    @Test("Options relax exactly what they name", arguments: acceptedWithOptions)
    func optionsAccept(testCase: AcceptedCase) {
        #expect(Base64.decode(testCase.input, options: testCase.options) == testCase.expected)
        #expect((Base64.decode(testCase.input) != nil) == testCase.strictAccepts)
    }

    @Test("Options still reject what they do not name", arguments: rejectedWithOptions)
    func optionsReject(testCase: RejectedCase) {
        #expect(Base64.decode(testCase.input, options: testCase.options) == nil)
    }

    @Test("A PEM body decodes with ignoreWhitespace")
    func pemBody() {
        let payload = patternBytes(count: 100)
        let encoded = Array(Base64.encode(payload))
        // Wrap at 64 columns as PEM does.
        var wrapped = ""
        for start in stride(from: 0, to: encoded.count, by: 64) {
            wrapped += String(encoded[start..<min(start + 64, encoded.count)]) + "\n"
        }
        #expect(Base64.decode(wrapped) == nil)
        #expect(Base64.decode(wrapped, options: .ignoreWhitespace) == payload)
    }

    @Test("Decoding accepts a Substring")
    func substring() {
        let text = "xxZm9vxx"
        let inner = text.dropFirst(2).dropLast(2)
        #expect(Base64.decode(inner) == Array("foo".utf8))
    }
}
