import Foundation
import Testing
@testable import HookCheckKit

@Suite("Packet captures: libpcap and pcapng, TCP reassembly")
struct PacketCaptureTests {
    // MARK: Real captures

    /// What a fixture holds besides its requests.
    enum Expected: Sendable {
        case clean
        /// One capture.tls finding at the client's first data packet; no stream.
        case tls
        /// One capture.truncated-file finding at the record the file ends in.
        case truncatedFile
        /// A capture.snaplen finding for every client packet that lost payload bytes.
        case snaplenCuts
    }

    struct RealCapture: Sendable, CustomTestStringConvertible {
        var file: String
        /// The tool that wrote it, as versions.txt names it.
        var tool: String
        /// Per connection with requests, the samples sent on it in order (make-captures.sh).
        var requests: [[String]]
        var expected: Expected = .clean
        var testDescription: String { "\(file) (\(tool))" }
    }

    static let keepalive = [["superoffice", "drift", "copernica"], ["superoffice"]]
    static let tcpdump = "tcpdump version 4.99.3"

    static let realCaptures: [RealCapture] = [
        RealCapture(file: "tcpdump-keepalive.pcap", tool: tcpdump, requests: keepalive),
        RealCapture(file: "tshark-copernica.pcapng", tool: "TShark (Wireshark) 4.0.17", requests: [["copernica"]]),
        RealCapture(file: "tcpdump-any.pcap", tool: tcpdump + ", -i any: Linux cooked v2", requests: [["drift"]]),
        RealCapture(file: "tcpdump-any-sll1.pcap", tool: tcpdump + ", -i any -y LINUX_SLL", requests: [["drift"]]),
        RealCapture(file: "tcpdump-ipv6.pcap", tool: tcpdump + ", IPv6 on lo", requests: [["drift"]]),
        RealCapture(file: "tcpdump-port5000.pcap", tool: tcpdump + ", port 5000", requests: [["superoffice"]]),
        RealCapture(file: "tcpdump-tls.pcap", tool: tcpdump + ", curl 7.88.1 over TLS", requests: [], expected: .tls),
        RealCapture(file: "tcpdump-snaplen64.pcap", tool: tcpdump + " -s 64", requests: [], expected: .snaplenCuts),
        RealCapture(file: "tcpdump-snaplen128.pcap", tool: tcpdump + " -s 128", requests: [["superoffice"], ["drift"], ["copernica"], ["superoffice"]],
                    expected: .snaplenCuts),
        RealCapture(file: "derived-reordered.pcap", tool: tcpdump + ", two records swapped by derive_pcaps.py", requests: keepalive),
        RealCapture(file: "derived-retransmit.pcap", tool: tcpdump + ", a record repeated by derive_pcaps.py", requests: keepalive),
        RealCapture(file: "derived-overlap.pcap", tool: tcpdump + ", a segment split in two overlapping by derive_pcaps.py", requests: keepalive),
        RealCapture(file: "derived-truncated.pcap", tool: tcpdump + ", cut inside a record by derive_pcaps.py",
                    requests: [["superoffice", "drift"]], expected: .truncatedFile),
    ]

    @Test("the tool named in each row is the one versions.txt lists")
    func toolsAreListed() throws {
        let versions = try fixture(captureFixtures + "versions.txt")
        for row in Self.realCaptures {
            let tool = String(row.tool.split(separator: ",").first ?? "").replacingOccurrences(of: " -s 64", with: "")
                .replacingOccurrences(of: " -s 128", with: "")
            #expect(versions.contains(tool), "\(row.file): versions.txt does not list \(tool)")
        }
        #expect(versions.contains("curl 7.88.1"))
    }

