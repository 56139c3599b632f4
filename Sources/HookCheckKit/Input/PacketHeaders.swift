import HookCheckModel

/// Unsigned integers read from a capture's bytes in either byte order. Callers check the bounds
/// first: capture files are binary and every length in them is untrusted.
struct IntegerReader {
    let bytes: [UInt8]
    let littleEndian: Bool

    @inline(__always)
    func u16(_ offset: Int) -> UInt16 {
        let first = UInt16(bytes[offset])
        let second = UInt16(bytes[offset + 1])
        return littleEndian ? second << 8 | first : first << 8 | second
    }

    @inline(__always)
    func u32(_ offset: Int) -> UInt32 {
        let high = UInt32(u16(offset))
        let low = UInt32(u16(offset + 2))
        return littleEndian ? low << 16 | high : high << 16 | low
    }
}

/// An IPv4 or IPv6 address as two 64-bit halves (IPv4 in the low 32 bits): cheap to hash and order.
struct IPAddress: Hashable, Comparable {
    var high: UInt64
    var low: UInt64
    var isIPv6: Bool

    static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        (lhs.isIPv6 ? 1 : 0, lhs.high, lhs.low) < (rhs.isIPv6 ? 1 : 0, rhs.high, rhs.low)
    }

    /// Dotted quad, or RFC 5952 text (lower-case hex, the longest run of zero groups as `::`).
    var text: String {
        guard isIPv6 else {
            return [24, 16, 8, 0].map { String(UInt8(truncatingIfNeeded: low >> UInt64($0))) }.joined(separator: ".")
        }
        let groups = (0..<8).map { index -> UInt16 in
            let half = index < 4 ? high : low
            return UInt16(truncatingIfNeeded: half >> UInt64(48 - 16 * (index % 4)))
        }
        var best = (start: -1, count: 0)
        var run = (start: -1, count: 0)
        for (index, group) in groups.enumerated() {
            if group == 0 {
                run = run.count == 0 ? (index, 1) : (run.start, run.count + 1)
                if run.count > best.count { best = run }
            } else {
                run = (-1, 0)
            }
        }
        func hex(_ range: Range<Int>) -> String { groups[range].map { String($0, radix: 16) }.joined(separator: ":") }
        guard best.count >= 2 else { return hex(0..<8) }
        return hex(0..<best.start) + "::" + hex(best.start + best.count..<8)
    }
}

/// One end of a TCP connection.
struct TCPEndpoint: Hashable, Comparable {
    var address: IPAddress
    var port: UInt16

    static func < (lhs: TCPEndpoint, rhs: TCPEndpoint) -> Bool {
        lhs.address != rhs.address ? lhs.address < rhs.address : lhs.port < rhs.port
    }

    /// `127.0.0.1:8089`, `[::1]:8089`.
    var text: String { address.isIPv6 ? "[\(address.text)]:\(port)" : "\(address.text):\(port)" }
}

/// The TCP part of one captured packet: who sent it, where its bytes go in the stream, and where
/// its payload lies in the capture file.
struct TCPSegment {
    var source: TCPEndpoint
    var destination: TCPEndpoint
    var sequence: UInt32
    var acknowledgment: UInt32
    var flags: UInt8
    /// The payload bytes the capture holds, as a range of the file.
    var payload: Range<Int>
    /// The payload's length on the wire: more than `payload.count` when the packet was cut.
    var payloadLength: Int

    static let fin: UInt8 = 0x01
    static let syn: UInt8 = 0x02
    static let rst: UInt8 = 0x04
    static let ack: UInt8 = 0x10

    func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
}

/// What one packet record holds, as far as reading TCP goes.
enum DecodedPacket {
    case segment(TCPSegment)
    /// A fragment of an IP datagram that carries TCP.
    case fragment
    /// TCP over IP, cut by the snap length before the TCP header's flags and data offset.
    case headersCut
    /// A link type this reader does not know.
    case unsupportedLink
    /// Anything else: ARP, UDP, ICMP, headers that make no sense.
    case other
}

/// Link layer, IPv4/IPv6 and TCP headers (RFC 791, 8200, 9293), read in place from the file.
enum PacketHeaders {
    private static let ipv4: UInt16 = 0x0800
    private static let ipv6: UInt16 = 0x86DD
    /// 802.1Q, 802.1ad and the older QinQ tag: 4 bytes each before the real EtherType.
    private static let vlanTags: Set<UInt16> = [0x8100, 0x88A8, 0x9100]
    /// AF_INET (2) and the AF_INET6 values of Linux, Windows, NetBSD/OpenBSD, FreeBSD and macOS.
    private static let loopbackFamilies: Set<UInt32> = [2, 10, 23, 24, 28, 30]

    /// Link types this reader knows (LINKTYPE_ values of the tcpdump.org registry).
    static func isSupported(linkType: UInt32) -> Bool {
        [0, 1, 12, 14, 101, 113, 228, 229, 276].contains(linkType)
    }

