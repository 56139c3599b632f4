/// An RSA public key (n, e) as defined in RFC 8017 section 3.1.
///
/// Create one with `RSAPublicKey.parse` (any supported format), one of the
/// format-specific parsers, or `RSAPublicKey.make(modulus:exponent:)`. Keys
/// are validated on creation: the modulus is odd, greater than one and at most
/// `maximumModulusBits` long; the exponent is odd, at least 3 and below the
/// modulus. Short keys (under 1024 bits) are accepted; check `bitLength` to warn.
public struct RSAPublicKey: Sendable, Equatable, CustomStringConvertible {
    /// The largest modulus accepted, in bits.
    public static let maximumModulusBits = 8192

    /// The modulus n as minimal big-endian bytes (no leading zero byte).
    public let modulus: [UInt8]
    /// The public exponent e as minimal big-endian bytes.
    public let exponent: [UInt8]
    /// The number of significant bits in the modulus, e.g. 2048.
    public let bitLength: Int

    let n: BigUInt
    let e: BigUInt
    let montgomery: MontgomeryContext

    /// The modulus length in bytes (k in RFC 8017), which is also the signature length.
    public var modulusByteCount: Int { modulus.count }

    /// A short summary such as "RSA-2048, e=65537".
    public var description: String {
        "RSA-\(bitLength), e=\(RSAPublicKey.decimalOrHex(e))"
    }

    /// Decimal for values that fit in 64 bits, otherwise 0x-prefixed hex.
    private static func decimalOrHex(_ value: BigUInt) -> String {
        value.limbs.count <= 1 ? String(value.limbs.first ?? 0) : "0x" + value.description
    }

    /// Keys are equal when their modulus and exponent are.
    public static func == (lhs: RSAPublicKey, rhs: RSAPublicKey) -> Bool {
        lhs.modulus == rhs.modulus && lhs.exponent == rhs.exponent
    }

    private init(n: BigUInt, e: BigUInt, montgomery: MontgomeryContext) {
        self.n = n
        self.e = e
        self.montgomery = montgomery
        modulus = n.bigEndianBytes()
        exponent = e.bigEndianBytes()
        bitLength = n.bitLength
    }

    /// Validates a modulus and exponent given as unsigned big-endian bytes (leading zeros allowed).
    public static func make(modulus: some Collection<UInt8>, exponent: some Collection<UInt8>) -> Result<RSAPublicKey, KeyError> {
        // Check the size on the raw bytes first so huge inputs are not converted at all.
        let significantModulusBytes = modulus.drop(while: { $0 == 0 }).count
        guard significantModulusBytes <= maximumModulusBits / 8 else {
            return .failure(.modulusTooLarge(bits: significantModulusBytes * 8, maximum: maximumModulusBits))
        }
        let n = BigUInt(bigEndianBytes: modulus)
        let e = BigUInt(bigEndianBytes: exponent)
        guard n.bitLength <= maximumModulusBits else {
            return .failure(.modulusTooLarge(bits: n.bitLength, maximum: maximumModulusBits))
        }
        guard n.bitLength > 1 else { return .failure(.invalidModulus("the modulus is \(n.isZero ? 0 : 1)")) }
        guard n.isOdd else { return .failure(.invalidModulus("the modulus is even")) }
        guard e.isOdd, e >= BigUInt(3) else {
            return .failure(.invalidExponent("the public exponent must be odd and at least 3, found \(decimalOrHex(e))"))
        }
        guard e < n else { return .failure(.invalidExponent("the public exponent is not smaller than the modulus")) }
        guard let context = MontgomeryContext(modulus: n) else {
            return .failure(.invalidModulus("the modulus is not an odd number above one"))
        }
        return .success(RSAPublicKey(n: n, e: e, montgomery: context))
    }

    /// Parses a DER PKCS #1 RSAPublicKey (RFC 8017 appendix A.1.1):
    /// SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
    public static func parsePKCS1(der: [UInt8]) -> Result<RSAPublicKey, KeyError> {
        Result { () throws(KeyError) in try readPKCS1(DERReader(der)) }
    }

    /// Parses a DER X.509 SubjectPublicKeyInfo (RFC 5280 section 4.1.2.7) holding an
    /// rsaEncryption key (RFC 3279 section 2.3.1): the algorithm parameters must be
    /// NULL or absent, and the BIT STRING must hold a PKCS #1 RSAPublicKey.
    public static func parseSubjectPublicKeyInfo(der: [UInt8]) -> Result<RSAPublicKey, KeyError> {
        Result { () throws(KeyError) in try readSubjectPublicKeyInfo(DERReader(der)) }
    }

    /// Parses DER bytes as either a SubjectPublicKeyInfo or a PKCS #1 RSAPublicKey,
    /// telling them apart by the first element inside the outer SEQUENCE
    /// (a SEQUENCE in the former, an INTEGER in the latter).
    public static func parseDER(_ der: [UInt8]) -> Result<RSAPublicKey, KeyError> {
        var outer = DERReader(der)
        if let inner = try? outer.readSequence(), inner.peekTag == DERReader.Tag.integer {
            return parsePKCS1(der: der)
        }
        return parseSubjectPublicKeyInfo(der: der)
    }

