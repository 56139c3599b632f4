/// An arbitrary-precision unsigned integer, sized for RSA public-key operations
/// (RFC 8017 section 5.2.2, RSAVP1) on moduli of a few thousand bits.
///
/// The value is stored as 64-bit limbs, least significant first, with no zero
/// limbs at the top, so two equal values always have equal storage. Operations
/// that have no defined result (division by zero, a negative difference) return
/// nil instead of trapping.
public struct BigUInt: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The limbs, least significant first; empty for zero, never ending in a zero limb.
    public private(set) var limbs: [UInt64]

    /// Creates the value zero.
    public init() {
        limbs = []
    }

    /// Creates the value `value`.
    public init(_ value: UInt64) {
        limbs = value == 0 ? [] : [value]
    }

    /// Creates a value from limbs given least significant first; zero limbs at the top are dropped.
    public init(limbs: [UInt64]) {
        self.limbs = limbs
        normalize()
    }

    /// Creates a value from big-endian bytes (OS2IP, RFC 8017 section 4.2); leading zero bytes are allowed.
    public init(bigEndianBytes bytes: some Collection<UInt8>) {
        var result: [UInt64] = []
        result.reserveCapacity((bytes.count + 7) / 8)
        var limb: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes.reversed() {
            limb |= UInt64(byte) << shift
            shift += 8
            if shift == 64 {
                result.append(limb)
                limb = 0
                shift = 0
            }
        }
        if shift > 0 { result.append(limb) }
        self.init(limbs: result)
    }

    /// Creates a value from hexadecimal digits (either case, no prefix); nil if any other character appears.
    public init?(hex: some StringProtocol) {
        // An odd number of digits gets a leading zero, so the hex decoder sees whole bytes.
        let text = hex.utf8.count % 2 == 1 ? "0" + String(hex) : String(hex)
        guard !text.isEmpty, let bytes = Hex.decode(text) else { return nil }
        self.init(bigEndianBytes: bytes)
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    /// Whether the value is zero.
    public var isZero: Bool { limbs.isEmpty }

    /// Whether the value is odd.
    public var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    /// The number of significant bits: 0 for zero, otherwise one more than the index of the top set bit.
    public var bitLength: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    /// The number of bytes in the minimal big-endian encoding: 0 for zero.
    public var byteLength: Int { (bitLength + 7) / 8 }

    /// Returns whether bit `index` (0 is the least significant) is set; false beyond the top.
    public func bit(_ index: Int) -> Bool {
        guard index >= 0 else { return false }
        let limbIndex = index / 64
        guard limbIndex < limbs.count else { return false }
        return (limbs[limbIndex] >> UInt64(index % 64)) & 1 == 1
    }

    /// The minimal big-endian encoding, with no leading zero bytes; empty for zero.
    public func bigEndianBytes() -> [UInt8] {
        bigEndianBytes(count: byteLength) ?? []
    }

    /// The big-endian encoding left-padded with zeros to exactly `count` bytes
    /// (I2OSP, RFC 8017 section 4.1); nil when the value needs more than `count` bytes.
    public func bigEndianBytes(count: Int) -> [UInt8]? {
        guard count >= 0, byteLength <= count else { return nil }
        var output = [UInt8](repeating: 0, count: count)
        var position = count - 1
        for limb in limbs {
            var value = limb
            for _ in 0..<8 where position >= 0 {
                output[position] = UInt8(truncatingIfNeeded: value)
                value >>= 8
                position -= 1
            }
        }
        return output
    }

    /// Lowercase hexadecimal without leading zeros ("0" for zero).
    public var description: String {
        guard !isZero else { return "0" }
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bigEndianBytes() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        if text.first == UInt8(ascii: "0") { text.removeFirst() }
        return String(decoding: text, as: UTF8.self)
    }

    // MARK: Comparison

    /// Orders two limb sequences (least significant first, normalized) as numbers: -1, 0 or 1.
    static func compare(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var index = a.count - 1
        while index >= 0 {
            let x = a[a.startIndex + index]
            let y = b[b.startIndex + index]
            if x != y { return x < y ? -1 : 1 }
            index -= 1
        }
        return 0
    }

    /// Orders values numerically.
    public static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        compare(lhs.limbs[...], rhs.limbs[...]) < 0
    }

    // MARK: Arithmetic

    /// The sum of two values.
    public static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        let (long, short) = lhs.limbs.count >= rhs.limbs.count ? (lhs.limbs, rhs.limbs) : (rhs.limbs, lhs.limbs)
        var result = long
        var carry: UInt64 = 0
        for index in 0..<long.count {
            let (partial, overflow1) = result[index].addingReportingOverflow(index < short.count ? short[index] : 0)
            let (sum, overflow2) = partial.addingReportingOverflow(carry)
            result[index] = sum
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
            if carry == 0 && index >= short.count { break }
        }
        if carry != 0 { result.append(carry) }
        return BigUInt(limbs: result)
    }

    /// `self - other`, or nil when `other` is larger (the difference would be negative).
    public func subtracting(_ other: BigUInt) -> BigUInt? {
        guard BigUInt.compare(limbs[...], other.limbs[...]) >= 0 else { return nil }
        var result = limbs
        _ = BigUInt.subtractInPlace(&result, other.limbs[...])
        return BigUInt(limbs: result)
    }

    /// Subtracts `b` from `a` in place (`a` at least as long as `b`) and returns the final borrow.
    @discardableResult
    static func subtractInPlace(_ a: inout [UInt64], _ b: ArraySlice<UInt64>) -> UInt64 {
        var borrow: UInt64 = 0
        for index in 0..<a.count {
            let subtrahend = index < b.count ? b[b.startIndex + index] : 0
            if subtrahend == 0 && borrow == 0 && index >= b.count { break }
            let (partial, overflow1) = a[index].subtractingReportingOverflow(subtrahend)
            let (difference, overflow2) = partial.subtractingReportingOverflow(borrow)
            a[index] = difference
            borrow = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
        return borrow
    }

    /// The product of two values (schoolbook multiplication).
    public static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        BigUInt(limbs: multiply(lhs.limbs, rhs.limbs))
    }

    static func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        if a.isEmpty || b.isEmpty { return [] }
        var result = [UInt64](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            let multiplier = a[i]
            if multiplier == 0 { continue }
            var carry: UInt64 = 0
            for j in 0..<b.count {
                (carry, result[i + j]) = multiplyAdd(multiplier, b[j], result[i + j], carry)
            }
            result[i + b.count] = carry
        }
        return result
    }

    /// The quotient and remainder of `self / divisor`, or nil when `divisor` is zero
    /// (Knuth, The Art of Computer Programming vol. 2, 4.3.1, Algorithm D).
    public func quotientAndRemainder(dividingBy divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt)? {
        guard !divisor.isZero else { return nil }
        let (quotient, remainder) = BigUInt.divide(limbs, by: divisor.limbs)
        return (BigUInt(limbs: quotient), BigUInt(limbs: remainder))
    }

    /// `self mod modulus`, or nil when `modulus` is zero.
    public func remainder(modulo modulus: BigUInt) -> BigUInt? {
        quotientAndRemainder(dividingBy: modulus)?.remainder
    }

    /// Divides normalized `u` by normalized, non-empty `v`.
    static func divide(_ u: [UInt64], by v: [UInt64]) -> (quotient: [UInt64], remainder: [UInt64]) {
        if compare(u[...], v[...]) < 0 { return ([], u) }
        if v.count == 1 {
            let divisor = v[0]
            var quotient = [UInt64](repeating: 0, count: u.count)
            var remainder: UInt64 = 0
            for index in stride(from: u.count - 1, through: 0, by: -1) {
                // remainder < divisor, so the quotient digit fits in 64 bits.
                (quotient[index], remainder) = divisor.dividingFullWidth((remainder, u[index]))
            }
            return (quotient, remainder == 0 ? [] : [remainder])
        }

        // D1: scale so the divisor's top limb has its high bit set.
        let n = v.count
        let m = u.count - n
        let shift = v[n - 1].leadingZeroBitCount
        let vn = shiftedLeft(v, by: shift, extraLimb: false)
        var un = shiftedLeft(u, by: shift, extraLimb: true)
        var quotient = [UInt64](repeating: 0, count: m + 1)
        let vTop = vn[n - 1]
        let vNext = vn[n - 2]

        for j in stride(from: m, through: 0, by: -1) {
            // D3: estimate the quotient digit from the top two limbs, then refine with the third.
            let uTop = un[j + n]
            let uNext = un[j + n - 1]
            let uThird = un[j + n - 2]
            var qhat: UInt64
            var rhat: UInt64
            var rhatOverflow = false
            if uTop >= vTop {
                // The true estimate is at least 2^64; start from 2^64 - 1.
                qhat = UInt64.max
                (rhat, rhatOverflow) = uNext.addingReportingOverflow(vTop)
                if uTop > vTop { rhatOverflow = true }
            } else {
                (qhat, rhat) = vTop.dividingFullWidth((uTop, uNext))
            }
            while !rhatOverflow {
                let product = qhat.multipliedFullWidth(by: vNext)
                guard product.high > rhat || (product.high == rhat && product.low > uThird) else { break }
                qhat -= 1
                (rhat, rhatOverflow) = rhat.addingReportingOverflow(vTop)
            }

            // D4: multiply and subtract qhat * vn from un[j ... j + n].
            var borrow: UInt64 = 0
            var carry: UInt64 = 0
            for i in 0..<n {
                let product = qhat.multipliedFullWidth(by: vn[i])
                let (low, overflow) = product.low.addingReportingOverflow(carry)
                carry = product.high &+ (overflow ? 1 : 0)
                let (partial, borrow1) = un[i + j].subtractingReportingOverflow(low)
                let (difference, borrow2) = partial.subtractingReportingOverflow(borrow)
                un[i + j] = difference
                borrow = (borrow1 ? 1 : 0) + (borrow2 ? 1 : 0)
            }
            let (partial, borrow1) = un[j + n].subtractingReportingOverflow(carry)
            let (difference, borrow2) = partial.subtractingReportingOverflow(borrow)
            un[j + n] = difference

            // D6: the estimate was one too large (rare); add the divisor back.
            if borrow1 || borrow2 {
                qhat -= 1
                var addCarry: UInt64 = 0
                for i in 0..<n {
                    let (sum1, overflow1) = un[i + j].addingReportingOverflow(vn[i])
                    let (sum2, overflow2) = sum1.addingReportingOverflow(addCarry)
                    un[i + j] = sum2
                    addCarry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
                }
                un[j + n] &+= addCarry
            }
            quotient[j] = qhat
        }

        // D8: unscale the remainder.
        var remainder = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let high = i + 1 < n ? un[i + 1] : un[n]
            remainder[i] = shift == 0 ? un[i] : (un[i] >> UInt64(shift)) | (high << UInt64(64 - shift))
        }
        while let last = remainder.last, last == 0 { remainder.removeLast() }
        while let last = quotient.last, last == 0 { quotient.removeLast() }
        return (quotient, remainder)
    }

    /// Shifts limbs left by `shift` bits (0 ..< 64), optionally keeping one extra top limb for the carry-out.
    private static func shiftedLeft(_ limbs: [UInt64], by shift: Int, extraLimb: Bool) -> [UInt64] {
        var result = [UInt64](repeating: 0, count: limbs.count + (extraLimb ? 1 : 0))
        var carry: UInt64 = 0
        for index in 0..<limbs.count {
            let limb = limbs[index]
            result[index] = shift == 0 ? limb : (limb << UInt64(shift)) | carry
            carry = shift == 0 ? 0 : limb >> UInt64(64 - shift)
        }
        if extraLimb { result[limbs.count] = carry }
        return result
    }

    // MARK: Modular arithmetic

    /// `(a * b) mod modulus`, or nil when `modulus` is zero.
    public static func modMul(_ a: BigUInt, _ b: BigUInt, _ modulus: BigUInt) -> BigUInt? {
        guard !modulus.isZero else { return nil }
        let product = multiply(a.limbs, b.limbs)
        return BigUInt(limbs: divide(BigUInt(limbs: product).limbs, by: modulus.limbs).remainder)
    }

    /// `base ^ exponent mod modulus` (the RSAVP1 primitive s^e mod n of RFC 8017
    /// section 5.2.2 when called with a signature, public exponent and modulus),
    /// or nil when `modulus` is zero.
    ///
    /// Odd moduli use Montgomery multiplication; even ones fall back to division
    /// after every product. Running time depends on the exponent, which is fine
    /// for public-key operations and unsuitable for secret exponents.
    public static func modPow(_ base: BigUInt, _ exponent: BigUInt, _ modulus: BigUInt) -> BigUInt? {
        guard !modulus.isZero else { return nil }
        if modulus == BigUInt(1) { return BigUInt() }
        if modulus.isOdd, let context = MontgomeryContext(modulus: modulus) {
            return context.power(base, exponent)
        }
        guard let reducedBase = base.remainder(modulo: modulus) else { return nil }
        var result = BigUInt(1)
        var index = exponent.bitLength - 1
        while index >= 0 {
            result = BigUInt(limbs: divide(multiply(result.limbs, result.limbs).trimmed(), by: modulus.limbs).remainder)
            if exponent.bit(index) {
                result = BigUInt(limbs: divide(multiply(result.limbs, reducedBase.limbs).trimmed(), by: modulus.limbs).remainder)
            }
            index -= 1
        }
        return result
    }
}

