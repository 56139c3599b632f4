import Foundation
@testable import HookCheckKit

/// The capture fixtures' folder, relative to the package root.
let captureFixtures = "Tests/HookCheckKitTests/Fixtures/captures/"

/// `pcap-index.txt`, which pcapindex.py (beside the fixtures, its own pcap reader in Python) writes
/// for every packet capture: expected frame numbers, payload offsets and stream order come from
/// it, not from the reader under test.
struct PcapIndex {
    struct Packet {
        var frame: Int
        /// File offset of the record (pcap record header, pcapng block).
        var record: Int
        var connection: Int
        var fromClient: Bool
        /// Sequence number relative to the sender's ISN: the first data byte is 1.
        var relativeSequence: Int
        var payloadLength: Int
        /// File offset of the first payload byte, when one was captured.
        var payloadOffset: Int?
        /// Fewer payload bytes captured than sent.
        var cut: Bool
        var text: String
    }

    var packets: [Packet] = []
    /// The frame inside which the file ends (pcapindex's NOTE), if it does.
    var endsInside: Int?

    /// The client's data packets whose records are whole in the file.
    var clientData: [Packet] {
        packets.filter { $0.fromClient && $0.payloadLength > 0 && $0.frame != endsInside }
    }

    /// Every file's index, by file name; throws when the index is missing or names no packet.
    static func load() throws -> [String: PcapIndex] {
        let text = try fixture(captureFixtures + "pcap-index.txt")
        var indexes: [String: PcapIndex] = [:]
        var name: String?
        for line in text.split(separator: "\n") {
            let tokens = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let first = tokens.first else { continue }
            if first == "==", tokens.count > 1 {
                name = tokens[1]
                indexes[tokens[1]] = PcapIndex()
            } else if let name, first == "NOTE:", let frame = tokens.firstIndex(of: "packet").flatMap({ Int(tokens[$0 + 1].trimmingCharacters(in: .punctuationCharacters)) }) {
                indexes[name]?.endsInside = frame
            } else if let name, let frame = Int(first), tokens.count >= 10, let connection = Int(tokens[4]),
                      let record = Int(tokens[1]), let sequence = Int(tokens[7]), let length = Int(tokens[8]) {
                indexes[name]?.packets.append(Packet(
                    frame: frame, record: record, connection: connection, fromClient: tokens[5] == "C>S",
                    relativeSequence: sequence, payloadLength: length, payloadOffset: Int(tokens[9]),
                    cut: tokens.count > 10 && tokens[10] == "(cut:", text: tokens.dropFirst(10).joined(separator: " ")))
            }
        }
        guard !indexes.isEmpty, indexes.values.allSatisfy({ !$0.packets.isEmpty }) else {
            throw FixtureError(description: "pcap-index.txt lists no packets")
        }
        return indexes
    }

    /// One connection's client bytes rebuilt from the index and the file: segments in sequence
    /// order, each byte from the first segment that holds it, and where each run starts
    /// (stream offset, frame, column).
    func clientStream(_ connection: Int, file: [UInt8]) -> (bytes: [UInt8], runs: [(offset: Int, frame: Int, column: Int)]) {
        let segments = clientData.filter { $0.connection == connection }
            .sorted { ($0.relativeSequence, $0.frame) < ($1.relativeSequence, $1.frame) }
        var bytes: [UInt8] = []
        var runs: [(offset: Int, frame: Int, column: Int)] = []
        for segment in segments {
            let start = segment.relativeSequence - 1
            let end = start + segment.payloadLength
            guard end > bytes.count, let payload = segment.payloadOffset else { continue }
            let skip = bytes.count - start
            runs.append((bytes.count, segment.frame, skip + 1))
            bytes += file[payload + skip..<payload + segment.payloadLength]
        }
        return (bytes, runs)
    }
}

/// A sample request from samples/, split the way samplebits.py splits it for make-captures.sh.
struct SampleRequest {
    var target: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The samples make-captures.sh sends, by the key it uses.
    static let paths = ["superoffice": "samples/superoffice/contact.created.http",
                        "drift": "samples/drift/contact_updated.http",
                        "copernica": "samples/copernica/profile.update.http"]
    /// The header that carries each sample's credential: it must arrive as the sample has it.
    static let credentialHeader = ["superoffice": "X-SuperOffice-Signature", "drift": "X-Verification-Token",
                                   "copernica": "Signature"]

    static func load(_ key: String) throws -> SampleRequest {
        let bytes = try fixtureBytes(paths[key] ?? "samples/\(key)")
        // The head ends at the first empty line, CRLF or LF.
        var index = 0
        var headEnd = bytes.count
        var bodyStart = bytes.count
        while index < bytes.count {
            if bytes[index...].starts(with: [0x0D, 0x0A, 0x0D, 0x0A]) { (headEnd, bodyStart) = (index, index + 4); break }
            if bytes[index...].starts(with: [0x0A, 0x0A]) { (headEnd, bodyStart) = (index, index + 2); break }
            index += 1
        }
        // Split as bytes: a String holds "\r\n" as one Character, which no "\n" split finds.
        let lines = bytes[..<headEnd].split(separator: 0x0A).map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .init(charactersIn: "\r"))
        }
        let target = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return SampleRequest(target: target, headers: headers, body: Array(bytes[bodyStart...]))
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A finding as the tests compare them: code, line (the frame, or 1 for a file offset), column.
struct ExpectedFinding: Sendable, Equatable, Comparable, CustomStringConvertible {
    var code: String
    var line: Int
    var column: Int

