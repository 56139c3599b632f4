import HookCheckModel

/// An input that cannot be read: a missing file, a directory where a file was expected, an I/O error.
public struct InputError: Error, Sendable, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var message: String { "cannot read \(path): \(reason)" }
}

/// Bytes arriving from a file descriptor or an array, held in a window that slides forward as
/// requests are taken, so memory follows the largest request rather than the whole stream.
public final class ByteStream {
    private let descriptor: Int32?
    private let ownsDescriptor: Bool
    private let path: String
    /// The window; valid bytes are `storage[head..<tail]`.
    private(set) var storage: [UInt8]
    private(set) var head = 0
    private(set) var tail = 0
    private(set) var atEnd = false
    /// Absolute offset in the input of `storage[0]`.
    private(set) var base = 0
    /// 1-based line number of the byte at `head`.
    private(set) var lineAtHead = 1
    private let chunkSize: Int
    /// A regular file's size: reading that many bytes is the end, without one more read.
    private var expectedSize: Int?

    /// A stream over bytes already in memory.
    public init(bytes: [UInt8], path: String = "-") {
        descriptor = nil
        ownsDescriptor = false
        self.path = path
        storage = bytes
        tail = bytes.count
        atEnd = true
        chunkSize = 0
    }

    /// A stream over an open file descriptor (standard input is 0).
    public init(descriptor: Int32, path: String, ownsDescriptor: Bool, chunkSize: Int = 1 << 20) {
        self.descriptor = descriptor
        self.ownsDescriptor = ownsDescriptor
        self.path = path
        self.chunkSize = chunkSize
        storage = []
    }

    /// Opens a file for streaming.
    public static func open(path: String) throws(InputError) -> ByteStream {
        let fd = openFile(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw InputError(path: path, reason: systemError()) }
        var info = stat()
        var chunk = 1 << 20
        if fstat(fd, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw InputError(path: path, reason: "is a directory")
            }
            // A small file needs a small window (lint opens thousands of them).
            if (info.st_mode & S_IFMT) == S_IFREG { chunk = min(chunk, max(4096, Int(info.st_size) + 1)) }
        }
        let stream = ByteStream(descriptor: fd, path: path, ownsDescriptor: true, chunkSize: chunk)
        if (info.st_mode & S_IFMT) == S_IFREG { stream.expectedSize = Int(info.st_size) }
        return stream
    }

    deinit {
        if ownsDescriptor, let descriptor { close(descriptor) }
    }

    /// Number of bytes available from `head`.
    var available: Int { tail - head }

    /// Reads more input; returns false at the end of input.
    @discardableResult
    func fill() throws(InputError) -> Bool {
        guard let descriptor, !atEnd else { return false }
        if head > 0 && (head >= storage.count / 2 || storage.count - tail < chunkSize) {
            compact()
        }
        if storage.count - tail < chunkSize {
            // Grow by doubling, copying only the live bytes.
            var larger = [UInt8](repeating: 0, count: max(storage.count * 2, tail + chunkSize))
            if tail > 0 {
                larger.withUnsafeMutableBytes { target in
                    storage.withUnsafeBytes { source in
                        target.baseAddress!.copyMemory(from: source.baseAddress!, byteCount: tail)
                    }
                }
            }
            storage = larger
        }
        while true {
            let wanted = storage.count - tail
            let got = storage.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + tail, wanted)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw InputError(path: path, reason: systemError())
            }
            if got == 0 {
                atEnd = true
                return false
            }
            tail += got
            if let expectedSize, base + tail >= expectedSize { atEnd = true }
            return true
        }
    }

    /// Makes at least `count` bytes available from `head` unless the input ends first.
    func require(_ count: Int) throws(InputError) -> Bool {
        while available < count {
            if try !fill() { return available >= count }
        }
        return true
    }

    /// Reads everything that is left.
    func fillToEnd() throws(InputError) {
        while try fill() {}
    }

    /// Drops `count` bytes from the front of the window, keeping the line count.
    func consume(_ count: Int) {
        let end = head + count
        lineAtHead += storage.withUnsafeBufferPointer { countLineFeeds($0, from: head, to: end) }
        head = end
    }

    /// Absolute input offset of `head`.
    var offsetAtHead: Int { base + head }

    private func compact() {
        let live = tail - head
        storage.withUnsafeMutableBufferPointer { buffer in
            if live > 0 {
                let pointer = buffer.baseAddress!
                memmove(pointer, pointer + head, live)
            }
        }
        base += head
        tail = live
        head = 0
    }

    /// Runs `body` over the available window `storage[head..<tail]`, re-based so index 0 is `head`.
    func withWindow<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try storage.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[head..<tail]))
        }
    }

    /// Copies `count` bytes from `head` (they must be available).
    func copy(_ count: Int) -> [UInt8] {
        Array(storage[head..<head + count])
    }
}

func countLineFeeds(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
    guard start < end, let base = buffer.baseAddress else { return 0 }
    var count = 0
    var pointer = UnsafeRawPointer(base + start)
    var remaining = end - start
    while remaining > 0, let hit = memchr(pointer, 0x0A, remaining) {
        count += 1
        let consumed = UnsafeRawPointer(hit) - pointer + 1
        pointer += consumed
        remaining -= consumed
    }
    return count
}

func systemError() -> String {
    String(cString: strerror(errno))
}
