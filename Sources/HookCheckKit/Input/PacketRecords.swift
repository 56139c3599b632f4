import HookCheckModel

/// One packet record of a capture file: which frame it is and where its bytes are.
struct PacketRecord {
    /// 1-based, counting every packet record of the file, as Wireshark and tshark number frames.
    var frame: Int
    var linkType: UInt32
    /// The captured bytes, as a range of the file.
    var data: Range<Int>
    /// The packet's length on the wire; more than `data.count` when the snap length cut it.
    var originalLength: Int
    /// The snap length the packet was captured with; 0 when the file does not say.
    var snapLength: Int
}

/// Reads the packet records of a libpcap file (either byte order, micro- or nanosecond stamps) or
/// a pcapng file (any number of sections and interfaces, either byte order), one at a time.
/// Damage becomes a finding and ends the reading; every complete record before it is still read.
///
/// A capture file is binary, so a finding about the file itself is placed at line 1, column =
/// byte offset + 1: the offset a hex editor shows, where a line count would mean nothing.
struct PacketRecordReader {
    /// tcpdump's default snap length: no tool writes a longer packet.
    static let maximumPacket = 256 * 1024
    /// A pcapng block longer than this that runs past the end of the file is damage, not a cut.
    static let maximumBlock = 16 * 1024 * 1024

    private enum Format {
        case pcap(IntegerReader, linkType: UInt32, snapLength: Int)
        case pcapng(IntegerReader)
        case finished
    }

