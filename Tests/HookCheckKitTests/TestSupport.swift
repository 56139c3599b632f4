import Foundation
import Testing
@testable import HookCheckKit

/// The marker tests put in an input where a finding must point; it is removed before parsing.
let positionMarker = "⌖"

/// Strips the marker, returning the bytes and the marker's byte offset.
func marked(_ text: String) -> (bytes: [UInt8], offset: Int?) {
    let bytes = Array(text.utf8)
    let marker = Array(positionMarker.utf8)
    var index = 0
    while index + marker.count <= bytes.count {
        if Array(bytes[index..<index + marker.count]) == marker {
            return (Array(bytes[..<index]) + Array(bytes[(index + marker.count)...]), index)
        }
        index += 1
    }
    return (bytes, nil)
}

/// All requests of an input held in memory.
func readRequests(_ text: String, source: String = "test", headers: [HTTPHeader] = []) throws -> [RequestDump] {
    try readRequests(Array(text.utf8), source: source, headers: headers)
}

func readRequests(_ bytes: [UInt8], source: String = "test", headers: [HTTPHeader] = []) throws -> [RequestDump] {
    let reader = RequestReader(stream: ByteStream(bytes: bytes, path: source), source: source, extraHeaders: headers)
    var requests: [RequestDump] = []
    while let request = try reader.next() { requests.append(request) }
    return requests
}

/// Analyses every request of an input held in memory.
func analyze(_ text: String, options: InspectOptions = InspectOptions(), headers: [HTTPHeader] = []) throws -> [Record] {
    let inspector = Inspector(options: options)
    return try readRequests(text, headers: headers).map(inspector.analyze)
}

/// A Drift request dump around a body, with an exact Content-Length.
func driftRequest(_ body: String, token: String? = "tok-123", crlf: Bool = false) -> String {
    var lines = ["POST /webhooks/drift HTTP/1.1", "Host: hooks.example.com", "Content-Type: application/json",
                 "Content-Length: \(body.utf8.count)"]
    if let token { lines.append("X-Verification-Token: \(token)") }
    let head = lines.joined(separator: crlf ? "\r\n" : "\n") + (crlf ? "\r\n\r\n" : "\n\n")
    return head + body
}

/// The package's root, for samples and golden files.
let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs the CLI from the package root, so paths in reports are the short relative ones.
func runCLIAtRoot(_ arguments: [String], variables: [String: String] = [:]) -> (status: Int32, out: String, err: String) {
    enterPackageRoot()
    return runCLI(arguments, variables: variables)
}

/// Runs the CLI in process, with standard input from `stdin`; `directory` is where the search for
/// `.hookcheck.json` starts (the process's current directory when nil).
func runCLI(_ arguments: [String], stdin: String = "", variables: [String: String] = [:],
            directory: String? = nil) -> (status: Int32, out: String, err: String) {
    final class Box: @unchecked Sendable { var out: [UInt8] = []; var err: [UInt8] = [] }
    let box = Box()
    let io = CLIEnvironment(standardInput: .bytes(Array(stdin.utf8)), stdinIsTerminal: false, stdoutIsTerminal: false,
                            variables: variables, workingDirectory: directory, writeOut: { box.out += $0 }, writeErr: { box.err += $0 })
    let status = CLI.run(arguments, io: io)
    return (status, String(decoding: box.out, as: UTF8.self), String(decoding: box.err, as: UTF8.self))
}

/// Tests that name samples by relative path run from the package root. The directory is set once
/// and never changed back: tests run in parallel, and a restore would pull it from under another.
func enterPackageRoot() {
    _ = PackageRootDirectory.entered
}

enum PackageRootDirectory {
    static let entered: Bool = FileManager.default.changeCurrentDirectoryPath(packageRoot.path)
}

// MARK: - Fixtures

/// A file under the package root, read as UTF-8. It throws when the file is missing or unreadable,
/// so a moved or renamed sample fails the test that reads it instead of turning into an empty input.
func fixture(_ relativePath: String) throws -> String {
    let url = packageRoot.appendingPathComponent(relativePath)
    do {
        return try String(contentsOf: url, encoding: .utf8)
    } catch {
        throw FixtureError(description: "cannot read the fixture \(relativePath) (\(url.path)): \(error)")
    }
}

