import HookCheckModel

/// The client-to-server direction of one TCP connection, put back in sequence order.
///
/// Sequence numbers are turned into 64-bit stream offsets as they arrive (distance from the next
/// expected sequence number, as a signed 32-bit value), so 32-bit wraparound needs no special case.
/// Bytes are placed once: a retransmission is compared with what was placed and dropped; where
/// segments overlap, the bytes received first win. A hole (bytes the capture lost, or cut off by
/// the snap length) ends the current piece; after it, a new piece starts at the next packet that
/// begins an HTTP/1.x request, so a request after the hole is still read.
struct ClientStream {
    /// A segment not yet placed: a range of the stream and where its bytes are in the file.
    struct Segment {
        var start: Int
        /// The end on the wire, and the end of what the capture holds (less when the packet was cut).
        var end: Int
        var capturedEnd: Int
        /// File offset and 1-based column in its packet's payload of the byte at `start`.
        var file: Int
        var column: Int
        var frame: Int
        var arrival: Int
        var snapLength: Int
        /// The whole packet's payload: its length on the wire and the bytes captured.
        var payloadLength: Int
        var payloadCaptured: Int

        mutating func advance(to offset: Int) {
            let distance = offset - start
            start = offset
            file += distance
            column += distance
        }
    }

    /// Out-of-order segments held before a hole is given up on: about a window's worth of packets.
    static let maximumPending = 2048

    let file: [UInt8]
    private(set) var started = false
    private var nextSequence: UInt32 = 0
    private var nextOffset = 0
    /// Segments beyond `nextOffset`, by start (stable: equal starts in order of arrival).
    private var pending: [Segment] = []
    private var current: StreamPiece?
    private(set) var pieces: [StreamPiece] = []
    /// Findings no piece holds: before the first piece, or in a connection that has none.
    private(set) var orphans: [Finding] = []
    /// The packet whose first bytes were a TLS record: nothing more is kept.
    private(set) var tlsFrame: Int?
    private var firstBytesSeen = false
    private(set) var capturedBytes = 0
    private(set) var firstDataFrame: Int?
    /// The packet of the last byte placed or passed over, to name where a gap starts.
    private var lastFrame = 0
    private var snapReported: Set<Int> = []

    init(file: [UInt8]) {
        self.file = file
    }

    /// The stream starts at `sequence`: the byte after the SYN, or the first segment seen.
    mutating func start(at sequence: UInt32, frame: Int) {
        guard !started else { return }
        started = true
        nextSequence = sequence
        nextOffset = 0
        lastFrame = frame
    }

    mutating func add(_ segment: TCPSegment, _ record: PacketRecord, arrival: Int) {
        guard tlsFrame == nil else { return }
        let sequence = segment.has(TCPSegment.syn) ? segment.sequence &+ 1 : segment.sequence
        if !started { start(at: sequence, frame: record.frame) }
        // A keep-alive probe repeats the byte before the next one, often as a zero: it is not data.
        if segment.payloadLength <= 1, sequence == nextSequence &- 1 { return }
        if firstDataFrame == nil { firstDataFrame = record.frame }
        let start = nextOffset + Int(Int32(bitPattern: sequence &- nextSequence))
        let entry = Segment(start: start, end: start + segment.payloadLength, capturedEnd: start + segment.payload.count,
                            file: segment.payload.lowerBound, column: 1, frame: record.frame, arrival: arrival,
                            snapLength: record.snapLength, payloadLength: segment.payloadLength,
                            payloadCaptured: segment.payload.count)
        if entry.start > nextOffset {
            insert(entry)
            if pending.count > Self.maximumPending { skipToPending() }
        } else {
            place(entry)
            drain()
        }
    }

