import HookCheckKit
import Testing

private let rfcKey6and7 = String(repeating: "aa", count: 131)

/// RFC 4231 section 4 test cases 1, 2, 3, 4, 6 and 7 (case 5 tests truncation):
/// case number, key (hex), data (hex), HMAC-SHA-256, HMAC-SHA-512.
private let rfc4231Cases: [(Int, String, String, String, String)] = [
    (1, String(repeating: "0b", count: 20),
     "4869205468657265",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
     "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
        + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"),
    (2, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
     "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
        + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
    (3, String(repeating: "aa", count: 20),
     String(repeating: "dd", count: 50),
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
     "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
        + "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"),
    (4, "0102030405060708090a0b0c0d0e0f10111213141516171819",
     String(repeating: "cd", count: 50),
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
     "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
        + "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"),
    (6, rfcKey6and7,
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a"
        + "65204b6579202d2048617368204b6579204669727374",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
     "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
        + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"),
    (7, rfcKey6and7,
     "5468697320697320612074657374207573696e672061206c6172676572207468"
        + "616e20626c6f636b2d73697a65206b657920616e642061206c61726765722074"
        + "68616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565"
        + "647320746f20626520686173686564206265666f7265206265696e6720757365"
        + "642062792074686520484d414320616c676f726974686d2e",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
     "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
        + "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"),
]

@Suite("Crypto: HMAC")
struct CryptoHMACTests {
    @Test("RFC 4231 HMAC-SHA-256", arguments: rfc4231Cases)
    func rfc4231SHA256(testCase: (Int, String, String, String, String)) {
        let (number, key, data, expected, _) = testCase
        let code = HMAC<SHA256>.authenticationCode(for: bytes(hex: data), key: bytes(hex: key))
        #expect(hexString(code) == expected, "RFC 4231 case \(number)")
    }

    @Test("RFC 4231 HMAC-SHA-512", arguments: rfc4231Cases)
    func rfc4231SHA512(testCase: (Int, String, String, String, String)) {
        let (number, key, data, _, expected) = testCase
        let code = HMAC<SHA512>.authenticationCode(for: bytes(hex: data), key: bytes(hex: key))
        #expect(hexString(code) == expected, "RFC 4231 case \(number)")
    }

    // RFC 2202 section 3, test cases 1-3: key (hex), data (hex), HMAC-SHA-1.
    @Test("RFC 2202 HMAC-SHA-1", arguments: [
        (String(repeating: "0b", count: 20), "4869205468657265",
         "b617318655057264e28bc0b6fb378c8ef146be00"),
        ("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
         "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
        (String(repeating: "aa", count: 20), String(repeating: "dd", count: 50),
         "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
    ])
    func rfc2202SHA1(key: String, data: String, expected: String) {
        let code = HMAC<SHA1>.authenticationCode(for: bytes(hex: data), key: bytes(hex: key))
        #expect(hexString(code) == expected)
    }

    @Test("GitHub webhook documentation vector")
    func githubWebhookVector() {
        let key = Array("It's a Secret to Everybody".utf8)
        let body = Array("Hello, World!".utf8)
        let expected = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        #expect(hexString(HMAC<SHA256>.authenticationCode(for: body, key: key)) == expected)
        #expect(HMAC<SHA256>.isValidAuthenticationCode(bytes(hex: expected), for: body, key: key))
        var tampered = bytes(hex: expected)
        tampered[31] ^= 1
        #expect(!HMAC<SHA256>.isValidAuthenticationCode(tampered, for: body, key: key))
        #expect(!HMAC<SHA256>.isValidAuthenticationCode(tampered.prefix(31), for: body, key: key))
    }

    // Computed with `openssl dgst -<alg> -mac HMAC -macopt hexkey:<key>` (OpenSSL 3.0)
    // over "hookcheck key boundary", key byte i = (13 * i + 1) mod 256. The key
    // lengths straddle the block size, where keys switch to being hashed first.
    @Test("Key lengths around the block size match openssl", arguments: [
        (HashAlgorithm.sha1, 63, "dd1d0a07e576d561be070531caa5111eb9427257"),
        (.sha1, 64, "be3fdf89fdf0ec16a31777a5a0d8313fb60880eb"),
        (.sha1, 65, "bc7201e18bf42d59703a8d8b631ec36ff5f5ae22"),
        (.sha256, 63, "b773ba8e706292ab29b3d0dc50f6d16d2f4551d819a12dbdead154390f59d6c7"),
        (.sha256, 64, "e3ee8600f833b7ca00258db1f69e88f0429ae2e95a22433d297a8c1c8da6aa51"),
        (.sha256, 65, "b2f8628a78d3faf874e1170963561cb20119e8f13a1305e380bf5c4b4a80102c"),
        (.sha512, 127, "83f0290c699e4a508a53509217471303c185703fde343f7202691d309c1383d8"
            + "e60fd2b4906ba80cb89a3c6aa413a5b9481dc63340d704affb567b215deb87e1"),
        (.sha512, 128, "3d698d8a231b9e26bbf572d8802378b1daa38fd11dc2c395132fdf5487e9ca52"
            + "e8354d45da881af9cf579ee9a61f483ddb40c1ac15198089b3f4c2ca1de9ee4e"),
        (.sha512, 129, "bb353e05c6a1d9455d83a5918fe24961c413621f156069af9f6319d5ae248ed1"
            + "46211e5c5f78ab01006e8e38929777c5569d79ad3da70faf2f5c06caf78d2cc0"),
    ])
    func keyLengthBoundaries(algorithm: HashAlgorithm, keyLength: Int, expected: String) {
        let key = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
        let code = algorithm.hmac(key: key, message: Array("hookcheck key boundary".utf8))
        #expect(hexString(code) == expected)
    }

    @Test("Streaming updates equal the one-shot code", arguments: HashAlgorithm.allCases)
    func streaming(algorithm: HashAlgorithm) {
        var generator = SeededGenerator(seed: 0x4D41_4301)
        for round in 0..<20 {
            let key = generator.bytes(count: Int.random(in: 0...200, using: &generator))
            let message = generator.bytes(count: Int.random(in: 0...700, using: &generator))
            let pieces = generator.pieces(of: message, maxPiece: 150)
            #expect(algorithm.hmac(key: key, pieces: pieces) == algorithm.hmac(key: key, message: message),
                    "round \(round)")
        }
    }

    @Test("A key longer than the block size acts as its digest", arguments: HashAlgorithm.allCases)
    func longKeyIsHashed(algorithm: HashAlgorithm) {
        let longKey = patternBytes(count: algorithm.blockSize + 1)
        let message = Array("message".utf8)
        let code = algorithm.hmac(key: longKey, message: message)
        #expect(code == algorithm.hmac(key: algorithm.hash(longKey), message: message))
        #expect(code.count == algorithm.digestSize)
    }

    @Test("Different keys or messages give different codes")
    func sensitivity() {
        let base = HMAC<SHA256>.authenticationCode(for: [1, 2, 3], key: [9])
        #expect(base != HMAC<SHA256>.authenticationCode(for: [1, 2, 3], key: [8]))
        #expect(base != HMAC<SHA256>.authenticationCode(for: [1, 2, 4], key: [9]))
        // A short key is zero-padded, so a trailing zero byte does not change it (RFC 2104).
        #expect(base == HMAC<SHA256>.authenticationCode(for: [1, 2, 3], key: [9, 0]))
        #expect(HMAC<SHA256>.codeSize == 32)
    }
}
