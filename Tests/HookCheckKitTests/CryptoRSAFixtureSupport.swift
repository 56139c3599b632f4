import Foundation
import HookCheckKit
import Testing

// Access to the RSA fixtures in Fixtures/rsa (made by Fixtures/rsa/generate.sh and
// Fixtures/rsa/biguint-vectors.py); see Fixtures/rsa/manifest.txt for what signed what.

/// Errors while loading fixtures; they fail the test that needed them.
struct RSAFixtureError: Error, CustomStringConvertible {
    let description: String
}

enum RSAFixtures {
    /// The fixture folder, found relative to this source file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("rsa")

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(relativePath)))
    }

    static func text(_ relativePath: String) throws -> String {
        String(decoding: try bytes(relativePath), as: UTF8.self)
    }

    /// A key pair from the manifest: `key <name> bits=<n> exponent=<e> modulus=<hex>`.
    struct Key: Sendable, CustomTestStringConvertible {
        let name: String
        let bits: Int
        let exponent: UInt64
        let modulusHex: String
        var testDescription: String { name }

        func file(_ suffix: String) -> String { "keys/\(name).\(suffix)" }
    }

    /// A signature from the manifest.
    struct Signature: Sendable, CustomTestStringConvertible {
        let file: String
        let isBase64: Bool
        let key: String
        let hash: RSASignatureHash
        let message: String
        var testDescription: String { "\(file) (\(hash))" }

        func signatureBytes() throws -> [UInt8] {
            let raw = try RSAFixtures.bytes(file)
            guard isBase64 else { return raw }
            guard let decoded = Base64.decode(String(decoding: raw, as: UTF8.self), options: .ignoreWhitespace) else {
                throw RSAFixtureError(description: "\(file) is not base64")
            }
            return decoded
        }

        func messageBytes() throws -> [UInt8] { try RSAFixtures.bytes(message) }
    }

    /// A raw RSAVP1 output from `openssl pkeyutl -verifyrecover` with no padding.
    struct Recovery: Sendable, CustomTestStringConvertible {
        let signature: String
        let key: String
        let output: String
        var testDescription: String { signature }
    }

    /// A DKIM TXT record of a key.
    struct DKIM: Sendable, CustomTestStringConvertible {
        let file: String
        let key: String
        var testDescription: String { file }
    }

    struct Manifest: Sendable {
        var keys: [Key] = []
        var signatures: [Signature] = []
        var recoveries: [Recovery] = []
        var dkim: [DKIM] = []

        func key(named name: String) throws -> Key {
            guard let key = keys.first(where: { $0.name == name }) else {
                throw RSAFixtureError(description: "no key \(name) in the manifest")
            }
            return key
        }
    }

    static func manifest() throws -> Manifest {
        var manifest = Manifest()
        for line in try text("manifest.txt").split(separator: "\n") where !line.hasPrefix("#") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 2 else { continue }
            var fields: [String: String] = [:]
            for word in words.dropFirst(2) {
                let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
            func field(_ name: String) throws -> String {
                guard let value = fields[name] else { throw RSAFixtureError(description: "no \(name)= in: \(line)") }
                return value
            }
            switch words[0] {
            case "key":
                guard let bits = Int(try field("bits")), let exponent = UInt64(try field("exponent")) else {
                    throw RSAFixtureError(description: "bad numbers in: \(line)")
                }
                manifest.keys.append(Key(name: words[1], bits: bits, exponent: exponent, modulusHex: try field("modulus")))
            case "signature":
                guard let hash = RSASignatureHash(rawValue: try field("hash")) else {
                    throw RSAFixtureError(description: "unknown hash in: \(line)")
                }
                manifest.signatures.append(Signature(file: words[1], isBase64: try field("format") == "base64",
                                                     key: try field("key"), hash: hash, message: try field("message")))
            case "rsavp1":
                manifest.recoveries.append(Recovery(signature: words[1], key: try field("key"), output: try field("output")))
            case "dkim":
                manifest.dkim.append(DKIM(file: words[1], key: try field("key")))
            default:
                throw RSAFixtureError(description: "unknown record: \(line)")
            }
        }
        return manifest
    }

    /// Parses a fixture key's SPKI PEM file.
    static func publicKey(_ name: String) throws -> RSAPublicKey {
        try RSAPublicKey.parsePEM(text("keys/\(name).spki.pem")).get()
    }

    /// One line of biguint-vectors.txt: an operation and its hex operands, the result last.
    struct Vector: Sendable, CustomTestStringConvertible {
        let operation: String
        let values: [BigUInt]
        let line: Int
        var testDescription: String { "\(operation) #\(line) (\(values.map(\.bitLength)) bits)" }
    }

    static func vectors(_ operation: String) throws -> [Vector] {
        var result: [Vector] = []
        for (index, line) in try text("biguint-vectors.txt").split(separator: "\n").enumerated() {
            let words = line.split(separator: " ")
            guard words.first.map(String.init) == operation else { continue }
            let values = words.dropFirst().compactMap { BigUInt(hex: $0) }
            guard values.count == words.count - 1 else {
                throw RSAFixtureError(description: "bad hex on line \(index + 1) of biguint-vectors.txt")
            }
            result.append(Vector(operation: operation, values: values, line: index + 1))
        }
        return result
    }
}