    private let bytes: [UInt8]
    private var format = Format.finished
    private var offset = 0
    /// The interfaces of the current pcapng section, in the order their blocks came.
    private var interfaces: [(linkType: UInt32, snapLength: Int)] = []
    private(set) var frame = 0
    private(set) var findings: [Finding] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let prefix = Array(bytes.prefix(12))
        guard let kind = PacketCapture.kind(prefix) else {
            let shown = prefix.prefix(4).map(ASCII.hex2).joined()
            damaged(at: 0, "not a libpcap or pcapng file: it starts with \(shown.isEmpty ? "nothing" : "0x" + shown)")
            return
        }
        switch kind {
        case .pcapng:
            format = .pcapng(IntegerReader(bytes: bytes, littleEndian: true))
        case .pcap(let littleEndian):
            guard bytes.count >= 24 else {
                cut(at: 0, "the file ends inside its 24-byte libpcap header")
                return
            }
            let reader = IntegerReader(bytes: bytes, littleEndian: littleEndian)
            // The link type's upper bits carry FCS information; the type is the low 16.
            format = .pcap(reader, linkType: reader.u32(20) & 0xFFFF, snapLength: Int(reader.u32(16)))
            offset = 24
        }
    }

    /// The next packet record, or nil at the end of the file or at damage.
    mutating func next() -> PacketRecord? {
        switch format {
        case .pcap(let reader, let linkType, let snapLength): nextPcap(reader, linkType, snapLength)
        case .pcapng: nextPcapng()
        case .finished: nil
        }
    }

    private mutating func nextPcap(_ reader: IntegerReader, _ linkType: UInt32, _ snapLength: Int) -> PacketRecord? {
        let remaining = bytes.count - offset
        guard remaining > 0 else { return finish() }
        frame += 1
        guard remaining >= 16 else {
            return cut(at: offset, "the file ends inside the record header of packet \(frame) (\(remaining) of its 16 bytes)")
        }
        let captured = Int(reader.u32(offset + 8))
        let original = Int(reader.u32(offset + 12))
        guard captured <= Self.maximumPacket else {
            return damaged(at: offset + 8, "packet \(frame)'s record claims \(byteCountPhrase(captured)), more than any capture "
                           + "tool writes (256 KiB): the file is damaged from here")
        }
        guard captured <= remaining - 16 else {
            return cut(at: offset, "the file ends inside packet \(frame): \(remaining - 16) of its \(byteCountPhrase(captured)) are present")
        }
        let data = offset + 16..<offset + 16 + captured
        offset = data.upperBound
        return PacketRecord(frame: frame, linkType: linkType, data: data, originalLength: original, snapLength: snapLength)
    }

    private mutating func nextPcapng() -> PacketRecord? {
        while case .pcapng(var reader) = format {
            let start = offset
            let remaining = bytes.count - start
            guard remaining > 0 else { return finish() }
            guard remaining >= 12 else {
                return cut(at: start, "the file ends inside a block header (\(remaining) of at least 12 bytes)")
            }
            let type = reader.u32(start)
            if type == PacketCapture.sectionHeaderBlock {
                // The byte-order magic decides how this section, its own length included, is read.
                guard let kind = PacketCapture.kind(Array(bytes[start..<start + 12])), case .pcapng(let little) = kind else {
                    return damaged(at: start + 8, "a section header block with an unknown byte-order magic")
                }
                reader = IntegerReader(bytes: bytes, littleEndian: little)
                format = .pcapng(reader)
                interfaces = []
            }
            let length = Int(reader.u32(start + 4))
            guard length >= 12, length % 4 == 0 else {
                return damaged(at: start + 4, "a block of length \(length): pcapng blocks are at least 12 bytes and a multiple of 4")
            }
            guard length <= remaining else {
                if length > Self.maximumBlock {
                    return damaged(at: start + 4, "a block claims \(byteCountPhrase(length)), more than the file holds: the file is damaged from here")
                }
                if Self.isPacketBlock(type) { frame += 1 }
                return cut(at: start, "the file ends inside \(Self.isPacketBlock(type) ? "packet \(frame)" : "a block"): "
                           + "\(remaining) of its \(byteCountPhrase(length)) are present")
            }
            guard Int(reader.u32(start + length - 4)) == length else {
                return damaged(at: start + length - 4, "a block's trailing length differs from its leading length (\(length))")
            }
            offset = start + length
            let body = start + 8..<start + length - 4
            if let record = block(type, body, reader) { return record }
        }
        return nil
    }

    private static func isPacketBlock(_ type: UInt32) -> Bool { type == 2 || type == 3 || type == 6 }

    /// The record a well-framed block holds, if it is a packet block (others are taken in or skipped).
    private mutating func block(_ type: UInt32, _ body: Range<Int>, _ reader: IntegerReader) -> PacketRecord? {
        let at = body.lowerBound
        switch type {
        case PacketCapture.sectionHeaderBlock:
            if body.count < 16 { return damaged(at: at - 8, "a section header block too short for its fields") }
            return nil
        case 1:
            // Interface description: link type, reserved, snap length.
            guard body.count >= 8 else { return damaged(at: at - 8, "an interface description block too short for its fields") }
            interfaces.append((UInt32(reader.u16(at)), Int(reader.u32(at + 4))))
            return nil
        case 6:
            // Enhanced packet: interface, timestamp (2 words), captured length, original length, data.
            frame += 1
            guard body.count >= 20 else { return skipPacket(at: at - 8, "its block is too short for its fields") }
            return packet(interface: Int(reader.u32(at)), captured: Int(reader.u32(at + 12)),
                          original: Int(reader.u32(at + 16)), data: at + 20, room: body.count - 20, block: at - 8)
        case 3:
            // Simple packet: original length, then data cut to interface 0's snap length.
            frame += 1
            guard body.count >= 4, let first = interfaces.first else {
                return skipPacket(at: at - 8, "a simple packet block needs interface 0 and its length")
            }
            let original = Int(reader.u32(at))
            let captured = min(original, body.count - 4, first.snapLength > 0 ? first.snapLength : Int.max)
            return packet(interface: 0, captured: captured, original: original, data: at + 4, room: body.count - 4, block: at - 8)
        case 2:
            // Obsolete packet block: a 16-bit interface id and a drop count in place of the 32-bit id.
            frame += 1
            guard body.count >= 20 else { return skipPacket(at: at - 8, "its block is too short for its fields") }
            return packet(interface: Int(reader.u16(at)), captured: Int(reader.u32(at + 12)),
                          original: Int(reader.u32(at + 16)), data: at + 20, room: body.count - 20, block: at - 8)
        default:
            // Name resolution, statistics, secrets, custom blocks: nothing of the packets' bytes.
            return nil
        }
    }

    private mutating func packet(interface: Int, captured: Int, original: Int, data: Int, room: Int, block: Int) -> PacketRecord? {
        guard interface < interfaces.count else {
            return skipPacket(at: block, "it names interface \(interface), which no interface description block declares")
        }
        guard captured <= room, captured <= Self.maximumPacket else {
            return skipPacket(at: block, "it claims \(byteCountPhrase(captured)) captured, more than its block holds")
        }
        let description = interfaces[interface]
        return PacketRecord(frame: frame, linkType: description.linkType, data: data..<data + captured,
                            originalLength: original, snapLength: description.snapLength)
    }

    /// A packet block whose framing is sound but whose fields are not: it is skipped (nil: the
    /// caller's loop goes on to the next block), the rest read.
    private mutating func skipPacket(at offset: Int, _ reason: String) -> PacketRecord? {
        findings.append(Finding(.captureMalformed, "packet \(frame) is skipped: \(reason)", at: Self.position(offset)))
        return nil
    }

    @discardableResult
    private mutating func damaged(at offset: Int, _ message: String) -> PacketRecord? {
        findings.append(Finding(.captureMalformed, message, at: Self.position(offset)))
        return finish()
    }

    @discardableResult
    private mutating func cut(at offset: Int, _ message: String) -> PacketRecord? {
        findings.append(Finding(.captureTruncatedFile, message + "; the packets before it are read", at: Self.position(offset)))
        return finish()
    }

    private mutating func finish() -> PacketRecord? {
        format = .finished
        return nil
    }

    /// A byte offset of the file as a position: line 1, the offset + 1 as the column.
    static func position(_ offset: Int) -> SourcePosition {
        SourcePosition(line: 1, column: offset + 1)
    }
}

/// `1 byte`, `1,203 bytes`: a count of bytes in a message.
func byteCountPhrase(_ count: Int) -> String {
    groupedDigits(count) + (count == 1 ? " byte" : " bytes")
}

/// `1,203`: a count in a message, its digits grouped by thousands.
func groupedDigits(_ count: Int) -> String {
    var digits = String(count.magnitude)
    var grouped = ""
    while digits.count > 3 {
        grouped = "," + digits.suffix(3) + grouped
        digits.removeLast(3)
    }
    return (count < 0 ? "-" : "") + digits + grouped
}
