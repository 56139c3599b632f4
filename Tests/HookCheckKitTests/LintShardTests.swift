import Testing
@testable import HookCheckKit

/// `lint --shard K/N`: a stable partition of the files by a hash of each path.
@Suite("lint --shard", .serialized)
struct LintShardTests {
    struct ValueRow: CustomTestStringConvertible, Sendable {
        var text: String
        var shard: LintShard?
        var testDescription: String { text }
    }

    static let values: [ValueRow] = [
        ValueRow(text: "1/1", shard: LintShard(index: 1, count: 1)),
        ValueRow(text: "2/3", shard: LintShard(index: 2, count: 3)),
        ValueRow(text: "3/3", shard: LintShard(index: 3, count: 3)),
        ValueRow(text: "0/3", shard: nil),
        ValueRow(text: "4/3", shard: nil),
        ValueRow(text: "1/0", shard: nil),
        ValueRow(text: "-1/3", shard: nil),
        ValueRow(text: "a/3", shard: nil),
        ValueRow(text: "1/", shard: nil),
        ValueRow(text: "3", shard: nil),
        ValueRow(text: "1/3/4", shard: nil),
    ]

    @Test("K/N with 1 ≤ K ≤ N; anything else is a usage error", arguments: values)
    func value(_ row: ValueRow) {
        #expect((try? LintShard(row.text)) == row.shard)
        let result = runCLIAtRoot(["lint", "--shard", row.text, "samples/drift"])
        if row.shard == nil {
            #expect(result.status == 2)
            #expect(result.err.hasPrefix("Error: The value '\(row.text)' is invalid for '--shard <K/N>'"), "\(result.err)")
        } else {
            #expect(result.err.isEmpty, "\(result.err)")
        }
    }

    struct HashRow: CustomTestStringConvertible, Sendable {
        var text: String
        var hash: UInt64
        var testDescription: String { text.isEmpty ? "(empty)" : text }
    }

    /// The FNV-1a 64 test vectors of its authors' reference suite.
    static let hashes: [HashRow] = [
        HashRow(text: "", hash: 0xcbf2_9ce4_8422_2325),
        HashRow(text: "a", hash: 0xaf63_dc4c_8601_ec8c),
        HashRow(text: "foobar", hash: 0x8594_4171_f739_67e8),
    ]

    @Test("the path hash is FNV-1a 64", arguments: hashes)
    func hash(_ row: HashRow) {
        #expect(LintShard.fnv1a64(row.text) == row.hash)
    }

    /// The counts of a summary line: passed and failed.
    static func counts(_ output: String) -> (passed: Int, failed: Int)? {
        guard let last = output.split(separator: "\n").last else { return nil }
        let words = last.split(separator: " ")
        guard words.count >= 4, let passed = Int(words[0]), let failed = Int(words[2]) else { return nil }
        return (passed, failed)
    }

    @Test("the shards of a folder check each of its files once", arguments: [1, 2, 3, 5])
    func partition(_ count: Int) throws {
        let all = runCLIAtRoot(["lint", "samples"])
        let total = try #require(Self.counts(all.out))
        var passed = 0
        var failed = 0
        var listed: [String] = []
        for index in 1...count {
            let shard = runCLIAtRoot(["lint", "--shard", "\(index)/\(count)", "samples"])
            let counts = try #require(Self.counts(shard.out), "\(shard.out)\(shard.err)")
            passed += counts.passed
            failed += counts.failed
            // Every error names a file of this shard. (Warnings may differ: a delivery id repeated in
            // another shard's file is not seen from this one.)
            for line in shard.out.split(separator: "\n").dropLast() where line.contains(": error: ") {
                let path = String(line.prefix { $0 != ":" })
                #expect(LintShard(index: index, count: count).holds(path), "\(path) is not in shard \(index)/\(count)")
                listed.append(path)
            }
        }
        #expect(passed == total.passed)
        #expect(failed == total.failed)
        let allListed = all.out.split(separator: "\n").dropLast().filter { $0.contains(": error: ") }.map { String($0.prefix { $0 != ":" }) }
        #expect(listed.sorted() == allListed.sorted())
    }

    @Test("an empty shard passes and says why; nothing at all to check is still trouble")
    func emptyShard() throws {
        let path = "samples/drift/new_message.http"
        let empty = try #require((1...2).first { !LintShard(index: $0, count: 2).holds(path) })
        let result = runCLIAtRoot(["lint", "--shard", "\(empty)/2", path])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "0 passed, 0 failed (shard \(empty)/2 holds no file)\n")
        let holding = runCLIAtRoot(["lint", "--shard", "\(3 - empty)/2", path])
        #expect(holding.out == "1 passed, 0 failed\n")

        let nothing = runCLIAtRoot(["lint", "--shard", "1/2", "--exclude", "*", "samples/drift"])
        #expect(nothing.status == 2)
        #expect(nothing.err.contains("no files to check"), "\(nothing.err)")
        // A path that cannot be read fails every shard, not only the one it hashes to.
        for index in 1...2 {
            #expect(runCLIAtRoot(["lint", "--shard", "\(index)/2", "samples/nonexistent"]).status == 2)
        }
        #expect(runCLI(["lint", "--shard", "1/2", "-"], stdin: CLITests.valid).status == 2)
    }
}