/// A file under the package root, as bytes; throws like `fixture(_:)`.
func fixtureBytes(_ relativePath: String) throws -> [UInt8] {
    let url = packageRoot.appendingPathComponent(relativePath)
    do {
        return [UInt8](try Data(contentsOf: url))
    } catch {
        throw FixtureError(description: "cannot read the fixture \(relativePath) (\(url.path)): \(error)")
    }
}

/// A fixture that cannot be read, or a golden file or README section that cannot be found.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

/// The files `hookcheck` reads in a sample folder (relative to the package root): regular,
/// non-hidden, recursively, sorted, as paths relative to the package root. An empty or missing
/// folder throws: a count derived from no files must not pass.
func sampleFiles(_ folder: String) throws -> [String] {
    let base = packageRoot.appendingPathComponent(folder)
    guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                                      options: [.skipsHiddenFiles]) else {
        throw FixtureError(description: "no sample folder \(folder) (\(base.path))")
    }
    var files: [String] = []
    for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        files.append(folder + "/" + url.path.dropFirst(base.path.count + 1))
    }
    guard !files.isEmpty else { throw FixtureError(description: "no sample in \(folder) (\(base.path))") }
    return files.sorted()
}

/// The last path component of a sample path.
func fileName(_ path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
}

// MARK: - Samples and their secrets

/// Reads a sample's requests and analyses them.
func analyzeSample(_ relativePath: String, options: InspectOptions = InspectOptions()) throws -> [Record] {
    let path = packageRoot.appendingPathComponent(relativePath).path
    let inspector = Inspector(options: options)
    return try InputRequests.all(in: try ByteStream.open(path: path), source: relativePath).map(inspector.analyze)
}

/// The Drift samples' verification token, as the file holds it; a missing file fails the test.
var sampleToken: String {
    get throws { try fixture("samples/drift/.token") }
}

/// The SuperOffice samples' signing secret, as the file holds it; a missing file fails the test.
var superOfficeSecret: String {
    get throws { try fixture("samples/superoffice/.secret") }
}

/// Options with the Drift sample token, labelled as `--secret-file` would label it.
func withSampleToken() throws -> InspectOptions {
    var options = InspectOptions()
    options.secrets = [SecretSource(label: "--secret-file samples/drift/.token", value: Array(try sampleToken.utf8))]
    return options
}

/// Options with the given secrets, each under its label.
func withSecrets(_ values: [(label: String, value: String)]) -> InspectOptions {
    var options = InspectOptions()
    options.secrets = values.map { SecretSource(label: $0.label, value: Array($0.value.utf8)) }
    return options
}

// MARK: - Golden files and generated README sections

/// What a golden check does, from `HOOKCHECK_RECORD` and `CI`.
enum RecordMode: Equatable, Sendable {
    /// Compare with the recorded text (HOOKCHECK_RECORD unset, empty or 0).
    case compare
    /// Write the new text, then fail so that a recording run never passes (HOOKCHECK_RECORD=1).
    case record
    /// HOOKCHECK_RECORD=1 with CI set: write nothing, fail, and still compare.
    case refuse
    /// HOOKCHECK_RECORD set to something else: fail, and still compare.
    case unknown(String)

    static func from(_ environment: [String: String]) -> RecordMode {
        switch environment["HOOKCHECK_RECORD"] ?? "" {
        case "", "0": .compare
        case "1": (environment["CI"] ?? "").isEmpty ? .record : .refuse
        case let other: .unknown(other)
        }
    }

    static var current: RecordMode { from(ProcessInfo.processInfo.environment) }
}

