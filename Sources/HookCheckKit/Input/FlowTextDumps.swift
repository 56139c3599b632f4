import HookCheckModel

/// `tcpflow -c` output, as tcpflow 1.6's `tcpip::print_packet` writes it: each segment as
/// `LABEL: `, its bytes as they are (`fwrite`), and a LF of tcpflow's, where LABEL is
/// `SRC.PORT-DST.PORT` with zero-padded numbers (`127.000.000.001.54321-127.000.000.001.08089`).
/// The added LF is the one before the next label, so the bytes are exact. (`-s` would print
/// unprintables as `.`; that output cannot be told apart, and is read as if it were exact.)
enum TcpflowDump {
    /// The label's length (with its `: `) and the connection direction it names.
    static func label(_ line: ArraySlice<UInt8>) -> (length: Int, key: String)? {
        guard let colon = line.prefix(120).firstRange(of: Array(": ".utf8)) else { return nil }
        let label = line[line.startIndex..<colon.lowerBound]
        let halves = label.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard halves.count == 2, halves.allSatisfy(isEndpoint) else { return nil }
        return (colon.upperBound - line.startIndex, String(decoding: label, as: UTF8.self))
    }

    /// `127.000.000.001.08089`: address digits, a dot and a 5-digit port.
    static func isEndpoint(_ part: ArraySlice<UInt8>) -> Bool {
        guard part.count > 6, let dot = part.lastIndex(of: UInt8(ascii: ".")), part.endIndex - dot == 6 else { return false }
        return part[(dot + 1)...].allSatisfy(ASCII.isDigit)
            && part[..<dot].allSatisfy { ASCII.hexValue($0) != nil || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }
    }

    static func recognize(_ first: ArraySlice<UInt8>) -> Bool { label(first) != nil }

    static func streams(_ bytes: [UInt8]) -> [CapturedBytes] {
        let text = TextLines(bytes)
        let chunks = (0..<text.count).compactMap { index in label(text.line(index)).map { (index, $0) } }
        var table = StreamTable()
        for (number, (index, label)) in chunks.enumerated() {
            let start = text.starts[index] + label.length
            var end = number + 1 < chunks.count ? text.starts[chunks[number + 1].0] - 1 : bytes.count
            if number + 1 == chunks.count, end > start, bytes[end - 1] == 0x0A { end -= 1 }
            guard start <= end else { continue }
            table[label.key].appendSource(start..<end, in: text)
        }
        return table.clients(tool: TextDumpFormat.tcpflow.tool)
    }
}

/// `ngrep -W byline` output, as ngrep 1.47's `dump_packet` and `dump_byline` write it: a `#` for
/// every packet seen (unless -q) and, for a packet with a payload, a LF, `T SRC:PORT -> DST:PORT
/// [FLAGS] #FRAME` (with -t a time before SRC), a LF, the payload with LF kept and every other
/// unprintable byte (CR included) as `.`, and a LF. In a request head, `.` before a LF is read as
/// the CR it stands for; every other `.` may stand for another byte.
enum NgrepDump {
    /// The connection direction a `T SRC -> DST [FLAGS]` line names.
    static func header(_ line: ArraySlice<UInt8>) -> String? {
        guard line.count > 8, line.hasPrefix("T "), let arrow = line.firstRange(of: Array(" -> ".utf8)) else { return nil }
        let source = line[line.startIndex..<arrow.lowerBound].split(separator: 0x20).last ?? []
        let destination = line[arrow.upperBound...].split(separator: 0x20).first ?? []
        guard source.contains(UInt8(ascii: ":")), destination.contains(UInt8(ascii: ":")), line.contains(UInt8(ascii: "[")) else { return nil }
        return String(decoding: source, as: UTF8.self) + " -> " + String(decoding: destination, as: UTF8.self)
    }

    static func recognize(_ lines: [ArraySlice<UInt8>]) -> Bool {
        guard let first = lines.first else { return false }
        let opening = first.hasPrefix("input: ") || first.hasPrefix("interface: ") || header(first) != nil
        return opening && lines.contains { header($0) != nil || isHashLine($0) && !$0.isEmpty }
    }

    /// A line of the `#`s ngrep prints per packet (the last one ends in `exit`), or the empty line
    /// -q leaves in its place.
    static func isHashLine(_ line: ArraySlice<UInt8>) -> Bool {
        let hashes = line.prefix { $0 == UInt8(ascii: "#") }
        let rest = line.dropFirst(hashes.count)
        return rest.isEmpty || (!hashes.isEmpty && rest.elementsEqual("exit".utf8))
    }

