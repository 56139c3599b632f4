import HookCheckModel

/// A text capture another tool prints, read by `TextDumps`: each case names the tool and options
/// that print it, and the capture id its requests report.
public enum TextDumpFormat: String, Sendable, CaseIterable {
    /// `tshark -qz follow,tcp,ascii,N`: each segment's length, then its bytes (unprintables as `.`).
    case tsharkFollowASCII = "tshark-follow-ascii"
    /// `tshark -qz follow,tcp,hex,N`: offset, hex bytes and an ASCII column; exact.
    case tsharkFollowHex = "tshark-follow-hex"
    /// `tshark -qz follow,tcp,raw,N`: one line of hex per segment; exact.
    case tsharkFollowRaw = "tshark-follow-raw"
    /// `tcpdump -A`: each packet from its IP header on as ASCII (unprintables as `.`, CR before LF dropped).
    case tcpdumpASCII = "tcpdump-A"
    /// `tcpdump -X`: each packet from its IP header on as hex and ASCII; exact.
    case tcpdumpHex = "tcpdump-X"
    /// `tcpflow -c`: each segment's bytes after a `SRC-DST: ` label; exact.
    case tcpflow = "tcpflow-c"
    /// `ngrep -W byline`: each packet's bytes split at LF (unprintables, CR included, as `.`).
    case ngrepByline = "ngrep-byline"
    /// `socat -v`: each transfer's bytes with `\r`-style escapes (other unprintables as `.`).
    case socatText = "socat-v"
    /// `socat -x` (and `-v -x`): each transfer's bytes in hex; exact.
    case socatHex = "socat-x"
    /// Python `http.client` with `set_debuglevel(1)`: `send: b'...'` bytes literals; exact.
    case pythonHTTPClient = "python-http-client"
    /// requests-toolbelt `dump_all`: the request prefixed `< `, the response `> `.
    case requestsToolbelt = "requests-toolbelt"
    /// HTTPie `-v` / `--print=HBhb`: request head, body, response, as HTTPie prints them.
    case httpie
    /// `curl -v URL > file 2>&1`: the progress meter mixed with `*`, `>` and `<` lines; no body.
    case curlVerbose = "curl-verbose-merged"
    /// `mitmdump --flow-detail 3|4`: each flow's request line, headers and body through a content view.
    case mitmdump

    /// The capture id the requests read from this format report.
    public var capture: CaptureKind {
        switch self {
        case .tsharkFollowASCII, .tsharkFollowHex, .tsharkFollowRaw: .tsharkFollow
        case .httpie: .httpie
        case .curlVerbose: .curlVerbose
        default: .textDump
        }
    }

    /// The tool and options that print this format, as messages name them.
    public var tool: String {
        switch self {
        case .tsharkFollowASCII: "tshark follow,tcp,ascii"
        case .tsharkFollowHex: "tshark follow,tcp,hex"
        case .tsharkFollowRaw: "tshark follow,tcp,raw"
        case .tcpdumpASCII: "tcpdump -A"
        case .tcpdumpHex: "tcpdump -X"
        case .tcpflow: "tcpflow -c"
        case .ngrepByline: "ngrep -W byline"
        case .socatText: "socat -v"
        case .socatHex: "socat -x"
        case .pythonHTTPClient: "http.client debug output"
        case .requestsToolbelt: "requests-toolbelt dump_all"
        case .httpie: "HTTPie"
        case .curlVerbose: "curl -v"
        case .mitmdump: "mitmdump"
        }
    }
}

/// Text captures printed by other tools (tshark follow, tcpdump -A/-X, tcpflow, ngrep, socat,
/// http.client debug output, requests-toolbelt, HTTPie, curl -v with stderr merged, mitmdump):
/// the client's request bytes rebuilt from them, with the line and column each byte is printed at.
public enum TextDumps {
    /// How many lines `recognize` looks at.
    static let headLines = 12

