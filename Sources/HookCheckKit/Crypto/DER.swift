/// Why a DER (ITU-T X.690 Distinguished Encoding Rules) reader rejected its input.
/// Every case carries the byte offset, from the start of the outermost input, where the problem was found.
public enum DERError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended inside an element: `needed` more bytes were required at `offset`.
    case truncated(offset: Int, needed: Int)
    /// A tag in the multi-byte (high tag number) form, which no structure read here uses.
    case unsupportedTag(offset: Int)
    /// The indefinite length form (0x80), which DER forbids.
    case indefiniteLength(offset: Int)
    /// A length in the long form that DER requires in a shorter form, or with leading zero bytes.
    case nonMinimalLength(offset: Int)
    /// A length field too large to describe any element in memory (or the reserved 0xFF form).
    case lengthOverflow(offset: Int)
    /// An element with a different tag than the structure requires.
    case unexpectedTag(offset: Int, expected: UInt8, found: UInt8)
    /// Bytes left over after the last expected element.
    case trailingData(offset: Int, count: Int)
    /// An INTEGER with no content bytes or with redundant leading 0x00 / 0xFF bytes.
    case malformedInteger(offset: Int)
    /// An INTEGER whose value is negative where only non-negative values make sense.
    case negativeInteger(offset: Int)
    /// An OBJECT IDENTIFIER that is empty, has redundant 0x80 padding, ends mid-arc, or has an arc beyond 64 bits.
    case malformedObjectIdentifier(offset: Int)
    /// A BIT STRING with no content, more than 7 unused bits, or non-zero unused bits.
    case malformedBitString(offset: Int)
    /// A NULL with content bytes.
    case malformedNull(offset: Int)

    /// A one-line explanation naming the offset.
    public var description: String {
        switch self {
        case let .truncated(offset, needed):
            return "DER input ends early at byte \(offset): \(needed) more byte(s) needed"
        case let .unsupportedTag(offset):
            return "DER tag at byte \(offset) uses the high tag number form, which is not supported"
        case let .indefiniteLength(offset):
            return "DER length at byte \(offset) is indefinite (0x80), which DER forbids"
        case let .nonMinimalLength(offset):
            return "DER length at byte \(offset) is not in its shortest form"
        case let .lengthOverflow(offset):
            return "DER length at byte \(offset) is too large"
        case let .unexpectedTag(offset, expected, found):
            return "DER element at byte \(offset) has tag \(DERError.hexByte(found)), expected \(DERError.hexByte(expected))"
        case let .trailingData(offset, count):
            return "\(count) unexpected byte(s) after the DER structure at byte \(offset)"
        case let .malformedInteger(offset):
            return "DER INTEGER at byte \(offset) is empty or not minimally encoded"
        case let .negativeInteger(offset):
            return "DER INTEGER at byte \(offset) is negative"
        case let .malformedObjectIdentifier(offset):
            return "DER OBJECT IDENTIFIER at byte \(offset) is malformed"
        case let .malformedBitString(offset):
            return "DER BIT STRING at byte \(offset) is malformed"
        case let .malformedNull(offset):
            return "DER NULL at byte \(offset) has content"
        }
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}

/// One DER element: its identifier octet and the bounds of its content.
public struct DERElement: Sendable, Equatable {
    /// The identifier octet (class, constructed bit and tag number), e.g. 0x30 for SEQUENCE.
    public let tag: UInt8
    /// The offset of the identifier octet in the outermost input.
    public let offset: Int
    /// The offset of the first content byte in the outermost input.
    public let contentOffset: Int
    /// The content bytes, indexed by their offsets in the outermost input.
    public let content: ArraySlice<UInt8>
}

/// An OBJECT IDENTIFIER value as its list of arcs.
public struct DERObjectIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The arcs, e.g. [1, 2, 840, 113549, 1, 1, 1] for rsaEncryption.
    public let arcs: [UInt64]

    /// Creates an identifier from its arcs.
    public init(_ arcs: [UInt64]) {
        self.arcs = arcs
    }

    /// The dotted-decimal form, e.g. "1.2.840.113549.1.1.1".
    public var description: String {
        arcs.map(String.init).joined(separator: ".")
    }

    /// rsaEncryption (PKCS #1, RFC 8017 appendix A.1).
    public static let rsaEncryption = DERObjectIdentifier([1, 2, 840, 113549, 1, 1, 1])
}