    static func streams(_ bytes: [UInt8]) -> [CapturedBytes] {
        let text = TextLines(bytes)
        let headers = (0..<text.count).compactMap { index in header(text.line(index)).map { (index, $0) } }
        var table = StreamTable()
        for (number, (index, key)) in headers.enumerated() {
            var end = number + 1 < headers.count ? headers[number + 1].0 : text.count
            if end == text.count, end - 1 > index, text.line(end - 1).isEmpty { end -= 1 }
            guard end - 1 > index, isHashLine(text.line(end - 1)) else { continue }
            let start = text.starts[index + 1]
            let stop = max(start, text.starts[end - 1] - 1)
            var packet = RebuiltStream()
            packet.appendSource(start..<stop, in: text)
            append(packet, to: &table[key])
        }
        return table.clients(tool: TextDumpFormat.ngrepByline.tool)
    }

    /// Whether a packet starts with a request line, its CR printed as `.`.
    static func startsRequest(_ bytes: ArraySlice<UInt8>) -> Bool {
        let end = bytes.prefix(16 * 1024).firstIndex(of: 0x0A) ?? bytes.endIndex
        let line = bytes[bytes.startIndex..<end]
        return TextDumps.isRequestLine(line.last == UInt8(ascii: ".") ? line.dropLast() : line)
    }

    /// A packet's bytes added to its stream: in a packet that starts a request, the head's `.` before
    /// each LF becomes the CR it stands for, up to the empty line.
    static func append(_ packet: RebuiltStream, to stream: inout RebuiltStream) {
        let bytes = packet.bytes
        var inHead = startsRequest(bytes[...])
        for index in bytes.indices {
            var byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                if inHead, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                    byte = 0x0D
                    // The empty line, a lone `.`, ends the head.
                    if index == 0 || bytes[index - 1] == 0x0A { inHead = false }
                } else {
                    stream.dots += 1
                }
            }
            let position = packet.position(index)
            stream.append(byte, line: position.line, column: position.column)
        }
    }
}

/// `socat -v` and `socat -x` output, as socat 1.7's `xioprintblockheader` and `xiotransfer` write
/// it: each transfer is `> YYYY/MM/DD HH:MM:SS.ffffff  length=N from=A to=B` (`>` from the first
/// address to the second, `<` back; `from=` restarts at 0 on each connection), then
/// - -v: the N bytes with `\a \b \v \f \r \\` escaped, tab and LF as they are and every other
///   unprintable byte as `.`, and no line break after them (the next header may follow mid-line);
/// - -x: ` hh` per byte and a LF; exact;
/// - -v -x: lines of up to 16 ` hh` (a LF byte ends a line early) and an ASCII column, `--` after.
enum SocatDump {
    struct Header {
        var toServer: Bool
        var length: Int
        var from: Int
        /// The offset after the header's LF.
        var end: Int
    }

    static func header(_ bytes: ArraySlice<UInt8>) -> Header? {
        guard bytes.count > 30, let direction = bytes.first, direction == UInt8(ascii: ">") || direction == UInt8(ascii: "<"),
              bytes[bytes.startIndex + 1] == 0x20, ASCII.isDigit(bytes[bytes.startIndex + 2]) else { return nil }
        let end = bytes.prefix(200).firstIndex(of: 0x0A) ?? bytes.endIndex
        let words = bytes[bytes.startIndex..<end].split(separator: 0x20)
        func value(_ name: String) -> Int? {
            words.first { $0.hasPrefix(name) }.flatMap { Int(String(decoding: $0.dropFirst(name.utf8.count), as: UTF8.self)) }
        }
        guard words.count == 6, words[1].contains(UInt8(ascii: "/")), words[2].contains(UInt8(ascii: ":")),
              let length = value("length="), let from = value("from="), value("to=") != nil, length > 0 else { return nil }
        return Header(toServer: direction == UInt8(ascii: ">"), length: length, from: from, end: min(end + 1, bytes.endIndex))
    }

    static func recognize(_ lines: [ArraySlice<UInt8>]) -> TextDumpFormat? {
        guard let first = lines.first, header(first + [0x0A]) != nil else { return nil }
        return lines.count > 1 && isHexTriple(lines[1], at: lines[1].startIndex) ? .socatHex : .socatText
    }

