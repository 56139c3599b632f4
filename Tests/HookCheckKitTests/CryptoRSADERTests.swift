import HookCheckKit
import Testing

/// Well-formed elements: encoding (hex), tag, content (hex).
private let wellFormedElements: [(String, UInt8, String)] = [
    ("0500", 0x05, ""),
    ("020105", 0x02, "05"),
    ("3003020101", 0x30, "020101"),
    ("047f" + String(repeating: "ab", count: 127), 0x04, String(repeating: "ab", count: 127)),
    ("048180" + String(repeating: "cd", count: 128), 0x04, String(repeating: "cd", count: 128)),
    ("0481ff" + String(repeating: "01", count: 255), 0x04, String(repeating: "01", count: 255)),
    ("04820100" + String(repeating: "ee", count: 256), 0x04, String(repeating: "ee", count: 256)),
    ("a0020500", 0xA0, "0500"),
]

/// Malformed framing: label, encoding (hex), the error `readElement` must report.
private let malformedElements: [(String, String, DERError)] = [
    ("empty input", "", .truncated(offset: 0, needed: 1)),
    ("tag without length", "30", .truncated(offset: 1, needed: 1)),
    ("content cut short", "30050201", .truncated(offset: 4, needed: 3)),
    ("length bytes cut short", "308201", .truncated(offset: 2, needed: 1)),
    ("four-byte length far beyond the input", "3084ffffffff00", .truncated(offset: 7, needed: 4_294_967_294)),
    ("indefinite length", "308002010100 00".replacingOccurrences(of: " ", with: ""), .indefiniteLength(offset: 1)),
    ("long form for a short length", "3081050201010500", .nonMinimalLength(offset: 1)),
    ("long form with a leading zero byte", "308200050201010500", .nonMinimalLength(offset: 1)),
    ("long form 0x8200 0x80 is still non-minimal", "30820080" + String(repeating: "00", count: 128), .nonMinimalLength(offset: 1)),
    ("five length bytes", "30850000000001 00".replacingOccurrences(of: " ", with: ""), .lengthOverflow(offset: 1)),
    ("nine length bytes (overflows 64 bits)", "3089ffffffffffffffffff", .lengthOverflow(offset: 1)),
    ("reserved length byte 0xff", "30ff", .lengthOverflow(offset: 1)),
    ("high tag number form", "1f810100", .unsupportedTag(offset: 0)),
]

/// INTEGER encodings (hex) and the magnitude (hex) or error.
private let integerCases: [(String, Result<String, DERError>)] = [
    ("020100", .success("")),
    ("02017f", .success("7f")),
    ("02020080", .success("80")),
    ("0203010001", .success("010001")),
    ("0209008000000000000001", .success("8000000000000001")),
    ("0200", .failure(.malformedInteger(offset: 0))),
    ("02020001", .failure(.malformedInteger(offset: 0))),
    ("0202007f", .failure(.malformedInteger(offset: 0))),
    ("0202ff80", .failure(.malformedInteger(offset: 0))),
    ("020180", .failure(.negativeInteger(offset: 0))),
    ("0202ff7f", .failure(.negativeInteger(offset: 0))),
    ("020281ff", .failure(.negativeInteger(offset: 0))),
    ("0500", .failure(.unexpectedTag(offset: 0, expected: 0x02, found: 0x05))),
    ("0203 0100".replacingOccurrences(of: " ", with: ""), .failure(.truncated(offset: 4, needed: 1))),
]

/// OBJECT IDENTIFIER encodings (hex) and the dotted form or error.
private let objectIdentifierCases: [(String, Result<String, DERError>)] = [
    ("06092a864886f70d010101", .success("1.2.840.113549.1.1.1")),
    ("06096086480165030402 01".replacingOccurrences(of: " ", with: ""), .success("2.16.840.1.101.3.4.2.1")),
    ("0603550403", .success("2.5.4.3")),
    ("06028837", .success("2.999")),
    ("060100", .success("0.0")),
    ("060127", .success("0.39")),
    ("060128", .success("1.0")),
    ("06032b6570", .success("1.3.101.112")),
    ("060b2a81ffffffffffffffff7f", .success("1.2.18446744073709551615")),
    ("0600", .failure(.malformedObjectIdentifier(offset: 0))),
    ("06028001", .failure(.malformedObjectIdentifier(offset: 0))),
    ("0603 2a 80 01".replacingOccurrences(of: " ", with: ""), .failure(.malformedObjectIdentifier(offset: 0))),
    ("060181", .failure(.malformedObjectIdentifier(offset: 0))),
    ("06022a86", .failure(.malformedObjectIdentifier(offset: 0))),
    ("060b2a82808080808080808000", .failure(.malformedObjectIdentifier(offset: 0))),
    ("0403550403", .failure(.unexpectedTag(offset: 0, expected: 0x06, found: 0x04))),
]

/// BIT STRING encodings (hex) and (data hex, unused bits) or error.
private let bitStringCases: [(String, Result<String, DERError>)] = [
    ("030100", .success("/0")),
    ("03020000", .success("00/0")),
    ("0303000102", .success("0102/0")),
    ("03020780", .success("80/7")),
    ("030204f0", .success("f0/4")),
    ("0300", .failure(.malformedBitString(offset: 0))),
    ("03020800", .failure(.malformedBitString(offset: 0))),
    ("030101", .failure(.malformedBitString(offset: 0))),
    ("03020101", .failure(.malformedBitString(offset: 0))),
    ("030207c0", .failure(.malformedBitString(offset: 0))),
]