    init(_ code: String, _ line: Int, _ column: Int = 1) {
        self.code = code
        self.line = line
        self.column = column
    }

    init(_ finding: Finding) {
        self.init(finding.code.id, finding.position?.line ?? 0, finding.position?.column ?? 0)
    }

    static func < (lhs: ExpectedFinding, rhs: ExpectedFinding) -> Bool {
        (lhs.line, lhs.column, lhs.code) < (rhs.line, rhs.column, rhs.code)
    }

    var description: String { "\(code)@\(line):\(column)" }
}

/// Every finding of a result, the file's and each stream's, in position order.
func allFindings(_ result: PacketCaptureResult) -> [ExpectedFinding] {
    (result.findings + result.streams.flatMap(\.findings)).map(ExpectedFinding.init).sorted()
}

/// Every request `RequestReader` finds in a stream rebuilt from a packet capture.
func packetRequests(_ stream: CapturedBytes) throws -> [RequestDump] {
    let reader = RequestReader(stream: ByteStream(bytes: stream.bytes, path: "x"), source: "x", locator: stream.map, capture: .pcap)
    var requests: [RequestDump] = []
    while let request = try reader.next() { requests.append(request) }
    return requests
}

// MARK: - A tiny capture writer, for the synthetic cases of PacketCaptureTests

/// One TCP connection for synthetic captures: its handshake and the client's segments.
struct Flow: Sendable {
    struct Endpoint: Sendable {
        var address: [UInt8]
        var port: UInt16
    }

    var client = Endpoint(address: [10, 0, 0, 1], port: 40000)
    var server = Endpoint(address: [10, 0, 0, 2], port: 8080)
    var clientISN: UInt32 = 1000
    var serverISN: UInt32 = 9000
    /// IPv6: hop-by-hop and destination options headers before TCP; IPv4: 8 bytes of options.
    var extensions = false

    func with(extensions: Bool) -> Flow {
        var copy = self
        copy.extensions = extensions
        return copy
    }

    func handshake() -> [[UInt8]] {
        [CaptureWriter.tcp(from: client, to: server, seq: clientISN, flags: 0x02, extensions: extensions),
         CaptureWriter.tcp(from: server, to: client, seq: serverISN, ack: clientISN &+ 1, flags: 0x12, extensions: extensions),
         CaptureWriter.tcp(from: client, to: server, seq: clientISN &+ 1, ack: serverISN &+ 1, flags: 0x10, extensions: extensions)]
    }

    /// Client bytes at `offset` in its stream.
    func data(_ offset: Int, _ payload: [UInt8], fragment: Bool = false) -> [UInt8] {
        CaptureWriter.tcp(from: client, to: server, seq: clientISN &+ 1 &+ UInt32(offset), ack: serverISN &+ 1, flags: 0x18,
                          payload: payload, extensions: extensions, fragment: fragment)
    }

    /// The server acknowledging the client's stream up to `offset`.
    func serverAck(_ offset: Int) -> [UInt8] {
        CaptureWriter.tcp(from: server, to: client, seq: serverISN &+ 1, ack: clientISN &+ 1 &+ UInt32(offset), flags: 0x10)
    }

    func response() -> [UInt8] {
        CaptureWriter.tcp(from: server, to: client, seq: serverISN &+ 1, ack: clientISN &+ 1, flags: 0x18,
                          payload: Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8))
    }
}

/// libpcap and pcapng files laid out byte by byte from the format documents, with link-layer
/// headers, IPv4/IPv6 and TCP: the synthetic cases' input.
enum CaptureWriter {
    static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
    static func be32(_ value: UInt32) -> [UInt8] { be16(UInt16(value >> 16)) + be16(UInt16(value & 0xFFFF)) }
    static func le16(_ value: UInt16) -> [UInt8] { be16(value).reversed() }
    static func le32(_ value: UInt32) -> [UInt8] { be32(value).reversed() }
    static func u16(_ value: UInt16, little: Bool) -> [UInt8] { little ? le16(value) : be16(value) }
    static func u32(_ value: UInt32, little: Bool) -> [UInt8] { little ? le32(value) : be32(value) }

