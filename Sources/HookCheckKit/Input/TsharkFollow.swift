import HookCheckModel

/// `tshark -qz follow,tcp,ascii|hex|raw,N` output, as Wireshark's `ui/cli/tap-follow.c`
/// (`follow_draw`) prints it: a `===` banner, `Follow: tcp,MODE`, `Filter: ...`, `Node 0:` (the
/// client) and `Node 1:` (the server), one entry per segment, and a closing `===` line.
/// - ascii: the segment's length on a line (after a tab for the server's), its bytes with CR and
///   LF kept and every other byte outside printable ASCII (tab too) as `.`, then a LF of tshark's.
/// - hex: `hexdump -C`-like lines (8-digit offset, 16 bytes, an extra space after the 8th), the
///   offsets running per direction across segments, the server's after a tab. Exact.
/// - raw: one line of hex per segment, the server's after a tab. Exact.
enum TsharkFollow {
    static func recognize(_ lines: [ArraySlice<UInt8>]) -> TextDumpFormat? {
        for (index, line) in lines.enumerated().prefix(4) where line.hasPrefix("Follow: ") {
            guard index > 0, isBanner(lines[index - 1]), index + 1 < lines.count,
                  lines[index + 1].hasPrefix("Filter: ") else { return nil }
            return format(of: line)
        }
        return nil
    }

    static func isBanner(_ line: ArraySlice<UInt8>) -> Bool {
        line.count >= 10 && line.allSatisfy { $0 == UInt8(ascii: "=") }
    }

    /// The format a `Follow: PROTO,MODE` line names: TCP and TLS streams only, whose bytes are
    /// what the client sent (other followers print decoded messages).
    static func format(of line: ArraySlice<UInt8>) -> TextDumpFormat? {
        let parts = String(decoding: line.dropFirst(8), as: UTF8.self).trimmingBlanks.split(separator: ",")
        guard parts.count == 2, ["tcp", "tls", "ssl"].contains(parts[0]) else { return nil }
        switch parts[1] {
        case "ascii": return .tsharkFollowASCII
        case "hex": return .tsharkFollowHex
        case "raw": return .tsharkFollowRaw
        default: return nil
        }
    }

    /// One stream per follow block: node 0's bytes (node 1's when only they start with a request).
    static func streams(_ bytes: [UInt8], format: TextDumpFormat) -> [CapturedBytes] {
        let text = TextLines(bytes)
        var result: [CapturedBytes] = []
        var index = 0
        while index < text.count {
            guard text.line(index).hasPrefix("Follow: "), let mode = self.format(of: text.line(index)) else {
                index += 1
                continue
            }
            index += 1
            while index < text.count, text.line(index).hasPrefix("Filter: ") || text.line(index).hasPrefix("Node ") { index += 1 }
            var sides = [RebuiltStream(), RebuiltStream()]
            let damage: Finding?
            switch mode {
            case .tsharkFollowASCII: (index, damage) = readASCII(text, from: index, into: &sides)
            case .tsharkFollowHex: (index, damage) = readHex(text, from: index, into: &sides)
            default: (index, damage) = readRaw(text, from: index, into: &sides)
            }
            // Node 0 is the client; the server only when it alone starts with a request. Neither
            // does when the stream is not HTTP (TLS, or a capture started mid-request).
            var table = StreamTable()
            let client = !TextDumps.startsWithRequestLine(sides[0].bytes[...]) && TextDumps.startsWithRequestLine(sides[1].bytes[...]) ? 1 : 0
            table["client"] = sides[client]
            if let damage { table["client"].findings.append(damage) }
            result += table.clients(tool: mode.tool)
        }
        return result
    }

