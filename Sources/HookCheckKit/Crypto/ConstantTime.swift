/// Comparison whose time does not depend on where two byte strings differ.
public enum ConstantTime {
    public static func equals<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        let left = Array(a)
        let right = Array(b)
        let length = max(left.count, right.count)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<length {
            let x = index < left.count ? left[index] : 0
            let y = index < right.count ? right[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
