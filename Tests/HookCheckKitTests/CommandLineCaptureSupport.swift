import Foundation
import Testing
@testable import HookCheckKit

/// A listener on 127.0.0.1 that keeps the bytes of every request sent to it (headers, and the
/// body Content-Length announces) and answers 200.
final class RecordingListener: @unchecked Sendable {
    let port: UInt16
    private let socketFD: Int32
    private let lock = NSLock()
    private var received: [[UInt8]] = []

    init?() {
        guard let (fd, port) = listeningSocket() else { return nil }
        socketFD = fd
        self.port = port
        Thread { [weak self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 {
                    // Closed here, not in deinit: the number cannot be reused while this thread may accept on it.
                    close(fd)
                    return
                }
                let request = Self.readRequest(client)
                // Kept before the answer, so the request is there when the tool exits.
                if let self { self.lock.withLock { self.received.append(request) } }
                let reply = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".utf8)
                _ = write(client, reply, reply.count)
                close(client)
            }
        }.start()
    }

    /// Wakes the accepting thread, which then closes the socket.
    deinit { shutdown(socketFD, Int32(SHUT_RDWR)) }

    /// The requests received so far, in order.
    var requests: [[UInt8]] { lock.withLock { received } }

    private static func readRequest(_ client: Int32) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var received: [UInt8] = []
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while true {
            let count = read(client, &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[0..<count]
            guard let split = headEnd(received) else { continue }
            let head = String(decoding: received[..<split], as: UTF8.self).lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
            if received.count - split >= length { break }
        }
        return received
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where bytes[index] == 0x0D && bytes[index + 1] == 0x0A && bytes[index + 2] == 0x0D && bytes[index + 3] == 0x0A {
            return index + 4
        }
        return nil
    }
}

/// The first line `command --version` prints, or nil when it cannot be run.
func toolVersion(_ path: String) -> String? {
    guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["--version"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
}

/// The live comparisons run only with the versions the expectations were taken from.
let curl788Available = toolVersion("/usr/bin/curl")?.hasPrefix("curl 7.88.") == true
let httpie32Available = toolVersion("/usr/bin/http")?.hasPrefix("3.2.") == true

/// Runs `command` with bash in `directory` (standard input empty, output discarded).
func runShell(_ command: String, in directory: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = directory
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
}
