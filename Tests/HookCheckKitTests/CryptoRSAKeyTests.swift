import Foundation
import HookCheckKit
import Testing

/// A 512-bit odd modulus for hand-built keys; only its shape matters here.
private let syntheticModulus: [UInt8] = [0xC3] + [UInt8](repeating: 0x5A, count: 62) + [0x01]
private let f4: [UInt8] = [0x01, 0x00, 0x01]

private func pkcs1(_ modulus: [UInt8], _ exponent: [UInt8], extra: [UInt8] = []) -> [UInt8] {
    rsaDER(0x30, rsaDERInteger(modulus) + rsaDERInteger(exponent) + extra)
}

private let rsaEncryptionOID = bytes(hex: "06092a864886f70d010101")
private let nullParameters = bytes(hex: "0500")

private func spki(algorithm: [UInt8], key: [UInt8], unusedBits: UInt8 = 0) -> [UInt8] {
    rsaDER(0x30, rsaDER(0x30, algorithm) + rsaDER(0x03, [unusedBits] + key))
}

/// An EC P-256 SubjectPublicKeyInfo (id-ecPublicKey, prime256v1) with a dummy point.
private let ecSPKI = spki(algorithm: bytes(hex: "06072a8648ce3d0201") + bytes(hex: "06082a8648ce3d030107"),
                          key: [0x04] + [UInt8](repeating: 0x11, count: 64))

/// Which parser a DER table row goes through.
enum RSAKeyTestParser: String, Sendable, CustomTestStringConvertible {
    case spki, pkcs1, detect
    var testDescription: String { rawValue }

    func parse(_ der: [UInt8]) -> Result<RSAPublicKey, KeyError> {
        switch self {
        case .spki: RSAPublicKey.parseSubjectPublicKeyInfo(der: der)
        case .pkcs1: RSAPublicKey.parsePKCS1(der: der)
        case .detect: RSAPublicKey.parse(der)
        }
    }
}

