import HookCheckKit
import Testing

/// Big-endian input bytes (hex), the minimal encoding they should export as, and the bit length.
private let byteRoundTrips: [(String, String, Int)] = [
    ("", "", 0),
    ("00", "", 0),
    ("000000", "", 0),
    ("01", "01", 1),
    ("0001", "01", 1),
    ("80", "80", 8),
    ("00ff", "ff", 8),
    ("0100", "0100", 9),
    ("ffffffffffffffff", "ffffffffffffffff", 64),
    ("010000000000000000", "010000000000000000", 65),
    ("0000000000000000010000000000000000", "010000000000000000", 65),
    ("0102030405060708090a0b0c0d0e0f10111213", "0102030405060708090a0b0c0d0e0f10111213", 145),
]

/// Value (hex), requested length, and the I2OSP output (hex) or nil when it does not fit.
private let fixedLengthCases: [(String, Int, String?)] = [
    ("0", 0, ""),
    ("0", 3, "000000"),
    ("1", 1, "01"),
    ("1", 4, "00000001"),
    ("ff", 1, "ff"),
    ("100", 1, nil),
    ("100", 2, "0100"),
    ("123456789abcdef0", 8, "123456789abcdef0"),
    ("123456789abcdef0", 7, nil),
    ("123456789abcdef01", 9, "0123456789abcdef01"),
    ("1", -1, nil),
]

/// a, b (hex) and whether a < b, a == b.
private let comparisons: [(String, String, Bool, Bool)] = [
    ("0", "0", false, true),
    ("0", "1", true, false),
    ("1", "0", false, false),
    ("ffffffffffffffff", "10000000000000000", true, false),
    ("10000000000000000", "ffffffffffffffff", false, false),
    ("20000000000000001", "20000000000000002", true, false),
    ("30000000000000000", "20000000000000000ffff", true, false),
    ("abcdef0123456789abcdef", "abcdef0123456789abcdef", false, true),
    ("abcdef0123456789abcdef", "abcdef0123456789abcdee", false, false),
]

/// base, exponent, modulus, expected (decimal-sized cases checkable by hand, plus edge cases).
private let smallPowers: [(UInt64, UInt64, UInt64, UInt64)] = [
    (4, 13, 497, 445),
    (2, 10, 1000, 24),
    (3, 0, 7, 1),
    (0, 0, 7, 1),
    (0, 5, 7, 0),
    (5, 3, 1, 0),
    (10, 1, 7, 3),
    (7, 2, 7, 0),
    (2, 64, 18_446_744_073_709_551_557, 59),
    (3, 200, 1 << 32, 2_868_424_865),
    (123_456_789, 65537, 1_000_000_007, 560_583_526),
    (UInt64.max, 2, UInt64.max - 1, 1),
    (2, 3, 2, 0),
]

@Suite("Crypto: RSA big integers")
struct CryptoRSABigUIntTests {
    @Test("Big-endian import and minimal export", arguments: byteRoundTrips)
    func byteRoundTrip(testCase: (String, String, Int)) {
        let (input, minimal, bits) = testCase
        let value = BigUInt(bigEndianBytes: bytes(hex: input))
        #expect(hexString(value.bigEndianBytes()) == minimal)
        #expect(value.bitLength == bits)
        #expect(value.isZero == (bits == 0))
        #expect(value == BigUInt(hex: minimal.isEmpty ? "0" : minimal))
    }

    @Test("I2OSP to a fixed length", arguments: fixedLengthCases)
    func fixedLength(testCase: (String, Int, String?)) throws {
        let (valueHex, count, expected) = testCase
        let value = try #require(BigUInt(hex: valueHex))
        #expect(value.bigEndianBytes(count: count).map(hexString) == expected)
    }

    @Test("Hex parsing rejects non-hex text", arguments: ["", "0x10", "12 34", "g", "-1"])
    func badHex(text: String) {
        #expect(BigUInt(hex: text) == nil)
    }

    @Test("Description is lowercase hex without leading zeros",
          arguments: [("0", "0"), ("000f", "f"), ("ABCDEF0123456789abcdef", "abcdef0123456789abcdef")])
    func descriptionHex(testCase: (String, String)) throws {
        #expect(try #require(BigUInt(hex: testCase.0)).description == testCase.1)
    }

