import HookCheckModel

/// `tcpdump -A` and `tcpdump -X` output: a summary line per packet (`TIME IP SRC > DST: Flags
/// [P.], seq A:B, ..., length N`), then the packet from its IP header on. As tcpdump 4.99's
/// `print-ascii.c` prints it, `-X` (`hex_and_ascii_print`) gives `\t0xOFFS:` lines of 16 bytes in
/// 4-digit groups, exact; `-A` (`ascii_print`) gives every byte as itself when it is a graphic
/// character, space, tab or LF, drops a CR before a LF (and a CR among the last two bytes), and
/// prints every other byte as `.`. The IP and TCP headers are skipped by their lengths (from the
/// bytes with -X; with -A from the first character and the TCP options the summary names), and
/// each direction's segments are put in sequence order.
enum TcpdumpText {
    struct Header {
        var source: String
        var destination: String
        /// The TCP payload length.
        var length: Int
        /// The first sequence number of the payload, when printed (`seq A:B`).
        var sequence: Int?
        /// The TCP header's length from the options the line names, when all are known.
        var tcpHeaderLength: Int?
    }

    /// One direction's segment: its first sequence number and its bytes.
    struct Segment {
        var sequence: Int
        var bytes: RebuiltStream
        /// The payload length the summary line gives.
        var length: Int
    }

    static func recognize(_ lines: [ArraySlice<UInt8>]) -> TextDumpFormat? {
        guard let first = lines.first, header(first) != nil, lines.count > 1 else { return nil }
        return lines[1].hasPrefix("\t0x") ? .tcpdumpHex : .tcpdumpASCII
    }

    /// The summary line of a TCP packet: `[DATE ]TIME [IFACE DIR ]IP[6] SRC > DST: Flags [..], ... length N`.
    static func header(_ line: ArraySlice<UInt8>) -> Header? {
        // `HH:MM:SS.` or `YYYY-MM-DD ` first: most lines are rejected before a String is made.
        guard line.count > 20, line.count < 4096, let lead = line.first, ASCII.isDigit(lead),
              line[line.startIndex + 2] == UInt8(ascii: ":") || line[line.startIndex + 4] == UInt8(ascii: "-") else { return nil }
        let text = String(decoding: line, as: UTF8.self)
        guard let time = text.split(separator: " ").first(where: { $0.contains(":") }), time.split(separator: ":").count == 3,
              let ip = text.firstRange(of: " IP ") ?? text.firstRange(of: " IP6 "),
              let arrow = text[ip.upperBound...].firstRange(of: " > "),
              let colon = text[arrow.upperBound...].firstRange(of: ": "),
              text[colon.upperBound...].hasPrefix("Flags [") else { return nil }
        let rest = text[colon.upperBound...]
        guard let lengthRange = rest.ranges(of: "length ").last,
              let length = Int(rest[lengthRange.upperBound...].prefix(while: \.isNumber)) else { return nil }
        var sequence: Int?
        if let seq = rest.firstRange(of: "seq ") {
            sequence = Int(rest[seq.upperBound...].prefix(while: \.isNumber))
        }
        var tcpHeaderLength: Int? = 20
        if let options = rest.firstRange(of: "options ["), let close = rest[options.upperBound...].firstIndex(of: "]") {
            tcpHeaderLength = optionsLength(rest[options.upperBound..<close]).map { 20 + $0 }
        }
        return Header(source: String(text[ip.upperBound..<arrow.lowerBound]), destination: String(text[arrow.upperBound..<colon.lowerBound]),
                      length: length, sequence: sequence, tcpHeaderLength: tcpHeaderLength)
    }

    /// The bytes of the TCP options tcpdump lists (`nop,nop,TS val 1 ecr 2`), padded to 4; nil
    /// when one is not known.
    static func optionsLength(_ list: Substring) -> Int? {
        var total = 0
        for option in list.split(separator: ",") {
            let words = option.split(separator: " ")
            switch words.first ?? "" {
            case "nop", "eol": total += 1
            case "mss": total += 4
            case "wscale": total += 3
            case "sackOK": total += 2
            case "TS": total += 10
            case "md5": total += 18
            case "sack": total += 2 + 8 * (words.count > 1 ? Int(words[1]) ?? 0 : 0)
            default: return nil
            }
        }
        return (total + 3) / 4 * 4
    }