extension KeyError {
    /// The case name without payload, for comparing against expectations in tables.
    var caseName: String {
        switch self {
        case .der(let error): "der." + error.caseName
        case .unsupportedAlgorithm: "unsupportedAlgorithm"
        case .invalidModulus: "invalidModulus"
        case .modulusTooLarge: "modulusTooLarge"
        case .invalidExponent: "invalidExponent"
        case .invalidBase64: "invalidBase64"
        case .malformedPEM: "malformedPEM"
        case .unsupportedPEMLabel: "unsupportedPEMLabel"
        case .malformedDKIMRecord: "malformedDKIMRecord"
        case .unsupportedDKIMVersion: "unsupportedDKIMVersion"
        case .unsupportedDKIMKeyType: "unsupportedDKIMKeyType"
        case .missingDKIMPublicKey: "missingDKIMPublicKey"
        case .revokedDKIMKey: "revokedDKIMKey"
        case .unrecognizedFormat: "unrecognizedFormat"
        }
    }
}

extension DERError {
    /// The case name without payload.
    var caseName: String {
        switch self {
        case .truncated: "truncated"
        case .unsupportedTag: "unsupportedTag"
        case .indefiniteLength: "indefiniteLength"
        case .nonMinimalLength: "nonMinimalLength"
        case .lengthOverflow: "lengthOverflow"
        case .unexpectedTag: "unexpectedTag"
        case .trailingData: "trailingData"
        case .malformedInteger: "malformedInteger"
        case .negativeInteger: "negativeInteger"
        case .malformedObjectIdentifier: "malformedObjectIdentifier"
        case .malformedBitString: "malformedBitString"
        case .malformedNull: "malformedNull"
        }
    }
}

/// The error of a failed result, or nil on success.
func rsaFailure<T, E: Error>(_ result: Result<T, E>) -> E? {
    if case .failure(let error) = result { return error }
    return nil
}

/// Builds a DER element from a tag and content, using the long length form when needed.
func rsaDER(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
    var length: [UInt8] = []
    if content.count < 0x80 {
        length = [UInt8(content.count)]
    } else {
        var value = content.count
        var digits: [UInt8] = []
        while value > 0 {
            digits.insert(UInt8(value & 0xFF), at: 0)
            value >>= 8
        }
        length = [0x80 | UInt8(digits.count)] + digits
    }
    return [tag] + length + content
}

/// A DER INTEGER for a non-negative magnitude, adding the 0x00 sign byte when needed.
func rsaDERInteger(_ magnitude: [UInt8]) -> [UInt8] {
    let trimmed = Array(magnitude.drop(while: { $0 == 0 }))
    if trimmed.isEmpty { return [0x02, 0x01, 0x00] }
    return rsaDER(0x02, (trimmed[0] & 0x80 != 0 ? [0x00] : []) + trimmed)
}