/// A strict, bounds-checked reader of DER (ITU-T X.690 section 10) elements.
///
/// It walks a byte array from front to back; `readSequence` returns a nested
/// reader over a SEQUENCE's content. Each read either returns a value or throws
/// a `DERError` and leaves the reader where it was; no input can make it trap.
/// Only single-byte tags are supported.
public struct DERReader: Sendable {
    /// Universal tag numbers with their identifier octets as used here.
    public enum Tag {
        /// INTEGER, primitive.
        public static let integer: UInt8 = 0x02
        /// BIT STRING, primitive.
        public static let bitString: UInt8 = 0x03
        /// OCTET STRING, primitive.
        public static let octetString: UInt8 = 0x04
        /// NULL, primitive.
        public static let null: UInt8 = 0x05
        /// OBJECT IDENTIFIER, primitive.
        public static let objectIdentifier: UInt8 = 0x06
        /// SEQUENCE and SEQUENCE OF, constructed.
        public static let sequence: UInt8 = 0x30
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    /// Creates a reader over all of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.init(slice: bytes[...])
    }

    /// Creates a reader over a slice; offsets in errors are the slice's own indices.
    public init(slice: ArraySlice<UInt8>) {
        bytes = slice
        position = slice.startIndex
    }

    /// Whether every byte has been consumed.
    public var isAtEnd: Bool { position >= bytes.endIndex }

    /// The offset of the next unread byte.
    public var offset: Int { position }

    /// The tag of the next element without consuming it, or nil at the end.
    public var peekTag: UInt8? { isAtEnd ? nil : bytes[position] }

    /// Throws `.trailingData` unless every byte has been consumed.
    public func finish() throws(DERError) {
        guard isAtEnd else { throw .trailingData(offset: position, count: bytes.endIndex - position) }
    }

    /// Reads the next element of any tag.
    public mutating func readElement() throws(DERError) -> DERElement {
        let start = position
        var cursor = position
        guard cursor < bytes.endIndex else { throw .truncated(offset: cursor, needed: 1) }
        let tag = bytes[cursor]
        // Tag number 31 in the low five bits announces the multi-byte tag form.
        guard tag & 0x1F != 0x1F else { throw .unsupportedTag(offset: cursor) }
        cursor += 1

        guard cursor < bytes.endIndex else { throw .truncated(offset: cursor, needed: 1) }
        let lengthOffset = cursor
        let first = bytes[cursor]
        cursor += 1
        var length: Int
        if first < 0x80 {
            length = Int(first)
        } else if first == 0x80 {
            throw .indefiniteLength(offset: lengthOffset)
        } else if first == 0xFF {
            throw .lengthOverflow(offset: lengthOffset)
        } else {
            let lengthBytes = Int(first & 0x7F)
            // More than four length bytes would describe an element beyond 4 GiB.
            guard lengthBytes <= 4 else { throw .lengthOverflow(offset: lengthOffset) }
            guard bytes.endIndex - cursor >= lengthBytes else {
                throw .truncated(offset: cursor, needed: lengthBytes - (bytes.endIndex - cursor))
            }
            guard bytes[cursor] != 0 else { throw .nonMinimalLength(offset: lengthOffset) }
            length = 0
            for index in cursor..<(cursor + lengthBytes) {
                length = length << 8 | Int(bytes[index])
            }
            cursor += lengthBytes
            guard length >= 0x80 else { throw .nonMinimalLength(offset: lengthOffset) }
        }
        guard bytes.endIndex - cursor >= length else {
            throw .truncated(offset: bytes.endIndex, needed: length - (bytes.endIndex - cursor))
        }
        let element = DERElement(tag: tag, offset: start, contentOffset: cursor,
                                 content: bytes[cursor..<(cursor + length)])
        position = cursor + length
        return element
    }