/// Hand-built DER keys: label, bytes, parser, expected error case (nil: accepted).
private let derKeyCases: [(String, [UInt8], RSAKeyTestParser, String?)] = [
    ("PKCS #1 control", pkcs1(syntheticModulus, f4), .pkcs1, nil),
    ("SPKI control", spki(algorithm: rsaEncryptionOID + nullParameters, key: pkcs1(syntheticModulus, f4)), .spki, nil),
    ("SPKI with absent parameters", spki(algorithm: rsaEncryptionOID, key: pkcs1(syntheticModulus, f4)), .spki, nil),
    ("detected PKCS #1", pkcs1(syntheticModulus, f4), .detect, nil),
    ("negative modulus", rsaDER(0x30, [0x02, 0x01, 0x81] + rsaDERInteger(f4)), .pkcs1, "invalidModulus"),
    ("negative modulus, long", rsaDER(0x30, rsaDER(0x02, syntheticModulus) + rsaDERInteger(f4)), .pkcs1, "invalidModulus"),
    ("zero modulus", pkcs1([0], f4), .pkcs1, "invalidModulus"),
    ("modulus one", pkcs1([1], f4), .pkcs1, "invalidModulus"),
    ("even modulus", pkcs1(Array(syntheticModulus.dropLast()) + [0x02], f4), .pkcs1, "invalidModulus"),
    ("exponent one", pkcs1(syntheticModulus, [1]), .pkcs1, "invalidExponent"),
    ("exponent two", pkcs1(syntheticModulus, [2]), .pkcs1, "invalidExponent"),
    ("even exponent", pkcs1(syntheticModulus, [0x01, 0x00, 0x00]), .pkcs1, "invalidExponent"),
    ("negative exponent", rsaDER(0x30, rsaDERInteger(syntheticModulus) + [0x02, 0x01, 0xFD]), .pkcs1, "invalidExponent"),
    ("exponent equal to the modulus", pkcs1(syntheticModulus, syntheticModulus), .pkcs1, "invalidExponent"),
    ("exponent above the modulus", pkcs1(syntheticModulus, [0xFF] + syntheticModulus), .pkcs1, "invalidExponent"),
    ("8200-bit modulus", pkcs1([0x80] + [UInt8](repeating: 0x11, count: 1024) + [0x01], f4), .pkcs1, "modulusTooLarge"),
    ("non-minimal modulus INTEGER", rsaDER(0x30, rsaDER(0x02, [0x00, 0x00] + syntheticModulus) + rsaDERInteger(f4)), .pkcs1, "der.malformedInteger"),
    ("PKCS #1 with a third INTEGER", pkcs1(syntheticModulus, f4, extra: [0x02, 0x01, 0x05]), .pkcs1, "der.trailingData"),
    ("PKCS #1 without exponent", rsaDER(0x30, rsaDERInteger(syntheticModulus)), .pkcs1, "der.truncated"),
    ("PKCS #1 followed by garbage", pkcs1(syntheticModulus, f4) + [0x00], .pkcs1, "der.trailingData"),
    ("PKCS #1 given to the SPKI parser", pkcs1(syntheticModulus, f4), .spki, "der.unexpectedTag"),
    ("SPKI given to the PKCS #1 parser",
     spki(algorithm: rsaEncryptionOID + nullParameters, key: pkcs1(syntheticModulus, f4)), .pkcs1, "der.unexpectedTag"),
    ("EC key", ecSPKI, .spki, "unsupportedAlgorithm"),
    ("EC key, detected", ecSPKI, .detect, "unsupportedAlgorithm"),
    ("RSASSA-PSS key", spki(algorithm: bytes(hex: "06092a864886f70d01010a"), key: pkcs1(syntheticModulus, f4)), .spki, "unsupportedAlgorithm"),
    ("parameters that are not NULL",
     spki(algorithm: rsaEncryptionOID + bytes(hex: "0400"), key: pkcs1(syntheticModulus, f4)), .spki, "der.unexpectedTag"),
    ("NULL followed by more parameters",
     spki(algorithm: rsaEncryptionOID + nullParameters + nullParameters, key: pkcs1(syntheticModulus, f4)), .spki, "der.trailingData"),
    ("BIT STRING with unused bits",
     spki(algorithm: rsaEncryptionOID + nullParameters, key: pkcs1(syntheticModulus, f4) + [0x00], unusedBits: 1), .spki, "der.malformedBitString"),
    ("BIT STRING holding an INTEGER", spki(algorithm: rsaEncryptionOID + nullParameters, key: [0x02, 0x01, 0x05]), .spki, "der.unexpectedTag"),
    ("BIT STRING holding a cut element", spki(algorithm: rsaEncryptionOID + nullParameters, key: [0x01, 0x02, 0x03]), .spki, "der.truncated"),
    ("SPKI followed by garbage",
     spki(algorithm: rsaEncryptionOID + nullParameters, key: pkcs1(syntheticModulus, f4)) + [0x05, 0x00], .spki, "der.trailingData"),
    ("OCTET STRING instead of BIT STRING",
     rsaDER(0x30, rsaDER(0x30, rsaEncryptionOID + nullParameters) + rsaDER(0x04, pkcs1(syntheticModulus, f4))), .spki, "der.unexpectedTag"),
    ("indefinite-length outer SEQUENCE", [0x30, 0x80] + Array(pkcs1(syntheticModulus, f4).dropFirst(2)) + [0, 0], .detect, "der.indefiniteLength"),
    ("empty input", [], .detect, "unrecognizedFormat"),
    ("lone SEQUENCE tag", [0x30], .detect, "der.truncated"),
]

