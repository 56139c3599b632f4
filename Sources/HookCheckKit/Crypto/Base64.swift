/// Base64 encoding and decoding as specified in RFC 4648, sections 4 and 5.
public enum Base64 {
    /// Relaxations of the strict decoder; the default (empty set) accepts only
    /// canonical, padded, standard-alphabet base64 with no other characters.
    public struct DecodingOptions: OptionSet, Sendable {
        /// The raw option bits.
        public let rawValue: UInt8

        /// Creates options from raw bits.
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Accepts input whose final quantum omits the `=` padding (padded input is still accepted).
        public static let allowUnpadded = DecodingOptions(rawValue: 1 << 0)

        /// Decodes the URL- and filename-safe alphabet (`-` and `_`) instead of `+` and `/`.
        public static let urlSafe = DecodingOptions(rawValue: 1 << 1)

        /// Skips spaces, tabs, carriage returns and line feeds anywhere, as in PEM bodies.
        public static let ignoreWhitespace = DecodingOptions(rawValue: 1 << 2)
    }

    private static let standardAlphabet: [UInt8] =
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Maps an ASCII byte to its 6-bit value, or 0xFF when it is not in the alphabet.
    private static let standardValues: [UInt8] = makeDecodingTable(extra62: UInt8(ascii: "+"), extra63: UInt8(ascii: "/"))
    private static let urlSafeValues: [UInt8] = makeDecodingTable(extra62: UInt8(ascii: "-"), extra63: UInt8(ascii: "_"))

    private static func makeDecodingTable(extra62: UInt8, extra63: UInt8) -> [UInt8] {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in standardAlphabet.prefix(62).enumerated() {
            table[Int(symbol)] = UInt8(value)
        }
        table[Int(extra62)] = 62
        table[Int(extra63)] = 63
        return table
    }

    /// Encodes `bytes` with the standard alphabet and `=` padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let encoded = bytes.withContiguousStorageIfAvailable(encodeBuffer)
            ?? Array(bytes).withUnsafeBufferPointer(encodeBuffer)
        return String(decoding: encoded, as: UTF8.self)
    }

    private static func encodeBuffer(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let outputCount = (input.count + 2) / 3 * 4
        return standardAlphabet.withUnsafeBufferPointer { alphabet in
            [UInt8](unsafeUninitializedCapacity: outputCount) { output, initialized in
                var read = 0
                var written = 0
                while input.count - read >= 3 {
                    let group = UInt32(input[read]) << 16 | UInt32(input[read + 1]) << 8 | UInt32(input[read + 2])
                    output[written] = alphabet[Int(group >> 18)]
                    output[written + 1] = alphabet[Int(group >> 12 & 0x3F)]
                    output[written + 2] = alphabet[Int(group >> 6 & 0x3F)]
                    output[written + 3] = alphabet[Int(group & 0x3F)]
                    read += 3
                    written += 4
                }
                let rest = input.count - read
                if rest > 0 {
                    let second = rest == 2 ? UInt32(input[read + 1]) : 0
                    let group = UInt32(input[read]) << 16 | second << 8
                    output[written] = alphabet[Int(group >> 18)]
                    output[written + 1] = alphabet[Int(group >> 12 & 0x3F)]
                    output[written + 2] = rest == 2 ? alphabet[Int(group >> 6 & 0x3F)] : UInt8(ascii: "=")
                    output[written + 3] = UInt8(ascii: "=")
                    written += 4
                }
                initialized = written
            }
        }
    }

    /// Decodes base64 text, returning nil for any character outside the alphabet,
    /// misplaced or missing padding, a truncated final quantum, or non-zero unused bits.
    public static func decode(_ string: some StringProtocol, options: DecodingOptions = []) -> [UInt8]? {
        let skipWhitespace = options.contains(.ignoreWhitespace)
        let table = options.contains(.urlSafe) ? urlSafeValues : standardValues
        var output: [UInt8] = []
        output.reserveCapacity(string.utf8.count / 4 * 3 + 2)
        var accumulator: UInt32 = 0
        var symbolsInQuantum = 0
        var paddingCount = 0

        for byte in string.utf8 {
            if skipWhitespace && (byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) {
                continue
            }
            if byte == UInt8(ascii: "=") {
                paddingCount += 1
                continue
            }
            // Only whitespace may follow padding.
            if paddingCount > 0 { return nil }
            let value = table[Int(byte)]
            if value == 0xFF { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            symbolsInQuantum += 1
            if symbolsInQuantum == 4 {
                output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                output.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                symbolsInQuantum = 0
            }
        }

        if paddingCount > 0 {
            // Padding must complete a quantum that carries at least one whole byte.
            guard symbolsInQuantum >= 2, symbolsInQuantum + paddingCount == 4 else { return nil }
        } else if symbolsInQuantum != 0 {
            guard symbolsInQuantum >= 2, options.contains(.allowUnpadded) else { return nil }
        }

        switch symbolsInQuantum {
        case 2:
            // 12 bits carry one byte; the low 4 must be zero in a canonical encoding.
            guard accumulator & 0x0F == 0 else { return nil }
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            // 18 bits carry two bytes; the low 2 must be zero in a canonical encoding.
            guard accumulator & 0x03 == 0 else { return nil }
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default:
            break
        }
        return output
    }
}
