import HookCheckModel

/// `lint --shard K/N`: shard K of N of the files, so a CI matrix of N jobs checks each file once.
/// A file's shard depends only on its path (FNV-1a 64 of its UTF-8 bytes, mod N), so it stays put
/// when other files come and go, and every job agrees without talking to the others.
struct LintShard: Equatable, CustomStringConvertible {
    /// 1-based, as CI matrices count.
    let index: Int
    let count: Int

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `K/N` with 1 ≤ K ≤ N.
    init(_ text: String) throws(UsageError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              count >= 1, index >= 1, index <= count else {
            throw UsageError(message: "The value '\(text)' is invalid for '--shard <K/N>'; expected K/N with 1 ≤ K ≤ N, e.g. 2/3", suggestion: nil)
        }
        self.init(index: index, count: count)
    }

    var description: String { "\(index)/\(count)" }

    func holds(_ path: String) -> Bool {
        Int(Self.fnv1a64(path) % UInt64(count)) + 1 == index
    }

    /// FNV-1a, 64-bit: stable across runs and machines, unlike `Hasher`.
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