    /// ` hh` at `index`, followed by a space, a LF or the end.
    static func isHexTriple(_ bytes: ArraySlice<UInt8>, at index: Int) -> Bool {
        index + 2 < bytes.endIndex && bytes[index] == 0x20 && ASCII.hexValue(bytes[index + 1]) != nil && ASCII.hexValue(bytes[index + 2]) != nil
            && (index + 3 == bytes.endIndex || bytes[index + 3] == 0x20 || bytes[index + 3] == 0x0A)
    }

    static func streams(_ bytes: [UInt8]) -> [CapturedBytes] {
        let text = TextLines(bytes)
        var table = StreamTable()
        var connection = 0
        var offset = 0
        var hex: Bool?
        var damage: (key: String, finding: Finding)?
        while offset < bytes.count, damage == nil {
            if bytes[offset] == 0x0A || (bytes[offset] == UInt8(ascii: "-") && bytes[offset...].hasPrefix("--\n")) {
                offset += bytes[offset] == 0x0A ? 1 : 3
                continue
            }
            guard let header = header(bytes[offset...]) else {
                // Said with the client's stream of the connection the damage is in.
                damage = ("\(connection)>", Finding(.captureDamaged, "not a socat transfer header ('> DATE TIME  length=N from=A to=B')", at: text.position(offset)))
                break
            }
            if header.from == 0, header.toServer || table.keys.isEmpty { connection += 1 }
            let key = "\(connection)\(header.toServer ? ">" : "<")"
            let isHex = hex ?? isHexTriple(bytes[header.end...], at: header.end)
            hex = isHex
            // Only whole transfers are kept.
            var transfer = RebuiltStream()
            let result = isHex ? readHex(text, from: header.end, length: header.length, into: &transfer)
                             : readText(text, from: header.end, length: header.length, into: &transfer)
            switch result {
            case .success(let next):
                table[key].append(transfer)
                offset = next
            case .failure(let error): damage = ("\(connection)>", error.finding)
            }
        }
        if let damage { table[damage.key].findings.append(damage.finding) }
        return table.clients(tool: hex == true ? TextDumpFormat.socatHex.tool : TextDumpFormat.socatText.tool)
    }

    /// -v: `length` bytes from `start`, escapes decoded; the offset after them.
    static func readText(_ text: TextLines, from start: Int, length: Int, into stream: inout RebuiltStream) -> Result<Int, TextDumpDamage> {
        let bytes = text.bytes
        var offset = start
        var position = text.position(min(start, bytes.count))
        for read in 0..<length {
            guard offset < bytes.count else {
                return .failure(.init(finding: Finding(.captureDamaged, "the capture ends \(read) bytes into a \(length)-byte transfer", at: position)))
            }
            var byte = bytes[offset]
            var width = 1
            if byte == UInt8(ascii: "\\") {
                let escapes: [UInt8: UInt8] = [UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "v"): 0x0B,
                                               UInt8(ascii: "f"): 0x0C, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "\\"): 0x5C]
                guard offset + 1 < bytes.count, let decoded = escapes[bytes[offset + 1]] else {
                    return .failure(.init(finding: Finding(.captureDamaged, "'\\' followed by something socat -v does not escape", at: position)))
                }
                byte = decoded
                width = 2
            } else if byte == UInt8(ascii: ".") {
                stream.dots += 1
            }
            stream.append(byte, line: position.line, column: position.column)
            offset += width
            position = byte == 0x0A ? SourcePosition(line: position.line + 1, column: 1) : SourcePosition(line: position.line, column: position.column + width)
        }
        return .success(offset)
    }

    /// -x and -v -x: `length` bytes of ` hh` from `start` (lines of one or several); the offset after them.
    static func readHex(_ text: TextLines, from start: Int, length: Int, into stream: inout RebuiltStream) -> Result<Int, TextDumpDamage> {
        let bytes = text.bytes
        var offset = start
        var read = 0
        while read < length {
            guard offset < bytes.count else {
                return .failure(.init(finding: Finding(.captureDamaged, "the capture ends \(read) bytes into a \(length)-byte transfer",
                                                       at: text.position(bytes.count))))
            }
            let lineEnd = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[offset..<lineEnd]
            var index = offset
            while read < length, isHexTriple(line, at: index) {
                let position = text.position(index + 1)
                stream.append(ASCII.hexValue(bytes[index + 1])! << 4 | ASCII.hexValue(bytes[index + 2])!, line: position.line, column: position.column)
                index += 3
                read += 1
            }
            guard index > offset else {
                return .failure(.init(finding: Finding(.captureDamaged, "a line of a \(length)-byte transfer holds no hex bytes", at: text.position(offset))))
            }
            offset = min(lineEnd + 1, bytes.count)
        }
        return .success(offset)
    }
}
