/// A streaming keyed-hash message authentication code as specified in RFC 2104.
///
/// `HMAC<SHA256>` is what GitHub, Stripe and most other webhook senders use to sign
/// request bodies.
public struct HMAC<H: HashFunction>: Sendable {
    private var inner: H
    /// The outer hash has already absorbed `key ^ opad`, so finalizing needs no key.
    private let outer: H

    /// The number of bytes in an authentication code, equal to the digest size of `H`.
    public static var codeSize: Int { H.digestSize }

    /// Creates an authenticator for `key`; keys longer than the block size are hashed first.
    public init(key: some Collection<UInt8>) {
        let blockSize = H.blockSize
        var inner = H()
        var outer = H()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: blockSize) { block in
            block.initialize(repeating: 0)
            if key.count > blockSize {
                let digest = H.hash(key)
                _ = block.update(fromContentsOf: digest)
            } else {
                _ = block.update(fromContentsOf: key)
            }
            for index in block.indices { block[index] ^= 0x36 }
            inner.update(UnsafeRawBufferPointer(block))
            // Flip from ipad to opad in place: 0x36 ^ 0x6a == 0x5c.
            for index in block.indices { block[index] ^= 0x36 ^ 0x5c }
            outer.update(UnsafeRawBufferPointer(block))
            // Best-effort wipe of the padded key before the stack slot is reused.
            block.update(repeating: 0)
        }
        self.inner = inner
        self.outer = outer
    }

    /// Absorbs the bytes of `bytes` into the message being authenticated.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        inner.update(bytes)
    }

    /// Absorbs the bytes of any collection of `UInt8` into the message being authenticated.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        inner.update(bytes)
    }

    /// Returns the authentication code of everything absorbed so far.
    public consuming func finalize() -> [UInt8] {
        let innerDigest = inner.finalize()
        var outer = self.outer
        outer.update(innerDigest)
        return outer.finalize()
    }

    /// Returns the authentication code of `message` under `key` in one call.
    public static func authenticationCode(
        for message: some Collection<UInt8>, key: some Collection<UInt8>
    ) -> [UInt8] {
        var hmac = HMAC(key: key)
        hmac.update(message)
        return hmac.finalize()
    }

    /// Checks `code` against the authentication code of `message` in constant time.
    public static func isValidAuthenticationCode(
        _ code: some Collection<UInt8>, for message: some Collection<UInt8>, key: some Collection<UInt8>
    ) -> Bool {
        ConstantTime.equals(authenticationCode(for: message, key: key), code)
    }
}