    static func decode(_ file: [UInt8], _ record: PacketRecord) -> DecodedPacket {
        let network = IntegerReader(bytes: file, littleEndian: false)
        let start = record.data.lowerBound
        let end = record.data.upperBound
        // Where the packet would end had it been captured whole (beyond the file when it was cut).
        let wireEnd = start + max(record.originalLength, record.data.count)
        let cut = record.data.count < record.originalLength
        var offset: Int
        var etherType: UInt16?
        switch record.linkType {
        case 1:
            guard end - start >= 14 else { return .other }
            offset = start + 14
            etherType = network.u16(start + 12)
        case 0:
            // BSD loopback: the address family in the writing host's byte order, so read both ways.
            guard end - start >= 4 else { return .other }
            let family = network.u32(start)
            guard loopbackFamilies.contains(family) || loopbackFamilies.contains(family.byteSwapped) else { return .other }
            offset = start + 4
        case 12, 14, 101, 228, 229:
            offset = start
        case 113:
            guard end - start >= 16 else { return .other }
            offset = start + 16
            etherType = network.u16(start + 14)
        case 276:
            guard end - start >= 20 else { return .other }
            offset = start + 20
            etherType = network.u16(start)
        default:
            return .unsupportedLink
        }
        // VLAN tags: each tag shrinks what is left, so the loop ends.
        while let tag = etherType, vlanTags.contains(tag) {
            guard offset + 4 <= end else { return .other }
            etherType = network.u16(offset + 2)
            offset += 4
        }
        let version: UInt8
        switch etherType {
        case ipv4?: version = 4
        case ipv6?: version = 6
        case nil:
            guard offset < end else { return .other }
            version = file[offset] >> 4
        default: return .other
        }
        let ends = (captured: end, wire: wireEnd, cut: cut)
        switch version {
        case 4: return decodeIPv4(network, at: offset, ends)
        case 6: return decodeIPv6(network, at: offset, ends)
        default: return .other
        }
    }

    private typealias Ends = (captured: Int, wire: Int, cut: Bool)

    private static func decodeIPv4(_ network: IntegerReader, at offset: Int, _ ends: Ends) -> DecodedPacket {
        let file = network.bytes
        guard offset + 20 <= ends.captured, file[offset] >> 4 == 4 else { return .other }
        let headerLength = Int(file[offset] & 0x0F) * 4
        guard headerLength >= 20, offset + headerLength <= ends.captured, file[offset + 9] == 6 else { return .other }
        // A total length of 0 comes from segmentation offload: the wire length stands instead.
        let total = Int(network.u16(offset + 2))
        let ipEnd = total >= headerLength ? min(offset + total, ends.wire) : ends.wire
        if network.u16(offset + 6) & 0x3FFF != 0 { return .fragment }
        let source = IPAddress(high: 0, low: UInt64(network.u32(offset + 12)), isIPv6: false)
        let destination = IPAddress(high: 0, low: UInt64(network.u32(offset + 16)), isIPv6: false)
        return decodeTCP(network, at: offset + headerLength, ipEnd: ipEnd, ends, source, destination)
    }

    private static func decodeIPv6(_ network: IntegerReader, at offset: Int, _ ends: Ends) -> DecodedPacket {
        let file = network.bytes
        guard offset + 40 <= ends.captured, file[offset] >> 4 == 6 else { return .other }
        let payloadLength = Int(network.u16(offset + 4))
        // A payload length of 0 is a jumbogram (or offload): the wire length stands instead.
        let ipEnd = payloadLength > 0 ? min(offset + 40 + payloadLength, ends.wire) : ends.wire
        func half(_ at: Int) -> UInt64 { UInt64(network.u32(at)) << 32 | UInt64(network.u32(at + 4)) }
        let source = IPAddress(high: half(offset + 8), low: half(offset + 16), isIPv6: true)
        let destination = IPAddress(high: half(offset + 24), low: half(offset + 32), isIPv6: true)
        var next = file[offset + 6]
        var cursor = offset + 40
        // Extension headers are at least 8 bytes each; a real packet has a handful.
        for _ in 0..<16 {
            switch next {
            case 6:
                return decodeTCP(network, at: cursor, ipEnd: ipEnd, ends, source, destination)
            case 0, 43, 60, 51:
                // Hop-by-hop, routing and destination options count 8-byte units; AH counts 4-byte ones.
                guard cursor + 2 <= ends.captured else { return ends.cut ? .headersCut : .other }
                let length = next == 51 ? (Int(file[cursor + 1]) + 2) * 4 : (Int(file[cursor + 1]) + 1) * 8
                next = file[cursor]
                cursor += length
                guard cursor <= ipEnd else { return .other }
            case 44:
                guard cursor + 8 <= ends.captured else { return .other }
                // An atomic fragment (offset 0, no more fragments) is a whole packet.
                guard network.u16(cursor + 2) & 0xFFF9 == 0 else { return file[cursor] == 6 ? .fragment : .other }
                next = file[cursor]
                cursor += 8
            default:
                return .other
            }
        }
        return .other
    }

    private static func decodeTCP(_ network: IntegerReader, at offset: Int, ipEnd: Int, _ ends: Ends,
                                  _ source: IPAddress, _ destination: IPAddress) -> DecodedPacket {
        let file = network.bytes
        let available = min(ends.captured, ipEnd)
        // Ports, sequence numbers, data offset and flags are the first 14 bytes.
        guard offset + 14 <= available else { return ends.cut && ipEnd > ends.captured ? .headersCut : .other }
        let headerLength = Int(file[offset + 12] >> 4) * 4
        guard headerLength >= 20, offset + headerLength <= ipEnd else { return .other }
        let payloadStart = offset + headerLength
        let payload = payloadStart <= available ? payloadStart..<available : available..<available
        return .segment(TCPSegment(
            source: TCPEndpoint(address: source, port: network.u16(offset)),
            destination: TCPEndpoint(address: destination, port: network.u16(offset + 2)),
            sequence: network.u32(offset + 4), acknowledgment: network.u32(offset + 8), flags: file[offset + 13],
            payload: payload, payloadLength: ipEnd - payloadStart))
    }
}
