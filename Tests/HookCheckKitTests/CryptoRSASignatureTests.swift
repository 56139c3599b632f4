import HookCheckKit
import Testing

/// Ways to damage a valid (key, signature, message) triple; every one must make verification fail.
enum RSASignatureTampering: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case signatureFirstByteBit, signatureMiddleBit, signatureLastBit
    case messageBit, messageExtended, messageShortened
    case modulusBit, exponentChanged
    case otherHash, otherHashAgain
    case signatureOneByteShort, signatureOneByteLong, signatureEmpty
    case signatureEqualToModulus, signatureAllOnes, signatureAllZeros
    case digestTruncated

    var testDescription: String { rawValue }
}

/// EMSA-PKCS1-v1_5 lengths: hash, encoded length, whether the encoding fits.
private let encodingLengths: [(RSASignatureHash, Int, Bool)] = [
    (.sha1, 46, true), (.sha1, 45, false),
    (.sha256, 62, true), (.sha256, 61, false), (.sha256, 256, true),
    (.sha512, 94, true), (.sha512, 93, false), (.sha512, 1024, true),
    (.sha256, 0, false),
]

/// DigestInfo algorithm identifiers: hash, dotted OID, digest length.
private let digestAlgorithms: [(RSASignatureHash, String, Int)] = [
    (.sha1, "1.3.14.3.2.26", 20),
    (.sha256, "2.16.840.1.101.3.4.2.1", 32),
    (.sha512, "2.16.840.1.101.3.4.2.3", 64),
]

@Suite("Crypto: RSA PKCS #1 v1.5 signatures")
struct CryptoRSASignatureTests {
    @Test("Signatures made by openssl verify with every form of their key",
          arguments: try RSAFixtures.manifest().signatures)
    func fixtureSignatures(fixture: RSAFixtures.Signature) throws {
        let signature = try fixture.signatureBytes()
        let message = try fixture.messageBytes()
        let keys = [
            try RSAFixtures.publicKey(fixture.key),
            try RSAPublicKey.parse(RSAFixtures.bytes("keys/\(fixture.key).pkcs1.der")).get(),
            try RSAPublicKey.parse(RSAFixtures.text("keys/\(fixture.key).pkcs1.pem")).get(),
        ]
        for key in keys {
            #expect(signature.count == key.modulusByteCount)
            #expect(key.verifyPKCS1v15(signature: signature, message: message, hash: fixture.hash))
            #expect(key.verifyPKCS1v15(signature: signature, digest: fixture.hash.hash(message), hash: fixture.hash))
            #expect(rsaFailure(key.checkPKCS1v15(signature: signature, message: message, hash: fixture.hash)) == nil)
        }
    }

    @Test("Tampered signatures, messages and keys are rejected",
          arguments: try RSAFixtures.manifest().signatures, RSASignatureTampering.allCases)
    func tampering(fixture: RSAFixtures.Signature, tampering: RSASignatureTampering) throws {
        var key = try RSAFixtures.publicKey(fixture.key)
        var signature = try fixture.signatureBytes()
        var message = try fixture.messageBytes()
        var hash = fixture.hash
        var digest: [UInt8]? = nil
        // The errors that may explain the failure; more than one where the outcome depends on the values.
        var allowed: [RSASignatureError] = [.mismatch]
        let k = key.modulusByteCount

        switch tampering {
        case .signatureFirstByteBit:
            signature[0] ^= 0x01
            allowed = [.mismatch, .outOfRange]
        case .signatureMiddleBit:
            signature[k / 2] ^= 0x10
        case .signatureLastBit:
            signature[k - 1] ^= 0x80
        case .messageBit:
            if message.isEmpty { message = [0x00] } else { message[message.count / 2] ^= 0x04 }
        case .messageExtended:
            message.append(0x0A)
        case .messageShortened:
            if message.isEmpty { message = [0x00] } else { message.removeLast() }
        case .modulusBit:
            var modulus = key.modulus
            modulus[k / 2] ^= 0x02
            key = try RSAPublicKey.make(modulus: modulus, exponent: key.exponent).get()
            allowed = [.mismatch, .outOfRange]
        case .exponentChanged:
            let exponent: [UInt8] = key.exponent == [3] ? [0x01, 0x00, 0x01] : [3]
            key = try RSAPublicKey.make(modulus: key.modulus, exponent: exponent).get()
        case .otherHash, .otherHashAgain:
            let others = RSASignatureHash.allCases.filter { $0 != hash }
            hash = others[tampering == .otherHash ? 0 : 1]
            allowed = [.mismatch, .keyTooShort(bits: k * 8, hash: hash)]
        case .signatureOneByteShort:
            signature.removeFirst()
            allowed = [.wrongLength(expected: k, actual: k - 1)]
        case .signatureOneByteLong:
            signature.insert(0x00, at: 0)
            allowed = [.wrongLength(expected: k, actual: k + 1)]
        case .signatureEmpty:
            signature = []
            allowed = [.wrongLength(expected: k, actual: 0)]
        case .signatureEqualToModulus:
            signature = key.modulus
            allowed = [.outOfRange]
        case .signatureAllOnes:
            signature = [UInt8](repeating: 0xFF, count: k)
            allowed = [.outOfRange]
        case .signatureAllZeros:
            signature = [UInt8](repeating: 0x00, count: k)
        case .digestTruncated:
            let full = hash.hash(message)
            digest = Array(full.dropLast())
            allowed = [.wrongDigestLength(expected: full.count, actual: full.count - 1)]
        }

        if let digest {
            #expect(!key.verifyPKCS1v15(signature: signature, digest: digest, hash: hash))
            let error = try #require(rsaFailure(key.checkPKCS1v15(signature: signature, digest: digest, hash: hash)))
            #expect(allowed.contains(error), "\(error)")
        } else {
            #expect(!key.verifyPKCS1v15(signature: signature, message: message, hash: hash))
            #expect(!key.verifyPKCS1v15(signature: signature, digest: hash.hash(message), hash: hash))
            let error = try #require(rsaFailure(key.checkPKCS1v15(signature: signature, message: message, hash: hash)))
            #expect(allowed.contains(error), "\(error)")
        }
    }

