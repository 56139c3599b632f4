/// SHA-256 as specified in FIPS 180-4, section 6.2.
public struct SHA256: HashFunction {
    /// SHA-256 processes 64-byte blocks.
    public static var blockSize: Int { 64 }

    /// SHA-256 produces a 32-byte digest.
    public static var digestSize: Int { 32 }

    private var engine = BlockHashEngine<SHA256Core>()

    /// Creates a hasher in the initial SHA-256 state.
    public init() {}

    /// Absorbs the bytes of `bytes` into the running hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        engine.update(bytes)
    }

    /// Applies the final padding and returns the 32-byte digest.
    public consuming func finalize() -> [UInt8] {
        engine.finalize()
    }
}

struct SHA256Core: CompressionCore {
    typealias BlockStorage = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    static var emptyBlock: BlockStorage { (0, 0, 0, 0, 0, 0, 0, 0) }
    static var blockByteCount: Int { 64 }
    static var lengthFieldByteCount: Int { 8 }
    static var digestByteCount: Int { 32 }

    // Initial hash value, FIPS 180-4 section 5.3.3.
    private var h0: UInt32 = 0x6a09_e667
    private var h1: UInt32 = 0xbb67_ae85
    private var h2: UInt32 = 0x3c6e_f372
    private var h3: UInt32 = 0xa54f_f53a
    private var h4: UInt32 = 0x510e_527f
    private var h5: UInt32 = 0x9b05_688c
    private var h6: UInt32 = 0x1f83_d9ab
    private var h7: UInt32 = 0x5be0_cd19

    init() {}

    /// Round constants, FIPS 180-4 section 4.2.2.
    static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    mutating func compress(_ blocks: UnsafeRawPointer, count: Int) {
        var s0 = h0, s1 = h1, s2 = h2, s3 = h3, s4 = h4, s5 = h5, s6 = h6, s7 = h7
        Self.roundConstants.withUnsafeBytes { constants in
            let k = constants.baseAddress!
            // W[0..<64] followed by W[t] + K[t] for t in 0..<64, on the stack and
            // reused for every block.
            withUnsafeTemporaryAllocation(of: SIMD4<UInt32>.self, capacity: 32) { storage in
                let w = UnsafeMutableRawPointer(storage.baseAddress!)
                let wk = w + 256
                var block = blocks
                for _ in 0..<count {
                    for i in 0..<16 {
                        let word = block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self).bigEndian
                        w.storeBytes(of: word, toByteOffset: i &* 4, as: UInt32.self)
                    }
                    for offset in stride(from: 0, to: 64, by: 16) {
                        let words = w.load(fromByteOffset: offset, as: SIMD4<UInt32>.self)
                        let sum = words &+ k.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt32>.self)
                        wk.storeBytes(of: sum, toByteOffset: offset, as: SIMD4<UInt32>.self)
                    }
                    var a = s0, b = s1, c = s2, d = s3, e = s4, f = s5, g = s6, h = s7
                    // b ^ c of the current round; each round hands its a ^ b to the next.
                    var bc = b ^ c
                    // Rounds 0-47 run interleaved with the vector message schedule: while
                    // rounds t - 16 ..< t - 12 execute, W[t ..< t + 4] is computed, so the
                    // scalar and vector units work side by side.
                    var t = 0
                    while t < 48 {
                        sha256Round(a, b, c, &d, e, f, g, &h, &bc, wk.load(fromByteOffset: t &* 4, as: UInt32.self))
                        sha256Round(h, a, b, &c, d, e, f, &g, &bc, wk.load(fromByteOffset: t &* 4 &+ 4, as: UInt32.self))
                        sha256Round(g, h, a, &b, c, d, e, &f, &bc, wk.load(fromByteOffset: t &* 4 &+ 8, as: UInt32.self))
                        sha256Round(f, g, h, &a, b, c, d, &e, &bc, wk.load(fromByteOffset: t &* 4 &+ 12, as: UInt32.self))
                        sha256Schedule(w, wk, k, t &+ 16)
                        sha256Round(e, f, g, &h, a, b, c, &d, &bc, wk.load(fromByteOffset: t &* 4 &+ 16, as: UInt32.self))
                        sha256Round(d, e, f, &g, h, a, b, &c, &bc, wk.load(fromByteOffset: t &* 4 &+ 20, as: UInt32.self))
                        sha256Round(c, d, e, &f, g, h, a, &b, &bc, wk.load(fromByteOffset: t &* 4 &+ 24, as: UInt32.self))
                        sha256Round(b, c, d, &e, f, g, h, &a, &bc, wk.load(fromByteOffset: t &* 4 &+ 28, as: UInt32.self))
                        sha256Schedule(w, wk, k, t &+ 20)
                        t &+= 8
                    }
                    while t < 64 {
                        sha256Round(a, b, c, &d, e, f, g, &h, &bc, wk.load(fromByteOffset: t &* 4, as: UInt32.self))
                        sha256Round(h, a, b, &c, d, e, f, &g, &bc, wk.load(fromByteOffset: t &* 4 &+ 4, as: UInt32.self))
                        sha256Round(g, h, a, &b, c, d, e, &f, &bc, wk.load(fromByteOffset: t &* 4 &+ 8, as: UInt32.self))
                        sha256Round(f, g, h, &a, b, c, d, &e, &bc, wk.load(fromByteOffset: t &* 4 &+ 12, as: UInt32.self))
                        sha256Round(e, f, g, &h, a, b, c, &d, &bc, wk.load(fromByteOffset: t &* 4 &+ 16, as: UInt32.self))
                        sha256Round(d, e, f, &g, h, a, b, &c, &bc, wk.load(fromByteOffset: t &* 4 &+ 20, as: UInt32.self))
                        sha256Round(c, d, e, &f, g, h, a, &b, &bc, wk.load(fromByteOffset: t &* 4 &+ 24, as: UInt32.self))
                        sha256Round(b, c, d, &e, f, g, h, &a, &bc, wk.load(fromByteOffset: t &* 4 &+ 28, as: UInt32.self))
                        t &+= 8
                    }
                    s0 &+= a; s1 &+= b; s2 &+= c; s3 &+= d
                    s4 &+= e; s5 &+= f; s6 &+= g; s7 &+= h
                    block += 64
                }
            }
        }
        h0 = s0; h1 = s1; h2 = s2; h3 = s3; h4 = s4; h5 = s5; h6 = s6; h7 = s7
    }

    func writeDigest(to output: UnsafeMutableRawPointer) {
        output.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt32.self)
        output.storeBytes(of: h1.bigEndian, toByteOffset: 4, as: UInt32.self)
        output.storeBytes(of: h2.bigEndian, toByteOffset: 8, as: UInt32.self)
        output.storeBytes(of: h3.bigEndian, toByteOffset: 12, as: UInt32.self)
        output.storeBytes(of: h4.bigEndian, toByteOffset: 16, as: UInt32.self)
        output.storeBytes(of: h5.bigEndian, toByteOffset: 20, as: UInt32.self)
        output.storeBytes(of: h6.bigEndian, toByteOffset: 24, as: UInt32.self)
        output.storeBytes(of: h7.bigEndian, toByteOffset: 28, as: UInt32.self)
    }
}

