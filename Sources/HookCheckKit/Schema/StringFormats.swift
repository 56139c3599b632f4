import HookCheckModel

/// Checks for the string formats a shape can require.
enum StringFormats {
    static func matches(_ value: String, _ format: StringFormat) -> Bool {
        let bytes = Array(value.utf8)
        switch format {
        case .any:
            return true
        case .uuid:
            guard bytes.count == 36 else { return false }
            for (index, byte) in bytes.enumerated() {
                if [8, 13, 18, 23].contains(index) {
                    if byte != UInt8(ascii: "-") { return false }
                } else if ASCII.hexValue(byte) == nil {
                    return false
                }
            }
            return true
        case .digits, .millisecondsString:
            return !bytes.isEmpty && bytes.count <= 19 && bytes.allSatisfy(ASCII.isDigit)
        case .hexColor:
            let digits = bytes.first == UInt8(ascii: "#") ? bytes.dropFirst() : bytes[...]
            return (digits.count == 6 || digits.count == 3 || digits.count == 8) && digits.allSatisfy { ASCII.hexValue($0) != nil }
        case .sqlDateTime:
            return Timestamps.parseSQLDateTime(value) != nil
        case .utcDateTime:
            return Timestamps.parseRFC3339(value) != nil
        }
    }
}
