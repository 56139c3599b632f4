import Foundation
import HookCheckKit
import Testing

/// Runs openssl with `arguments` (files only, no stdin) and returns its exit status and stdout.
private func rsaRunOpenSSL(_ arguments: [String]) throws -> (status: Int32, output: [UInt8]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(opensslPath))
    process.arguments = arguments
    let stdout = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, [UInt8](output))
}

/// Runs openssl and records an issue unless it exits with status 0.
@discardableResult
private func rsaRequireOpenSSL(_ arguments: [String]) throws -> [UInt8] {
    let (status, output) = try rsaRunOpenSSL(arguments)
    #expect(status == 0, "openssl \(arguments.joined(separator: " ")) exited with \(status)")
    return output
}

/// Creates a temporary directory, runs `body` in it and removes it afterwards.
private func withRSAScratchDirectory(_ body: (URL) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("hookcheck-rsa-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(directory)
}

@Suite("Crypto: RSA differential against the openssl command", .enabled(if: opensslAvailable))
struct CryptoRSAOpenSSLTests {
    /// A fresh key per hash function; 20 random messages signed by `openssl dgst -sign` must
    /// verify here, and the same signatures over a changed message must fail both here and
    /// in `openssl pkeyutl -verify`.
    @Test("Signatures from a freshly generated 2048-bit key", arguments: RSASignatureHash.allCases)
    func freshKey(hash: RSASignatureHash) throws {
        try withRSAScratchDirectory { directory in
            func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
            try rsaRequireOpenSSL(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path("key.pem")])
            try rsaRequireOpenSSL(["rsa", "-in", path("key.pem"), "-pubout", "-out", path("public.pem")])
            let publicPEM = try String(contentsOfFile: path("public.pem"), encoding: .utf8)
            let key = try RSAPublicKey.parse(publicPEM).get()
            #expect(key.bitLength == 2048)
            let modulusLine = String(decoding: try rsaRequireOpenSSL(["rsa", "-pubin", "-in", path("public.pem"), "-noout", "-modulus"]), as: UTF8.self)
            #expect(modulusLine.trimmingCharacters(in: .whitespacesAndNewlines) == "Modulus=" + hexString(key.modulus).uppercased())

            var generator = SeededGenerator(seed: 0x0551_2048 ^ UInt64(hash.digestSize))
            for index in 0..<20 {
                let message = generator.bytes(count: Int.random(in: 0...4000, using: &generator))
                try Data(message).write(to: URL(fileURLWithPath: path("message.bin")))
                try rsaRequireOpenSSL(["dgst", "-" + hash.rawValue, "-sign", path("key.pem"), "-out", path("signature.bin"), path("message.bin")])
                let signature = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path("signature.bin"))))
                #expect(key.verifyPKCS1v15(signature: signature, message: message, hash: hash), "message \(index), \(message.count) bytes")

                var tampered = message
                if tampered.isEmpty {
                    tampered = [0]
                } else {
                    let position = Int.random(in: 0..<tampered.count, using: &generator)
                    tampered[position] ^= 1 << UInt8.random(in: 0...7, using: &generator)
                }
                #expect(!key.verifyPKCS1v15(signature: signature, message: tampered, hash: hash), "message \(index)")

                // openssl, given the digests, accepts the original and rejects the tampered message too.
                for (digest, shouldVerify) in [(hash.hash(message), true), (hash.hash(tampered), false)] {
                    try Data(digest).write(to: URL(fileURLWithPath: path("digest.bin")))
                    let (status, _) = try rsaRunOpenSSL(["pkeyutl", "-verify", "-pubin", "-inkey", path("public.pem"),
                                                         "-sigfile", path("signature.bin"), "-in", path("digest.bin"),
                                                         "-pkeyopt", "digest:" + hash.rawValue])
                    #expect((status == 0) == shouldVerify, "openssl pkeyutl on message \(index), original: \(shouldVerify)")
                    #expect(key.verifyPKCS1v15(signature: signature, digest: digest, hash: hash) == shouldVerify)
                }
            }
        }
    }

    /// The raw public-key operation s^e mod n on random values below n, compared with
    /// `openssl pkeyutl -verifyrecover` without padding, for every fixture key.
    @Test("Raw RSA on random values matches openssl", arguments: try RSAFixtures.manifest().keys)
    func rawPublicOperation(fixture: RSAFixtures.Key) throws {
        let key = try RSAFixtures.publicKey(fixture.name)
        let publicKeyPath = RSAFixtures.folder.appendingPathComponent(fixture.file("spki.pem")).path
        try withRSAScratchDirectory { directory in
            let input = directory.appendingPathComponent("value.bin")
            var generator = SeededGenerator(seed: 0x4A_3000 ^ UInt64(fixture.bits))
            for index in 0..<8 {
                var value = generator.bytes(count: key.modulusByteCount)
                // Keep the value below n by making its top byte smaller than n's.
                value[0] = UInt8.random(in: 0..<key.modulus[0], using: &generator)
                try Data(value).write(to: input)
                let expected = try rsaRequireOpenSSL(["pkeyutl", "-verifyrecover", "-pubin", "-inkey", publicKeyPath,
                                                      "-pkeyopt", "rsa_padding_mode:none", "-in", input.path])
                #expect(try key.recoverEncodedMessage(signature: value).get() == expected, "value \(index)")
                let power = BigUInt.modPow(BigUInt(bigEndianBytes: value), BigUInt(bigEndianBytes: key.exponent),
                                           BigUInt(bigEndianBytes: key.modulus))
                #expect(power?.bigEndianBytes(count: key.modulusByteCount) == expected, "value \(index)")
            }
        }
    }
}