    /// The format of a capture from its first lines, or nil when it is none of them. Strict: a raw
    /// HTTP request, a bare body, NDJSON, HAR and the curl traces `Captures` reads are not claimed.
    public static func recognize(_ head: ArraySlice<UInt8>) -> TextDumpFormat? {
        let lines = firstLines(head)
        guard let first = lines.first(where: { !$0.allSatisfy(ASCII.isWhitespace) }) else { return nil }
        let lead = first.first { !ASCII.isBlank($0) } ?? 0
        // tcpflow's label starts with an address, IPv6 ones with a letter or a colon.
        if TcpflowDump.recognize(first) { return .tcpflow }
        switch lead {
        case UInt8(ascii: "="), UInt8(ascii: "F"):
            return TsharkFollow.recognize(lines)
        case UInt8(ascii: "%"):
            return CurlVerboseText.isProgressMeterHeader(first) ? .curlVerbose : nil
        case UInt8(ascii: "s"):
            return PythonHTTPClientDump.recognize(first) ? .pythonHTTPClient : nil
        case UInt8(ascii: ">"), UInt8(ascii: "<"):
            if let socat = SocatDump.recognize(lines) { return socat }
            return ToolbeltDump.prefix(lines) != nil ? .requestsToolbelt : nil
        case UInt8(ascii: "i"), UInt8(ascii: "T"), UInt8(ascii: "#"):
            if NgrepDump.recognize(lines) { return .ngrepByline }
        case UInt8(ascii: "P"), UInt8(ascii: "["):
            if MitmdumpText.recognize(lines) { return .mitmdump }
        default:
            break
        }
        if ASCII.isDigit(lead) {
            if let tcpdump = TcpdumpText.recognize(lines) { return tcpdump }
            if MitmdumpText.recognize(lines) { return .mitmdump }
        }
        if ToolbeltDump.prefix(lines) != nil { return .requestsToolbelt }
        return HTTPieText.recognize(lines) ? .httpie : nil
    }

    /// The client-to-server byte streams of a capture in `format`: one per connection where the
    /// format tells connections apart, in the order they start. Findings about the capture as a
    /// whole (no request at all) come separately; damage inside a stream is in its findings.
    public static func requests(_ bytes: [UInt8], format: TextDumpFormat) -> (requests: [CapturedBytes], findings: [Finding]) {
        let streams: [CapturedBytes]
        switch format {
        case .tsharkFollowASCII, .tsharkFollowHex, .tsharkFollowRaw: streams = TsharkFollow.streams(bytes, format: format)
        case .tcpdumpASCII, .tcpdumpHex: streams = TcpdumpText.streams(bytes, format: format)
        case .tcpflow: streams = TcpflowDump.streams(bytes)
        case .ngrepByline: streams = NgrepDump.streams(bytes)
        case .socatText, .socatHex: streams = SocatDump.streams(bytes)
        case .pythonHTTPClient: streams = PythonHTTPClientDump.streams(bytes)
        case .requestsToolbelt: streams = ToolbeltDump.streams(bytes)
        case .httpie: streams = HTTPieText.streams(bytes)
        case .curlVerbose: streams = CurlVerboseText.streams(bytes)
        case .mitmdump: streams = MitmdumpText.streams(bytes)
        }
        // A stream without bytes only carries what was found where no request could be read.
        let requests = streams.filter { !$0.bytes.isEmpty }
        var findings = streams.filter { $0.bytes.isEmpty }.flatMap(\.findings)
        if requests.isEmpty {
            findings.append(Finding(.error, .inputEmpty, "the \(format.tool) capture holds no request from a client"))
        }
        return (requests, findings)
    }

    /// The first lines of `head` (without their LF; a CR before it is kept).
    static func firstLines(_ head: ArraySlice<UInt8>, limit: Int = headLines) -> [ArraySlice<UInt8>] {
        Array(head.split(separator: 0x0A, maxSplits: limit, omittingEmptySubsequences: false).prefix(limit))
    }