/// NULL encodings (hex) and whether they are accepted.
private let nullCases: [(String, DERError?)] = [
    ("0500", nil),
    ("050100", .malformedNull(offset: 0)),
    ("0501", .truncated(offset: 2, needed: 1)),
    ("0400", .unexpectedTag(offset: 0, expected: 0x05, found: 0x04)),
]

@Suite("Crypto: RSA DER reader")
struct CryptoRSADERTests {
    @Test("Well-formed elements, short and long length forms", arguments: wellFormedElements)
    func wellFormed(testCase: (String, UInt8, String)) throws {
        let (encoding, tag, content) = testCase
        var reader = DERReader(bytes(hex: encoding))
        let element = try reader.readElement()
        #expect(element.tag == tag)
        #expect(hexString(element.content) == content)
        #expect(element.offset == 0)
        #expect(reader.isAtEnd)
        #expect(throws: Never.self) { try reader.finish() }
    }

    @Test("Malformed lengths and tags are rejected", arguments: malformedElements)
    func malformed(testCase: (String, String, DERError)) {
        let (label, encoding, expected) = testCase
        var reader = DERReader(bytes(hex: encoding))
        #expect(throws: expected, "\(label)") { try reader.readElement() }
        // A failed read leaves the reader where it was.
        #expect(reader.offset == 0)
        #expect(!expected.description.isEmpty)
    }

    @Test("INTEGER", arguments: integerCases)
    func integer(testCase: (String, Result<String, DERError>)) {
        var reader = DERReader(bytes(hex: testCase.0))
        let result = Result { () throws(DERError) in hexString(try reader.readUnsignedInteger()) }
        #expect(result == testCase.1)
    }

    @Test("OBJECT IDENTIFIER", arguments: objectIdentifierCases)
    func objectIdentifier(testCase: (String, Result<String, DERError>)) {
        var reader = DERReader(bytes(hex: testCase.0))
        let result = Result { () throws(DERError) in try reader.readObjectIdentifier().description }
        #expect(result == testCase.1)
    }

    @Test("BIT STRING", arguments: bitStringCases)
    func bitString(testCase: (String, Result<String, DERError>)) {
        var reader = DERReader(bytes(hex: testCase.0))
        let result = Result { () throws(DERError) in
            let (data, unused) = try reader.readBitString()
            return hexString(data) + "/\(unused)"
        }
        #expect(result == testCase.1)
    }

    @Test("NULL", arguments: nullCases)
    func null(testCase: (String, DERError?)) {
        var reader = DERReader(bytes(hex: testCase.0))
        if let expected = testCase.1 {
            #expect(throws: expected) { try reader.readNull() }
        } else {
            #expect(throws: Never.self) { try reader.readNull() }
            #expect(reader.isAtEnd)
        }
    }

    @Test("Nested readers are bounded by their SEQUENCE and report outer offsets")
    func nested() throws {
        // SEQUENCE { INTEGER 1 } followed by NULL; the inner reader must not see the NULL.
        var outer = DERReader(bytes(hex: "30030201010500"))
        var inner = try outer.readSequence()
        #expect(try inner.readUnsignedInteger() == [1])
        #expect(inner.isAtEnd)
        #expect(throws: DERError.truncated(offset: 5, needed: 1)) { try inner.readNull() }
        try outer.readNull()
        try outer.finish()
    }

    @Test("Trailing data and wrong tags")
    func trailingAndWrongTags() throws {
        var reader = DERReader(bytes(hex: "300000"))
        _ = try reader.readSequence()
        #expect(throws: DERError.trailingData(offset: 2, count: 1)) { try reader.finish() }

        var integer = DERReader(bytes(hex: "020101"))
        #expect(throws: DERError.unexpectedTag(offset: 0, expected: 0x30, found: 0x02)) { try integer.readSequence() }
        // The failed read consumed nothing, so the INTEGER is still there.
        #expect(try integer.readUnsignedInteger() == [1])
        #expect(integer.peekTag == nil)
    }

    @Test("Seeded random junk never crashes the reader", arguments: [1, 2, 3, 4])
    func junk(seed: UInt64) {
        var generator = SeededGenerator(seed: 0xDE5_F022 ^ seed)
        var elementsRead = 0
        for _ in 0..<3000 {
            var input = generator.bytes(count: Int.random(in: 0...200, using: &generator))
            // Bias towards plausible prefixes so deeper paths are reached.
            if !input.isEmpty && Bool.random(using: &generator) { input[0] = [0x30, 0x02, 0x03, 0x06, 0x05][Int.random(in: 0..<5, using: &generator)] }
            if input.count > 1 && Bool.random(using: &generator) { input[1] = [0x80, 0x81, 0x82, 0x84, 0x88, 0xFF, 0x01][Int.random(in: 0..<7, using: &generator)] }
            elementsRead += walk(DERReader(input), depth: 0)
        }
        #expect(elementsRead > 0)
    }

    /// Reads every element with every typed reader, descending into SEQUENCEs; returns the count read.
    private func walk(_ start: DERReader, depth: Int) -> Int {
        var count = 0
        var reader = start
        while !reader.isAtEnd && depth < 20 {
            var probe = reader
            _ = try? probe.readUnsignedInteger()
            probe = reader
            _ = try? probe.readObjectIdentifier()
            probe = reader
            _ = try? probe.readBitString()
            probe = reader
            _ = try? probe.readNull()
            probe = reader
            if let inner = try? probe.readSequence() { count += walk(inner, depth: depth + 1) }
            guard (try? reader.readElement()) != nil else { break }
            count += 1
        }
        return count
    }
}
