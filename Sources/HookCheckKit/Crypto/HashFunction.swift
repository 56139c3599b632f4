/// A streaming cryptographic hash function with a fixed block and digest size.
///
/// Conforming types are value types: copying a partially fed hasher forks its
/// state, so a common prefix can be hashed once and then extended in several ways.
public protocol HashFunction: Sendable {
    /// The number of bytes the compression function consumes at a time.
    static var blockSize: Int { get }

    /// The number of bytes in a finished digest.
    static var digestSize: Int { get }

    /// Creates a hasher in its initial state.
    init()

    /// Absorbs the bytes of `bytes` into the running hash.
    mutating func update(_ bytes: UnsafeRawBufferPointer)

    /// Applies the final padding and returns the digest.
    consuming func finalize() -> [UInt8]
}

extension HashFunction {
    /// Absorbs the bytes of any collection of `UInt8` into the running hash.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if handled != nil { return }
        // Non-contiguous input is staged through a small stack buffer so large
        // inputs still reach the block function in bulk.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { chunk in
            var filled = 0
            for byte in bytes {
                chunk[filled] = byte
                filled &+= 1
                if filled == chunk.count {
                    update(UnsafeRawBufferPointer(chunk))
                    filled = 0
                }
            }
            if filled > 0 {
                update(UnsafeRawBufferPointer(start: chunk.baseAddress, count: filled))
            }
        }
    }

    /// Returns the digest of `bytes` in one call.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var hasher = Self()
        hasher.update(bytes)
        return hasher.finalize()
    }
}

@inline(__always)
func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
}

@inline(__always)
func rotateLeft(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &<< n) | (x &>> (32 &- n))
}

@inline(__always)
func rotateRight(_ x: UInt64, _ n: UInt64) -> UInt64 {
    (x &>> n) | (x &<< (64 &- n))
}