/// The published forms of a key, built from a fixture's SPKI: `{p}` is replaced with its base64,
/// `{p1}` / `{p2}` with two halves of it, `{p-folded}` with it broken by whitespace, `{pkcs1}` with
/// base64 of its PKCS #1 form and `{ec}` with base64 of an EC key.
private let acceptedDKIMRecords: [String] = [
    "v=DKIM1; k=rsa; p={p}",
    "v=DKIM1;k=rsa;p={p}",
    "  v = DKIM1 ;\tk = rsa ; p = {p} ; ",
    "k=rsa; p={p}",
    "p={p}",
    "v=DKIM1; h=sha256; t=y:s; s=email; p={p}",
    "v=DKIM1; k=rsa; p={p-folded}",
    "v=DKIM1;\r\n\tk=rsa;\r\n\tp={p}\r\n",
    "v=DKIM1; ; k=rsa;; p={p};",
    "\"v=DKIM1; k=rsa; \" \"p={p1}\" \"{p2}\"",
    "\"v=DKIM1; k=rsa; p={p1}\"\"{p2}\"",
    "selector._domainkey.example.com. 3600 IN TXT \"v=DKIM1; k=rsa; \" \"p={p1}\" \"{p2}\"",
    "( \"v=DKIM1; k=rsa; \"\n  \"p={p1}\"\n  \"{p2}\" )",
    "\"v=DKIM1\\059 k=rsa\\059 p={p}\"",
    "\"v=DKIM1; n=say \\\"hi\\\"; p={p}\"",
    "v=DKIM1; p={pkcs1}",
    "v=DKIM1; n=a \"quoted\" note; p={p}",
    "\u{FEFF}v=DKIM1; k=rsa; p={p}",
]

/// Rejected DKIM records and the error case expected.
private let rejectedDKIMRecords: [(String, String)] = [
    ("v=DKIM1; k=rsa; p=", "revokedDKIMKey"),
    ("v=DKIM1; k=rsa; p= ", "revokedDKIMKey"),
    ("v=DKIM1; k=rsa; p=;", "revokedDKIMKey"),
    ("\"v=DKIM1; k=rsa; p=\"", "revokedDKIMKey"),
    ("v=DKIM1; k=ed25519; p={p}", "unsupportedDKIMKeyType"),
    ("v=DKIM1; k=RSA; p={p}", "unsupportedDKIMKeyType"),
    ("v=DKIM2; p={p}", "unsupportedDKIMVersion"),
    ("k=rsa; v=DKIM1; p={p}", "malformedDKIMRecord"),
    ("v=DKIM1; k=rsa; k=rsa; p={p}", "malformedDKIMRecord"),
    ("v=DKIM1; garbage; p={p}", "malformedDKIMRecord"),
    ("v=DKIM1; 1x=2; p={p}", "malformedDKIMRecord"),
    ("v=DKIM1; =rsa; p={p}", "malformedDKIMRecord"),
    ("\"v=DKIM1; k=rsa; p={p}", "malformedDKIMRecord"),
    ("\"v=DKIM1;\" junk \"p={p}\"", "malformedDKIMRecord"),
    ("\"v=DKIM1\\05\"", "malformedDKIMRecord"),
    ("v=DKIM1; k=rsa", "missingDKIMPublicKey"),
    ("v=DKIM1; p=!!!notbase64", "invalidBase64"),
    ("v=DKIM1; p={p-cut}", "der.truncated"),
    ("v=DKIM1; p={ec}", "unsupportedAlgorithm"),
]

/// Rewrites of a PEM file that must still parse: label and transformation.
private let pemVariants: [(String, @Sendable (String) -> String)] = [
    ("unchanged", { $0 }),
    ("CRLF line ends", { $0.replacingOccurrences(of: "\n", with: "\r\n") }),
    ("explanatory text before and after", { "Subject: test key\nIssuer: nobody\n\n" + $0 + "\ntrailing words\n" }),
    ("indented", { $0.split(separator: "\n").map { "  \t" + $0 }.joined(separator: "\n") }),
    ("no final newline", { String($0.dropLast()) }),
    ("body on one line", { pem in
        let lines = pem.split(separator: "\n")
        return lines.first! + "\n" + lines.dropFirst().dropLast().joined() + "\n" + lines.last! + "\n"
    }),
    ("spaces inside the body", { pem in
        let lines = pem.split(separator: "\n")
        let body = lines.dropFirst().dropLast().map { line in line.map(String.init).joined(separator: " ") }
        return ([String(lines.first!)] + body + [String(lines.last!)]).joined(separator: "\n")
    }),
    ("after a block of another type", { "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n" + $0 }),
    ("with a byte order mark", { "\u{FEFF}" + $0 }),
]