    @Test("Comparison", arguments: comparisons)
    func comparison(testCase: (String, String, Bool, Bool)) throws {
        let (aHex, bHex, less, equal) = testCase
        let a = try #require(BigUInt(hex: aHex))
        let b = try #require(BigUInt(hex: bHex))
        #expect((a < b) == less)
        #expect((a == b) == equal)
        #expect((b < a) == (!less && !equal))
    }

    @Test("Operations without a defined result return nil")
    func undefinedResults() {
        let five = BigUInt(5)
        #expect(five.quotientAndRemainder(dividingBy: BigUInt()) == nil)
        #expect(five.remainder(modulo: BigUInt()) == nil)
        #expect(BigUInt.modPow(five, five, BigUInt()) == nil)
        #expect(BigUInt.modMul(five, five, BigUInt()) == nil)
        #expect(BigUInt(4).subtracting(five) == nil)
        #expect(five.subtracting(BigUInt(4)) == BigUInt(1))
        #expect(five.subtracting(five) == BigUInt())
    }

    @Test("Small modular powers", arguments: smallPowers)
    func smallPower(testCase: (UInt64, UInt64, UInt64, UInt64)) {
        let (base, exponent, modulus, expected) = testCase
        #expect(BigUInt.modPow(BigUInt(base), BigUInt(exponent), BigUInt(modulus)) == BigUInt(expected))
    }

    /// Mersenne primes 2^p - 1: Fermat's little theorem gives a^(m-1) = 1 and a^m = a (mod m).
    @Test("Fermat's little theorem on Mersenne primes", arguments: [61, 89, 127, 521, 607, 1279, 2203])
    func fermat(exponentOfTwo: Int) throws {
        let one = BigUInt(1)
        let prime = BigUInt(limbs: [UInt64](repeating: .max, count: exponentOfTwo / 64)
                                + [(1 << UInt64(exponentOfTwo % 64)) - 1])
        #expect(prime.bitLength == exponentOfTwo)
        let pMinusOne = try #require(prime.subtracting(one))
        for base in [BigUInt(2), BigUInt(3), BigUInt(0xDEAD_BEEF), BigUInt(limbs: [7, 9, 11])] {
            #expect(BigUInt.modPow(base, pMinusOne, prime) == one, "base \(base)")
            #expect(BigUInt.modPow(base, prime, prime) == base.remainder(modulo: prime), "base \(base)")
        }
    }

    @Test("Division matches Python's integers (includes Algorithm D add-back cases)",
          arguments: try RSAFixtures.vectors("div"))
    func divisionVectors(vector: RSAFixtures.Vector) throws {
        let u = vector.values[0], v = vector.values[1]
        let result = try #require(u.quotientAndRemainder(dividingBy: v))
        #expect(result.quotient == vector.values[2])
        #expect(result.remainder == vector.values[3])
    }

    @Test("Modular powers match Python's pow()", arguments: try RSAFixtures.vectors("pow"))
    func powerVectors(vector: RSAFixtures.Vector) {
        let (base, exponent, modulus, expected) = (vector.values[0], vector.values[1], vector.values[2], vector.values[3])
        #expect(BigUInt.modPow(base, exponent, modulus) == expected)
    }

    @Test("Products match Python's integers", arguments: try RSAFixtures.vectors("mul"))
    func productVectors(vector: RSAFixtures.Vector) {
        #expect(vector.values[0] * vector.values[1] == vector.values[2])
        #expect(vector.values[1] * vector.values[0] == vector.values[2])
    }

    @Test("The reference vector file has every kind of record")
    func vectorCounts() throws {
        #expect(try RSAFixtures.vectors("div").count >= 10)
        #expect(try RSAFixtures.vectors("pow").count >= 8)
        #expect(try RSAFixtures.vectors("mul").count >= 4)
    }

