import Foundation

/// Runs the built `hookcheck` binary, as a user or a script would.
enum Binary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable sits beside the test bundle in the build directory.
    static let url: URL = {
        let testBinary = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("hookcheck")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/hookcheck")
    }()

    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "HOOKCHECK_DRIFT_TOKEN")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Feed and drain concurrently so large outputs cannot deadlock.
        let input = stdin ?? Data()
        // The child may exit without reading its input: a write to the closed pipe must not kill the tests.
        _ = Binary.ignoreBrokenPipes
        let writer = Thread {
            try? inPipe.fileHandleForWriting.write(contentsOf: input)
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let errDone = DispatchSemaphore(value: 0)
        let errReader = Thread {
            errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile()
            errDone.signal()
        }
        errReader.start()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errDone.wait()
        return Result(status: process.terminationStatus, out: String(decoding: out, as: UTF8.self),
                      err: String(decoding: errBox.data, as: UTF8.self))
    }
}

/// A fixture that cannot be read or makes no sense.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

/// A file under the package root, read as UTF-8; throws when it is missing, so a moved sample
/// fails the test instead of turning into an empty input.
func fixture(_ path: String) throws -> String {
    try String(contentsOf: Binary.root.appendingPathComponent(path), encoding: .utf8)
}

/// The files `hookcheck` reads in a sample folder: regular, non-hidden, recursively, sorted.
func sampleFiles(_ folder: String) throws -> [String] {
    let base = Binary.root.appendingPathComponent(folder)
    guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                                      options: [.skipsHiddenFiles]) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: base.path])
    }
    var files: [String] = []
    for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        files.append(folder + "/" + url.path.dropFirst(base.path.count + 1))
    }
    guard !files.isEmpty else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: base.path]) }
    return files.sorted()
}