/// The golden check behind `checkGolden` and `checkReadmeSection`: compares `actual` with what
/// `read` returns, or records it through `write`. Recording fails the test after writing; asking
/// to record in CI writes nothing and fails. Nothing here ever passes without comparing.
func checkRecorded(_ actual: String, name: String, mode: RecordMode, read: () throws -> String, write: (String) throws -> Void,
                   sourceLocation: SourceLocation) throws {
    switch mode {
    case .compare:
        break
    case .record:
        try write(actual)
        Issue.record("recorded \(name); run again without HOOKCHECK_RECORD", sourceLocation: sourceLocation)
        return
    case .refuse:
        Issue.record("refusing to record in CI (CI is set): \(name) is left as it is; record locally and commit the result",
                     sourceLocation: sourceLocation)
    case .unknown(let value):
        Issue.record("HOOKCHECK_RECORD=\(value) is not understood: set it to 1 to record \(name), or unset it",
                     sourceLocation: sourceLocation)
    }
    let expected = try read()
    #expect(actual == expected, "\(name): re-record with HOOKCHECK_RECORD=1 if the change is intended", sourceLocation: sourceLocation)
}

/// Compares `actual` with a golden file, or records it (HOOKCHECK_RECORD=1, then the test fails;
/// refused when CI is set). A missing golden file fails the test unless recording.
func checkGolden(_ actual: String, file: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try checkGolden(actual, file: file, mode: .current, sourceLocation: sourceLocation)
}

func checkGolden(_ actual: String, file: URL, mode: RecordMode, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try checkRecorded(actual, name: displayPath(file), mode: mode, read: {
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw FixtureError(description: "no golden file \(displayPath(file)); record it with HOOKCHECK_RECORD=1")
        }
        return try String(contentsOf: file, encoding: .utf8)
    }, write: { text in
        try text.write(to: file, atomically: true, encoding: .utf8)
    }, sourceLocation: sourceLocation)
}

/// Compares a generated section of the package's README.md, between `<!-- NAME:begin -->` and
/// `<!-- NAME:end -->`, with `generated`; or records just that section, with the rules of `checkGolden`.
func checkReadmeSection(_ name: String, _ generated: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try checkMarkedSection(name, generated, in: packageRoot.appendingPathComponent("README.md"), mode: .current,
                           sourceLocation: sourceLocation)
}

func checkMarkedSection(_ name: String, _ generated: String, in file: URL, mode: RecordMode,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
    let label = "the \(name) section of \(displayPath(file))"
    // Markers are looked up again when writing, so a recording never works on a stale copy.
    func split() throws -> (before: Substring, section: Substring, after: Substring) {
        let text = try String(contentsOf: file, encoding: .utf8)
        return try markedSection(name, in: text, file: displayPath(file))
    }
    try checkRecorded(generated, name: label, mode: mode, read: {
        String(try split().section)
    }, write: { text in
        let parts = try split()
        try (String(parts.before) + text + String(parts.after)).write(to: file, atomically: true, encoding: .utf8)
    }, sourceLocation: sourceLocation)
}

/// Splits `text` around the section between `<!-- NAME:begin -->\n` and `<!-- NAME:end -->`; the
/// markers stay in `before` and `after`. Missing, repeated or misordered markers throw.
func markedSection(_ name: String, in text: String, file: String) throws -> (before: Substring, section: Substring, after: Substring) {
    let beginMarker = "<!-- \(name):begin -->\n"
    let endMarker = "<!-- \(name):end -->"
    let begins = text.ranges(of: beginMarker)
    let ends = text.ranges(of: endMarker)
    guard begins.count == 1, ends.count == 1, let begin = begins.first, let end = ends.first else {
        throw FixtureError(description: "\(file) must hold \"<!-- \(name):begin -->\" on a line of its own and \"\(endMarker)\" once each; "
                                      + "found \(begins.count) and \(ends.count)")
    }
    guard begin.upperBound <= end.lowerBound else {
        throw FixtureError(description: "in \(file), \"\(endMarker)\" comes before \"<!-- \(name):begin -->\"")
    }
    return (text[..<begin.upperBound], text[begin.upperBound..<end.lowerBound], text[end.lowerBound...])
}

/// A path relative to the package root when it is under it, for messages.
func displayPath(_ url: URL) -> String {
    let root = packageRoot.path + "/"
    return url.path.hasPrefix(root) ? String(url.path.dropFirst(root.count)) : url.path
}
