import HookCheckModel

/// One header line as received: the name keeps its case, the value is trimmed.
///
/// Headers read from a dump keep byte ranges into the request's raw bytes; their strings are made
/// only when asked for, since most are never looked at.
public struct HTTPHeader: Sendable, Equatable {
    private let storage: [UInt8]
    private let nameRange: Range<Int>
    private let valueRange: Range<Int>
    /// A value that is not one run of bytes (a folded header).
    private let joinedValue: String?
    /// Offset of the header line in the request's raw bytes; nil for headers given with `-H`.
    public let offset: Int?

    public init(name: String, value: String, offset: Int? = nil) {
        storage = Array(name.utf8)
        nameRange = 0..<storage.count
        valueRange = 0..<0
        joinedValue = value
        self.offset = offset
    }

    init(storage: [UInt8], name: Range<Int>, value: Range<Int>, joinedValue: String?, offset: Int) {
        self.storage = storage
        nameRange = name
        valueRange = value
        self.joinedValue = joinedValue
        self.offset = offset
    }

    public var name: String { String(decoding: storage[nameRange], as: UTF8.self) }
    /// The value's bytes, without making a String.
    public var valueBytes: ArraySlice<UInt8> { joinedValue.map { Array($0.utf8)[...] } ?? storage[valueRange] }
    public var value: String { joinedValue ?? String(decoding: storage[valueRange], as: UTF8.self) }

    /// Whether this header is called `name`, compared case-insensitively without building a String.
    public func hasName(_ name: String) -> Bool {
        ASCII.equalsIgnoringCase(storage[nameRange], name.utf8)
    }

    /// Whether the name starts with (and is longer than) `prefix`, compared case-insensitively as bytes.
    public func hasNamePrefix(_ prefix: String) -> Bool {
        prefix.utf8.count < nameRange.count && ASCII.hasPrefixIgnoringCase(storage[nameRange], prefix.utf8)
    }

    public static func == (lhs: HTTPHeader, rhs: HTTPHeader) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value && lhs.offset == rhs.offset
    }
}

/// One request taken from an input: request line, headers and body, with the way back from a body
/// offset to a position in the input file.
public struct RequestDump {
    /// The path as given (`-` for standard input).
    public var source: String
    /// 0-based position of the request within its source.
    public var index: Int
    public var capture: CaptureKind
    public var method: String?
    public var target: String?
    public var version: String?
    public var headers: [HTTPHeader]
    /// The request's bytes as they stand in the input file, from its first line.
    public var text: SourceText
    /// The body bytes: `text.bytes` itself unless the body had to be decoded (chunked).
    public var bodyStorage: [UInt8]
    /// Where the body lies in `bodyStorage`.
    public var bodyRange: Range<Int>
    /// For a decoded body: pieces of `bodyStorage` and where each starts in `text.bytes`.
    public var bodySegments: [(body: Int, raw: Int)]
    /// What reading the request found (truncation, a wrong Content-Length...).
    public var findings: [Finding]
    /// For a request rebuilt from a capture (a trace, a HAR file): where each of its raw bytes
    /// stands in the input file.
    public var locator: PositionMap? = nil
    /// Offset of the request's first byte in the whole input.
    public var inputOffset = 0
    /// For each reading finding, the raw offset it was placed at (to re-place it through a map).
    var findingOffsets: [Int?] = []
    /// False for captured requests that are not webhook deliveries (a HAR's page loads).
    public var isDelivery = true
    /// Bodies the sender may have sent instead, when a lossy capture left the bytes uncertain.
    public var bodyCandidates: [(bytes: [UInt8], meaning: String)] = []
    /// Why the captured bytes may differ from what was sent; nil when they are exact.
    public var loss: String?
    /// Trailer fields after a chunked body (RFC 9112 §7.1.2): kept, never part of the body.
    public var trailers: [HTTPHeader] = []

    /// The 1-based line on which the request starts in its input.
    public var line: Int { text.baseLine }

    /// The body as its own array.
    public var body: [UInt8] { Array(bodyStorage[bodyRange]) }

    /// All values of a header, names compared case-insensitively.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.hasName(name) }.map(\.value)
    }

    /// The first value of a header, names compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.hasName(name) }?.value
    }

    /// The position in the input file of an offset in `bodyStorage`.
    public func position(ofBodyOffset offset: Int) -> SourcePosition {
        position(ofRawOffset: rawOffset(ofBodyOffset: offset))
    }

    /// The position in the input file of an offset in `text.bytes`.
    public func position(ofRawOffset offset: Int) -> SourcePosition {
        locator?.position(offset) ?? text.position(ofOffset: offset)
    }

    /// The offset in `text.bytes` of an offset in `bodyStorage`.
    public func rawOffset(ofBodyOffset offset: Int) -> Int {
        guard !bodySegments.isEmpty else { return offset }
        var chosen = bodySegments[0]
        for segment in bodySegments where segment.body <= offset { chosen = segment }
        return chosen.raw + (offset - chosen.body)
    }

    /// The position of a header line, when it came from the input.
    public func position(ofHeader name: String) -> SourcePosition? {
        guard let header = headers.first(where: { $0.hasName(name) }),
              let offset = header.offset else { return nil }
        return position(ofRawOffset: offset)
    }
}

/// Where the bytes of a rebuilt request stand in the input file: runs of bytes, each starting at a
/// line and column and advancing by a fixed number of columns per byte (3 in a hex dump).
public final class PositionMap: @unchecked Sendable {
    struct Run {
        var start: Int
        var line: Int
        var column: Int
        var stride: Int
        var file: String?
    }

    private var runs: [Run] = []
    /// Added to every offset: a shifted copy shares the runs instead of rewriting them, so the
    /// requests of one long stream (a keep-alive connection in a pcap) do not copy its map each.
    private var base = 0

    public init() {}

    /// Bytes from `start` on stand at `line`, from `column`, `stride` columns apart.
    /// `file` names another file the bytes come from (a --body file); nil for the input itself.
    public func add(start: Int, line: Int, column: Int, stride: Int = 1, file: String? = nil) {
        runs.append(Run(start: start + base, line: line, column: column, stride: stride, file: file))
    }

    /// A copy for a request that starts `offset` bytes into the rebuilt stream.
    public func shifted(by offset: Int) -> PositionMap {
        let copy = PositionMap()
        copy.runs = runs
        copy.base = base + offset
        return copy
    }

    public func position(_ offset: Int) -> SourcePosition {
        guard !runs.isEmpty else { return SourcePosition(line: 1, column: 1) }
        let target = offset + base
        let run = runs[runs.lastIndex(atOrBefore: target) { $0.start }]
        return SourcePosition(line: run.line, column: run.column + max(0, target - run.start) * run.stride, file: run.file)
    }
}
