/// The chaining state and block function of a Merkle–Damgård hash (FIPS 180-4).
protocol CompressionCore: Sendable {
    /// Fixed-size inline storage for one pending block; never heap allocated.
    associatedtype BlockStorage: Sendable

    /// An all-zero pending block.
    static var emptyBlock: BlockStorage { get }

    /// Bytes per message block (64 or 128).
    static var blockByteCount: Int { get }

    /// Bytes of the big-endian message length written by the padding (8 or 16).
    static var lengthFieldByteCount: Int { get }

    /// Bytes of digest output.
    static var digestByteCount: Int { get }

    /// The initial hash value.
    init()

    /// Processes `count` consecutive whole blocks starting at `blocks` (any alignment).
    mutating func compress(_ blocks: UnsafeRawPointer, count: Int)

    /// Writes the big-endian digest into `output`, which holds `digestByteCount` bytes.
    func writeDigest(to output: UnsafeMutableRawPointer)
}

/// Buffering, length counting and padding shared by SHA-1, SHA-256 and SHA-512.
struct BlockHashEngine<Core: CompressionCore>: Sendable {
    private var core = Core()
    private var pending = Core.emptyBlock
    private var pendingCount = 0
    /// Total bytes absorbed, modulo 2^64; the padding derives the bit length from it.
    private var byteCount: UInt64 = 0

    init() {}

    mutating func update(_ input: UnsafeRawBufferPointer) {
        guard var source = input.baseAddress, input.count > 0 else { return }
        var remaining = input.count
        let blockSize = Core.blockByteCount
        byteCount &+= UInt64(truncatingIfNeeded: remaining)

        if pendingCount > 0 {
            let take = min(blockSize &- pendingCount, remaining)
            let offset = pendingCount
            withUnsafeMutableBytes(of: &pending) { block in
                (block.baseAddress! + offset).copyMemory(from: source, byteCount: take)
            }
            pendingCount &+= take
            source += take
            remaining &-= take
            if pendingCount < blockSize { return }
            // Copy to a local so the closure below does not overlap the access to `pending`.
            let full = pending
            withUnsafeBytes(of: full) { core.compress($0.baseAddress!, count: 1) }
            pendingCount = 0
        }

        let wholeBlocks = remaining / blockSize
        if wholeBlocks > 0 {
            // Whole blocks are hashed straight from the caller's memory, without copying.
            core.compress(source, count: wholeBlocks)
            let consumed = wholeBlocks &* blockSize
            source += consumed
            remaining &-= consumed
        }

        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.copyMemory(from: source, byteCount: remaining)
            }
            pendingCount = remaining
        }
    }

    consuming func finalize() -> [UInt8] {
        let blockSize = Core.blockByteCount
        let lengthSize = Core.lengthFieldByteCount
        let used = pendingCount
        let lowBits = byteCount &<< 3
        let highBits = byteCount &>> 61
        let tail = pending
        // At most two blocks are needed: one if the 0x80 marker and length still fit.
        let blocks = used &+ 1 &+ lengthSize <= blockSize ? 1 : 2
        let total = blocks &* blockSize
        withUnsafeTemporaryAllocation(byteCount: 2 * 128, alignment: 8) { buffer in
            let base = buffer.baseAddress!
            withUnsafeBytes(of: tail) { base.copyMemory(from: $0.baseAddress!, byteCount: used) }
            base.storeBytes(of: 0x80, toByteOffset: used, as: UInt8.self)
            let zeroStart = used &+ 1
            let zeroCount = total &- zeroStart
            (base + zeroStart).initializeMemory(as: UInt8.self, repeating: 0, count: zeroCount)
            base.storeBytes(of: lowBits.bigEndian, toByteOffset: total &- 8, as: UInt64.self)
            if lengthSize == 16 {
                base.storeBytes(of: highBits.bigEndian, toByteOffset: total &- 16, as: UInt64.self)
            }
            core.compress(base, count: blocks)
        }
        let digestSize = Core.digestByteCount
        let finalCore = core
        return [UInt8](unsafeUninitializedCapacity: digestSize) { output, initialized in
            finalCore.writeDigest(to: output.baseAddress!)
            initialized = digestSize
        }
    }
}