    private static func readPKCS1(_ reader: DERReader) throws(KeyError) -> RSAPublicKey {
        var outer = reader
        var fields = try der { () throws(DERError) in try outer.readSequence() }
        try der { () throws(DERError) in try outer.finish() }
        let modulus = try readInteger(&fields, ifNegative: .invalidModulus("the modulus is negative"))
        let exponent = try readInteger(&fields, ifNegative: .invalidExponent("the public exponent is negative"))
        try der { () throws(DERError) in try fields.finish() }
        return try make(modulus: modulus, exponent: exponent).get()
    }

    private static func readSubjectPublicKeyInfo(_ reader: DERReader) throws(KeyError) -> RSAPublicKey {
        var outer = reader
        var info = try der { () throws(DERError) in try outer.readSequence() }
        try der { () throws(DERError) in try outer.finish() }
        var algorithm = try der { () throws(DERError) in try info.readSequence() }
        let oid = try der { () throws(DERError) in try algorithm.readObjectIdentifier() }
        guard oid == .rsaEncryption else { throw .unsupportedAlgorithm(oid) }
        if !algorithm.isAtEnd { try der { () throws(DERError) in try algorithm.readNull() } }
        try der { () throws(DERError) in try algorithm.finish() }
        let bitStringOffset = info.offset
        let (keyBytes, unusedBits) = try der { () throws(DERError) in try info.readBitString() }
        try der { () throws(DERError) in try info.finish() }
        guard unusedBits == 0 else { throw .der(.malformedBitString(offset: bitStringOffset)) }
        return try readPKCS1(DERReader(slice: keyBytes))
    }

    /// Runs one DER step, wrapping its error.
    private static func der<T>(_ step: () throws(DERError) -> T) throws(KeyError) -> T {
        do throws(DERError) {
            return try step()
        } catch {
            throw .der(error)
        }
    }

    private static func readInteger(_ reader: inout DERReader, ifNegative: KeyError) throws(KeyError) -> [UInt8] {
        do throws(DERError) {
            return try reader.readUnsignedInteger()
        } catch .negativeInteger {
            throw ifNegative
        } catch {
            throw .der(error)
        }
    }
}

/// Why a public key could not be read or was rejected.
public enum KeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The DER structure is malformed.
    case der(DERError)
    /// A SubjectPublicKeyInfo for an algorithm other than rsaEncryption.
    case unsupportedAlgorithm(DERObjectIdentifier)
    /// The modulus is zero, one, even or negative.
    case invalidModulus(String)
    /// The modulus is longer than the supported maximum.
    case modulusTooLarge(bits: Int, maximum: Int)
    /// The exponent is negative, even, below 3 or not below the modulus.
    case invalidExponent(String)
    /// The base64 text (PEM body, DKIM p= value or bare key) does not decode.
    case invalidBase64(String)
    /// A PEM block is malformed: no END line, mismatched labels, or nothing inside.
    case malformedPEM(String)
    /// PEM text holds no public key block; the labels found are listed.
    case unsupportedPEMLabel([String])
    /// A DKIM key record has a syntax error or an invalid tag value.
    case malformedDKIMRecord(String)
    /// A DKIM key record's v= tag is not DKIM1.
    case unsupportedDKIMVersion(String)
    /// A DKIM key record's k= tag names a key type other than rsa.
    case unsupportedDKIMKeyType(String)
    /// A DKIM key record has no p= tag.
    case missingDKIMPublicKey
    /// A DKIM key record's p= tag is empty, which marks the key as revoked (RFC 6376 section 3.6.1).
    case revokedDKIMKey
    /// The input matches none of the supported formats.
    case unrecognizedFormat(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .der(error):
            return "malformed key: \(error)"
        case let .unsupportedAlgorithm(oid):
            let names: [String: String] = [
                "1.2.840.10045.2.1": " (EC)", "1.3.101.112": " (Ed25519)", "1.3.101.113": " (Ed448)",
                "1.2.840.113549.1.1.10": " (RSASSA-PSS)", "1.2.840.10040.4.1": " (DSA)",
            ]
            return "the key's algorithm is \(oid)\(names[oid.description] ?? ""), not rsaEncryption (1.2.840.113549.1.1.1)"
        case let .invalidModulus(reason):
            return "invalid RSA modulus: \(reason)"
        case let .modulusTooLarge(bits, maximum):
            return "the RSA modulus has \(bits) bits; at most \(maximum) are supported"
        case let .invalidExponent(reason):
            return "invalid RSA public exponent: \(reason)"
        case let .invalidBase64(context):
            return "\(context) is not valid base64"
        case let .malformedPEM(reason):
            return "malformed PEM: \(reason)"
        case let .unsupportedPEMLabel(labels):
            let found = labels.map { "\"\($0)\"" }.joined(separator: ", ")
            return "no PUBLIC KEY or RSA PUBLIC KEY block in the PEM text (found \(found))"
        case let .malformedDKIMRecord(reason):
            return "malformed DKIM key record: \(reason)"
        case let .unsupportedDKIMVersion(version):
            return "DKIM key record has v=\(version); only DKIM1 is defined"
        case let .unsupportedDKIMKeyType(type):
            return "DKIM key record has k=\(type); only rsa is supported"
        case .missingDKIMPublicKey:
            return "DKIM key record has no p= tag"
        case .revokedDKIMKey:
            return "DKIM key record has an empty p= tag: the key has been revoked"
        case let .unrecognizedFormat(reason):
            return "unrecognized public key format: \(reason)"
        }
    }
}
