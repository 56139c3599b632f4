import HookCheckCrypto
import HookCheckModel

/// When a signature does not match, tries the mistakes people make and names the one that would
/// have matched: the body changed on the way (a trailing newline, line endings, re-serialization),
/// the secret pasted with whitespace, or hex where base64 was expected.
public struct SignatureDiagnosis: Sendable {
    /// Computes the signature bytes a sender would send for a body and a key.
    public typealias Sign = @Sendable (_ body: [UInt8], _ key: [UInt8]) -> [UInt8]

    let sign: Sign
    /// What the scheme calls its encoding ("base64").
    let encodingName: String

    public init(encodingName: String, sign: @escaping Sign) {
        self.encodingName = encodingName
        self.sign = sign
    }

    /// The body variants worth trying, each with what it would mean.
    static func bodyVariants(_ body: [UInt8], _ document: JSONDocument?) -> [(bytes: [UInt8], meaning: String)] {
        var variants: [(bytes: [UInt8], meaning: String)] = []
        var trimmed = body
        while let last = trimmed.last, last == 0x0A || last == 0x0D { trimmed.removeLast() }
        if trimmed.count != body.count {
            variants.append((trimmed, "a trailing newline was added to the body after it was signed (the signature matches the body without it)"))
        }
        variants.append((body + [0x0A], "the body lost a trailing newline after it was signed (the signature matches the body with one)"))
        if body.contains(0x0D) {
            variants.append((body.crlfToLF, "line endings changed: the signature matches the body with LF line endings, and this body has CRLF"))
        } else if body.contains(0x0A) {
            variants.append((body.lfToCRLF, "line endings changed: the signature matches the body with CRLF line endings, and this body has LF"))
        }
        if let document {
            variants.append((JSONReformat.minified(document), "the body was re-serialized: the signature matches it minified (no whitespace), as the sender sent it"))
            for (indent, name) in [("  ", "two spaces"), ("    ", "four spaces"), ("\t", "tabs")] {
                variants.append((JSONReformat.pretty(document, indent: indent),
                                 "the body was re-serialized: the signature matches it pretty-printed (indented with \(name))"))
            }
        }
        return variants
    }

    /// The explanation of a mismatch, or nil when no usual mistake explains it.
    public func explain(received: String, decoded: [UInt8]?, body: [UInt8], document: JSONDocument?,
                        secrets: [SecretSource]) -> String? {
        // The mismatch already names the one secret tried; with several, say which one explains it.
        func using(_ secret: SecretSource) -> String { secrets.count > 1 ? " (using \(secret.label))" : "" }
        for secret in secrets {
            let expected = sign(body, secret.value)
            // Hex where base64 was expected.
            if let hex = Hex.decode(received.trimmingBlanks), ConstantTime.equals(hex, expected) {
                return "the signature is hex-encoded, but the scheme sends \(encodingName): the bytes match" + using(secret)
            }
            let trimmedSecret = Array(secret.value.trimmingASCIIWhitespace)
            if trimmedSecret.count != secret.value.count, let decoded, ConstantTime.equals(sign(body, trimmedSecret), decoded) {
                return "\(secret.label) has surrounding whitespace; without it the signature matches"
            }
        }
        guard let decoded else { return nil }
        for variant in Self.bodyVariants(body, document) where variant.bytes != body {
            for secret in secrets where ConstantTime.equals(sign(variant.bytes, secret.value), decoded) {
                return variant.meaning + using(secret)
            }
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    var crlfToLF: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for (index, byte) in enumerated() where !(byte == 0x0D && index + 1 < count && self[index + 1] == 0x0A) {
            out.append(byte)
        }
        return out
    }

    var lfToCRLF: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + count / 16)
        for (index, byte) in enumerated() {
            if byte == 0x0A, index == 0 || self[index - 1] != 0x0D { out.append(0x0D) }
            out.append(byte)
        }
        return out
    }
}
