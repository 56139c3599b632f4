/// SHA-1 as specified in FIPS 180-4, section 6.1.
///
/// SHA-1 is no longer collision resistant; it is provided for interoperability
/// with services that still sign with HMAC-SHA1.
public struct SHA1: HashFunction {
    /// SHA-1 processes 64-byte blocks.
    public static var blockSize: Int { 64 }

    /// SHA-1 produces a 20-byte digest.
    public static var digestSize: Int { 20 }

    private var engine = BlockHashEngine<SHA1Core>()

    /// Creates a hasher in the initial SHA-1 state.
    public init() {}

    /// Absorbs the bytes of `bytes` into the running hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        engine.update(bytes)
    }

    /// Applies the final padding and returns the 20-byte digest.
    public consuming func finalize() -> [UInt8] {
        engine.finalize()
    }
}

struct SHA1Core: CompressionCore {
    typealias BlockStorage = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    static var emptyBlock: BlockStorage { (0, 0, 0, 0, 0, 0, 0, 0) }
    static var blockByteCount: Int { 64 }
    static var lengthFieldByteCount: Int { 8 }
    static var digestByteCount: Int { 20 }

    // Initial hash value, FIPS 180-4 section 5.3.1.
    private var h0: UInt32 = 0x6745_2301
    private var h1: UInt32 = 0xefcd_ab89
    private var h2: UInt32 = 0x98ba_dcfe
    private var h3: UInt32 = 0x1032_5476
    private var h4: UInt32 = 0xc3d2_e1f0

    init() {}

    mutating func compress(_ blocks: UnsafeRawPointer, count: Int) {
        var s0 = h0, s1 = h1, s2 = h2, s3 = h3, s4 = h4
        // The 80-word message schedule lives on the stack and is reused for every block.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { schedule in
            let w = schedule.baseAddress!
            var block = blocks
            for _ in 0..<count {
                for i in 0..<16 {
                    w[i] = block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self).bigEndian
                }
                for i in 16..<80 {
                    w[i] = rotateLeft(w[i &- 3] ^ w[i &- 8] ^ w[i &- 14] ^ w[i &- 16], 1)
                }
                var a = s0, b = s1, c = s2, d = s3, e = s4
                // Five rounds per iteration with the variables rotated by argument position.
                var i = 0
                while i < 20 {
                    sha1Choose(a, &b, c, d, &e, w[i])
                    sha1Choose(e, &a, b, c, &d, w[i &+ 1])
                    sha1Choose(d, &e, a, b, &c, w[i &+ 2])
                    sha1Choose(c, &d, e, a, &b, w[i &+ 3])
                    sha1Choose(b, &c, d, e, &a, w[i &+ 4])
                    i &+= 5
                }
                while i < 40 {
                    sha1Parity(a, &b, c, d, &e, w[i] &+ 0x6ed9_eba1)
                    sha1Parity(e, &a, b, c, &d, w[i &+ 1] &+ 0x6ed9_eba1)
                    sha1Parity(d, &e, a, b, &c, w[i &+ 2] &+ 0x6ed9_eba1)
                    sha1Parity(c, &d, e, a, &b, w[i &+ 3] &+ 0x6ed9_eba1)
                    sha1Parity(b, &c, d, e, &a, w[i &+ 4] &+ 0x6ed9_eba1)
                    i &+= 5
                }
                while i < 60 {
                    sha1Majority(a, &b, c, d, &e, w[i])
                    sha1Majority(e, &a, b, c, &d, w[i &+ 1])
                    sha1Majority(d, &e, a, b, &c, w[i &+ 2])
                    sha1Majority(c, &d, e, a, &b, w[i &+ 3])
                    sha1Majority(b, &c, d, e, &a, w[i &+ 4])
                    i &+= 5
                }
                while i < 80 {
                    sha1Parity(a, &b, c, d, &e, w[i] &+ 0xca62_c1d6)
                    sha1Parity(e, &a, b, c, &d, w[i &+ 1] &+ 0xca62_c1d6)
                    sha1Parity(d, &e, a, b, &c, w[i &+ 2] &+ 0xca62_c1d6)
                    sha1Parity(c, &d, e, a, &b, w[i &+ 3] &+ 0xca62_c1d6)
                    sha1Parity(b, &c, d, e, &a, w[i &+ 4] &+ 0xca62_c1d6)
                    i &+= 5
                }
                s0 &+= a; s1 &+= b; s2 &+= c; s3 &+= d; s4 &+= e
                block += 64
            }
        }
        h0 = s0; h1 = s1; h2 = s2; h3 = s3; h4 = s4
    }

    func writeDigest(to output: UnsafeMutableRawPointer) {
        output.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt32.self)
        output.storeBytes(of: h1.bigEndian, toByteOffset: 4, as: UInt32.self)
        output.storeBytes(of: h2.bigEndian, toByteOffset: 8, as: UInt32.self)
        output.storeBytes(of: h3.bigEndian, toByteOffset: 12, as: UInt32.self)
        output.storeBytes(of: h4.bigEndian, toByteOffset: 16, as: UInt32.self)
    }
}

// Each SHA-1 round adds into `e` and rotates `b`; the caller renames the variables
// so that the new `a` is the updated `e`.

/// Rounds 0-19: Ch(b, c, d) with K = 0x5a827999.
@inline(__always)
private func sha1Choose(
    _ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ w: UInt32
) {
    e &+= rotateLeft(a, 5) &+ (d ^ (b & (c ^ d))) &+ 0x5a82_7999 &+ w
    b = rotateLeft(b, 30)
}

/// Rounds 20-39 and 60-79: Parity(b, c, d); `kw` already includes the constant.
@inline(__always)
private func sha1Parity(
    _ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ kw: UInt32
) {
    e &+= rotateLeft(a, 5) &+ (b ^ c ^ d) &+ kw
    b = rotateLeft(b, 30)
}

/// Rounds 40-59: Maj(b, c, d) with K = 0x8f1bbcdc.
@inline(__always)
private func sha1Majority(
    _ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ w: UInt32
) {
    e &+= rotateLeft(a, 5) &+ ((b & c) | (d & (b | c))) &+ 0x8f1b_bcdc &+ w
    b = rotateLeft(b, 30)
}
