import HookCheckModel

/// `FieldValues` hold plain JSON values, or, for extra tables, typed strings such as `"[I:6]"` and
/// `"[DT:09/16/2025 14:22:14.0000000]"` (reference/extratable-events.md): CultureDataFormatter's
/// encoding, whose monikers api/globalization-and-localization/culturedataformatter.md lists.
enum SuperOfficeFieldValue {
    /// The value for display: a typed string decoded, anything else as sent.
    static func decode(_ value: JSONValue) -> JSONValue {
        guard case .string(let text) = value, let decoded = decodeTyped(text) else { return value }
        return decoded
    }

    /// A typed string's value, or nil when the text is not one (or not one this knows how to read).
    static func decodeTyped(_ text: String) -> JSONValue? {
        guard text.hasPrefix("["), text.hasSuffix("]"), text.count >= 4, let colon = text.firstIndex(of: ":") else { return nil }
        let moniker = text[text.index(after: text.startIndex)..<colon]
        let inner = String(text[text.index(after: colon)..<text.index(before: text.endIndex)])
        switch moniker {
        // Int, and TimeSpan ([TS:500]; its unit is not documented, so the number is shown as sent).
        case "I", "TS": return Int64(inner).map { .number(String($0)) }
        // Double or Decimal, and Money: invariant culture, so a '.' decimal point.
        case "F", "M": return isJSONNumber(inner) ? .number(inner) : nil
        // IntArr: [A:3,4,5].
        case "A":
            let items = inner.isEmpty ? [] : inner.split(separator: ",", omittingEmptySubsequences: false).map { Int64($0) }
            guard !items.contains(nil) else { return nil }
            return .array(items.map { .number(String($0!)) })
        // DateTime: month/day/year as in the extra table example (09/16/2025), no time zone.
        case "DT": return dateTime(inner).map(JSONValue.string)
        // Date: [D:09.11.2017] in the documentation, whose day and month order it does not say;
        // the DT order is used when it is written with slashes, else the text is shown as sent.
        case "D": return .string(date(inner) ?? inner)
        // Time ([T:14:52]) and Binary ([B:X98…]) are shown as sent.
        case "T", "B": return .string(inner)
        default: return nil
        }
    }

    /// `MM/dd/yyyy HH:mm:ss[.fffffff]` as `yyyy-MM-ddTHH:mm:ss[.fff…]`, trailing zero digits dropped.
    static func dateTime(_ text: String) -> String? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let day = date(String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let clock = time[0].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        var result = day + "T" + time[0]
        if time.count == 2 {
            guard !time[1].isEmpty, time[1].count <= 7, time[1].allSatisfy(\.isASCIIDigit) else { return nil }
            let digits = time[1].reversed().drop { $0 == "0" }.reversed()
            if !digits.isEmpty { result += "." + String(digits) }
        }
        return result
    }

    /// `MM/dd/yyyy` as `yyyy-MM-dd`.
    static func date(_ text: String) -> String? {
        let fields = text.split(separator: "/", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 2, fields[1].count == 2, fields[2].count == 4,
              fields.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let month = Int(fields[0]), let day = Int(fields[1]), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return "\(fields[2])-\(fields[0])-\(fields[1])"
    }

    /// RFC 8259's number grammar.
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let integer = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !integer.isEmpty, integer.count == 1 || integer.first != 0x30 else { return false }
        bytes = bytes.dropFirst(integer.count)
        if bytes.first == UInt8(ascii: ".") {
            let fraction = bytes.dropFirst().prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard !fraction.isEmpty else { return false }
            bytes = bytes.dropFirst(1 + fraction.count)
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            let exponent = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard !exponent.isEmpty else { return false }
            bytes = bytes.dropFirst(exponent.count)
        }
        return bytes.isEmpty
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