    /// An IPv4 or IPv6 packet (by the address length) holding one TCP segment (20-byte header).
    static func tcp(from: Flow.Endpoint, to: Flow.Endpoint, seq: UInt32, ack: UInt32 = 0, flags: UInt8,
                    payload: [UInt8] = [], extensions: Bool = false, fragment: Bool = false) -> [UInt8] {
        let segment = be16(from.port) + be16(to.port) + be32(seq) + be32(ack) + [0x50, flags] + be16(0xFFFF) + [0, 0, 0, 0] + payload
        if from.address.count == 4 {
            // With `extensions`, IPv4 options: a record-route-sized 8 bytes of NOPs and an end of list.
            let options: [UInt8] = extensions ? [1, 1, 1, 1, 1, 1, 1, 0] : []
            let total = UInt16(20 + options.count + segment.count)
            let fragmentField: UInt16 = fragment ? 0x2000 : 0x4000  // more fragments, or don't fragment
            return [0x45 + UInt8(options.count / 4), 0] + be16(total) + be16(1) + be16(fragmentField) + [64, 6, 0, 0]
                + from.address + to.address + options + segment
        }
        var headers: [UInt8] = []
        var next: UInt8 = 6
        if fragment {
            headers = [next, 0] + be16(0x0001) + be32(77)  // offset 0, more fragments
            next = 44
        }
        if extensions {
            // Destination options, then hop-by-hop first: each 8 bytes, PadN filling the rest.
            headers = [next, 0, 1, 4, 0, 0, 0, 0] + headers
            next = 60
            headers = [next, 0, 1, 4, 0, 0, 0, 0] + headers
            next = 0
        }
        let body = headers + segment
        return [0x60, 0, 0, 0] + be16(UInt16(body.count)) + [next, 64] + from.address + to.address + body
    }

    /// An IP packet behind the link-layer header of `link` (VLAN tags only on Ethernet).
    static func frame(_ ip: [UInt8], link: UInt32, vlans: [UInt16] = [], family: UInt32 = 2, familyBigEndian: Bool = false) -> [UInt8] {
        let etherType: UInt16 = ip.first.map { $0 >> 4 == 6 } == true ? 0x86DD : 0x0800
        switch link {
        case 1:
            var header = [0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1] as [UInt8]
            for (index, tag) in vlans.enumerated() { header += be16(tag) + be16(UInt16(100 + index)) }
            return header + be16(etherType) + ip
        case 0:
            return u32(ip.first.map { $0 >> 4 == 6 } == true ? family : 2, little: !familyBigEndian) + ip
        case 113:
            return be16(0) + be16(772) + be16(6) + Array(repeating: 0, count: 8) + be16(etherType) + ip
        case 276:
            return be16(etherType) + be16(0) + be32(1) + be16(772) + [0, 6] + Array(repeating: 0, count: 8) + ip
        default:
            return ip
        }
    }

    /// A libpcap file: global header, then (captured bytes, original length) records.
    static func pcap(_ packets: [(data: [UInt8], original: Int)], link: UInt32, littleEndian: Bool = true,
                     nanoseconds: Bool = false, snapLength: UInt32 = 262_144) -> [UInt8] {
        let magic: UInt32 = nanoseconds ? 0xA1B2_3C4D : 0xA1B2_C3D4
        var out = u32(magic, little: littleEndian) + u16(2, little: littleEndian) + u16(4, little: littleEndian)
            + u32(0, little: littleEndian) + u32(0, little: littleEndian) + u32(snapLength, little: littleEndian) + u32(link, little: littleEndian)
        for (index, packet) in packets.enumerated() {
            out += u32(1_767_225_600, little: littleEndian) + u32(UInt32(index), little: littleEndian)
            out += u32(UInt32(packet.data.count), little: littleEndian) + u32(UInt32(packet.original), little: littleEndian) + packet.data
        }
        return out
    }

    /// A pcapng block: type, length, body padded to 4 bytes, length again.
    static func block(_ type: UInt32, _ body: [UInt8], little: Bool) -> [UInt8] {
        let padded = body + Array(repeating: 0, count: (4 - body.count % 4) % 4)
        let length = UInt32(12 + padded.count)
        return u32(type, little: little) + u32(length, little: little) + padded + u32(length, little: little)
    }

    static func sectionHeader(little: Bool) -> [UInt8] {
        block(0x0A0D_0D0A, u32(0x1A2B_3C4D, little: little) + u16(1, little: little) + u16(0, little: little)
              + Array(repeating: 0xFF, count: 8), little: little)
    }

    static func interface(link: UInt16, snapLength: UInt32 = 262_144, little: Bool) -> [UInt8] {
        block(1, u16(link, little: little) + u16(0, little: little) + u32(snapLength, little: little), little: little)
    }

    static func enhancedPacket(_ data: [UInt8], interface: UInt32 = 0, little: Bool) -> [UInt8] {
        block(6, u32(interface, little: little) + u32(0, little: little) + u32(0, little: little)
              + u32(UInt32(data.count), little: little) + u32(UInt32(data.count), little: little) + data, little: little)
    }

    static func simplePacket(_ data: [UInt8], little: Bool) -> [UInt8] {
        block(3, u32(UInt32(data.count), little: little) + data, little: little)
    }

    static func obsoletePacket(_ data: [UInt8], interface: UInt16, little: Bool) -> [UInt8] {
        block(2, u16(interface, little: little) + u16(0, little: little) + u32(0, little: little) + u32(0, little: little)
              + u32(UInt32(data.count), little: little) + u32(UInt32(data.count), little: little) + data, little: little)
    }
}