/// PEM texts that must be rejected, with the error case expected. `{spki}` and `{pkcs1}` are
/// replaced with the base64 bodies of the fixture's two public key forms.
private let rejectedPEM: [(String, String)] = [
    ("just some text", "malformedPEM"),
    ("-----BEGIN PUBLIC KEY-----\n{spki}\n", "malformedPEM"),
    ("-----BEGIN PUBLIC KEY-----\n{spki}\n-----END RSA PUBLIC KEY-----\n", "malformedPEM"),
    ("{spki}\n-----END PUBLIC KEY-----\n", "malformedPEM"),
    ("-----BEGIN PUBLIC KEY-----\n-----BEGIN PUBLIC KEY-----\n{spki}\n-----END PUBLIC KEY-----\n", "malformedPEM"),
    ("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", "malformedPEM"),
    ("-----BEGIN PUBLIC KEY-----\n{spki}!\n-----END PUBLIC KEY-----\n", "invalidBase64"),
    ("-----BEGIN CERTIFICATE-----\n{spki}\n-----END CERTIFICATE-----\n", "unsupportedPEMLabel"),
    ("-----BEGIN PUBLIC KEY-----\n{pkcs1}\n-----END PUBLIC KEY-----\n", "der.unexpectedTag"),
    ("-----BEGIN RSA PUBLIC KEY-----\n{spki}\n-----END RSA PUBLIC KEY-----\n", "der.unexpectedTag"),
]

/// Texts given to the format-detecting parser and the error case expected.
private let undetectable: [(String, String)] = [
    ("", "unrecognizedFormat"),
    (" \r\n\t", "unrecognizedFormat"),
    ("hello world", "unrecognizedFormat"),
    ("MIIB", "der.truncated"),
    ("AAAA", "der.unexpectedTag"),
]

@Suite("Crypto: RSA public key formats")
struct CryptoRSAKeyTests {
    @Test("The fixture manifest lists every key, signature and DKIM record")
    func manifestCounts() throws {
        let manifest = try RSAFixtures.manifest()
        /// The files of a fixture folder, as manifest paths ("keys/rsa512.spki.pem").
        func files(_ folder: String) throws -> [String] {
            let names = try FileManager.default.contentsOfDirectory(atPath: RSAFixtures.folder.appendingPathComponent(folder).path)
            return names.filter { !$0.hasPrefix(".") }.map { folder + "/" + $0 }
        }
        let keyFiles = try files("keys")
        // Each key has a public SPKI PEM; the manifest lists each once, the key files all.
        let keyNames = keyFiles.filter { $0.hasSuffix(".spki.pem") }.map { String($0.dropFirst("keys/".count).dropLast(".spki.pem".count)) }
        #expect(!keyNames.isEmpty)
        #expect(manifest.keys.count == Set(manifest.keys.map(\.name)).count, "a key is listed twice")
        #expect(Set(manifest.keys.map(\.name)) == Set(keyNames))
        for key in manifest.keys {
            for suffix in ["spki.pem", "pkcs1.pem", "spki.der", "pkcs1.der"] {
                #expect(keyFiles.contains(key.file(suffix)), "no \(key.file(suffix))")
            }
        }
        // Every signature file is a listed signature, once; every raw output a listed recovery.
        let signatureFiles = try files("signatures")
        #expect(!signatureFiles.isEmpty)
        #expect(manifest.signatures.count == signatureFiles.count)
        #expect(Set(manifest.signatures.map(\.file)) == Set(signatureFiles))
        let rawFiles = try files("raw")
        #expect(!rawFiles.isEmpty)
        #expect(manifest.recoveries.count == rawFiles.count)
        #expect(Set(manifest.recoveries.map(\.output)) == Set(rawFiles))
        #expect(manifest.recoveries.allSatisfy { signatureFiles.contains($0.signature) })
        // Every DKIM record file of the keys folder is listed.
        let dkimFiles = keyFiles.filter { $0.hasSuffix(".txt") && $0.contains(".dkim") }
        #expect(!dkimFiles.isEmpty)
        #expect(manifest.dkim.count == dkimFiles.count)
        #expect(Set(manifest.dkim.map(\.file)) == Set(dkimFiles))
    }