    /// Whether a line (a CR at its end allowed) is an HTTP/1.x request line.
    static func isRequestLine<C: Collection>(_ line: C) -> Bool where C.Element == UInt8 {
        Array(line).withUnsafeBufferPointer { HTTPSyntax.isRequestLine($0) }
    }

    /// Whether `bytes` start with a request line ended by LF (or by their end).
    static func startsWithRequestLine(_ bytes: ArraySlice<UInt8>) -> Bool {
        let end = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        return isRequestLine(bytes[bytes.startIndex..<min(end, bytes.startIndex + 16 * 1024)])
    }

    /// The loss of a format that prints unprintable bytes as `.`, when the rebuilt bytes hold any.
    static func dotLoss(_ tool: String, dots: Int) -> String? {
        dots == 0 ? nil : "\(tool) prints unprintable bytes as '.'; \(dots) '.' in these bytes may each stand for another byte"
    }

    /// Joins the reasons a stream's bytes may differ from what was sent into one `loss`.
    static func joinedLoss(_ reasons: [String?]) -> String? {
        var present: [String] = []
        for reason in reasons.compactMap({ $0 }) where !present.contains(reason) { present.append(reason) }
        return present.isEmpty ? nil : present.joined(separator: "; ")
    }
}

extension ArraySlice where Element == UInt8 {
    /// Whether these bytes start with `prefix`'s UTF-8 bytes.
    func hasPrefix(_ prefix: String) -> Bool { starts(with: prefix.utf8) }
}

/// The lines of a text capture: where each starts, and from a byte offset back to its line and column.
struct TextLines {
    let bytes: [UInt8]
    /// The offset of each line's first byte; a final LF opens one last, empty line.
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        self.starts = starts
    }

    var count: Int { starts.count }

    /// Line `index` (0-based), without its LF; a CR before the LF is kept.
    func range(_ index: Int) -> Range<Int> {
        starts[index]..<(index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count)
    }

    func line(_ index: Int) -> ArraySlice<UInt8> { bytes[range(index)] }

    /// Line `index` without a CR at its end.
    func content(_ index: Int) -> ArraySlice<UInt8> {
        let line = line(index)
        return line.last == 0x0D ? line.dropLast() : line
    }

    /// The 1-based line and column of a byte offset.
    func position(_ offset: Int) -> SourcePosition {
        let index = starts.lastIndex(atOrBefore: offset) { $0 }
        return SourcePosition(line: index + 1, column: offset - starts[index] + 1)
    }
}

/// Request bytes rebuilt from a text capture, each with the line and column it is printed at, and
/// what reading found: damage (as findings) and why the bytes may differ from what was sent.
struct RebuiltStream {
    private(set) var bytes: [UInt8] = []
    private var lines: [Int32] = []
    private var columns: [Int32] = []
    var findings: [Finding] = []
    /// How many rebuilt bytes are a `.` that may stand for another byte.
    var dots = 0
    /// Other reasons the bytes may differ from what was sent.
    var losses: [String] = []

    var isEmpty: Bool { bytes.isEmpty }
    var count: Int { bytes.count }

    /// One byte printed at `line`, `column`.
    mutating func append(_ byte: UInt8, line: Int, column: Int) {
        bytes.append(byte)
        lines.append(Int32(clamping: line))
        columns.append(Int32(clamping: column))
    }

    /// Bytes printed on one line from `column` on, `stride` columns apart (0: a byte the capture
    /// does not print, placed where it would stand).
    mutating func append<C: Collection>(_ run: C, line: Int, column: Int, stride: Int = 1) where C.Element == UInt8 {
        var column = column
        for byte in run {
            append(byte, line: line, column: column)
            column += stride
        }
    }

