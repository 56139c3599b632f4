import Foundation
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

/// Runs the CLI in process, with standard input from `stdin`.
func runCLI(_ arguments: [String], stdin: String = "", variables: [String: String] = [:]) -> (status: Int32, out: String, err: String) {
    final class Box: @unchecked Sendable { var out: [UInt8] = []; var err: [UInt8] = [] }
    let box = Box()
    let io = CLIEnvironment(standardInput: .bytes(Array(stdin.utf8)), stdinIsTerminal: false, stdoutIsTerminal: false,
                            variables: variables, writeOut: { box.out += $0 }, writeErr: { box.err += $0 })
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