    /// Reads the next element and checks that its identifier octet is `tag`.
    public mutating func readElement(tag: UInt8) throws(DERError) -> DERElement {
        var lookahead = self
        let element = try lookahead.readElement()
        guard element.tag == tag else {
            throw .unexpectedTag(offset: element.offset, expected: tag, found: element.tag)
        }
        self = lookahead
        return element
    }

    /// Reads a SEQUENCE and returns a reader over its content.
    public mutating func readSequence() throws(DERError) -> DERReader {
        let element = try readElement(tag: Tag.sequence)
        return DERReader(slice: element.content)
    }

    /// Reads a non-negative INTEGER and returns its magnitude as minimal big-endian
    /// bytes (empty for zero); negative values throw `.negativeInteger`.
    public mutating func readUnsignedInteger() throws(DERError) -> [UInt8] {
        var lookahead = self
        let element = try lookahead.readElement(tag: Tag.integer)
        let content = element.content
        guard let first = content.first else { throw .malformedInteger(offset: element.offset) }
        if content.count > 1 {
            // X.690 8.3.2: the first nine bits must not be all zeros or all ones.
            let second = content[content.startIndex + 1]
            if (first == 0x00 && second & 0x80 == 0) || (first == 0xFF && second & 0x80 != 0) {
                throw .malformedInteger(offset: element.offset)
            }
        }
        guard first & 0x80 == 0 else { throw .negativeInteger(offset: element.offset) }
        self = lookahead
        return Array(content.drop(while: { $0 == 0 }))
    }

    /// Reads an OBJECT IDENTIFIER (X.690 8.19).
    public mutating func readObjectIdentifier() throws(DERError) -> DERObjectIdentifier {
        var lookahead = self
        let element = try lookahead.readElement(tag: Tag.objectIdentifier)
        var subidentifiers: [UInt64] = []
        var value: UInt64 = 0
        var atArcStart = true
        for byte in element.content {
            // A subidentifier must not start with a 0x80 padding byte.
            if atArcStart && byte == 0x80 { throw .malformedObjectIdentifier(offset: element.offset) }
            guard value >> 57 == 0 else { throw .malformedObjectIdentifier(offset: element.offset) }
            value = value << 7 | UInt64(byte & 0x7F)
            atArcStart = byte & 0x80 == 0
            if atArcStart {
                subidentifiers.append(value)
                value = 0
            }
        }
        guard !element.content.isEmpty, atArcStart, let first = subidentifiers.first else {
            throw .malformedObjectIdentifier(offset: element.offset)
        }
        // The first subidentifier packs the first two arcs as 40 * X + Y.
        let firstArcs: [UInt64] = first < 40 ? [0, first] : (first < 80 ? [1, first - 40] : [2, first - 80])
        self = lookahead
        return DERObjectIdentifier(firstArcs + subidentifiers.dropFirst())
    }

    /// Reads a BIT STRING (X.690 8.6 and 11.2) and returns its bytes and the number of unused bits in the last one.
    public mutating func readBitString() throws(DERError) -> (bytes: ArraySlice<UInt8>, unusedBits: Int) {
        var lookahead = self
        let element = try lookahead.readElement(tag: Tag.bitString)
        guard let unused = element.content.first, unused <= 7 else {
            throw .malformedBitString(offset: element.offset)
        }
        let data = element.content.dropFirst()
        if unused > 0 {
            // Unused bits need a byte to live in, and DER sets them to zero.
            guard let last = data.last, last & UInt8((1 << Int(unused)) - 1) == 0 else {
                throw .malformedBitString(offset: element.offset)
            }
        }
        self = lookahead
        return (data, Int(unused))
    }

    /// Reads a NULL.
    public mutating func readNull() throws(DERError) {
        var lookahead = self
        let element = try lookahead.readElement(tag: Tag.null)
        guard element.content.isEmpty else { throw .malformedNull(offset: element.offset) }
        self = lookahead
    }
}