    /// Random operands of 1 to 70 limbs, with limbs biased towards 0, 1 and all-ones so
    /// carries, borrows and quotient-digit corrections all occur.
    @Test("Division identity u = q v + r with r < v on random operands", arguments: [1, 2, 3, 4])
    func divisionIdentity(seed: UInt64) throws {
        var generator = SeededGenerator(seed: 0xB16_D171 ^ seed)
        for _ in 0..<300 {
            let u = randomBig(&generator, maxLimbs: 70)
            var v = randomBig(&generator, maxLimbs: 40)
            if v.isZero { v = BigUInt(3) }
            let (q, r) = try #require(u.quotientAndRemainder(dividingBy: v))
            #expect(r < v, "u=\(u) v=\(v)")
            #expect(q * v + r == u, "u=\(u) v=\(v)")
            #expect(u.subtracting(r).flatMap { $0.quotientAndRemainder(dividingBy: v) }?.remainder == BigUInt())
        }
    }

    /// Montgomery exponentiation (odd moduli) against square-and-multiply built from
    /// multiplication and division, and the division-based path (even moduli) as well.
    @Test("modPow agrees with square-and-multiply over modMul", arguments: [1, 2, 3])
    func modPowDifferential(seed: UInt64) {
        var generator = SeededGenerator(seed: 0x90_3E4 ^ seed)
        for index in 0..<60 {
            var modulus = randomBig(&generator, maxLimbs: 20)
            if modulus.isZero { modulus = BigUInt(0x1_0000_0001) }
            let base = randomBig(&generator, maxLimbs: 24)
            let exponent = randomBig(&generator, maxLimbs: index % 3 == 0 ? 4 : 1)
            #expect(BigUInt.modPow(base, exponent, modulus) == referencePower(base, exponent, modulus),
                    "base=\(base) exponent=\(exponent) modulus=\(modulus)")
        }
    }

    @Test("modMul equals the remainder of the full product")
    func modMulMatchesProduct() {
        var generator = SeededGenerator(seed: 0x30D_30)
        for _ in 0..<200 {
            let a = randomBig(&generator, maxLimbs: 30)
            let b = randomBig(&generator, maxLimbs: 30)
            var m = randomBig(&generator, maxLimbs: 30)
            if m.isZero { m = BigUInt(2) }
            #expect(BigUInt.modMul(a, b, m) == (a * b).remainder(modulo: m))
        }
    }

    @Test("Addition carries across limbs",
          arguments: [("ffffffffffffffff", "1", "10000000000000000"),
                      ("ffffffffffffffffffffffffffffffff", "1", "100000000000000000000000000000000"),
                      ("1", "ffffffffffffffffffffffffffffffff", "100000000000000000000000000000000"),
                      ("0", "abc", "abc"),
                      ("fffffffffffffffe0000000000000001", "1ffffffffffffffff", "100000000000000000000000000000000"),
                      ("fffffffffffffffe0000000000000001", "fffffffffffffffe", "fffffffffffffffeffffffffffffffff")])
    func addition(testCase: (String, String, String)) throws {
        let sum = try #require(BigUInt(hex: testCase.0)) + (try #require(BigUInt(hex: testCase.1)))
        #expect(sum == BigUInt(hex: testCase.2))
    }
}

/// base^exponent mod modulus by left-to-right square-and-multiply over `*` and division.
private func referencePower(_ base: BigUInt, _ exponent: BigUInt, _ modulus: BigUInt) -> BigUInt? {
    guard var result = BigUInt(1).remainder(modulo: modulus) else { return nil }
    for index in stride(from: exponent.bitLength - 1, through: 0, by: -1) {
        guard let squared = (result * result).remainder(modulo: modulus) else { return nil }
        result = squared
        if exponent.bit(index) {
            guard let product = (result * base).remainder(modulo: modulus) else { return nil }
            result = product
        }
    }
    return result
}

private func randomBig(_ generator: inout SeededGenerator, maxLimbs: Int) -> BigUInt {
    let count = Int.random(in: 0...maxLimbs, using: &generator)
    let limbs: [UInt64] = (0..<count).map { _ in
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: 0
        case 1: UInt64.max
        case 2: 1
        case 3: 1 << 63
        default: generator.next()
        }
    }
    return BigUInt(limbs: limbs)
}
