import HookCheckModel

/// Writes all of `bytes` to a descriptor, retrying on EINTR; false when the write fails (errno
/// says why; a closed pipe among them).
@discardableResult
func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}

func pathExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
}

/// Writes a whole file, replacing it; false on failure (errno says why).
func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
    let fd = openFile(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return writeAll(fd, bytes)
}

/// A file's lines as bytes (for SARIF's code-point columns); empty when it cannot be read.
func fileLines(_ path: String) -> [ArraySlice<UInt8>] {
    guard path != "-", let stream = try? ByteStream.open(path: path), (try? stream.fillToEnd()) != nil else { return [] }
    return stream.copy(stream.available).split(separator: 0x0A, omittingEmptySubsequences: false)
}