/// Returns x * y + addend1 + addend2 as (high, low) limbs; the sum is at most
/// (2^64 - 1)^2 + 2 (2^64 - 1) = 2^128 - 1, so it always fits.
///
/// The carries are computed with bit operations instead of comparisons so the
/// compiler cannot turn them into data-dependent branches, which mispredict
/// about half the time on random limbs.
@inline(__always)
private func multiplyAdd(_ x: UInt64, _ y: UInt64, _ addend1: UInt64, _ addend2: UInt64) -> (high: UInt64, low: UInt64) {
    let product = x.multipliedFullWidth(by: y)
    let sum1 = product.low &+ addend1
    let carry1 = ((product.low & addend1) | ((product.low | addend1) & ~sum1)) >> 63
    let sum2 = sum1 &+ addend2
    let carry2 = ((sum1 & addend2) | ((sum1 | addend2) & ~sum2)) >> 63
    return (product.high &+ carry1 &+ carry2, sum2)
}

extension Array where Element == UInt64 {
    /// The same limbs without zero limbs at the top.
    fileprivate func trimmed() -> [UInt64] {
        var copy = self
        while let last = copy.last, last == 0 { copy.removeLast() }
        return copy
    }
}

/// Precomputed values for Montgomery multiplication modulo one odd modulus n
/// of s limbs, with R = 2^(64 s).
struct MontgomeryContext: Sendable {
    /// The modulus limbs, least significant first.
    let modulus: [UInt64]
    /// -n^(-1) mod 2^64.
    let inverse: UInt64
    /// R^2 mod n, used to move values into Montgomery form.
    let rSquared: [UInt64]
    /// R mod n, the Montgomery form of 1.
    let one: [UInt64]