    @Test("Fixture keys parse in every file format to openssl's modulus and exponent",
          arguments: try RSAFixtures.manifest().keys, ["spki.pem", "pkcs1.pem", "spki.der", "pkcs1.der"])
    func fixtureKeys(key: RSAFixtures.Key, format: String) throws {
        let data = try RSAFixtures.bytes(key.file(format))
        let specific: Result<RSAPublicKey, KeyError> = switch format {
        case "spki.der": RSAPublicKey.parseSubjectPublicKeyInfo(der: data)
        case "pkcs1.der": RSAPublicKey.parsePKCS1(der: data)
        default: RSAPublicKey.parsePEM(String(decoding: data, as: UTF8.self))
        }
        let detected = RSAPublicKey.parse(data)
        for result in [specific, detected] {
            let parsed = try result.get()
            #expect(hexString(parsed.modulus).uppercased() == key.modulusHex)
            #expect(BigUInt(bigEndianBytes: parsed.exponent) == BigUInt(key.exponent))
            #expect(parsed.bitLength == key.bits)
            #expect(parsed.modulusByteCount == key.bits / 8)
            #expect(parsed.description == "RSA-\(key.bits), e=\(key.exponent)")
        }
        if format.hasSuffix(".pem") {
            #expect(try RSAPublicKey.parse(String(decoding: data, as: UTF8.self)).get() == specific.get())
        }
    }

    @Test("The DER parsers reject each other's format", arguments: try RSAFixtures.manifest().keys)
    func parsersAreStrict(key: RSAFixtures.Key) throws {
        let spkiDER = try RSAFixtures.bytes(key.file("spki.der"))
        let pkcs1DER = try RSAFixtures.bytes(key.file("pkcs1.der"))
        #expect(rsaFailure(RSAPublicKey.parseSubjectPublicKeyInfo(der: pkcs1DER))?.caseName == "der.unexpectedTag")
        #expect(rsaFailure(RSAPublicKey.parsePKCS1(der: spkiDER))?.caseName == "der.unexpectedTag")
        // Bare base64 of either DER form is detected too.
        #expect(try RSAPublicKey.parse(Base64.encode(spkiDER)).get() == RSAPublicKey.parseDER(pkcs1DER).get())
    }

    @Test("Every strict prefix of a fixture key is rejected", arguments: ["rsa512.spki.der", "rsa2048.pkcs1.der"])
    func prefixes(file: String) throws {
        let der = try RSAFixtures.bytes("keys/" + file)
        for length in 0..<der.count {
            #expect(rsaFailure(RSAPublicKey.parseDER(Array(der.prefix(length)))) != nil, "prefix of \(length) bytes")
        }
        #expect(rsaFailure(RSAPublicKey.parseDER(der)) == nil)
    }

    /// Single-byte changes anywhere in a strict DER encoding either fail or give a different key;
    /// the parser must not crash on any of them.
    @Test("Mutated fixture keys never crash and never parse to the original key",
          arguments: ["rsa1024.spki.der", "rsa2048e3.pkcs1.der"])
    func mutations(file: String) throws {
        let der = try RSAFixtures.bytes("keys/" + file)
        let original = try RSAPublicKey.parseDER(der).get()
        var generator = SeededGenerator(seed: UInt64(der.count))
        var rejected = 0
        for position in 0..<der.count {
            for value in [0x00, 0xFF, 0x80, der[position] ^ 0x01, UInt8.random(in: 0...255, using: &generator)] {
                guard value != der[position] else { continue }
                var mutated = der
                mutated[position] = value
                switch RSAPublicKey.parseDER(mutated) {
                case .success(let key): #expect(key != original, "byte \(position) set to \(value)")
                case .failure: rejected += 1
                }
            }
        }
        // Changing the outer tag or any length byte always breaks the framing.
        #expect(rejected >= 5)
    }

