import Foundation
import HookCheckKit
import Testing

/// The hash algorithms under test, so one table row can name its algorithm.
enum HashAlgorithm: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sha1, sha256, sha512

    var testDescription: String { rawValue }

    /// The `openssl dgst` flag for this algorithm.
    var opensslFlag: String { "-" + rawValue }

    var blockSize: Int {
        switch self {
        case .sha1: SHA1.blockSize
        case .sha256: SHA256.blockSize
        case .sha512: SHA512.blockSize
        }
    }

    var digestSize: Int {
        switch self {
        case .sha1: SHA1.digestSize
        case .sha256: SHA256.digestSize
        case .sha512: SHA512.digestSize
        }
    }

    func hash(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: SHA1.hash(bytes)
        case .sha256: SHA256.hash(bytes)
        case .sha512: SHA512.hash(bytes)
        }
    }

    /// Hashes `pieces` with one `update` call per piece.
    func hash(pieces: [ArraySlice<UInt8>]) -> [UInt8] {
        switch self {
        case .sha1: Self.streamed(SHA1(), pieces)
        case .sha256: Self.streamed(SHA256(), pieces)
        case .sha512: Self.streamed(SHA512(), pieces)
        }
    }

    func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: HMAC<SHA1>.authenticationCode(for: message, key: key)
        case .sha256: HMAC<SHA256>.authenticationCode(for: message, key: key)
        case .sha512: HMAC<SHA512>.authenticationCode(for: message, key: key)
        }
    }

    /// Computes an HMAC with one `update` call per piece.
    func hmac(key: [UInt8], pieces: [ArraySlice<UInt8>]) -> [UInt8] {
        switch self {
        case .sha1: Self.streamed(HMAC<SHA1>(key: key), pieces)
        case .sha256: Self.streamed(HMAC<SHA256>(key: key), pieces)
        case .sha512: Self.streamed(HMAC<SHA512>(key: key), pieces)
        }
    }

    private static func streamed<H: HashFunction>(_ start: H, _ pieces: [ArraySlice<UInt8>]) -> [UInt8] {
        var hasher = start
        for piece in pieces { hasher.update(piece) }
        return hasher.finalize()
    }

    private static func streamed<H>(_ start: HMAC<H>, _ pieces: [ArraySlice<UInt8>]) -> [UInt8] {
        var mac = start
        for piece in pieces { mac.update(piece) }
        return mac.finalize()
    }
}

/// Decodes a hex literal from a test table; independent of `Hex` so that a bug
/// there cannot hide one in the code being checked.
func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    precondition(digits.count % 2 == 0, "odd-length hex literal in test data")
    func value(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: preconditionFailure("bad hex digit in test data")
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}

/// Renders bytes as lowercase hex for comparisons; independent of `Hex`.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// The deterministic test input used for the padding-boundary tables:
/// byte i is (31 * i + 7) mod 256.
func patternBytes(count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
}

/// SplitMix64: a small seeded generator so random tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }

    /// Cuts `input` into consecutive pieces of random lengths in 0...maxPiece.
    mutating func pieces(of input: [UInt8], maxPiece: Int) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        while start < input.count {
            let length = min(Int.random(in: 0...maxPiece, using: &self), input.count - start)
            result.append(input[start..<(start + length)])
            start += length
        }
        return result
    }
}

/// The `openssl` executable on PATH, if any; the differential suites run only where it is.
let opensslPath: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") where !directory.isEmpty {
        let candidate = String(directory) + "/openssl"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}()

let opensslAvailable = opensslPath != nil