    /// Returns nil unless `modulus` is odd and greater than one.
    init?(modulus value: BigUInt) {
        guard value.isOdd, value.bitLength > 1 else { return nil }
        let n = value.limbs
        modulus = n
        // Newton iteration for n0^(-1) mod 2^64: each step doubles the correct low bits
        // (n0 * n0 = 1 mod 8 gives 3 to start; 3 -> 6 -> 12 -> 24 -> 48 -> 96).
        var x = n[0]
        for _ in 0..<5 { x = x &* (2 &- n[0] &* x) }
        inverse = 0 &- x
        let count = n.count
        var rSquaredNumerator = [UInt64](repeating: 0, count: 2 * count + 1)
        rSquaredNumerator[2 * count] = 1
        rSquared = MontgomeryContext.padded(BigUInt.divide(rSquaredNumerator, by: n).remainder, to: count)
        var rNumerator = [UInt64](repeating: 0, count: count + 1)
        rNumerator[count] = 1
        one = MontgomeryContext.padded(BigUInt.divide(rNumerator, by: n).remainder, to: count)
    }

    private static func padded(_ limbs: [UInt64], to count: Int) -> [UInt64] {
        limbs + [UInt64](repeating: 0, count: count - limbs.count)
    }

    /// Returns a * b * R^(-1) mod n for a, b < n given as exactly `modulus.count` limbs
    /// (coarsely integrated operand scanning). Operands of any other length give zero.
    func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let s = modulus.count
        guard a.count == s, b.count == s else { return [UInt64](repeating: 0, count: s) }
        var t = [UInt64](repeating: 0, count: s + 2)
        // Every index below is in 0 ..< s + 2 for t and 0 ..< s for the others,
        // checked once by the guard above rather than on every access.
        t.withUnsafeMutableBufferPointer { t in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    modulus.withUnsafeBufferPointer { n in
                        for i in 0..<s {
                            // t += a * b[i]
                            let multiplier = b[i]
                            var carry: UInt64 = 0
                            for j in 0..<s {
                                (carry, t[j]) = multiplyAdd(a[j], multiplier, t[j], carry)
                            }
                            (t[s + 1], t[s]) = multiplyAdd(0, 0, t[s], carry)

                            // t = (t + m * n) / 2^64, with m chosen so the low limb cancels.
                            let m = t[0] &* inverse
                            carry = multiplyAdd(m, n[0], t[0], 0).high
                            for j in 1..<s {
                                (carry, t[j - 1]) = multiplyAdd(m, n[j], t[j], carry)
                            }
                            let top: UInt64
                            (top, t[s - 1]) = multiplyAdd(0, 0, t[s], carry)
                            t[s] = t[s + 1] &+ top
                        }
                    }
                }
            }
        }
        // The result is below 2n; one conditional subtraction brings it below n.
        var result = Array(t[0..<s])
        if t[s] != 0 || BigUInt.compare(result.trimmed()[...], modulus[...]) >= 0 {
            BigUInt.subtractInPlace(&result, modulus[...])
        }
        return result
    }

    /// base^exponent mod n, with a sliding window over the exponent bits.
    func power(_ base: BigUInt, _ exponent: BigUInt) -> BigUInt {
        let s = modulus.count
        let n = BigUInt(limbs: modulus)
        let reduced = base < n ? base : (base.remainder(modulo: n) ?? BigUInt())
        let baseMont = multiply(MontgomeryContext.padded(reduced.limbs, to: s), rSquared)

        let bits = exponent.bitLength
        let window = bits > 256 ? 5 : (bits > 32 ? 4 : 1)
        // Odd powers base^1, base^3, ..., base^(2^window - 1) in Montgomery form.
        var oddPowers = [baseMont]
        if window > 1 {
            let squared = multiply(baseMont, baseMont)
            for index in 1..<(1 << (window - 1)) {
                oddPowers.append(multiply(oddPowers[index - 1], squared))
            }
        }

        var accumulator = one
        var index = bits - 1
        while index >= 0 {
            if !exponent.bit(index) {
                accumulator = multiply(accumulator, accumulator)
                index -= 1
                continue
            }
            // The longest run exponent[index ... low] of at most `window` bits that ends in a set bit.
            var low = max(index - window + 1, 0)
            while !exponent.bit(low) { low += 1 }
            var value = 0
            for position in stride(from: index, through: low, by: -1) {
                accumulator = multiply(accumulator, accumulator)
                value = value << 1 | (exponent.bit(position) ? 1 : 0)
            }
            accumulator = multiply(accumulator, oddPowers[value >> 1])
            index = low - 1
        }
        var unit = [UInt64](repeating: 0, count: s)
        unit[0] = 1
        return BigUInt(limbs: multiply(accumulator, unit))
    }
}