    /// At the end of the capture: every hole left is a gap, and so is a tail the server
    /// acknowledged (or the client's FIN follows) that the capture does not hold.
    mutating func finish(end: (sequence: UInt32, frame: Int, reason: String)?) {
        while tlsFrame == nil, !pending.isEmpty { skipToPending() }
        if tlsFrame == nil, started, let end {
            let missing = Int(Int32(bitPattern: end.sequence &- nextSequence))
            if missing > 0 {
                let message = "the last \(byteCountPhrase(missing)) the client sent (\(end.reason)) are not in the capture; "
                    + "the stream ends after packet \(lastFrame)"
                note(Finding(.captureTCPGap, message, at: SourcePosition(line: end.frame, column: 1)),
                     StreamLoss(gapLost: missing, gapFrames: [lastFrame]))
            }
        }
        endPiece()
    }

    // MARK: Placing bytes

    private mutating func place(_ segment: Segment) {
        var segment = segment
        lastFrame = segment.frame
        if segment.start < nextOffset {
            compareOverlap(segment)
            guard segment.end > nextOffset else { return }
            segment.advance(to: nextOffset)
        }
        // Bytes an earlier packet brought for a later part of this range win: first received.
        var limit = segment.end
        for waiting in pending {
            if waiting.start >= limit { break }
            if waiting.start > segment.start, waiting.arrival < segment.arrival {
                limit = waiting.start
                break
            }
        }
        if limit < segment.end {
            var rest = segment
            rest.advance(to: limit)
            insert(rest)
        }
        let capturedEnd = max(segment.start, min(limit, segment.capturedEnd))
        if capturedEnd > segment.start {
            append(segment.file..<segment.file + (capturedEnd - segment.start), frame: segment.frame, column: segment.column)
        }
        advance(to: capturedEnd)
        if limit > capturedEnd {
            snapHole(segment, missing: limit - capturedEnd)
            advance(to: limit)
        }
    }

    private mutating func append(_ range: Range<Int>, frame: Int, column: Int) {
        capturedBytes += range.count
        if !firstBytesSeen {
            firstBytesSeen = true
            if StreamStart.isTLSRecord(file, range) {
                tlsFrame = frame
                pending = []
                return
            }
        }
        if current == nil {
            // After a hole (or at the start) a piece begins only where a request does.
            guard StreamStart.isRequest(file, range) else { return }
            current = StreamPiece(start: nextOffset, firstFrame: frame)
        }
        current?.map.add(start: current?.bytes.count ?? 0, line: frame, column: column)
        current?.bytes.append(contentsOf: file[range])
    }

    private mutating func advance(to offset: Int) {
        nextSequence = nextSequence &+ UInt32(truncatingIfNeeded: offset - nextOffset)
        nextOffset = offset
    }

    /// Places the pending segments that now touch the stream; where several do, the first received.
    private mutating func drain() {
        while tlsFrame == nil, let first = pending.first, first.start <= nextOffset {
            var chosen = 0
            var index = 1
            while index < pending.count, pending[index].start <= nextOffset {
                if pending[index].arrival < pending[chosen].arrival { chosen = index }
                index += 1
            }
            place(pending.remove(at: chosen))
        }
    }

    private mutating func insert(_ segment: Segment) {
        var low = 0
        var high = pending.count
        while low < high {
            let middle = (low + high) / 2
            if pending[middle].start <= segment.start { low = middle + 1 } else { high = middle }
        }
        pending.insert(segment, at: low)
    }

    // MARK: Holes and overlaps

    /// The bytes before the first pending segment are lost: a gap, then reading goes on after it.
    private mutating func skipToPending() {
        if let first = pending.first, first.start > nextOffset {
            let missing = first.start - nextOffset
            let message = "\(byteCountPhrase(missing)) the client sent between packets \(lastFrame) and \(first.frame) are not in "
                + "the capture; reading resumes at the next packet that starts a request"
            note(Finding(.captureTCPGap, message, at: SourcePosition(line: first.frame, column: 1)),
                 StreamLoss(gapLost: missing, gapFrames: [lastFrame]))
            endPiece()
            advance(to: first.start)
        }
        drain()
    }