    static func streams(_ bytes: [UInt8], format: TextDumpFormat) -> [CapturedBytes] {
        let text = TextLines(bytes)
        var segments: [String: [Segment]] = [:]
        var order: [String] = []
        var findings: [String: [Finding]] = [:]
        var index = 0
        while index < text.count {
            guard let header = Self.header(text.line(index)) else { index += 1; continue }
            let headerLine = index
            index += 1
            while index < text.count, Self.header(text.line(index)) == nil { index += 1 }
            let key = header.source + " > " + header.destination
            guard header.length > 0, index > headerLine + 1 else { continue }
            let block = text.starts[headerLine + 1]..<text.range(index - 1).upperBound
            guard !block.isEmpty else { continue }
            let read = format == .tcpdumpHex ? hexSegment(text, lines: headerLine + 1..<index, header: header)
                                              : asciiSegment(text, block: block, header: header, previous: segments[key]?.last)
            switch read {
            case .success(let segment):
                if segments[key] == nil { order.append(key) }
                segments[key, default: []].append(segment)
            case .failure(let damage):
                findings[key, default: []].append(damage.finding)
            }
        }
        var table = StreamTable()
        for key in order + findings.keys.filter({ !order.contains($0) }).sorted() {
            table[key] = assemble(segments[key] ?? [])
            table[key].findings += findings[key] ?? []
        }
        return table.clients(tool: format.tool)
    }

    /// A `-X` packet: hex lines checked against their offsets, then the IP and TCP headers skipped.
    static func hexSegment(_ text: TextLines, lines: Range<Int>, header: Header) -> Result<Segment, TextDumpDamage> {
        var packet = RebuiltStream()
        for index in lines {
            let line = text.line(index)
            guard line.hasPrefix("\t0x"), let colon = line.firstIndex(of: UInt8(ascii: ":")),
                  let offset = Int(String(decoding: line[(line.startIndex + 3)..<colon], as: UTF8.self), radix: 16) else { continue }
            guard offset == packet.count else {
                return .failure(TextDumpDamage(finding: Finding(.captureDamaged, "the line's offset 0x\(String(offset, radix: 16)) does not follow the \(packet.count) bytes before it: a line is missing",
                                                        at: SourcePosition(line: index + 1, column: 2))))
            }
            // `0x%04x: ` then a space before each 4-digit group; two spaces before the ASCII column.
            var position = colon + 2
            while position + 2 < line.endIndex, line[position] == 0x20, line[position + 1] != 0x20 {
                position += 1
                var digits = 0
                while position + digits < line.endIndex, ASCII.hexValue(line[position + digits]) != nil { digits += 1 }
                guard digits == 2 || digits == 4 else { break }
                for pair in stride(from: 0, to: digits, by: 2) {
                    let at = position + pair
                    packet.append(ASCII.hexValue(line[at])! << 4 | ASCII.hexValue(line[at + 1])!,
                                  line: index + 1, column: at - line.startIndex + 1)
                }
                position += digits
            }
        }
        let bytes = packet.bytes
        // -XX prints the Ethernet header first.
        var ip = 0
        if let first = bytes.first, first >> 4 != 4 && first >> 4 != 6, bytes.count > 14,
           (bytes[12], bytes[13]) == (0x08, 0x00) || (bytes[12], bytes[13]) == (0x86, 0xDD) { ip = 14 }
        guard ip < bytes.count else {
            // Said at the packet's summary line.
            return .failure(TextDumpDamage(finding: Finding(.captureDamaged, "a packet without bytes", at: SourcePosition(line: lines.lowerBound, column: 1))))
        }
        let version = bytes[ip] >> 4
        let ipLength = version == 4 ? Int(bytes[ip] & 0x0F) * 4 : 40
        let total: Int? = version == 4 && bytes.count >= ip + 4 ? ip + (Int(bytes[ip + 2]) << 8 | Int(bytes[ip + 3]))
            : version == 6 && bytes.count >= ip + 6 ? ip + 40 + (Int(bytes[ip + 4]) << 8 | Int(bytes[ip + 5])) : nil
        let tcp = ip + ipLength
        guard version == 4 || version == 6, let total, bytes.count > tcp + 12 else {
            return .failure(TextDumpDamage(finding: Finding(.captureDamaged, "the packet's IP and TCP headers cannot be read", at: packet.position(0))))
        }
        let sequence = bytes[(tcp + 4)..<(tcp + 8)].reduce(0) { $0 << 8 | Int($1) }
        let payloadStart = tcp + Int(bytes[tcp + 12] >> 4) * 4
        let payloadEnd = min(total, bytes.count)
        var segment = RebuiltStream()
        for offset in payloadStart..<max(payloadStart, payloadEnd) {
            let position = packet.position(offset)
            segment.append(bytes[offset], line: position.line, column: position.column)
        }
        return .success(Segment(sequence: sequence, bytes: segment, length: header.length))
    }

