/// Small byte-level helpers every layer shares: ASCII classes, case-insensitive comparison,
/// trimming, hex digits. Text on the wire is bytes; Strings are made only for what is printed.
public enum ASCII {
    /// Space, tab, CR or LF: the blank space JSON, HTTP and pasted secrets allow.
    @inline(__always)
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Space or tab: HTTP's optional whitespace around a field value.
    @inline(__always)
    public static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    @inline(__always)
    public static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always)
    public static func lowercased(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

    /// Whether two byte sequences are equal with ASCII letters compared case-insensitively, as
    /// HTTP header names are.
    public static func equalsIgnoringCase<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
        where A.Element == UInt8, B.Element == UInt8 {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { $0 == $1 || lowercased($0) == lowercased($1) }
    }

    /// Whether `bytes` starts with `prefix`, ASCII letters compared case-insensitively.
    public static func hasPrefixIgnoringCase<A: Collection, B: Collection>(_ bytes: A, _ prefix: B) -> Bool
        where A.Element == UInt8, B.Element == UInt8 {
        guard prefix.count <= bytes.count else { return false }
        return equalsIgnoringCase(bytes.prefix(prefix.count), prefix)
    }

    /// The value of a hexadecimal digit, in either case.
    @inline(__always)
    public static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 0x30
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 0x57
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 0x37
        default: nil
        }
    }

    /// Two upper-case hex digits.
    public static func hex2(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }

    /// Four upper-case hex digits.
    public static func hex4(_ value: UInt32) -> String {
        hex2(UInt8(truncatingIfNeeded: value >> 8)) + hex2(UInt8(truncatingIfNeeded: value))
    }
}

/// Whether two strings are equal with ASCII letters compared case-insensitively.
public func asciiCaseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
    ASCII.equalsIgnoringCase(a.utf8, b.utf8)
}

extension Collection where Element == UInt8 {
    /// Without leading and trailing blank space (spaces, tabs, CR, LF).
    public var trimmingASCIIWhitespace: SubSequence {
        let start = firstIndex { !ASCII.isWhitespace($0) } ?? endIndex
        var end = endIndex
        var index = start
        while index != endIndex {
            if !ASCII.isWhitespace(self[index]) { end = self.index(after: index) }
            formIndex(after: &index)
        }
        return self[start..<end]
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes.
    public func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        let first = needle[0]
        var index = 0
        while index <= count - needle.count {
            if self[index] == first, self[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    public var trimmingBlanks: String {
        String(decoding: Array(utf8).trimmingBlankBytes, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    fileprivate var trimmingBlankBytes: ArraySlice<UInt8> {
        let start = firstIndex { !ASCII.isBlank($0) } ?? endIndex
        let end = (lastIndex { !ASCII.isBlank($0) }).map { $0 + 1 } ?? start
        return self[start..<Swift.max(start, end)]
    }
}

extension String {
    /// Every `target` character replaced by `replacement`, without Foundation.
    public func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}

extension Array {
    /// In an array sorted by `key`, the index of the last element whose key is at or before
    /// `target` (0 when none is): from an offset to the line, run or piece it falls in.
    public func lastIndex<Key: Comparable>(atOrBefore target: Key, by key: (Element) -> Key) -> Int {
        var low = 0
        var high = count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if key(self[mid]) <= target { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
