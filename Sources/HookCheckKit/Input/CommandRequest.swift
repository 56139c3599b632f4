import HookCheckModel

/// Bytes of a rebuilt request and where they came from: copied from the command text, each byte
/// at its own offset in the command file, or made by the tool, all placed at one offset (a default
/// header at the tool's name, a file's content at the argument naming the file).
struct SourcedBytes {
    enum Piece {
        case copied([UInt8], offsets: [Int])
        case made([UInt8], anchor: Int)
    }

    private(set) var pieces: [Piece] = []
    private(set) var count = 0

    init() {}

    init(made bytes: some Sequence<UInt8>, at anchor: Int) {
        append(made: bytes, at: anchor)
    }

    init(made text: String, at anchor: Int) {
        append(made: Array(text.utf8), at: anchor)
    }

    var isEmpty: Bool { count == 0 }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for piece in pieces {
            switch piece {
            case .copied(let bytes, _), .made(let bytes, _): out += bytes
            }
        }
        return out
    }

    /// The origin of the first byte.
    var startOffset: Int? {
        switch pieces.first {
        case .copied(_, let offsets): offsets.first
        case .made(_, let anchor): anchor
        case nil: nil
        }
    }

    /// The offset just past the last byte's origin: where something appended after it stands.
    var endOffset: Int? {
        switch pieces.last {
        case .copied(_, let offsets): offsets.last.map { $0 + 1 }
        case .made(_, let anchor): anchor
        case nil: nil
        }
    }

    mutating func append(copied bytes: [UInt8], offsets: [Int]) {
        guard !bytes.isEmpty else { return }
        pieces.append(.copied(bytes, offsets: offsets))
        count += bytes.count
    }

    mutating func append(made bytes: some Sequence<UInt8>, at anchor: Int) {
        let array = Array(bytes)
        guard !array.isEmpty else { return }
        pieces.append(.made(array, anchor: anchor))
        count += array.count
    }

    mutating func append(made text: String, at anchor: Int) {
        append(made: Array(text.utf8), at: anchor)
    }

    mutating func append(_ other: SourcedBytes) {
        pieces += other.pieces
        count += other.count
    }

    /// The same bytes with every byte for which `keep` is false left out.
    func filter(_ keep: (UInt8) -> Bool) -> SourcedBytes {
        var out = SourcedBytes()
        for piece in pieces {
            switch piece {
            case .copied(let bytes, let offsets):
                let kept = bytes.indices.filter { keep(bytes[$0]) }
                out.append(copied: kept.map { bytes[$0] }, offsets: kept.map { offsets[$0] })
            case .made(let bytes, let anchor):
                out.append(made: bytes.filter(keep), at: anchor)
            }
        }
        return out
    }
}

/// A request rebuilt from a command line, before it is laid out as HTTP/1.1 bytes.
struct CommandRequest {
    var method: SourcedBytes
    var target: SourcedBytes
    var version = "HTTP/1.1"
    /// Header lines without their line break, in the order the tool sends them.
    var headers: [SourcedBytes] = []
    var body = SourcedBytes()
    var findings: [Finding] = []
    var loss: String?
    /// Where the separators the tool adds (spaces, line breaks) are placed: the URL's offset.
    var anchor: Int

    init(method: SourcedBytes, target: SourcedBytes, anchor: Int) {
        self.method = method
        self.target = target
        self.anchor = anchor
    }

    /// `Name: value` with the name and value keeping their origins.
    static func line(_ name: SourcedBytes, _ value: SourcedBytes?, at anchor: Int) -> SourcedBytes {
        var line = name
        line.append(made: ": ", at: name.endOffset ?? anchor)
        if let value { line.append(value) }
        return line
    }

    static func line(_ name: String, _ value: String, at anchor: Int) -> SourcedBytes {
        SourcedBytes(made: name + ": " + value, at: anchor)
    }

    /// The request's bytes (CRLF line breaks) with a map from each byte to where it came from.
    func captured(_ text: SourceText) -> CapturedBytes {
        var layout = Layout(text: text)
        layout.add(method)
        layout.add(SourcedBytes(made: " ", at: anchor))
        layout.add(target)
        layout.add(SourcedBytes(made: " " + version + "\r\n", at: target.endOffset ?? anchor))
        for header in headers {
            layout.add(header)
            layout.add(SourcedBytes(made: "\r\n", at: header.endOffset ?? anchor))
        }
        layout.add(SourcedBytes(made: "\r\n", at: headers.last?.endOffset ?? anchor))
        layout.add(body)
        return CapturedBytes(bytes: layout.bytes, map: layout.map, findings: findings, loss: loss)
    }

    private struct Layout {
        let text: SourceText
        var bytes: [UInt8] = []
        let map = PositionMap()
        /// The origin of the last copied byte, while the bytes being copied follow on from it.
        var lastCopied: Int?

        init(text: SourceText) { self.text = text }

        mutating func add(_ sourced: SourcedBytes) {
            for piece in sourced.pieces {
                switch piece {
                case .copied(let piece, let offsets):
                    for (byte, offset) in zip(piece, offsets) {
                        // A new run where the origin jumps, or where the previous byte ended a line.
                        let continues = lastCopied.map { offset == $0 + 1 && $0 < text.bytes.count && text.bytes[$0] != 0x0A } ?? false
                        if !continues {
                            let position = text.position(ofOffset: offset)
                            map.add(start: bytes.count, line: position.line, column: position.column)
                        }
                        bytes.append(byte)
                        lastCopied = offset
                    }
                case .made(let piece, let anchor):
                    let position = text.position(ofOffset: anchor)
                    map.add(start: bytes.count, line: position.line, column: position.column, stride: 0)
                    bytes += piece
                    lastCopied = nil
                }
            }
        }
    }
}
