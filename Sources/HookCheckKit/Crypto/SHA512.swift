/// SHA-512 as specified in FIPS 180-4, section 6.4.
public struct SHA512: HashFunction {
    /// SHA-512 processes 128-byte blocks.
    public static var blockSize: Int { 128 }

    /// SHA-512 produces a 64-byte digest.
    public static var digestSize: Int { 64 }

    private var engine = BlockHashEngine<SHA512Core>()

    /// Creates a hasher in the initial SHA-512 state.
    public init() {}

    /// Absorbs the bytes of `bytes` into the running hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        engine.update(bytes)
    }

    /// Applies the final padding and returns the 64-byte digest.
    public consuming func finalize() -> [UInt8] {
        engine.finalize()
    }
}

struct SHA512Core: CompressionCore {
    typealias BlockStorage = (
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
    )

    static var emptyBlock: BlockStorage { (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) }
    static var blockByteCount: Int { 128 }
    static var lengthFieldByteCount: Int { 16 }
    static var digestByteCount: Int { 64 }

    // Initial hash value, FIPS 180-4 section 5.3.5.
    private var h0: UInt64 = 0x6a09_e667_f3bc_c908
    private var h1: UInt64 = 0xbb67_ae85_84ca_a73b
    private var h2: UInt64 = 0x3c6e_f372_fe94_f82b
    private var h3: UInt64 = 0xa54f_f53a_5f1d_36f1
    private var h4: UInt64 = 0x510e_527f_ade6_82d1
    private var h5: UInt64 = 0x9b05_688c_2b3e_6c1f
    private var h6: UInt64 = 0x1f83_d9ab_fb41_bd6b
    private var h7: UInt64 = 0x5be0_cd19_137e_2179

    init() {}

    /// Round constants, FIPS 180-4 section 4.2.3.
    static let roundConstants: [UInt64] = [
        0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
        0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
        0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
        0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
        0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
        0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
        0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
        0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
        0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
        0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
        0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
        0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
        0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
        0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
    ]

    mutating func compress(_ blocks: UnsafeRawPointer, count: Int) {
        var s0 = h0, s1 = h1, s2 = h2, s3 = h3, s4 = h4, s5 = h5, s6 = h6, s7 = h7
        Self.roundConstants.withUnsafeBufferPointer { constants in
            let k = constants.baseAddress!
            // The 80-word message schedule lives on the stack and is reused for every block.
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 80) { schedule in
                let w = schedule.baseAddress!
                var block = blocks
                for _ in 0..<count {
                    for i in 0..<16 {
                        w[i] = block.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self).bigEndian
                    }
                    for i in 16..<80 {
                        let x = w[i &- 15], y = w[i &- 2]
                        let s0 = rotateRight(x, 1) ^ rotateRight(x, 8) ^ (x &>> 7)
                        let s1 = rotateRight(y, 19) ^ rotateRight(y, 61) ^ (y &>> 6)
                        w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
                    }
                    var a = s0, b = s1, c = s2, d = s3, e = s4, f = s5, g = s6, h = s7
                    var i = 0
                    // Eight rounds per iteration with the variables rotated by argument position.
                    while i < 80 {
                        sha512Round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
                        sha512Round(h, a, b, &c, d, e, f, &g, k[i &+ 1] &+ w[i &+ 1])
                        sha512Round(g, h, a, &b, c, d, e, &f, k[i &+ 2] &+ w[i &+ 2])
                        sha512Round(f, g, h, &a, b, c, d, &e, k[i &+ 3] &+ w[i &+ 3])
                        sha512Round(e, f, g, &h, a, b, c, &d, k[i &+ 4] &+ w[i &+ 4])
                        sha512Round(d, e, f, &g, h, a, b, &c, k[i &+ 5] &+ w[i &+ 5])
                        sha512Round(c, d, e, &f, g, h, a, &b, k[i &+ 6] &+ w[i &+ 6])
                        sha512Round(b, c, d, &e, f, g, h, &a, k[i &+ 7] &+ w[i &+ 7])
                        i &+= 8
                    }
                    s0 &+= a; s1 &+= b; s2 &+= c; s3 &+= d
                    s4 &+= e; s5 &+= f; s6 &+= g; s7 &+= h
                    block += 128
                }
            }
        }
        h0 = s0; h1 = s1; h2 = s2; h3 = s3; h4 = s4; h5 = s5; h6 = s6; h7 = s7
    }

    func writeDigest(to output: UnsafeMutableRawPointer) {
        output.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt64.self)
        output.storeBytes(of: h1.bigEndian, toByteOffset: 8, as: UInt64.self)
        output.storeBytes(of: h2.bigEndian, toByteOffset: 16, as: UInt64.self)
        output.storeBytes(of: h3.bigEndian, toByteOffset: 24, as: UInt64.self)
        output.storeBytes(of: h4.bigEndian, toByteOffset: 32, as: UInt64.self)
        output.storeBytes(of: h5.bigEndian, toByteOffset: 40, as: UInt64.self)
        output.storeBytes(of: h6.bigEndian, toByteOffset: 48, as: UInt64.self)
        output.storeBytes(of: h7.bigEndian, toByteOffset: 56, as: UInt64.self)
    }
}

/// One SHA-512 round: adds T1 into `d` and leaves T1 + T2 in `h` (the new `a`).
@inline(__always)
private func sha512Round(
    _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64,
    _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ kw: UInt64
) {
    let sigma1 = rotateRight(e, 14) ^ rotateRight(e, 18) ^ rotateRight(e, 41)
    // Ch and Maj in their reduced-operation forms, as in SHA-256.
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ sigma1 &+ choose &+ kw
    let sigma0 = rotateRight(a, 28) ^ rotateRight(a, 34) ^ rotateRight(a, 39)
    let majority = (a & b) | (c & (a | b))
    d &+= t1
    h = t1 &+ sigma0 &+ majority
}
