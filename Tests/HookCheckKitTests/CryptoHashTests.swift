import HookCheckKit
import Testing

private let message448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
private let message896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

@Suite("Crypto: SHA-1, SHA-256 and SHA-512")
struct CryptoHashTests {
    // FIPS 180-4 / NIST CSRC example values.
    @Test("NIST example vectors", arguments: [
        (HashAlgorithm.sha1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        (.sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (.sha1, message448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        (.sha1, message896, "a49b2446a02c645bf419f995b67091253a04a259"),
        (.sha256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (.sha256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (.sha256, message448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (.sha256, message896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        (.sha512, "", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
        (.sha512, "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
        (.sha512, message448, "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
            + "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"),
        (.sha512, message896, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
            + "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
    ])
    func nistVectors(algorithm: HashAlgorithm, message: String, expected: String) {
        let digest = algorithm.hash(Array(message.utf8))
        #expect(digest.count == algorithm.digestSize)
        #expect(hexString(digest) == expected)
    }

    @Test("One million 'a' fed in uneven pieces", arguments: [
        (HashAlgorithm.sha1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
        (.sha256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        (.sha512, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
            + "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"),
    ])
    func millionA(algorithm: HashAlgorithm, expected: String) {
        // 997 is prime, so the pieces straddle block boundaries at every offset.
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 997)
        var pieces: [ArraySlice<UInt8>] = []
        var remaining = 1_000_000
        while remaining > 0 {
            let length = min(piece.count, remaining)
            pieces.append(piece[0..<length])
            remaining -= length
        }
        #expect(hexString(algorithm.hash(pieces: pieces)) == expected)
    }

    // Computed with `openssl dgst -sha1 / -sha256 / -sha512` (OpenSSL 3.0) over
    // patternBytes(count:), i.e. byte i = (31 * i + 7) mod 256. The lengths sit on
    // both sides of the points where padding needs an extra block.
    @Test("Padding boundaries match openssl", arguments: [
        (55, "749bbefb28edc4638b28b2b9a9e03ab9a4032b90",
         "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b",
         "330eb5e81b4d722cae1e0efbf883efb180c3e346d2b3b797dafc90409583ed35af65dc2d7974a353f0c21663e196b60d3ee5a2c70c50b7b3bccdb93a5dbce6bf"),
        (56, "a5b6e9c29d201c774753ff8e7fb64931656f5e63",
         "ad574708f75c044c9b85de64cb568ee7711ff4f36448c6242f053ba8f6cc2b63",
         "1b5b63bfd5420b2dc480abce3dbdb3e19e5f9d4fabffba7764883937eaae878a55362c938c141712c44c3076c3fabb2c60814c2994c311c33049a8d6de2a8898"),
        (63, "d1a454409359fc372b4d22b3cea6488d6ba1be00",
         "280ed3e8ff1df845b2e7dfe6ac6cee817bef20e783cc65abc41b818b4d2fe076",
         "b16f76c30db64b5ee1ef166d2d37e13ff6cee9fd88bae9ba283cd58e0a2133b220a76db56279406461f84ce2cffd1d116d38fd9f38fc5df18770a987ff695499"),
        (64, "39a0d8b645ad85f1f976731ed112ac9455e28b78",
         "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd",
         "4c7aba3659929c4fd87604c532a3b5f174d0626b2d661dbbbfac76c97a49a5a7789d2c68324c754f66bf629fa72054f334feaad8b1cf4c885ae03a1e634afc18"),
        (65, "d0c96e18890114a14716e9686528d2e3fdba8d9e",
         "788367c73c7ddf4c53f65e68cc0d943e6227ab55b0e78ba63ace822b1c6301c0",
         "31ad8ce60482e91ec7f83455c280f2dbb4940a400795ae90815bc86891210ebe07b51995eb2d123d6a55a79a998e20cc07716aea7848f6c955b4a4bf14ad0b0a"),
        (111, "b7b42d19ae6be209c36efe0c5dfe5bde4d306c43",
         "dd1413178fb627f9abbc041ffe39c44aa7aaa0e2e6d2ca5c4528ac7073a2da45",
         "da780d8338a8a920ceb6892cb4ecbb0cc0c66956269aadd5dd0f48790a00857bd975890f3b2955a317738cc7a770820c29f922ffbc22020f1909d594cc987d1b"),
        (112, "11e920cd4ed45c60c05a916e48a942f9e39c770b",
         "a65c92dac124062d0ab951a42773cb04fc98d1d4bf8897b176f8cff3509d379e",
         "053182f7fa4e59f8636e415a77ed4fdc650f0a43834c9d35adf899599c3ab9c4153f02ff50bd01888060cd36a6fa12d9db242fc35164c80135613514186d5843"),
        (127, "bebc42d2d3d1e5fb8ad8895c2dcef2d68a6c279a",
         "192409cd280e14b743642ad1343fbd3e82d9305de72c078117745a679210cc3d",
         "a7a75593826fd37d4e60f6101eabb9f8ab1cf4d5319ebc805266d5da8deb5097de1a235fc5d9d3d73c50ac100ffc75089fb454674ab61232091bd19cbdc67396"),
        (128, "0060f2a7e34b6e4d459f560197ef93243732a400",
         "cc548ca2dec1f6fe4f58b2e27aa9c7521607df1130d140b55a4dad0665302356",
         "df007a08f3aaae47e0c92ef840ecd43645ae6098c819f2a4a66174ef1cd49e5c6dfccf0616895e570b7564af641de5863dff9f89c752913d30cf0ecf678e1635"),
        (129, "3a16082d1bf09b604907ec6908b9893ca3e937c0",
         "81e89a7b2911aaa7795f9e3d4910cb47d6cd2b00d83b8399481527261a1a7519",
         "a10ea769b79831bca33e9efb29fc501ded6e9c88885d079acb76eecaa8ac58d68bdc7e00103053e1519352c0d064c87accc3d553a6039decc2c4f1e7667eef79"),
    ])
    func paddingBoundaries(length: Int, sha1: String, sha256: String, sha512: String) {
        let input = patternBytes(count: length)
        #expect(hexString(SHA1.hash(input)) == sha1)
        #expect(hexString(SHA256.hash(input)) == sha256)
        #expect(hexString(SHA512.hash(input)) == sha512)
    }

    @Test("Every two-piece split of a 200-byte input gives the one-shot digest",
          arguments: HashAlgorithm.allCases)
    func everySplitPoint(algorithm: HashAlgorithm) {
        let input = patternBytes(count: 200)
        let expected = algorithm.hash(input)
        for split in 0...input.count {
            let digest = algorithm.hash(pieces: [input[..<split], input[split...]])
            #expect(digest == expected, "split at \(split)")
        }
    }

    @Test("Random piece sizes give the one-shot digest", arguments: HashAlgorithm.allCases)
    func randomPieces(algorithm: HashAlgorithm) {
        var generator = SeededGenerator(seed: 0x5EED_0001)
        for round in 0..<40 {
            let input = generator.bytes(count: Int.random(in: 0...1200, using: &generator))
            let pieces = generator.pieces(of: input, maxPiece: round.isMultiple(of: 2) ? 7 : 300)
            #expect(algorithm.hash(pieces: pieces) == algorithm.hash(input),
                    "round \(round), \(input.count) bytes in \(pieces.count) pieces")
        }
    }

    @Test("Raw-pointer, array and non-contiguous updates agree")
    func updateOverloadsAgree() {
        let input = patternBytes(count: 777)
        let expected = SHA256.hash(input)

        var viaPointer = SHA256()
        input.withUnsafeBytes { viaPointer.update($0) }
        #expect(viaPointer.finalize() == expected)

        // A lazy map has no contiguous storage, exercising the staging path.
        var viaLazy = SHA256()
        viaLazy.update(input.lazy.map { $0 })
        #expect(viaLazy.finalize() == expected)

        var viaEmpty = SHA256()
        viaEmpty.update([UInt8]())
        viaEmpty.update(input)
        viaEmpty.update(input[0..<0])
        #expect(viaEmpty.finalize() == expected)
    }

    @Test("Copying a hasher forks its state")
    func valueSemantics() {
        let prefix = patternBytes(count: 90)
        var original = SHA512()
        original.update(prefix)
        var fork = original
        fork.update([1, 2, 3])
        original.update([4, 5, 6])
        #expect(original.finalize() == SHA512.hash(prefix + [4, 5, 6]))
        #expect(fork.finalize() == SHA512.hash(prefix + [1, 2, 3]))
    }

    @Test("Block and digest sizes", arguments: [
        (HashAlgorithm.sha1, 64, 20), (.sha256, 64, 32), (.sha512, 128, 64),
    ])
    func sizes(algorithm: HashAlgorithm, blockSize: Int, digestSize: Int) {
        #expect(algorithm.blockSize == blockSize)
        #expect(algorithm.digestSize == digestSize)
        #expect(algorithm.hash([0x61]).count == digestSize)
    }
}
