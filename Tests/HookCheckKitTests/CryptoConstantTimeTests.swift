import HookCheckKit
import Testing

@Suite("Crypto: ConstantTime")
struct CryptoConstantTimeTests {
    @Test("Equality truth table", arguments: [
        ([UInt8](), [UInt8](), true),
        ([], [0], false),
        ([0], [], false),
        ([0], [0], true),
        ([1, 2, 3], [1, 2, 3], true),
        ([1, 2, 3], [1, 2, 4], false),
        ([1, 2, 3], [0, 2, 3], false),
        ([1, 2, 3], [1, 2], false),
        ([1, 2], [1, 2, 3], false),
        ([1, 2, 0], [1, 2], false),
        ([0xFF], [0x7F], false),
        ([0x80], [0x80], true),
    ])
    func truthTable(a: [UInt8], b: [UInt8], expected: Bool) {
        #expect(ConstantTime.equals(a, b) == expected)
        #expect(ConstantTime.equals(b, a) == expected)
    }

    @Test("Works across collection types")
    func mixedCollections() {
        let digest = SHA256.hash(Array("x".utf8))
        #expect(ConstantTime.equals(digest, digest[...]))
        #expect(ConstantTime.equals(digest.lazy.map { $0 }, digest))
        #expect(!ConstantTime.equals(digest.dropLast(), digest))
        var flipped = digest
        flipped[0] ^= 0x01
        #expect(!ConstantTime.equals(flipped, digest))
    }
}
