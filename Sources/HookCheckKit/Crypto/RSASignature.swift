/// The hash functions RSASSA-PKCS1-v1_5 signatures can be checked with here.
public enum RSASignatureHash: String, Sendable, CaseIterable, CustomStringConvertible {
    /// SHA-1; still found in older DKIM signatures (rsa-sha1), deprecated by RFC 8301.
    case sha1
    /// SHA-256.
    case sha256
    /// SHA-512.
    case sha512

    /// The lowercase name, e.g. "sha256".
    public var description: String { rawValue }

    /// The digest length in bytes.
    public var digestSize: Int {
        switch self {
        case .sha1: SHA1.digestSize
        case .sha256: SHA256.digestSize
        case .sha512: SHA512.digestSize
        }
    }

    /// Hashes `message` with this function.
    public func hash(_ message: some Collection<UInt8>) -> [UInt8] {
        switch self {
        case .sha1: SHA1.hash(message)
        case .sha256: SHA256.hash(message)
        case .sha512: SHA512.hash(message)
        }
    }

    /// The DER encoding of DigestInfo { AlgorithmIdentifier { oid, NULL }, OCTET STRING }
    /// up to the digest itself (RFC 8017 section 9.2, note 1).
    public var digestInfoPrefix: [UInt8] {
        switch self {
        case .sha1:
            [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A, 0x05, 0x00, 0x04, 0x14]
        case .sha256:
            [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
             0x05, 0x00, 0x04, 0x20]
        case .sha512:
            [0x30, 0x51, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03,
             0x05, 0x00, 0x04, 0x40]
        }
    }
}

/// Why an RSASSA-PKCS1-v1_5 signature did not verify.
public enum RSASignatureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The signature is not exactly as long as the modulus (RFC 8017 section 8.2.2 step 1).
    case wrongLength(expected: Int, actual: Int)
    /// The signature, read as an integer, is not below the modulus (section 5.2.2 step 1).
    case outOfRange
    /// The digest passed in does not have the hash function's length.
    case wrongDigestLength(expected: Int, actual: Int)
    /// The modulus is too short to hold a DigestInfo for this hash (section 9.2 step 5).
    case keyTooShort(bits: Int, hash: RSASignatureHash)
    /// The recovered message is not the expected encoding: a different message, hash
    /// function or key was used, or the signature was damaged.
    case mismatch

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .wrongLength(expected, actual):
            return "the signature is \(actual) bytes long; this key's signatures are \(expected) bytes"
        case .outOfRange:
            return "the signature is not smaller than the key's modulus"
        case let .wrongDigestLength(expected, actual):
            return "the digest is \(actual) bytes long; expected \(expected)"
        case let .keyTooShort(bits, hash):
            return "a \(bits)-bit key is too short for PKCS #1 v1.5 signatures with \(hash)"
        case .mismatch:
            return "the signature does not match the message and key"
        }
    }
}

extension RSAPublicKey {
    /// Applies RSAVP1 (RFC 8017 section 5.2.2) to `signature` and returns the
    /// recovered encoded message as exactly `modulusByteCount` bytes, or an error
    /// when the signature has the wrong length or is not below the modulus.
    public func recoverEncodedMessage(signature: [UInt8]) -> Result<[UInt8], RSASignatureError> {
        guard signature.count == modulusByteCount else {
            return .failure(.wrongLength(expected: modulusByteCount, actual: signature.count))
        }
        let s = BigUInt(bigEndianBytes: signature)
        guard s < n else { return .failure(.outOfRange) }
        let m = montgomery.power(s, e)
        // m < n, so it always fits in k bytes.
        guard let encoded = m.bigEndianBytes(count: modulusByteCount) else { return .failure(.outOfRange) }
        return .success(encoded)
    }

    /// EMSA-PKCS1-v1_5-ENCODE (RFC 8017 section 9.2) of a digest into `length` bytes:
    /// 0x00 0x01 0xFF...0xFF 0x00 DigestInfo, with at least eight 0xFF bytes.
    public static func encodePKCS1v15(digest: [UInt8], hash: RSASignatureHash, length: Int) -> Result<[UInt8], RSASignatureError> {
        guard digest.count == hash.digestSize else {
            return .failure(.wrongDigestLength(expected: hash.digestSize, actual: digest.count))
        }
        let digestInfo = hash.digestInfoPrefix + digest
        guard length >= digestInfo.count + 11 else {
            return .failure(.keyTooShort(bits: length * 8, hash: hash))
        }
        var encoded: [UInt8] = [0x00, 0x01]
        encoded.reserveCapacity(length)
        encoded.append(contentsOf: repeatElement(0xFF, count: length - digestInfo.count - 3))
        encoded.append(0x00)
        encoded.append(contentsOf: digestInfo)
        return .success(encoded)
    }

    /// Checks an RSASSA-PKCS1-v1_5 signature (RFC 8017 section 8.2.2) over a
    /// precomputed digest, explaining a failure.
    public func checkPKCS1v15(signature: [UInt8], digest: [UInt8], hash: RSASignatureHash) -> Result<Void, RSASignatureError> {
        let expected: [UInt8]
        switch RSAPublicKey.encodePKCS1v15(digest: digest, hash: hash, length: modulusByteCount) {
        case .success(let encoded): expected = encoded
        case .failure(let error): return .failure(error)
        }
        switch recoverEncodedMessage(signature: signature) {
        case .success(let recovered):
            return ConstantTime.equals(recovered, expected) ? .success(()) : .failure(.mismatch)
        case .failure(let error):
            return .failure(error)
        }
    }

    /// Checks an RSASSA-PKCS1-v1_5 signature (RFC 8017 section 8.2.2) over a
    /// message, explaining a failure.
    public func checkPKCS1v15(signature: [UInt8], message: some Collection<UInt8>, hash: RSASignatureHash) -> Result<Void, RSASignatureError> {
        checkPKCS1v15(signature: signature, digest: hash.hash(message), hash: hash)
    }

    /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 signature of `message` with `hash`
    /// (RFC 8017 section 8.2.2).
    public func verifyPKCS1v15(signature: [UInt8], message: some Collection<UInt8>, hash: RSASignatureHash) -> Bool {
        if case .success = checkPKCS1v15(signature: signature, message: message, hash: hash) { return true }
        return false
    }

    /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 signature of a message whose
    /// `hash` digest is `digest`.
    public func verifyPKCS1v15(signature: [UInt8], digest: [UInt8], hash: RSASignatureHash) -> Bool {
        if case .success = checkPKCS1v15(signature: signature, digest: digest, hash: hash) { return true }
        return false
    }
}