    /// s^e mod n computed here must equal both openssl's raw recovery (no padding removed)
    /// and the EMSA-PKCS1-v1_5 encoding built from the message digest.
    @Test("RSAVP1 output equals openssl's raw recovery and the expected encoding",
          arguments: try RSAFixtures.manifest().recoveries)
    func rawRecovery(fixture: RSAFixtures.Recovery) throws {
        let key = try RSAFixtures.publicKey(fixture.key)
        let signature = try RSAFixtures.bytes(fixture.signature)
        let raw = try RSAFixtures.bytes(fixture.output)
        #expect(raw.count == key.modulusByteCount)

        let power = try #require(BigUInt.modPow(BigUInt(bigEndianBytes: signature),
                                                BigUInt(bigEndianBytes: key.exponent),
                                                BigUInt(bigEndianBytes: key.modulus)))
        #expect(power.bigEndianBytes(count: key.modulusByteCount) == raw)
        #expect(try key.recoverEncodedMessage(signature: signature).get() == raw)

        let digest = SHA256.hash(try RSAFixtures.bytes("messages/hello.txt"))
        let encoded = try RSAPublicKey.encodePKCS1v15(digest: digest, hash: .sha256, length: key.modulusByteCount).get()
        #expect(encoded == raw)
    }

    @Test("EMSA-PKCS1-v1_5 encoding layout and minimum lengths", arguments: encodingLengths)
    func encodingLength(testCase: (RSASignatureHash, Int, Bool)) throws {
        let (hash, length, fits) = testCase
        let digest = hash.hash(Array("abc".utf8))
        let result = RSAPublicKey.encodePKCS1v15(digest: digest, hash: hash, length: length)
        guard fits else {
            #expect(rsaFailure(result) == .keyTooShort(bits: length * 8, hash: hash))
            return
        }
        let encoded = try result.get()
        let tail = hash.digestInfoPrefix + digest
        let paddingLength = length - tail.count - 3
        #expect(encoded.count == length)
        #expect(paddingLength >= 8)
        #expect(encoded.prefix(2) == [0x00, 0x01])
        #expect(encoded[2..<(2 + paddingLength)].allSatisfy { $0 == 0xFF })
        #expect(encoded[2 + paddingLength] == 0x00)
        #expect(Array(encoded.suffix(tail.count)) == tail)
    }

    @Test("The shortest SHA-256 encoding, spelled out")
    func literalEncoding() throws {
        let digest = bytes(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let expected = "0001" + String(repeating: "ff", count: 8) + "00"
            + "3031300d060960864801650304020105000420" + hexString(digest)
        let encoded = try RSAPublicKey.encodePKCS1v15(digest: digest, hash: .sha256, length: 62).get()
        #expect(hexString(encoded) == expected)
        #expect(RSASignatureHash.sha256.hash(Array("abc".utf8)) == digest)
    }

    @Test("DigestInfo prefixes are DER for the right algorithm", arguments: digestAlgorithms)
    func digestInfo(testCase: (RSASignatureHash, String, Int)) throws {
        let (hash, oid, size) = testCase
        #expect(hash.digestSize == size)
        var outer = DERReader(hash.digestInfoPrefix + [UInt8](repeating: 0xAB, count: size))
        var digestInfo = try outer.readSequence()
        try outer.finish()
        var algorithm = try digestInfo.readSequence()
        #expect(try algorithm.readObjectIdentifier().description == oid)
        try algorithm.readNull()
        try algorithm.finish()
        let digest = try digestInfo.readElement(tag: DERReader.Tag.octetString)
        #expect(digest.content.count == size)
        try digestInfo.finish()
    }

    @Test("Short keys still verify and report their size")
    func shortKey() throws {
        let key = try RSAFixtures.publicKey("rsa512")
        #expect(key.bitLength == 512)
        #expect(key.bitLength < 1024)
        let message = try RSAFixtures.bytes("messages/webhook.json")
        let signature = try RSAFixtures.bytes("signatures/rsa512-webhook-sha256.sig")
        #expect(key.verifyPKCS1v15(signature: signature, message: message, hash: .sha256))
        // A 64-byte modulus cannot hold a SHA-512 DigestInfo (83 bytes + 11).
        #expect(rsaFailure(key.checkPKCS1v15(signature: signature, message: message, hash: .sha512))
                == .keyTooShort(bits: 512, hash: .sha512))
    }

    @Test("Every verification error explains itself")
    func errorDescriptions() {
        let errors: [RSASignatureError] = [
            .wrongLength(expected: 256, actual: 255), .outOfRange, .wrongDigestLength(expected: 32, actual: 31),
            .keyTooShort(bits: 512, hash: .sha512), .mismatch,
        ]
        for error in errors {
            #expect(!error.description.isEmpty)
        }
        #expect(RSASignatureError.wrongLength(expected: 256, actual: 255).description.contains("255"))
    }
}
