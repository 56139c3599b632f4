/// A libpcap file of one keep-alive TCP connection carrying a byte stream from client to server,
/// as tcpdump writes one on a loopback interface: Ethernet, IPv4, segments of at most 1,448 bytes,
/// the three-way handshake first. For `make bench`'s capture reading.
enum PcapWriter {
    static func keepAlive(_ stream: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        // Global header: magic, version 2.4, zone, sigfigs, snaplen 262144, Ethernet.
        for value: UInt32 in [0xA1B2_C3D4] { append32(&out, value) }
        append16(&out, 2); append16(&out, 4)
        append32(&out, 0); append32(&out, 0); append32(&out, 262_144); append32(&out, 1)
        let client: UInt32 = 1000, server: UInt32 = 5000
        var time: UInt32 = 0
        func packet(_ flags: UInt8, seq: UInt32, ack: UInt32, fromClient: Bool, payload: ArraySlice<UInt8>) {
            var frame: [UInt8] = Array(repeating: 0, count: 12) + [0x08, 0x00]
            let total = 20 + 20 + payload.count
            frame += [0x45, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 0, 0x40, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1]
            let (source, destination): (UInt16, UInt16) = fromClient ? (41000, 8089) : (8089, 41000)
            append16be(&frame, source); append16be(&frame, destination)
            append32be(&frame, seq); append32be(&frame, ack)
            frame += [0x50, flags, 0xFF, 0xFF, 0, 0, 0, 0]
            frame += payload
            time &+= 1
            append32(&out, time / 1_000_000); append32(&out, time % 1_000_000)
            append32(&out, UInt32(frame.count)); append32(&out, UInt32(frame.count))
            out += frame
        }
        packet(0x02, seq: client, ack: 0, fromClient: true, payload: [])
        packet(0x12, seq: server, ack: client &+ 1, fromClient: false, payload: [])
        packet(0x10, seq: client &+ 1, ack: server &+ 1, fromClient: true, payload: [])
        var offset = 0
        while offset < stream.count {
            let end = min(stream.count, offset + 1448)
            packet(0x18, seq: client &+ 1 &+ UInt32(truncatingIfNeeded: offset), ack: server &+ 1, fromClient: true, payload: stream[offset..<end])
            offset = end
        }
        return out
    }

    private static func append16(_ out: inout [UInt8], _ value: UInt16) { out += [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func append32(_ out: inout [UInt8], _ value: UInt32) {
        out += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }
    private static func append16be(_ out: inout [UInt8], _ value: UInt16) { out += [UInt8(value >> 8), UInt8(value & 0xFF)] }
    private static func append32be(_ out: inout [UInt8], _ value: UInt32) {
        out += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
