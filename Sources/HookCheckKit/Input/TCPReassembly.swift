import HookCheckModel

/// A TCP connection's key: its two endpoints in a fixed order, so both directions find it.
struct ConnectionKey: Hashable {
    var low: TCPEndpoint
    var high: TCPEndpoint

    init(_ one: TCPEndpoint, _ other: TCPEndpoint) {
        (low, high) = one < other ? (one, other) : (other, one)
    }
}

/// Rebuilds what the client of each TCP connection sent, from the segments of a capture in file
/// order. Only the client direction's bytes are kept, and out-of-order segments are held as ranges
/// of the file, not copied, until the bytes before them arrive.
struct TCPReassembly {
    private let file: [UInt8]
    private var connections: [TCPConnection] = []
    /// The connection each key stands for now (a later SYN on the same ports opens a new one).
    private var current: [ConnectionKey: Int] = [:]
    private var arrivals = 0

    init(file: [UInt8]) {
        self.file = file
    }

    mutating func add(_ segment: TCPSegment, _ record: PacketRecord) {
        let key = ConnectionKey(segment.source, segment.destination)
        var index = current[key]
        if let existing = index, connections[existing].isReopened(by: segment) { index = nil }
        if index == nil {
            index = connections.count
            current[key] = connections.count
            connections.append(TCPConnection(number: connections.count, file: file))
        }
        arrivals += 1
        if let index { connections[index].add(segment, record, arrival: arrivals) }
    }

    /// Every connection's streams in order, and the findings no stream holds.
    mutating func finish() -> (streams: [CapturedBytes], endpoints: [TCPEndpoints], findings: [Finding]) {
        var streams: [CapturedBytes] = []
        var endpoints: [TCPEndpoints] = []
        var findings: [Finding] = []
        for index in connections.indices {
            let result = connections[index].finish()
            streams += result.streams
            endpoints += result.endpoints
            findings += result.findings
        }
        return (streams, endpoints, findings)
    }
}

/// One TCP connection: which side is the client, and the client's stream.
struct TCPConnection {
    let number: Int
    private var client: TCPEndpoint?
    private var server: TCPEndpoint?
    private var clientISN: UInt32?
    private var sawData = false
    private var closed = false
    private var stream: ClientStream
    /// The highest acknowledgment the server sent, and its packet: the end of what the client sent.
    private var serverAck: (sequence: UInt32, frame: Int)?
    /// The sequence number of the client's FIN, and its packet.
    private var clientFin: (sequence: UInt32, frame: Int)?

    init(number: Int, file: [UInt8]) {
        self.number = number
        stream = ClientStream(file: file)
    }

    /// Whether a SYN opens a new connection on these ports rather than repeating this one's.
    func isReopened(by segment: TCPSegment) -> Bool {
        guard segment.has(TCPSegment.syn), !segment.has(TCPSegment.ack) else { return false }
        return clientISN.map { $0 != segment.sequence } ?? (sawData || closed)
    }

    mutating func add(_ segment: TCPSegment, _ record: PacketRecord, arrival: Int) {
        if segment.has(TCPSegment.syn) {
            // The SYN's sender is the client; a SYN/ACK's receiver is.
            let opening = !segment.has(TCPSegment.ack)
            if client == nil || opening {
                client = opening ? segment.source : segment.destination
                server = opening ? segment.destination : segment.source
            }
            if opening { clientISN = segment.sequence }
            stream.start(at: opening ? segment.sequence &+ 1 : segment.acknowledgment, frame: record.frame)
        }
        if segment.has(TCPSegment.fin) || segment.has(TCPSegment.rst) { closed = true }
        if client == nil, segment.payloadLength > 0 { guessClient(segment) }
        guard let client else { return }
        if segment.source == client {
            if segment.payloadLength > 0 {
                sawData = true
                stream.add(segment, record, arrival: arrival)
            }
            if segment.has(TCPSegment.fin) {
                let data = segment.has(TCPSegment.syn) ? segment.sequence &+ 1 : segment.sequence
                clientFin = (data &+ UInt32(truncatingIfNeeded: segment.payloadLength), record.frame)
            }
        } else if segment.has(TCPSegment.ack), stream.started {
            if let seen = serverAck, Int32(bitPattern: segment.acknowledgment &- seen.sequence) <= 0 { return }
            serverAck = (segment.acknowledgment, record.frame)
        }
    }

