/// Comparisons whose running time does not depend on the contents being compared.
public enum ConstantTime {
    /// Returns whether `a` and `b` hold the same bytes, taking time that depends only
    /// on their lengths, never on the position of the first difference.
    ///
    /// When the lengths differ the longer input is still walked in full and the
    /// result is false. Use this to check MACs and signatures.
    public static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        var left = a.makeIterator()
        var right = b.makeIterator()
        var difference: UInt8 = 0
        var lengthMismatch: UInt8 = 0
        while true {
            let x = left.next()
            let y = right.next()
            if x == nil && y == nil { break }
            // Only the lengths, never the byte values, steer these branches.
            if x == nil || y == nil { lengthMismatch = 1 }
            // Accumulate without an early exit so every byte is always visited.
            difference |= (x ?? 0) ^ (y ?? 0)
        }
        return difference | lengthMismatch == 0
    }
}