// The vector σ functions are written as nested shifts rather than rotates. With
// only SSE2 there is no vector rotate, and rotate patterns get split into scalar
// `rol`s, which would compete with the rounds for the scalar units.

/// σ0 of FIPS 180-4 (4.6), lane-wise: ROTR7 ^ ROTR18 ^ SHR3.
@inline(__always)
private func smallSigma0(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
    (((x &>> 11) ^ x) &>> 7) ^ (x &>> 3) ^ (((x &<< 11) ^ x) &<< 14)
}

/// σ1 of FIPS 180-4 (4.7), lane-wise: ROTR17 ^ ROTR19 ^ SHR10.
@inline(__always)
private func smallSigma1(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
    (((x &>> 2) ^ x) &>> 17) ^ (x &>> 10) ^ (((x &<< 2) ^ x) &<< 13)
}

/// Computes W[t ..< t + 4] in `w` and W + K for them in `wk` (FIPS 180-4, 6.2.2 step 1).
@inline(__always)
private func sha256Schedule(
    _ w: UnsafeMutableRawPointer, _ wk: UnsafeMutableRawPointer, _ k: UnsafeRawPointer, _ t: Int
) {
    let offset = t &* 4
    // Unaligned loads pick out W[t - 15 ..< t - 11] and W[t - 7 ..< t - 3] without shuffles.
    let back16 = w.load(fromByteOffset: offset &- 64, as: SIMD4<UInt32>.self)
    let back15 = w.loadUnaligned(fromByteOffset: offset &- 60, as: SIMD4<UInt32>.self)
    let back7 = w.loadUnaligned(fromByteOffset: offset &- 28, as: SIMD4<UInt32>.self)
    let back2 = w.loadUnaligned(fromByteOffset: offset &- 8, as: SIMD2<UInt32>.self)
    var words = back16 &+ smallSigma0(back15) &+ back7
    // σ1 needs W[t - 2], so lanes 2 and 3 wait for lanes 0 and 1; σ1(0) == 0 lets
    // each half be added with the other half zeroed.
    words &+= smallSigma1(SIMD4(lowHalf: back2, highHalf: .zero))
    words &+= SIMD4(lowHalf: .zero, highHalf: smallSigma1(words).lowHalf)
    w.storeBytes(of: words, toByteOffset: offset, as: SIMD4<UInt32>.self)
    let sum = words &+ k.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt32>.self)
    wk.storeBytes(of: sum, toByteOffset: offset, as: SIMD4<UInt32>.self)
}

/// One SHA-256 round: adds T1 into `d` and leaves T1 + T2 in `h` (the new `a`).
@inline(__always)
private func sha256Round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
    _ bc: inout UInt32, _ kw: UInt32
) {
    let sigma1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
    // Ch(e, f, g) written with one fewer operation than (e & f) ^ (~e & g).
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ sigma1 &+ choose &+ kw
    let sigma0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
    // Maj(a, b, c) == b ^ ((a ^ b) & (b ^ c)); a ^ b becomes the next round's b ^ c.
    let ab = a ^ b
    let majority = b ^ (ab & bc)
    bc = ab
    d &+= t1
    h = t1 &+ sigma0 &+ majority
}
