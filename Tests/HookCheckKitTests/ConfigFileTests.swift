import Foundation
import Testing
@testable import HookCheckKit

/// `.hookcheck.json`: found in the working directory or a parent, or named with --config; the
/// command line wins; a broken file is a usage error at its line and column.
@Suite("Config file")
struct ConfigFileTests {
    /// A fresh folder with `files` in it (relative path → text); its path.
    static func folder(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-config-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root.path
    }

    static let warning = CLITests.warning
    static let valid = CLITests.valid

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var config: String
        var arguments: [String]
        var stdin: String = ""
        var variables: [String: String] = [:]
        var status: Int32
        /// What standard output or standard error must hold; `@` stands for the line and column of
        /// the marker (⌖) in `config`.
        var output: String? = nil
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "strict", config: #"{"strict": true}"#, arguments: [], stdin: warning, status: 1),
        Row(name: "strict off", config: #"{"strict": false}"#, arguments: [], stdin: warning, status: 0),
        Row(name: "--strict wins over false", config: #"{"strict": false}"#, arguments: ["--strict"], stdin: warning, status: 1),
        Row(name: "ignore", config: #"{"strict": true, "ignore": ["schema.*"]}"#, arguments: [], stdin: warning, status: 0),
        Row(name: "--ignore replaces ignore", config: #"{"strict": true, "ignore": ["schema.*"]}"#,
            arguments: ["--ignore", "auth.*"], stdin: warning, status: 1),
        Row(name: "lint reads it too", config: #"{"strict": true, "ignore": ["schema.timestamp-unit"]}"#, arguments: ["lint", "-"],
            stdin: warning, status: 0, output: "1 passed, 0 failed"),
        Row(name: "diff leaves ignore (codes) alone", config: #"{"ignore": ["auth.*"]}"#, arguments: ["diff", "-", "-"], stdin: valid, status: 0),
        Row(name: "secrets by name", config: #"{"secrets": ["A", "B"]}"#, arguments: ["verify"], stdin: valid,
            variables: ["A": "wrong", "B": "tok-123"], status: 0, output: "B (from .hookcheck.json)"),
        Row(name: "a wrong secret", config: #"{"secrets": ["A"]}"#, arguments: ["verify"], stdin: valid, variables: ["A": "wrong"], status: 1),
        Row(name: "--secret replaces secrets", config: #"{"secrets": ["A"]}"#, arguments: ["verify", "--secret", "tok-123"], stdin: valid,
            variables: ["A": "wrong"], status: 0),
        Row(name: "an unset secret variable", config: "{\n  \"secrets\": [\"A\", ⌖\"UNSET\"]\n}", arguments: ["verify"], stdin: valid,
            variables: ["A": "x"], status: 2, output: "Error: .hookcheck.json:@: environment variable UNSET (from 'secrets') is not set\n"),
        Row(name: "unknown code in ignore", config: "{\n  \"ignore\": [⌖\"auth.mismatc\"]\n}", arguments: [], stdin: valid, status: 2,
            output: "Error: .hookcheck.json:@: Unknown finding code 'auth.mismatc' in 'ignore'; 'hookcheck explain' lists them\nDid you mean 'auth.mismatch'?\n"),
        Row(name: "bad JSON", config: "{\n  \"strict\": true\n  ⌖\"ignore\": []\n}", arguments: [], stdin: valid, status: 2,
            output: "Error: .hookcheck.json:@: "),
        Row(name: "unknown key", config: "{\n  \"strict\": true,\n  ⌖\"ignores\": []\n}", arguments: [], stdin: valid, status: 2,
            output: "Error: .hookcheck.json:@: unknown key 'ignores'; known: ignore, exclude, strict, secrets, publicKey, url\nDid you mean 'ignore'?\n"),
        Row(name: "senders are not read yet", config: #"{⌖"senders": []}"#, arguments: [], stdin: valid, status: 2,
            output: "Error: .hookcheck.json:@: unknown key 'senders'"),
        Row(name: "wrong type", config: "{\"ignore\": ⌖\"auth.*\"}", arguments: [], stdin: valid, status: 2,
            output: "Error: .hookcheck.json:@: 'ignore' must be an array of strings, found string\n"),
        Row(name: "wrong element type", config: "{\"exclude\": [\"*.bin\", ⌖3]}", arguments: [], stdin: valid, status: 2,
            output: "Error: .hookcheck.json:@: 'exclude' must be an array of strings, found number in it\n"),
        Row(name: "strict must be a boolean", config: "{\"strict\": ⌖\"yes\"}", arguments: [], stdin: valid, status: 2,
            output: "Error: .hookcheck.json:@: 'strict' must be true or false, found string\n"),
        Row(name: "not an object", config: "⌖[]", arguments: [], stdin: valid, status: 2,
            output: "Error: .hookcheck.json:@: expected an object of settings, found array\n"),
        Row(name: "duplicate key", config: "{\"strict\": true, ⌖\"strict\": false}", arguments: [], stdin: valid, status: 2,
            output: "Error: .hookcheck.json:@: "),
        Row(name: "vendors does not read it", config: "broken", arguments: ["vendors"], status: 0),
    ]

    @Test("keys, precedence and errors", arguments: rows)
    func row(_ row: Row) throws {
        let (bytes, offset) = marked(row.config)
        let root = try Self.folder([".hookcheck.json": String(decoding: bytes, as: UTF8.self)])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = runCLI(row.arguments, stdin: row.stdin, variables: row.variables, directory: root)
        #expect(result.status == row.status, "\(result.out)\(result.err)")
        if var output = row.output {
            if output.contains("@") {
                let position = SourceText(bytes).position(ofOffset: try #require(offset, "\(row.name): no marker in the config"))
                output = output.replacingOccurrences(of: "@", with: "\(position.line):\(position.column)")
            }
            #expect(result.out.contains(output) || result.err.contains(output), "stdout: \(result.out)\nstderr: \(result.err)")
        }
    }

    @Test("found in the nearest parent, named from where the search started; --config names another")
    func discovery() throws {
        let root = try Self.folder([".hookcheck.json": "{\"strict\": 1}", "a/b/.keep": "", "other.json": #"{"strict": true}"#,
                                    "a/.hookcheck.json": "{\n\"strict\": 2}"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let nearest = runCLI([], stdin: Self.valid, directory: root + "/a/b")
        #expect(nearest.err.hasPrefix("Error: ../.hookcheck.json:2:11: 'strict' must be true or false, found number\n"), "\(nearest.err)")
        let given = runCLI(["--config", root + "/other.json"], stdin: Self.warning, directory: root + "/a/b")
        #expect(given.status == 1, "\(given.err)")
        let missing = runCLI(["--config", root + "/none.json"], stdin: Self.valid, directory: root)
        #expect(missing.status == 2)
        #expect(missing.err.hasPrefix("Error: cannot read the config file \(root)/none.json: "), "\(missing.err)")
        let found = ConfigFile.find(from: root + "/a/b")
        #expect(found?.path == root + "/a/.hookcheck.json")
        #expect(found?.display == "../.hookcheck.json")
        #expect(runCLI(["explain", "--config", "x"]).status == 2)
    }

    @Test("exclude for lint; publicKey relative to the config file's folder; url for sign")
    func pathsAndURL() throws {
        let sample = packageRoot.appendingPathComponent("samples/drift/new_message.http").path
        let root = try Self.folder([
            ".hookcheck.json": #"{"exclude": ["new_*"], "url": "https://hooks.example.com/in/drift"}"#,
            "keyed/.hookcheck.json": #"{"publicKey": "keys/missing.pem"}"#,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Every file excluded: nothing to check.
        let lint = runCLI(["lint", sample], directory: root)
        #expect(lint.status == 2)
        #expect(lint.err.contains("1 file excluded"), "\(lint.err)")
        // --exclude on the command line replaces the config's list.
        let replaced = runCLI(["lint", "--exclude", "*.bin", sample], directory: root)
        #expect(replaced.out.hasSuffix("1 passed, 0 failed\n"), "\(replaced.out)\(replaced.err)")
        // The key file is looked for beside the config file, and its error points into it.
        let inspect = runCLI([sample], directory: root + "/keyed")
        #expect(inspect.status == 2)
        #expect(inspect.err.hasPrefix("Error: .hookcheck.json:1:15: cannot read the public key: "), "\(inspect.err)")
        #expect(inspect.err.contains(root + "/keyed/keys/missing.pem"), "\(inspect.err)")
        // A key given on the command line wins, and the config's is then not read at all.
        let given = runCLI(["--public-key", packageRoot.appendingPathComponent("samples/copernica/.sample-key.dkim.txt").path, sample],
                           directory: root + "/keyed")
        #expect(given.status == 0, "\(given.err)")
        let sign = runCLI(["sign", "--vendor", "drift", "--secret", "tok-123", "--emit", "request"],
                          stdin: #"{"orgId":1,"type":"x","data":{}}"#, directory: root)
        #expect(sign.status == 0, "\(sign.err)")
        #expect(sign.out.hasPrefix("POST /in/drift HTTP/1.1\r\nHost: hooks.example.com\r\n"), "\(sign.out)")
    }
}