    /// A `-A` packet: the printed IP and TCP headers skipped, and the CRs tcpdump dropped put back.
    static func asciiSegment(_ text: TextLines, block: Range<Int>, header: Header, previous: Segment?) -> Result<Segment, TextDumpDamage> {
        let bytes = text.bytes
        let lead = bytes[block.lowerBound]
        let ipLength = lead >= 0x45 && lead <= 0x4F ? Int(lead - 0x40) * 4 : lead == 0x60 ? 40 : nil
        guard let ipLength, let tcpLength = header.tcpHeaderLength else {
            return .failure(TextDumpDamage(finding: Finding(.captureDamaged, "the packet's IP or TCP header length cannot be told from what tcpdump -A printed",
                                                    at: text.position(block.lowerBound))))
        }
        let start = block.lowerBound + ipLength + tcpLength
        let printed = max(0, block.upperBound - start)
        guard start <= block.upperBound, printed <= header.length else {
            return .failure(TextDumpDamage(finding: Finding(.captureDamaged, "the packet prints \(printed) payload bytes where its summary says \(header.length)",
                                                    at: text.position(min(start, block.upperBound)))))
        }
        var segment = RebuiltStream()
        let payload = bytes[start..<block.upperBound]
        let lineFeeds = payload.count { $0 == 0x0A }
        // A request head's lines all end in CRLF: its CRs are the first ones dropped.
        let headEnd = TextDumps.startsWithRequestLine(payload) ? payload.firstRange(of: [0x0A, 0x0A]).map(\.upperBound) : nil
        let headLineFeeds = headEnd.map { payload[start..<$0].count { $0 == 0x0A } }
        var missing = header.length - printed
        if missing > 0, missing != lineFeeds, missing != headLineFeeds {
            segment.losses.append("tcpdump -A drops a CR before a LF; where a segment lost only some, they were put back before its first line feeds (a guess)")
        }
        var position = text.position(start)
        for offset in start..<block.upperBound {
            let byte = bytes[offset]
            if byte == 0x0A, missing > 0 {
                segment.append(0x0D, line: position.line, column: position.column)
                missing -= 1
            }
            segment.append(byte, line: position.line, column: position.column)
            if byte == UInt8(ascii: ".") { segment.dots += 1 }
            position = byte == 0x0A ? SourcePosition(line: position.line + 1, column: 1) : SourcePosition(line: position.line, column: position.column + 1)
        }
        for _ in 0..<missing { segment.append(0x0D, line: position.line, column: position.column) }
        let sequence = header.sequence ?? previous.map { $0.sequence + $0.length } ?? 0
        return .success(Segment(sequence: sequence, bytes: segment, length: header.length))
    }

    /// One direction's segments in sequence order, each byte once: retransmissions dropped, and
    /// segments cut to the snap length, gaps and overlaps that differ said where they are.
    static func assemble(_ segments: [Segment]) -> RebuiltStream {
        var stream = RebuiltStream()
        guard let base = segments.map(\.sequence).min() else { return stream }
        var next = base
        let sorted = segments.enumerated().sorted { ($0.element.sequence, $0.offset) < ($1.element.sequence, $1.offset) }.map(\.element)
        var cut = (segments: 0, bytes: 0)
        var gap = 0
        for segment in sorted {
            stream.losses += segment.bytes.losses
            let skip = next - segment.sequence
            if skip >= segment.length { continue }
            let at = segment.bytes.isEmpty ? SourcePosition(line: 1, column: 1) : segment.bytes.position(0)
            if skip < 0 {
                gap -= skip
                stream.findings.append(Finding(.captureTCPGap, "\(-skip) bytes of the stream before this segment are not in the capture", at: at))
            }
            // Compared only while the stream holds every byte so far (no cut segment before).
            if skip > 0, stream.count == next - base,
               !stream.bytes[(segment.sequence - base)...].elementsEqual(segment.bytes.bytes.prefix(skip)) {
                stream.findings.append(Finding(.captureTCPOverlap, "this segment resends bytes with different content; the first ones are kept", at: at))
            }
            if segment.bytes.count < segment.length {
                cut = (cut.segments + 1, cut.bytes + segment.length - segment.bytes.count)
                stream.findings.append(Finding(.captureSnaplen, "tcpdump printed \(segment.bytes.count) of the segment's \(segment.length) bytes", at: at))
            }
            for index in min(max(0, skip), segment.bytes.count)..<segment.bytes.count {
                let byte = segment.bytes.bytes[index]
                let position = segment.bytes.position(index)
                stream.append(byte, line: position.line, column: position.column)
                if segment.bytes.dots > 0, byte == UInt8(ascii: ".") { stream.dots += 1 }
            }
            next = segment.sequence + segment.length
        }
        if cut.segments > 0 {
            stream.losses.append("tcpdump printed only the start of \(cut.segments) segment\(cut.segments == 1 ? "" : "s") (cut to the snap length): \(cut.bytes) bytes are not in the capture")
        }
        if gap > 0 { stream.losses.append("\(gap) bytes of the stream are not in the capture (a segment is missing)") }
        return stream
    }
}