    /// Bytes of a packet the snap length cut off.
    private mutating func snapHole(_ segment: Segment, missing: Int) {
        if snapReported.insert(segment.frame).inserted {
            let lost = segment.payloadLength - segment.payloadCaptured
            let message = "packet \(segment.frame) was cut \(PacketCapture.snapPhrase(segment.snapLength)): "
                + "\(lost == segment.payloadLength ? "all" : groupedDigits(lost)) of its \(groupedDigits(segment.payloadLength)) "
                + "TCP payload bytes are not in the capture"
            note(Finding(.captureSnaplen, message, at: SourcePosition(line: segment.frame, column: segment.payloadCaptured + 1)),
                 StreamLoss(snapFrames: [segment.frame], snapLength: segment.snapLength, snapLost: lost))
        }
        endPiece()
    }

    /// A segment that resends placed bytes: different content is worth a finding.
    private mutating func compareOverlap(_ segment: Segment) {
        guard let piece = current else { return }
        let from = max(segment.start, piece.start)
        let to = min(segment.capturedEnd, nextOffset)
        guard from < to else { return }
        var index = from
        while index < to, file[segment.file + (index - segment.start)] == piece.bytes[index - piece.start] { index += 1 }
        guard index < to else { return }
        let first = piece.map.position(index - piece.start).line
        let message = "packet \(segment.frame) resends bytes packet \(first) brought, with different content; "
            + "the bytes received first are kept"
        note(Finding(.captureTCPOverlap, message, at: SourcePosition(line: segment.frame, column: segment.column + (index - segment.start))),
             StreamLoss(overlapFrames: [segment.frame]))
    }

    /// A finding for the piece the loss cuts short: the current one, else the last one ended.
    private mutating func note(_ finding: Finding, _ loss: StreamLoss) {
        if current != nil {
            current?.findings.append(finding)
            current?.loss.merge(loss)
        } else if !pieces.isEmpty {
            pieces[pieces.count - 1].findings.append(finding)
            pieces[pieces.count - 1].loss.merge(loss)
        } else {
            orphans.append(finding)
        }
    }

    private mutating func endPiece() {
        if let piece = current { pieces.append(piece) }
        current = nil
    }
}

/// A run of contiguous client bytes that begins with a request.
struct StreamPiece {
    var bytes: [UInt8] = []
    let map = PositionMap()
    var findings: [Finding] = []
    var loss = StreamLoss()
    /// Stream offset of `bytes[0]`.
    let start: Int
    let firstFrame: Int

    init(start: Int, firstFrame: Int) {
        self.start = start
        self.firstFrame = firstFrame
    }
}

/// What a piece is missing, for `CapturedBytes.loss`.
struct StreamLoss {
    var snapFrames: [Int] = []
    var snapLength = 0
    var snapLost = 0
    var gapLost = 0
    var gapFrames: [Int] = []
    var overlapFrames: [Int] = []

    mutating func merge(_ other: StreamLoss) {
        snapFrames += other.snapFrames
        snapLength = max(snapLength, other.snapLength)
        snapLost += other.snapLost
        gapLost += other.gapLost
        gapFrames += other.gapFrames
        overlapFrames += other.overlapFrames
    }

    /// "packet 7 was cut to the 64-byte snap length; 1,203 bytes of the request are not in the capture"
    var sentence: String? {
        var parts: [String] = []
        if !snapFrames.isEmpty {
            parts.append("\(Self.packets(snapFrames)) \(snapFrames.count == 1 ? "was" : "were") cut "
                         + "\(PacketCapture.snapPhrase(snapLength)); \(byteCountPhrase(snapLost)) of the request are not in the capture")
        }
        if gapLost > 0 {
            parts.append("\(byteCountPhrase(gapLost)) the client sent after \(Self.packets(gapFrames)) are not in the capture")
        }
        if !overlapFrames.isEmpty {
            parts.append("\(Self.packets(overlapFrames)) resent bytes with different content; the server may have read those")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// `packet 7`, `packets 4 and 6`, `packets 4, 6, 8, 10, 12 and 3 more`.
    static func packets(_ frames: [Int]) -> String {
        guard frames.count > 1 else { return "packet \(frames.first ?? 0)" }
        let shown = frames.prefix(5).map(String.init)
        if frames.count > 5 { return "packets " + shown.joined(separator: ", ") + " and \(frames.count - 5) more" }
        return "packets " + shown.dropLast().joined(separator: ", ") + " and " + (shown.last ?? "")
    }
}