    /// The capture's own bytes `range`, printed as they are (LFs included), placed through `text`.
    mutating func appendSource(_ range: Range<Int>, in text: TextLines) {
        guard !range.isEmpty else { return }
        var position = text.position(range.lowerBound)
        for offset in range {
            let byte = text.bytes[offset]
            append(byte, line: position.line, column: position.column)
            if byte == 0x0A {
                position = SourcePosition(line: position.line + 1, column: 1)
            } else {
                position.column += 1
            }
        }
    }

    /// Another stream's bytes, each where it was printed.
    mutating func append(_ other: RebuiltStream) {
        bytes += other.bytes
        lines += other.lines
        columns += other.columns
        dots += other.dots
        losses += other.losses
        findings += other.findings
    }

    /// Where byte `index` is printed.
    func position(_ index: Int) -> SourcePosition {
        SourcePosition(line: Int(lines[index]), column: Int(columns[index]))
    }

    /// Replaces the bytes in `range` (a rewritten header value), the new ones placed from the old one's start.
    mutating func replace(_ range: Range<Int>, with new: [UInt8]) {
        let start = range.isEmpty ? (range.lowerBound > 0 ? position(range.lowerBound - 1) : SourcePosition(line: 1, column: 1))
            : position(range.lowerBound)
        bytes.replaceSubrange(range, with: new)
        lines.replaceSubrange(range, with: Array(repeating: Int32(clamping: start.line), count: new.count))
        columns.replaceSubrange(range, with: (0..<new.count).map { Int32(clamping: start.column + $0) })
    }

    /// The map from offsets to positions: runs of bytes on one line at a fixed column stride.
    func map() -> PositionMap {
        let map = PositionMap()
        var start = 0
        while start < bytes.count {
            let line = lines[start]
            var end = start + 1
            var stride: Int32 = 1
            if end < bytes.count, lines[end] == line, columns[end] >= columns[start] {
                stride = columns[end] - columns[start]
                while end < bytes.count, lines[end] == line, columns[end] - columns[end - 1] == stride { end += 1 }
            }
            map.add(start: start, line: Int(line), column: Int(columns[start]), stride: Int(stride))
            start = end
        }
        return map
    }

    /// The finished stream, with `loss` joined from what reading found and `extra` reasons.
    func captured(tool: String, extra: [String?] = []) -> CapturedBytes {
        let loss = TextDumps.joinedLoss([TextDumps.dotLoss(tool, dots: dots)] + losses.map(Optional.some) + extra)
        return CapturedBytes(bytes: bytes, map: map(), findings: findings, loss: loss)
    }
}

/// Client streams keyed by connection, kept in the order they first appear.
struct StreamTable {
    private(set) var keys: [String] = []
    private var streams: [String: RebuiltStream] = [:]

    /// The stream of `key`, changed in place (a copy per packet would make reading quadratic).
    subscript(key: String) -> RebuiltStream {
        get { streams[key] ?? RebuiltStream() }
        _modify {
            if streams[key] == nil { keys.append(key) }
            yield &streams[key, default: RebuiltStream()]
        }
    }

    func contains(_ key: String) -> Bool { streams[key] != nil }

    /// The streams in order, without the empty ones.
    var ordered: [RebuiltStream] { keys.compactMap { streams[$0] }.filter { !$0.isEmpty || !$0.findings.isEmpty } }

    /// The client streams, finished: those whose bytes start with a request line. What was found
    /// in the others comes along in a stream without bytes.
    func clients(tool: String, startsRequest: (ArraySlice<UInt8>) -> Bool = TextDumps.startsWithRequestLine) -> [CapturedBytes] {
        ordered.compactMap { stream in
            if startsRequest(stream.bytes[...]) { return stream.captured(tool: tool) }
            return stream.findings.isEmpty ? nil : CapturedBytes(bytes: [], map: PositionMap(), findings: stream.findings)
        }
    }
}

/// Damage found while reading a text capture: the finding that says where.
struct TextDumpDamage: Error {
    var finding: Finding
}
