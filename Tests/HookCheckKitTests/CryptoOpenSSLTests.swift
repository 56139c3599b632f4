import Foundation
import HookCheckKit
import Testing

/// Runs openssl with `arguments`, feeding `input` on stdin, and returns its stdout.
private func runOpenSSL(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(opensslPath))
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Inputs stay far below the 64 KiB pipe buffer and openssl prints only after
    // reading all of stdin, so writing everything before reading cannot deadlock.
    precondition(input.count < 60_000, "differential inputs must fit in a pipe buffer")
    stdin.fileHandleForWriting.write(Data(input))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "openssl exited with \(process.terminationStatus)")
    return [UInt8](output)
}

@Suite("Crypto: differential against the openssl command", .enabled(if: opensslAvailable))
struct CryptoOpenSSLTests {
    @Test("Digests of random inputs match openssl dgst", arguments: HashAlgorithm.allCases)
    func digests(algorithm: HashAlgorithm) throws {
        var generator = SeededGenerator(seed: 0xD16E_5700 ^ UInt64(algorithm.digestSize))
        for index in 0..<25 {
            let input = generator.bytes(count: Int.random(in: 0...5000, using: &generator))
            let expected = try runOpenSSL(["dgst", algorithm.opensslFlag, "-binary"], input: input)
            #expect(expected.count == algorithm.digestSize)
            #expect(algorithm.hash(input) == expected, "case \(index): \(input.count)-byte input")
        }
    }

    @Test("HMACs of random inputs and keys match openssl dgst -mac HMAC",
          arguments: HashAlgorithm.allCases)
    func hmacs(algorithm: HashAlgorithm) throws {
        var generator = SeededGenerator(seed: 0x4D41_C000 ^ UInt64(algorithm.digestSize))
        for index in 0..<25 {
            // Key lengths from one byte to well past the largest block size.
            let key = generator.bytes(count: Int.random(in: 1...300, using: &generator))
            let input = generator.bytes(count: Int.random(in: 0...5000, using: &generator))
            let expected = try runOpenSSL(
                ["dgst", algorithm.opensslFlag, "-binary", "-mac", "HMAC", "-macopt", "hexkey:" + hexString(key)],
                input: input)
            #expect(expected.count == algorithm.digestSize)
            #expect(algorithm.hmac(key: key, message: input) == expected,
                    "case \(index): \(key.count)-byte key, \(input.count)-byte input")
        }
    }
}
