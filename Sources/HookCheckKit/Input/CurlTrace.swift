import HookCheckModel

/// `curl --trace` (hex) and `curl --trace-ascii` files: the request side (`=> Send header`,
/// `=> Send data`) rebuilt into the bytes curl sent, with a map back to the trace's lines.
enum CurlTrace {
    struct Rebuilt {
        var bytes: [UInt8] = []
        var map = PositionMap()
        /// For --trace-ascii: offsets of the bytes curl printed as `.` (not printable).
        var dots: [Int] = []
        var ascii = false
    }

    /// Whether the input looks like a curl trace: its first meaningful line is one of curl's.
    static func looksLikeTrace(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let firstLine = bytes.split(separator: 0x0A, maxSplits: 1).first else { return false }
        let line = stripTime(String(decoding: firstLine, as: UTF8.self))
        return line.hasPrefix("== Info:") || line.hasPrefix("=> Send ") || line.hasPrefix("<= Recv ")
    }

    /// `HH:MM:SS.ffffff ` from --trace-time.
    static func stripTime(_ line: String) -> String {
        let chars = Array(line.utf8)
        guard chars.count >= 16, chars[2] == UInt8(ascii: ":"), chars[5] == UInt8(ascii: ":"), chars[8] == UInt8(ascii: "."),
              chars[15] == 0x20, chars[0..<2].allSatisfy(ASCII.isDigit) else { return line }
        return String(decoding: chars[16...], as: UTF8.self)
    }

    static func rebuild(_ bytes: [UInt8]) -> Rebuilt {
        var rebuilt = Rebuilt()
        enum Block { case sendHeader, sendData, other }
        var block = Block.other
        var blockSize = 0
        var blockStart = 0
        var decidedMode = false
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        // Pending: the end of the last ascii line, for a CRLF curl did not print.
        var lastASCIIEnd: (offset: Int, line: Int, column: Int)?
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            var text = String(decoding: rawLine, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            let stripped = stripTime(text)
            let prefix = text.utf8.count - stripped.utf8.count
            if stripped.hasPrefix("=> Send header") || stripped.hasPrefix("=> Send data") {
                closeASCII(&rebuilt, &lastASCIIEnd, blockStart: blockStart, blockSize: blockSize)
                block = stripped.hasPrefix("=> Send header") ? .sendHeader : .sendData
                blockSize = Int(stripped.split(separator: ",").dropFirst().first?.split(separator: " ").first ?? "") ?? 0
                // A size no capture could hold is not trusted.
                if blockSize < 0 || blockSize > 1 << 40 { blockSize = 0 }
                blockStart = rebuilt.bytes.count
                continue
            }
            if stripped.hasPrefix("=>") || stripped.hasPrefix("<=") || stripped.hasPrefix("==") {
                closeASCII(&rebuilt, &lastASCIIEnd, blockStart: blockStart, blockSize: blockSize)
                block = .other
                continue
            }
            guard block != .other else { continue }
            let chars = Array(stripped.utf8)
            // "0000: ..." : the offset in the block, in hex.
            guard let colon = chars.firstIndex(of: UInt8(ascii: ":")), colon >= 4, colon + 1 < chars.count || colon + 1 == chars.count,
                  let offset = Int(String(decoding: chars[..<colon], as: UTF8.self), radix: 16), offset >= 0, offset < 1 << 40 else { continue }
            let dataStart = colon + 2
            if !decidedMode {
                rebuilt.ascii = !isHexPairs(chars, from: dataStart)
                decidedMode = true
            }
            if rebuilt.ascii {
                // A CRLF curl swallowed at the end of the previous line shows as a gap in the offsets.
                if let last = lastASCIIEnd, blockStart + offset == last.offset + 2 {
                    rebuilt.map.add(start: rebuilt.bytes.count, line: last.line, column: last.column, stride: 0)
                    rebuilt.bytes += [0x0D, 0x0A]
                }
                let payload = dataStart <= chars.count ? Array(chars[min(dataStart, chars.count)...]) : []
                rebuilt.map.add(start: rebuilt.bytes.count, line: lineNumber, column: prefix + dataStart + 1)
                for byte in payload {
                    if byte == UInt8(ascii: "."), block == .sendData { rebuilt.dots.append(rebuilt.bytes.count) }
                    rebuilt.bytes.append(byte)
                }
                lastASCIIEnd = (blockStart + offset + payload.count, lineNumber, prefix + dataStart + payload.count + 1)
            } else {
                rebuilt.map.add(start: rebuilt.bytes.count, line: lineNumber, column: prefix + dataStart + 1, stride: 3)
                var position = dataStart
                var count = 0
                while count < 16, position + 1 < chars.count, let high = ASCII.hexValue(chars[position]), let low = ASCII.hexValue(chars[position + 1]) {
                    rebuilt.bytes.append(high << 4 | low)
                    position += 3
                    count += 1
                }
            }
        }
        closeASCII(&rebuilt, &lastASCIIEnd, blockStart: blockStart, blockSize: blockSize)
        return rebuilt
    }

    /// At a block's end: the CRLF that ended its last line, when the declared size says there was one.
    private static func closeASCII(_ rebuilt: inout Rebuilt, _ last: inout (offset: Int, line: Int, column: Int)?,
                                   blockStart: Int, blockSize: Int) {
        defer { last = nil }
        guard rebuilt.ascii, let end = last, end.offset + 2 == blockStart + blockSize else { return }
        rebuilt.map.add(start: rebuilt.bytes.count, line: end.line, column: end.column, stride: 0)
        rebuilt.bytes += [0x0D, 0x0A]
    }

    private static func isHexPairs(_ chars: [UInt8], from start: Int) -> Bool {
        guard start + 2 < chars.count else { return false }
        return ASCII.hexValue(chars[start]) != nil && ASCII.hexValue(chars[start + 1]) != nil && chars[start + 2] == 0x20
    }

    /// In a JSON body: `.` bytes curl printed where only whitespace may stand were line feeds (or tabs,
    /// or carriage returns). Dots inside strings are kept: they may be real dots or unprintable bytes.
    static func rebuildJSONBody(_ body: [UInt8], dots: Set<Int>, bodyStart: Int) -> (lf: [UInt8], candidates: [(bytes: [UInt8], meaning: String)], rebuiltCount: Int, inStrings: Int) {
        var inString = false
        var escaped = false
        var whitespaceDots: [Int] = []
        var stringDots = 0
        for (index, byte) in body.enumerated() {
            let isDot = byte == UInt8(ascii: ".") && dots.contains(bodyStart + index)
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                if isDot { stringDots += 1 }
                continue
            }
            if byte == UInt8(ascii: "\"") { inString = true; continue }
            if isDot {
                // A decimal point sits between digits.
                let before = index > 0 ? body[index - 1] : 0
                let after = index + 1 < body.count ? body[index + 1] : 0
                if ASCII.isDigit(before) && ASCII.isDigit(after) { continue }
                whitespaceDots.append(index)
            }
        }
        func replaced(_ byte: UInt8) -> [UInt8] {
            var copy = body
            for index in whitespaceDots { copy[index] = byte }
            return copy
        }
        let lf = replaced(0x0A)
        guard !whitespaceDots.isEmpty else { return (body, [], 0, stringDots) }
        return (lf, [(lf, "with line feeds"), (replaced(0x09), "with tabs"), (replaced(0x0D), "with carriage returns")],
                whitespaceDots.count, stringDots)
    }
}