    /// Without a handshake in the capture, the first payload says who is who: a request line or a
    /// TLS ClientHello comes from the client, a status line from the server.
    private mutating func guessClient(_ segment: TCPSegment) {
        let sender: TCPEndpoint?
        if StreamStart.isRequest(stream.file, segment.payload) || StreamStart.isClientHello(stream.file, segment.payload) {
            sender = segment.source
        } else if StreamStart.isResponse(stream.file, segment.payload) {
            sender = segment.destination
        } else if StreamStart.isTLSRecord(stream.file, segment.payload) {
            // Encrypted in mid-connection: the client is most likely the side on the ephemeral (higher) port.
            sender = segment.source.port > segment.destination.port ? segment.source : segment.destination
        } else {
            sender = nil
        }
        guard let sender else { return }
        client = sender
        server = sender == segment.source ? segment.destination : segment.source
    }

    /// The connection's streams, and its findings when it gives none.
    mutating func finish() -> (streams: [CapturedBytes], endpoints: [TCPEndpoints], findings: [Finding]) {
        guard let client, let server else { return ([], [], []) }
        let end = clientFin.map { ($0.sequence, $0.frame, "before its FIN in packet \($0.frame)") }
            ?? serverAck.map { ($0.sequence, $0.frame, "acknowledged by the server in packet \($0.frame)") }
        stream.finish(end: end)
        var findings = stream.orphans
        if let frame = stream.tlsFrame {
            findings.append(Finding(.captureTLS,
                "encrypted traffic on port \(server.port) between \(client.text) and \(server.text) skipped: TLS cannot be read without its keys",
                at: SourcePosition(line: frame, column: 1)))
        } else if stream.pieces.isEmpty, stream.capturedBytes > 0, let frame = stream.firstDataFrame {
            findings.append(Finding(.captureNotHTTP,
                "the client \(client.text) sent \(byteCountPhrase(stream.capturedBytes)) to \(server.text) from packet \(frame) on, "
                    + "and no packet starts an HTTP/1.x request: another protocol, or a capture that began in the middle of a request",
                at: SourcePosition(line: frame, column: 1)))
        }
        let streams = stream.pieces.map { CapturedBytes(bytes: $0.bytes, map: $0.map, findings: $0.findings, loss: $0.loss.sentence) }
        let endpoints = stream.pieces.map {
            TCPEndpoints(connection: number, client: client.text, server: server.text, firstPacket: $0.firstFrame)
        }
        return (streams, endpoints, findings)
    }
}

/// What the first bytes of a packet's payload announce.
enum StreamStart {
    /// An HTTP/1.x request line, or, when the packet ends before the line does, its beginning.
    static func isRequest(_ file: [UInt8], _ payload: Range<Int>) -> Bool {
        guard !payload.isEmpty else { return false }
        let window = payload.lowerBound..<min(payload.upperBound, payload.lowerBound + 16 * 1024)
        if let lineFeed = file[window].firstIndex(of: 0x0A) {
            return file.withUnsafeBufferPointer { HTTPSyntax.isRequestLine(UnsafeBufferPointer(rebasing: $0[window.lowerBound..<lineFeed])) }
        }
        var index = window.lowerBound
        while index < window.upperBound, file[index] &- UInt8(ascii: "A") < 26 || file[index] == UInt8(ascii: "-") { index += 1 }
        guard index > window.lowerBound else { return false }
        guard index < window.upperBound else { return true }
        return file[index] == 0x20 && file[index..<window.upperBound].allSatisfy { $0 &- 0x20 < 0x5F || $0 == 0x0D }
    }

    /// `HTTP/` and a digit: a status line.
    static func isResponse(_ file: [UInt8], _ payload: Range<Int>) -> Bool {
        payload.count >= 6 && file[payload.lowerBound..<payload.lowerBound + 5].elementsEqual("HTTP/".utf8)
            && ASCII.isDigit(file[payload.lowerBound + 5])
    }

    /// A TLS record header: content type 20-23, version 3.x.
    static func isTLSRecord(_ file: [UInt8], _ payload: Range<Int>) -> Bool {
        guard payload.count >= 3 else { return false }
        let start = payload.lowerBound
        return file[start] &- 0x14 < 4 && file[start + 1] == 0x03 && file[start + 2] <= 0x04
    }

    /// A TLS handshake record holding a ClientHello.
    static func isClientHello(_ file: [UInt8], _ payload: Range<Int>) -> Bool {
        isTLSRecord(file, payload) && file[payload.lowerBound] == 0x16
            && (payload.count < 6 || file[payload.lowerBound + 5] == 0x01)
    }
}
