/// The raw bytes of one request as they stand in the input file, and the way back from a byte
/// offset to a line and column.
///
/// `baseLine` is the line on which `bytes` begins in the input file, so a request taken from the
/// middle of a stream still reports file positions. Only LF counts as a line break, so CRLF is one
/// break; columns count UTF-8 bytes. The line index is built on first use, when a finding needs it.
public final class SourceText {
    public let bytes: [UInt8]
    public let baseLine: Int
    private var lineStarts: [Int]?

    public init(_ bytes: [UInt8], baseLine: Int = 1) {
        self.bytes = bytes
        self.baseLine = baseLine
    }

    /// The 1-based line and column of `offset`; offsets past the end clamp to the end.
    public func position(ofOffset offset: Int) -> SourcePosition {
        let starts = lineStarts ?? buildLineStarts()
        let target = max(0, min(offset, bytes.count))
        let low = starts.lastIndex(atOrBefore: target) { $0 }
        return SourcePosition(line: baseLine + low, column: target - starts[low] + 1)
    }

    private func buildLineStarts() -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count where buffer[index] == 0x0A {
                starts.append(index + 1)
            }
        }
        lineStarts = starts
        return starts
    }
}