    /// ascii entries from line `start`: length line, bytes, tshark's LF. Returns the line after the
    /// block and the damage that stopped it, if any.
    static func readASCII(_ text: TextLines, from start: Int, into sides: inout [RebuiltStream]) -> (Int, Finding?) {
        let bytes = text.bytes
        var offset = start < text.count ? text.starts[start] : bytes.count
        while offset < bytes.count {
            let lineEnd = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[offset..<lineEnd]
            if isBanner(line) { return (text.position(offset).line, nil) }
            let side = line.first == 0x09 ? 1 : 0
            let digits = line.dropFirst(side)
            guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy(ASCII.isDigit),
                  let length = Int(String(decoding: digits, as: UTF8.self)) else {
                return (text.count, Finding(.captureDamaged, "'\(String(decoding: line.prefix(40), as: UTF8.self))' is not a segment length (a number on its own line)",
                                            at: text.position(offset)))
            }
            let dataStart = lineEnd + 1
            let available = max(0, min(length, bytes.count - dataStart))
            let after = dataStart + available
            // Only whole segments are kept: a cut one, or one whose length is wrong, is left out.
            let cut = available < length
            if !cut, after < bytes.count, bytes[after] == 0x0A {
                sides[side].appendSource(dataStart..<after, in: text)
                sides[side].dots += bytes[dataStart..<after].count { $0 == UInt8(ascii: ".") }
            }
            if cut {
                return (text.count, Finding(.captureDamaged, "the capture ends \(available) bytes into a \(length)-byte segment",
                                            at: text.position(min(dataStart, bytes.count))))
            }
            guard after < bytes.count, bytes[after] == 0x0A else {
                return (text.count, Finding(.captureDamaged, "a \(length)-byte segment is not followed by the line break tshark adds: its length line is wrong",
                                            at: text.position(min(after, bytes.count))))
            }
            offset = after + 1
        }
        return (text.count, nil)
    }

    /// hex lines from line `start`, each checked against the offset it prints.
    static func readHex(_ text: TextLines, from start: Int, into sides: inout [RebuiltStream]) -> (Int, Finding?) {
        for index in start..<text.count {
            let line = text.line(index)
            if isBanner(line) { return (index + 1, nil) }
            if line.isEmpty { continue }
            let side = line.first == 0x09 ? 1 : 0
            let row = line.dropFirst(side)
            let base = row.startIndex
            guard row.count > 12, row[base + 8] == 0x20, row[base + 9] == 0x20,
                  let offset = Int(String(decoding: row.prefix(8), as: UTF8.self), radix: 16) else {
                return (text.count, Finding(.captureDamaged, "not a hex dump line (an 8-digit offset, two spaces, hex bytes)",
                                            at: SourcePosition(line: index + 1, column: 1)))
            }
            guard offset == sides[side].count else {
                return (text.count, Finding(.captureDamaged, "the line's offset \(offset) does not follow the \(sides[side].count) bytes before it on this side: a line is missing",
                                            at: SourcePosition(line: index + 1, column: side + 1)))
            }
            var read = 0
            for byteIndex in 0..<16 {
                let position = 10 + 3 * byteIndex + (byteIndex >= 8 ? 1 : 0)
                guard position + 1 < row.count, let high = ASCII.hexValue(row[base + position]),
                      let low = ASCII.hexValue(row[base + position + 1]),
                      position + 2 == row.count || row[base + position + 2] == 0x20 else { break }
                sides[side].append(high << 4 | low, line: index + 1, column: side + position + 1)
                read += 1
            }
            guard read > 0 else {
                return (text.count, Finding(.captureDamaged, "a hex dump line without bytes", at: SourcePosition(line: index + 1, column: 1)))
            }
        }
        return (text.count, nil)
    }

    /// raw lines from line `start`: one segment of plain hex each.
    static func readRaw(_ text: TextLines, from start: Int, into sides: inout [RebuiltStream]) -> (Int, Finding?) {
        for index in start..<text.count {
            let line = text.line(index)
            if isBanner(line) { return (index + 1, nil) }
            if line.isEmpty { continue }
            let side = line.first == 0x09 ? 1 : 0
            let hex = line.dropFirst(side)
            guard hex.count % 2 == 0, hex.allSatisfy({ ASCII.hexValue($0) != nil }) else {
                return (text.count, Finding(.captureDamaged, "a raw segment line holds something other than pairs of hex digits",
                                            at: SourcePosition(line: index + 1, column: 1)))
            }
            var column = side + 1
            var position = hex.startIndex
            while position < hex.endIndex {
                sides[side].append(ASCII.hexValue(hex[position])! << 4 | ASCII.hexValue(hex[position + 1])!, line: index + 1, column: column)
                position += 2
                column += 2
            }
        }
        return (text.count, nil)
    }
}