    @Test("real captures: streams, exact bytes, packet positions, findings", arguments: realCaptures)
    func realCapture(_ row: RealCapture) throws {
        let file = try fixtureBytes(captureFixtures + row.file)
        let index = try #require(try PcapIndex.load()[row.file], "pcap-index.txt has no \(row.file)")
        #expect(PacketCapture.isPacketCapture(file))
        let result = PacketCapture.clientStreams(file)
        #expect(result.streams.count == row.requests.count)
        #expect(result.endpoints.count == result.streams.count)
        switch row.expected {
        case .clean, .truncatedFile:
            try checkWholeStreams(row, result, index, file)
        case .tls, .snaplenCuts:
            try checkCutStreams(row, result, index, file)
        }
        try checkFindings(row, result, index)
    }

    /// Every stream is its connection's client bytes as pcapindex.py rebuilds them, each byte at its
    /// packet, and its requests are the samples, sent whole.
    private func checkWholeStreams(_ row: RealCapture, _ result: PacketCaptureResult, _ index: PcapIndex, _ file: [UInt8]) throws {
        for (number, stream) in result.streams.enumerated() {
            let expected = index.clientStream(result.endpoints[number].connection, file: file)
            #expect(stream.bytes == expected.bytes, "stream \(number): not the bytes the client sent")
            #expect(stream.loss == nil)
            for run in expected.runs {
                #expect(stream.map.position(run.offset) == SourcePosition(line: run.frame, column: run.column),
                        "stream \(number), offset \(run.offset)")
            }
            let last = try #require(expected.runs.last)
            let end = stream.bytes.count - 1
            #expect(stream.map.position(end) == SourcePosition(line: last.frame, column: last.column + end - last.offset))
            let requests = try packetRequests(stream)
            let keys = row.requests[number]
            try #require(requests.count == keys.count, "stream \(number): \(requests.count) requests")
            for (request, key) in zip(requests, keys) {
                let sample = try SampleRequest.load(key)
                #expect(request.capture == .pcap)
                #expect(request.target == sample.target)
                #expect(request.body == sample.body, "\(key): the body differs from the sample's")
                let credential = try #require(SampleRequest.credentialHeader[key])
                #expect(request.header(credential) == sample.header(credential))
                #expect(request.findings.isEmpty, "\(key): \(request.findings.map(\.message))")
                // The request starts on the packet whose payload starts with its request line.
                let head = index.clientData.first { $0.connection == result.endpoints[number].connection
                    && $0.text.hasPrefix("POST \(sample.target) ") }
                #expect(request.line == head?.frame)
            }
            #expect(result.endpoints[number].firstPacket == expected.runs.first?.frame)
        }
        if row.file == "tcpdump-ipv6.pcap" {
            #expect(result.endpoints.first?.server == "[::1]:8089")
            #expect(result.endpoints.first?.client.hasPrefix("[::1]:") == true)
        } else if let first = result.endpoints.first {
            #expect(first.description.hasPrefix("127.0.0.1:"))
            #expect(first.description.hasSuffix(" → 127.0.0.1:" + (row.file.contains("5000") ? "5000" : "8089")))
        }
    }

    /// Packets cut by the snap length: each stream is one request's first packet, as captured.
    private func checkCutStreams(_ row: RealCapture, _ result: PacketCaptureResult, _ index: PcapIndex, _ file: [UInt8]) throws {
        let heads = index.clientData.filter { $0.text.contains("POST /webhooks/") }
        #expect(heads.count == row.requests.count)
        for (stream, head) in zip(result.streams, heads) {
            let offset = try #require(head.payloadOffset)
            let record = index.packets.first { $0.frame == head.frame + 1 }.map(\.record) ?? file.count
            // Captured payload: from its offset to the next record's header (16 bytes before its data).
            let captured = Array(file[offset..<record])
            #expect(stream.bytes == captured)
            #expect(stream.map.position(0) == SourcePosition(line: head.frame, column: 1))
            #expect(stream.map.position(captured.count - 1) == SourcePosition(line: head.frame, column: captured.count))
            #expect(stream.loss?.contains("cut to the 128-byte snap length") == true, "\(stream.loss ?? "no loss")")
        }
        for (stream, keys) in zip(result.streams, row.requests) {
            let sample = try SampleRequest.load(try #require(keys.first))
            #expect(stream.bytes.starts(with: Array("POST \(sample.target) HTTP/1.1\r\n".utf8)))
        }
    }

    private func checkFindings(_ row: RealCapture, _ result: PacketCaptureResult, _ index: PcapIndex) throws {
        let found = allFindings(result)
        switch row.expected {
        case .clean:
            #expect(found.isEmpty)
        case .tls:
            let first = try #require(index.clientData.first)
            #expect(found == [ExpectedFinding("capture.tls", first.frame)])
            #expect(result.findings.first?.message.contains("on port 8443 between 127.0.0.1:") == true)
        case .truncatedFile:
            let cut = try #require(index.packets.first { $0.frame == index.endsInside })
            #expect(found == [ExpectedFinding("capture.truncated-file", 1, cut.record + 1)])
        case .snaplenCuts:
            let cut = index.clientData.filter(\.cut)
            #expect(!cut.isEmpty)
            #expect(found.map(\.code) == Array(repeating: "capture.snaplen", count: cut.count))
            #expect(found.map(\.line) == cut.map(\.frame))
            // Each finding belongs to the stream of the request the packet was part of.
            for (number, stream) in result.streams.enumerated() {
                let connection = result.endpoints[number].connection
                #expect(stream.findings.allSatisfy { finding in cut.contains { $0.frame == finding.position?.line && $0.connection == connection } })
            }
        }
    }

    @Test("the packet numbers of a keep-alive connection's requests (tcpdump 4.99.3), as RequestReader sees them")
    func keepAliveRequestLines() throws {
        let index = try #require(try PcapIndex.load()["tcpdump-keepalive.pcap"])
        let result = PacketCapture.clientStreams(try fixtureBytes(captureFixtures + "tcpdump-keepalive.pcap"))
        let requests = try result.streams.flatMap(packetRequests)
        let heads = index.clientData.filter { $0.text.hasPrefix("POST ") }
        #expect(requests.map(\.line) == heads.map(\.frame))
        #expect(requests.map(\.target) == ["/webhooks/superoffice", "/webhooks/drift", "/webhooks/copernica", "/webhooks/superoffice"])
        // A body byte is placed at its packet and its column in that packet's payload.
        let drift = try #require(requests.first { $0.target == "/webhooks/drift" })
        let bodyPacket = try #require(index.clientData.first { $0.text.hasPrefix("{") && $0.connection == 0 && $0.frame > drift.line })
        #expect(drift.position(ofBodyOffset: drift.bodyRange.lowerBound + 10) == SourcePosition(line: bodyPacket.frame, column: 11))
    }

    // MARK: Synthetic captures

    struct SyntheticCase: Sendable, CustomTestStringConvertible {
        var name: String
        var file: [UInt8]
        /// Each stream's bytes, as text.
        var streams: [String]
        var findings: [ExpectedFinding] = []
        /// The frame of each stream's first byte.
        var firstFrames: [Int]? = nil
        /// Which streams say they are not exact.
        var lossy: [Bool]? = nil
        var testDescription: String { name }
    }

    static let request = "POST /hook HTTP/1.1\r\nHost: example.com\r\nContent-Length: 13\r\n\r\n{\"event\":\"a\"}"
    static let second = "POST /hook HTTP/1.1\r\nHost: example.com\r\nContent-Length: 13\r\n\r\n{\"event\":\"b\"}"
    static var requestBytes: [UInt8] { Array(request.utf8) }

    /// Handshake (frames 1-3), then the request in the segments given (client offsets).
    static func conversation(_ flow: Flow = Flow(), link: UInt32 = 1, vlans: [UInt16] = [], family: UInt32 = 2,
                             familyBigEndian: Bool = false, pieces: [(Int, [UInt8])]? = nil) -> [[UInt8]] {
        let segments = pieces ?? [(0, requestBytes)]
        return (flow.handshake() + segments.map { flow.data($0.0, $0.1) }).map {
            CaptureWriter.frame($0, link: link, vlans: vlans, family: family, familyBigEndian: familyBigEndian)
        }
    }

    static func pcap(_ frames: [[UInt8]], link: UInt32 = 1) -> [UInt8] {
        CaptureWriter.pcap(frames.map { ($0, $0.count) }, link: link)
    }

    static var syntheticCases: [SyntheticCase] {
        let bytes = requestBytes
        let v6 = Flow(client: .init(address: [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 0, count: 11) + [1], port: 50000),
                      server: .init(address: Array(repeating: 0, count: 15) + [1], port: 8089))
        let wrap = Flow(clientISN: 0xFFFF_FFF0)
        let head = bytes.count - 13
        return [
            SyntheticCase(name: "Ethernet with an 802.1Q VLAN tag", file: pcap(conversation(vlans: [0x8100])),
                          streams: [request], firstFrames: [4]),
            SyntheticCase(name: "Ethernet with 802.1ad and 802.1Q tags (QinQ)", file: pcap(conversation(vlans: [0x88A8, 0x8100])),
                          streams: [request], firstFrames: [4]),
            SyntheticCase(name: "BSD null loopback, AF_INET in little-endian", file: pcap(conversation(link: 0), link: 0),
                          streams: [request]),
            SyntheticCase(name: "BSD null loopback, AF_INET in big-endian", file: pcap(conversation(link: 0, familyBigEndian: true), link: 0),
                          streams: [request]),
            SyntheticCase(name: "BSD null loopback, IPv6 (macOS AF_INET6 = 30)",
                          file: pcap(conversation(v6, link: 0, family: 30), link: 0), streams: [request]),
            SyntheticCase(name: "raw IP, LINKTYPE_RAW (101)", file: pcap(conversation(link: 101), link: 101), streams: [request]),
            SyntheticCase(name: "raw IP, DLT_RAW as 12", file: pcap(conversation(link: 12), link: 12), streams: [request]),
            SyntheticCase(name: "raw IP, DLT_RAW as 14 (OpenBSD)", file: pcap(conversation(link: 14), link: 14), streams: [request]),
            SyntheticCase(name: "Linux cooked v1", file: pcap(conversation(link: 113), link: 113), streams: [request]),
            SyntheticCase(name: "Linux cooked v2", file: pcap(conversation(link: 276), link: 276), streams: [request]),
            SyntheticCase(name: "libpcap big-endian with nanosecond stamps",
                          file: CaptureWriter.pcap(conversation().map { ($0, $0.count) }, link: 1, littleEndian: false, nanoseconds: true),
                          streams: [request]),
            SyntheticCase(name: "sequence numbers wrap around 2^32, segments out of order",
                          file: pcap(conversation(wrap, pieces: [(0, Array(bytes[0..<10])), (30, Array(bytes[30...])), (10, Array(bytes[10..<30]))])),
                          streams: [request], firstFrames: [4]),
            SyntheticCase(name: "IPv4 with options (a 28-byte header)", file: pcap(conversation(Flow().with(extensions: true))),
                          streams: [request]),
            SyntheticCase(name: "IPv6 with hop-by-hop and destination options headers",
                          file: pcap(conversation(v6.with(extensions: true))), streams: [request]),
            SyntheticCase(name: "a lost packet inside the body: a gap, then the next request is still read",
                          file: pcap(conversation(pieces: [(0, Array(bytes[0..<head])), (head + 5, Array(bytes[(head + 5)...])),
                                                           (bytes.count, Array(second.utf8))])),
                          streams: [String(decoding: bytes[0..<head], as: UTF8.self), second],
                          findings: [ExpectedFinding("capture.tcp-gap", 5)], firstFrames: [4, 6], lossy: [true, false]),
            SyntheticCase(name: "an overlap that disagrees: the first bytes are kept, the packet and byte named",
                          file: pcap(conversation(pieces: [(0, bytes), (20, Array(bytes[20..<25]) + Array(repeating: UInt8(ascii: "X"), count: 5))])),
                          streams: [request], findings: [ExpectedFinding("capture.tcp-overlap", 5, 6)], lossy: [true]),
            SyntheticCase(name: "an overlap that agrees is a retransmission: silent",
                          file: pcap(conversation(pieces: [(0, bytes), (20, Array(bytes[20..<30]))])), streams: [request], lossy: [false]),
            SyntheticCase(name: "out of order and overlapping: the segment received first wins",
                          file: pcap(conversation(pieces: [(20, Array(repeating: UInt8(ascii: "X"), count: 4)), (0, bytes)])),
                          streams: [String(decoding: bytes[0..<20] + Array("XXXX".utf8) + bytes[24...], as: UTF8.self)],
                          findings: [ExpectedFinding("capture.tcp-overlap", 5, 21)]),
            SyntheticCase(name: "three overlapping segments out of order: each byte from the first packet that brought it",
                          file: pcap(conversation(pieces: [(25, Array(repeating: UInt8(ascii: "A"), count: 10)),
                                                           (20, Array(repeating: UInt8(ascii: "B"), count: 20)),
                                                           (0, Array(bytes[0..<30])), (30, Array(bytes[30...]))])),
                          streams: [String(decoding: bytes[0..<20] + Array("BBBBBAAAAAAAAAABBBBB".utf8) + bytes[40...], as: UTF8.self)],
                          findings: [ExpectedFinding("capture.tcp-overlap", 5, 6), ExpectedFinding("capture.tcp-overlap", 6, 21),
                                     ExpectedFinding("capture.tcp-overlap", 7, 1)], firstFrames: [6]),
            SyntheticCase(name: "a snap length cuts the request", file: {
                                let frames = conversation()
                                return CaptureWriter.pcap(frames.map { (Array($0.prefix(80)), $0.count) }, link: 1, snapLength: 80)
                          }(),
                          streams: [String(decoding: bytes[0..<(80 - 54)], as: UTF8.self)],
                          findings: [ExpectedFinding("capture.snaplen", 4, 80 - 54 + 1)], lossy: [true]),
            SyntheticCase(name: "the server acknowledged bytes the capture lacks: a gap at the end",
                          file: pcap(conversation(pieces: [(0, Array(bytes[0..<head]))]) + [CaptureWriter.frame(Flow().serverAck(bytes.count), link: 1)]),
                          streams: [String(decoding: bytes[0..<head], as: UTF8.self)],
                          findings: [ExpectedFinding("capture.tcp-gap", 5)], lossy: [true]),
            SyntheticCase(name: "a capture that starts mid-connection: the request line says who the client is",
                          file: pcap([Flow().response(), Flow().data(0, bytes)].map { CaptureWriter.frame($0, link: 1) }),
                          streams: [request], firstFrames: [2]),
            SyntheticCase(name: "a new SYN on the same ports opens a new connection",
                          file: pcap(conversation() + conversation(Flow(clientISN: 777_000))), streams: [request, request],
                          firstFrames: [4, 8]),
            SyntheticCase(name: "an IPv4 fragment is skipped, and said",
                          file: pcap(Flow().handshake().map { CaptureWriter.frame($0, link: 1) }
                                     + [CaptureWriter.frame(Flow().data(0, bytes, fragment: true), link: 1)]),
                          streams: [], findings: [ExpectedFinding("capture.fragment", 4)]),
            SyntheticCase(name: "an IPv6 fragment header is skipped, and said",
                          file: pcap(v6.handshake().map { CaptureWriter.frame($0, link: 1) }
                                     + [CaptureWriter.frame(v6.data(0, bytes, fragment: true), link: 1)]),
                          streams: [], findings: [ExpectedFinding("capture.fragment", 4)]),
            SyntheticCase(name: "another protocol on the connection",
                          file: pcap(conversation(pieces: [(0, Array("SSH-2.0-OpenSSH_9.2\r\n".utf8))])),
                          streams: [], findings: [ExpectedFinding("capture.not-http", 4)]),
            SyntheticCase(name: "a link type that cannot be read (802.11)",
                          file: CaptureWriter.pcap([([1, 2, 3, 4], 4), ([5, 6], 2)], link: 105),
                          streams: [], findings: [ExpectedFinding("capture.link-type", 1)]),
            SyntheticCase(name: "garbage after the global header", file: pcap([]) + Array(repeating: 0xEE, count: 40),
                          streams: [], findings: [ExpectedFinding("capture.malformed", 1, 24 + 8 + 1)]),
            SyntheticCase(name: "a few bytes after the global header: a cut record header", file: pcap([]) + [1, 2, 3, 4, 5, 6, 7],
                          streams: [], findings: [ExpectedFinding("capture.truncated-file", 1, 25)]),
            SyntheticCase(name: "an absurd record length after good packets: those are read", file: {
                                let good = pcap(conversation())
                                return good + CaptureWriter.le32(0) + CaptureWriter.le32(0) + CaptureWriter.le32(300_000)
                                    + CaptureWriter.le32(300_000) + Array(repeating: 0, count: 64)
                          }(),
                          streams: [request], findings: [ExpectedFinding("capture.malformed", 1, pcap(conversation()).count + 9)]),
            SyntheticCase(name: "a record cut by the end of the file: the packets before it are read", file: {
                                let whole = pcap(conversation() + [CaptureWriter.frame(Flow().data(bytes.count, Array(second.utf8)), link: 1)])
                                return Array(whole.dropLast(20))
                          }(),
                          streams: [request], findings: [ExpectedFinding("capture.truncated-file", 1, pcap(conversation()).count + 1)]),
            SyntheticCase(name: "not a capture at all", file: Array("POST / HTTP/1.1\r\n\r\n".utf8),
                          streams: [], findings: [ExpectedFinding("capture.malformed", 1, 1)]),
        ] + pcapngCases
    }

    static var pcapngCases: [SyntheticCase] {
        typealias W = CaptureWriter
        let first = conversation()
        let other = Flow(client: .init(address: [10, 0, 0, 3], port: 40001), clientISN: 4242)
        let raw = other.handshake() + [other.data(0, Array(second.utf8))]
        let ethernet = raw.map { W.frame($0, link: 1) }
        var twoSections = W.sectionHeader(little: true) + W.interface(link: 1, little: true)
            + W.block(4, Array(repeating: 0, count: 8), little: true)  // a name resolution block, skipped
        for frame in first { twoSections += W.enhancedPacket(frame, little: true) }
        twoSections += W.sectionHeader(little: false) + W.interface(link: 101, little: false) + W.interface(link: 1, little: false)
        twoSections += W.enhancedPacket(ethernet[0], interface: 1, little: false)
        twoSections += W.obsoletePacket(ethernet[1], interface: 1, little: false)
        twoSections += W.simplePacket(raw[2], little: false) + W.simplePacket(raw[3], little: false)
        let good = W.sectionHeader(little: true) + W.interface(link: 1, little: true) + first.flatMap { W.enhancedPacket($0, little: true) }
        var badLength = W.block(0x0BAD, Array(repeating: 0, count: 20), little: true)
        badLength[4] = 30
        return [
            SyntheticCase(name: "pcapng: two sections in both byte orders, EPB, obsolete PB, SPB, a skipped block",
                          file: twoSections, streams: [request, second], firstFrames: [4, 8]),
            SyntheticCase(name: "pcapng: a block length that is not a multiple of 4", file: good + badLength,
                          streams: [request], findings: [ExpectedFinding("capture.malformed", 1, good.count + 5)]),
            SyntheticCase(name: "pcapng: a packet naming an undeclared interface is skipped, the rest read",
                          file: W.sectionHeader(little: true) + W.interface(link: 1, little: true)
                              + W.enhancedPacket(first[0], interface: 3, little: true) + first.dropFirst().flatMap { W.enhancedPacket($0, little: true) },
                          streams: [request], findings: [ExpectedFinding("capture.malformed", 1, 28 + 20 + 1)]),
            SyntheticCase(name: "pcapng: the file ends inside a block", file: Array((good + W.enhancedPacket(first[3], little: true)).dropLast(8)),
                          streams: [request], findings: [ExpectedFinding("capture.truncated-file", 1, good.count + 1)]),
        ]
    }

    @Test("synthetic captures: link types, IP versions, reassembly, damage", arguments: syntheticCases)
    func synthetic(_ row: SyntheticCase) throws {
        let result = PacketCapture.clientStreams(row.file)
        #expect(result.streams.map { String(decoding: $0.bytes, as: UTF8.self) } == row.streams)
        #expect(allFindings(result) == row.findings, "\(result.findings.map(\.message) + result.streams.flatMap(\.findings).map(\.message))")
        if let frames = row.firstFrames {
            #expect(result.streams.map { $0.map.position(0).line } == frames)
            #expect(result.endpoints.map(\.firstPacket) == frames)
        }
        if let lossy = row.lossy {
            #expect(result.streams.map { $0.loss != nil } == lossy, "\(result.streams.map(\.loss))")
        }
        for finding in result.findings + result.streams.flatMap(\.findings) {
            #expect(finding.code.category == .capture)
            #expect(FindingCode.packetCaptureCodes.contains(finding.code))
        }
    }

    @Test("messages name the packets and count the bytes")
    func messages() throws {
        let bytes = Self.requestBytes
        let head = bytes.count - 13
        let gap = PacketCapture.clientStreams(Self.pcap(Self.conversation(pieces: [(0, Array(bytes[0..<head])), (head + 5, Array(bytes[(head + 5)...]))])))
        #expect(gap.streams.first?.findings.first?.message.hasPrefix("5 bytes the client sent between packets 4 and 5 are not in the capture") == true)
        #expect(gap.streams.first?.loss == "5 bytes the client sent after packet 4 are not in the capture")
        let snapped = Self.conversation()
        let cut = PacketCapture.clientStreams(CaptureWriter.pcap(snapped.map { (Array($0.prefix(80)), $0.count) }, link: 1, snapLength: 80))
        let lost = bytes.count - (80 - 54)
        #expect(cut.streams.first?.loss == "packet 4 was cut to the 80-byte snap length; \(lost) bytes of the request are not in the capture")
        let tls = PacketCapture.clientStreams(try fixtureBytes(captureFixtures + "tcpdump-tls.pcap"))
        #expect(tls.findings.first?.message.hasSuffix("skipped: TLS cannot be read without its keys") == true)
        #expect(StreamLoss.packets([7]) == "packet 7")
        #expect(StreamLoss.packets([4, 6, 8]) == "packets 4, 6 and 8")
        #expect(StreamLoss.packets(Array(1...8)) == "packets 1, 2, 3, 4, 5 and 3 more")
        #expect(byteCountPhrase(1) == "1 byte")
        #expect(byteCountPhrase(1_203) == "1,203 bytes")
        #expect(byteCountPhrase(12_345_678) == "12,345,678 bytes")
    }

    @Test("endpoints: IPv4, and IPv6 in RFC 5952 form")
    func endpointText() {
        let v6 = Flow(client: .init(address: [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 0, count: 11) + [1], port: 50000),
                      server: .init(address: Array(repeating: 0, count: 15) + [1], port: 8089))
        let result = PacketCapture.clientStreams(Self.pcap(Self.conversation(v6)))
        #expect(result.endpoints.map(\.description) == ["[2001:db8::1]:50000 → [::1]:8089"])
        let v4 = PacketCapture.clientStreams(Self.pcap(Self.conversation()))
        #expect(v4.endpoints.map(\.description) == ["10.0.0.1:40000 → 10.0.0.2:8080"])
        #expect(IPAddress(high: 0x2001_0DB8_0000_0001, low: 0x0000_0000_0000_0001, isIPv6: true).text == "2001:db8:0:1::1")
    }

    struct MagicCase: Sendable, CustomTestStringConvertible {
        var name: String
        var head: [UInt8]
        var isCapture: Bool
        var testDescription: String { name }
    }

    static let magics: [MagicCase] = [
        MagicCase(name: "libpcap big-endian", head: [0xA1, 0xB2, 0xC3, 0xD4], isCapture: true),
        MagicCase(name: "libpcap little-endian", head: [0xD4, 0xC3, 0xB2, 0xA1], isCapture: true),
        MagicCase(name: "libpcap nanoseconds big-endian", head: [0xA1, 0xB2, 0x3C, 0x4D], isCapture: true),
        MagicCase(name: "libpcap nanoseconds little-endian", head: [0x4D, 0x3C, 0xB2, 0xA1], isCapture: true),
        MagicCase(name: "pcapng little-endian", head: [0x0A, 0x0D, 0x0D, 0x0A, 28, 0, 0, 0, 0x4D, 0x3C, 0x2B, 0x1A], isCapture: true),
        MagicCase(name: "pcapng big-endian", head: [0x0A, 0x0D, 0x0D, 0x0A, 0, 0, 0, 28, 0x1A, 0x2B, 0x3C, 0x4D], isCapture: true),
        MagicCase(name: "pcapng block type, no byte-order magic", head: [0x0A, 0x0D, 0x0D, 0x0A, 28, 0, 0, 0, 1, 2, 3, 4], isCapture: false),
        MagicCase(name: "pcapng block type alone", head: [0x0A, 0x0D, 0x0D, 0x0A], isCapture: false),
        MagicCase(name: "an HTTP request", head: Array("POST / HTTP/1.1\r\n".utf8), isCapture: false),
        MagicCase(name: "three bytes", head: [0xA1, 0xB2, 0xC3], isCapture: false),
        MagicCase(name: "nothing", head: [], isCapture: false),
    ]

    @Test("what is recognized as a packet capture", arguments: magics)
    func magic(_ row: MagicCase) {
        #expect(PacketCapture.isPacketCapture(row.head) == row.isCapture)
        #expect(PacketCapture.isPacketCapture(row.head[...]) == row.isCapture)
    }

    @Test("damage never traps: every prefix of a real capture, and bytes flipped in its headers")
    func damageNeverTraps() throws {
        for name in ["tcpdump-keepalive.pcap", "tshark-copernica.pcapng"] {
            let file = try fixtureBytes(captureFixtures + name)
            for length in stride(from: 0, through: file.count, by: 7) {
                _ = PacketCapture.clientStreams(Array(file.prefix(length)))
            }
            for position in stride(from: 0, to: min(file.count, 700), by: 3) {
                var damaged = file
                damaged[position] ^= 0xFF
                _ = PacketCapture.clientStreams(damaged)
            }
            // Many bytes at once, anywhere: a fixed seed, so a failure can be replayed.
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            func random(_ bound: Int) -> Int {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                return Int(state % UInt64(bound))
            }
            for _ in 0..<300 {
                var damaged = file
                for _ in 0..<(1 + random(12)) { damaged[random(damaged.count)] = UInt8(truncatingIfNeeded: random(256)) }
                _ = PacketCapture.clientStreams(damaged)
            }
        }
    }
}
