import HookCheckModel

/// Packet captures (`tcpdump -w`, `tshark -w`, Wireshark; libpcap and pcapng files): every TCP
/// connection's client-to-server bytes, rebuilt by sequence number, with each byte placed at its
/// packet (line = frame number, as Wireshark numbers them; column = 1 + offset in the TCP payload).
public enum PacketCapture {
    /// Whether the bytes start like a libpcap file (either byte order, micro- or nanosecond
    /// stamps) or a pcapng file (a section header block with its byte-order magic).
    public static func isPacketCapture(_ bytes: some Collection<UInt8>) -> Bool {
        kind(Array(bytes.prefix(12))) != nil
    }

    /// The client-to-server stream of every TCP connection in the capture, in order of each
    /// connection's first packet, and what reading the file found about it as a whole.
    public static func clientStreams(_ bytes: [UInt8]) -> PacketCaptureResult {
        var records = PacketRecordReader(bytes)
        var reassembly = TCPReassembly(file: bytes)
        var findings: [Finding] = []
        var unreadable: [UInt32: (first: Int, count: Int)] = [:]
        var linkOrder: [UInt32] = []
        var headersCut: (first: Int, count: Int, snapLength: Int)?
        while let record = records.next() {
            switch PacketHeaders.decode(bytes, record) {
            case .segment(let segment):
                reassembly.add(segment, record)
            case .fragment:
                findings.append(Finding(.captureFragment,
                    "packet \(record.frame) is a fragment of an IP datagram; fragments are not reassembled, so its TCP bytes are skipped",
                    at: SourcePosition(line: record.frame, column: 1)))
            case .headersCut:
                let seen = headersCut ?? (record.frame, 0, record.snapLength)
                headersCut = (seen.first, seen.count + 1, seen.snapLength)
            case .unsupportedLink:
                if unreadable[record.linkType] == nil { linkOrder.append(record.linkType) }
                let seen = unreadable[record.linkType] ?? (record.frame, 0)
                unreadable[record.linkType] = (seen.first, seen.count + 1)
            case .other:
                break
            }
        }
        for linkType in linkOrder {
            guard let seen = unreadable[linkType] else { continue }
            findings.append(Finding(.captureLinkType,
                "\(seen.count) packet\(seen.count == 1 ? "" : "s") of link type \(linkType) skipped, from packet \(seen.first) on: "
                    + "only Ethernet, BSD loopback, raw IP and Linux cooked (v1, v2) packets are read",
                at: SourcePosition(line: seen.first, column: 1)))
        }
        if let cut = headersCut {
            findings.append(Finding(.captureSnaplen,
                "\(cut.count) packet\(cut.count == 1 ? " was" : "s were") cut \(snapPhrase(cut.snapLength)) before the end of "
                    + "\(cut.count == 1 ? "its" : "their") TCP header, from packet \(cut.first) on; their bytes cannot be placed",
                at: SourcePosition(line: cut.first, column: 1)))
        }
        let reassembled = reassembly.finish()
        return PacketCaptureResult(streams: reassembled.streams, endpoints: reassembled.endpoints,
                                   findings: findings + reassembled.findings + records.findings)
    }

    /// `to the 64-byte snap length`, or `short` when the file does not say what it was.
    static func snapPhrase(_ snapLength: Int) -> String {
        snapLength > 0 && snapLength < PacketRecordReader.maximumPacket ? "to the \(snapLength)-byte snap length" : "short"
    }

    /// pcapng's section header block type, a palindrome so that either byte order reads it.
    static let sectionHeaderBlock: UInt32 = 0x0A0D_0D0A

    enum FileKind: Equatable {
        case pcap(littleEndian: Bool)
        case pcapng(littleEndian: Bool)
    }

    /// The format and byte order the first 12 bytes announce.
    static func kind(_ head: [UInt8]) -> FileKind? {
        guard head.count >= 4 else { return nil }
        switch (head[0], head[1], head[2], head[3]) {
        case (0xA1, 0xB2, 0xC3, 0xD4), (0xA1, 0xB2, 0x3C, 0x4D): return .pcap(littleEndian: false)
        case (0xD4, 0xC3, 0xB2, 0xA1), (0x4D, 0x3C, 0xB2, 0xA1): return .pcap(littleEndian: true)
        case (0x0A, 0x0D, 0x0D, 0x0A):
            guard head.count >= 12 else { return nil }
            switch (head[8], head[9], head[10], head[11]) {
            case (0x1A, 0x2B, 0x3C, 0x4D): return .pcapng(littleEndian: false)
            case (0x4D, 0x3C, 0x2B, 0x1A): return .pcapng(littleEndian: true)
            default: return nil
            }
        default: return nil
        }
    }
}

/// What a packet capture holds: the client streams and what was found about the file.
public struct PacketCaptureResult {
    /// One per TCP connection that carries HTTP/1.x requests, client to server only, in order of
    /// the connection's first packet; a connection with a gap gives one more after each gap at
    /// which a new request starts.
    public var streams: [CapturedBytes]
    /// For each of `streams`, at the same index, the connection it came from.
    public var endpoints: [TCPEndpoints]
    /// About the file as a whole (damage, skipped link types, fragments) and about connections
    /// that gave no stream (TLS, other protocols, packets cut before their payload).
    public var findings: [Finding]
}

/// The two ends of the TCP connection a stream came from, to name the requests read from it.
public struct TCPEndpoints: Sendable, Equatable, CustomStringConvertible {
    /// 0-based number of the connection in order of its first packet (tshark's `tcp.stream`).
    public var connection: Int
    /// The side that opened the connection: `127.0.0.1:54321`, `[::1]:54321`.
    public var client: String
    /// The side that accepted it: `127.0.0.1:8089`.
    public var server: String
    /// The frame number of the stream's first byte.
    public var firstPacket: Int

    /// `127.0.0.1:54321 → 127.0.0.1:8089`.
    public var description: String { "\(client) → \(server)" }
}