    @Test("Seeded random junk never crashes the key parsers", arguments: [1, 2, 3])
    func junk(seed: UInt64) {
        var generator = SeededGenerator(seed: 0x4B3_7000 ^ seed)
        let fragments = ["-----BEGIN PUBLIC KEY-----", "-----END PUBLIC KEY-----", "-----BEGIN RSA PUBLIC KEY-----",
                         "p=", "v=DKIM1", ";", "\"", "\\", "\\0", " ", "\n", "MIIB", "=", "k=rsa", "TXT", "(", "A"]
        var accepted = 0
        for _ in 0..<1500 {
            var input = generator.bytes(count: Int.random(in: 0...300, using: &generator))
            if !input.isEmpty && Bool.random(using: &generator) { input[0] = 0x30 }
            if case .success = RSAPublicKey.parse(input) { accepted += 1 }
            if case .success = RSAPublicKey.parseDER(input) { accepted += 1 }
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text += fragments[Int.random(in: 0..<fragments.count, using: &generator)]
            }
            if case .success = RSAPublicKey.parse(text) { accepted += 1 }
            if case .success = DKIMKeyRecord.parse(text) { accepted += 1 }
            if case .success = RSAPublicKey.parsePEM(text) { accepted += 1 }
        }
        #expect(accepted == 0)
    }

    @Test("Hand-built DER keys", arguments: derKeyCases)
    func derKeys(testCase: (String, [UInt8], RSAKeyTestParser, String?)) {
        let (label, der, parser, expected) = testCase
        let result = parser.parse(der)
        #expect(rsaFailure(result)?.caseName == expected, "\(label)")
        if let error = rsaFailure(result) { #expect(!error.description.isEmpty) }
    }

    @Test("Accepted DKIM records", arguments: acceptedDKIMRecords)
    func acceptedDKIM(template: String) throws {
        let expected = try RSAFixtures.publicKey("rsa2048")
        let record = try dkimRecord(template)
        #expect(try RSAPublicKey.parseDKIMRecord(record).get() == expected)
        #expect(try RSAPublicKey.parse(record).get() == expected)
        #expect(try RSAPublicKey.parse(Array(record.utf8)).get() == expected)
    }

    @Test("Rejected DKIM records", arguments: rejectedDKIMRecords)
    func rejectedDKIM(testCase: (String, String)) throws {
        let record = try dkimRecord(testCase.0)
        #expect(rsaFailure(RSAPublicKey.parseDKIMRecord(record))?.caseName == testCase.1)
        #expect(rsaFailure(RSAPublicKey.parse(record))?.caseName == testCase.1)
    }

    @Test("DKIM tags and flags are exposed")
    func dkimTags() throws {
        let record = try DKIMKeyRecord.parse(dkimRecord("v=DKIM1; h=sha1 : sha256; t=y:s; n=notes here; p={p}")).get()
        #expect(record.tags["v"] == "DKIM1")
        #expect(record.tags["n"] == "notes here")
        #expect(record.acceptableHashAlgorithms == ["sha1", "sha256"])
        #expect(record.flags == ["y", "s"])
        #expect(record.isTesting)
        let plain = try DKIMKeyRecord.parse(dkimRecord("p={p}")).get()
        #expect(plain.acceptableHashAlgorithms == nil)
        #expect(!plain.isTesting)
        #expect(plain.key == record.key)
    }

    @Test("The revoked-key error says so")
    func revokedMessage() throws {
        let error = try #require(rsaFailure(RSAPublicKey.parse("v=DKIM1; k=rsa; p=")))
        #expect(error == .revokedDKIMKey)
        #expect(error.description.contains("revoked"))
    }

    @Test("Fixture DKIM records hold the fixture key", arguments: try RSAFixtures.manifest().dkim)
    func fixtureDKIM(record: RSAFixtures.DKIM) throws {
        let text = try RSAFixtures.text(record.file)
        #expect(try RSAPublicKey.parse(text).get() == RSAFixtures.publicKey(record.key))
        #expect(try DKIMKeyRecord.parse(text).get().tags["k"] == "rsa")
    }

    @Test("PEM variants", arguments: pemVariants.map(\.0), ["spki.pem", "pkcs1.pem"])
    func pemVariant(label: String, file: String) throws {
        let transform = try #require(pemVariants.first(where: { $0.0 == label })?.1)
        let pem = transform(try RSAFixtures.text("keys/rsa2048." + file))
        let expected = try RSAFixtures.publicKey("rsa2048")
        #expect(try RSAPublicKey.parsePEM(pem).get() == expected)
        #expect(try RSAPublicKey.parse(pem).get() == expected)
    }

    @Test("A private key block alone is refused by label")
    func privateKeyPEM() throws {
        let pem = try RSAFixtures.text("keys/rsa2048.private.pem")
        let error = try #require(rsaFailure(RSAPublicKey.parse(pem)))
        #expect(error == .unsupportedPEMLabel(["PRIVATE KEY"]))
        #expect(error.description.contains("PRIVATE KEY"))
        // With a public key block after it, the public key is used.
        let both = pem + (try RSAFixtures.text("keys/rsa2048.spki.pem"))
        #expect(try RSAPublicKey.parse(both).get() == RSAFixtures.publicKey("rsa2048"))
    }

    @Test("Rejected PEM", arguments: rejectedPEM)
    func rejectedPEMText(testCase: (String, String)) throws {
        let spkiBody = Base64.encode(try RSAFixtures.bytes("keys/rsa2048.spki.der"))
        let pkcs1Body = Base64.encode(try RSAFixtures.bytes("keys/rsa2048.pkcs1.der"))
        let pem = testCase.0.replacingOccurrences(of: "{spki}", with: spkiBody)
            .replacingOccurrences(of: "{pkcs1}", with: pkcs1Body)
        #expect(rsaFailure(RSAPublicKey.parsePEM(pem))?.caseName == testCase.1)
    }

    @Test("Format detection rejects unrecognisable text", arguments: undetectable)
    func detection(testCase: (String, String)) {
        #expect(rsaFailure(RSAPublicKey.parse(testCase.0))?.caseName == testCase.1)
    }

    @Test("Keys made from components are validated and comparable")
    func components() throws {
        let key = try RSAPublicKey.make(modulus: [0, 0] + syntheticModulus, exponent: [0] + f4).get()
        #expect(key.modulus == syntheticModulus)
        #expect(key.exponent == f4)
        #expect(key.bitLength == 512)
        #expect(try key == RSAPublicKey.parsePKCS1(der: pkcs1(syntheticModulus, f4)).get())
        let other = try RSAPublicKey.make(modulus: syntheticModulus, exponent: [3]).get()
        #expect(key != other)
        #expect(other.description == "RSA-512, e=3")
    }

    /// Builds a DKIM record from a template; see `acceptedDKIMRecords`.
    private func dkimRecord(_ template: String) throws -> String {
        let spkiDER = try RSAFixtures.bytes("keys/rsa2048.spki.der")
        let p = Base64.encode(spkiDER)
        let half = p.index(p.startIndex, offsetBy: p.count / 2)
        var folded = ""
        for (index, character) in p.enumerated() {
            if index > 0 && index % 40 == 0 { folded += index % 80 == 0 ? "\r\n\t" : " " }
            folded.append(character)
        }
        return template
            .replacingOccurrences(of: "{p-folded}", with: folded)
            .replacingOccurrences(of: "{p-cut}", with: String(p.prefix(100)))
            .replacingOccurrences(of: "{p1}", with: String(p[..<half]))
            .replacingOccurrences(of: "{p2}", with: String(p[half...]))
            .replacingOccurrences(of: "{p}", with: p)
            .replacingOccurrences(of: "{pkcs1}", with: Base64.encode(try RSAFixtures.bytes("keys/rsa2048.pkcs1.der")))
            .replacingOccurrences(of: "{ec}", with: Base64.encode(ecSPKI))
    }
}
