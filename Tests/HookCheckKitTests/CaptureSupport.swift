import Foundation

/// A TCP socket listening on 127.0.0.1 on a free port, for the test listeners.
func listeningSocket() -> (fd: Int32, port: UInt16)? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(fd, 8) == 0 else { close(fd); return nil }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, UInt16(bigEndian: address.sin_port))
}

/// A one-shot HTTP listener on 127.0.0.1: answers 200 to whatever it is sent.
final class Listener: @unchecked Sendable {
    let port: UInt16
    private let socketFD: Int32

    init?() {
        guard let (fd, port) = listeningSocket() else { return nil }
        socketFD = fd
        self.port = port
        Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 {
                    // Closed here, not in deinit: the number cannot be reused while this thread may accept on it.
                    close(fd)
                    return
                }
                var buffer = [UInt8](repeating: 0, count: 65536)
                var received: [UInt8] = []
                var timeout = timeval(tv_sec: 2, tv_usec: 0)
                setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                while true {
                    let count = read(client, &buffer, buffer.count)
                    if count <= 0 { break }
                    received += buffer[0..<count]
                    let text = String(decoding: received, as: UTF8.self)
                    if let split = text.range(of: "\r\n\r\n") {
                        let head = text[..<split.lowerBound].lowercased()
                        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                            .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                        if received.count - text[..<split.upperBound].utf8.count >= length { break }
                    }
                }
                let reply = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".utf8)
                _ = write(client, reply, reply.count)
                close(client)
            }
        }.start()
    }

    /// Wakes the accepting thread, which then closes the socket.
    deinit { shutdown(socketFD, Int32(SHUT_RDWR)) }
}

let curlPath: String? = ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }
let curlAvailable = curlPath != nil
