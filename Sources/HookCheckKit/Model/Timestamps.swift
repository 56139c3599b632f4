/// Calendar arithmetic for the timestamps vendors send; everything in UTC, milliseconds since 1970.
public enum Timestamps {
    /// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
    public static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Milliseconds of 0000-01-01T00:00:00Z and of 9999-12-31T23:59:59.999Z: what RFC 3339 can write.
    static let representable: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999

    /// RFC 3339 UTC with milliseconds (`2018-10-03T18:30:50.493Z`), or nil outside years 0000-9999.
    public static func format(milliseconds: Int64) -> String? {
        guard representable.contains(milliseconds) else { return nil }
        let ms = Int(milliseconds)
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let rest = ms - days * 86_400_000
        let (year, month, day) = civilFromDays(days)
        // Written digit by digit: this runs once per record.
        return String(unsafeUninitializedCapacity: 24) { buffer in
            var position = 0
            func put(_ value: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                var remaining = value
                while divisor > 0 {
                    buffer[position] = UInt8(0x30 + remaining / divisor)
                    remaining %= divisor
                    divisor /= 10
                    position += 1
                }
            }
            func mark(_ byte: Character) {
                buffer[position] = byte.asciiValue!
                position += 1
            }
            put(year, 4); mark("-"); put(month, 2); mark("-"); put(day, 2); mark("T")
            put(rest / 3_600_000, 2); mark(":"); put(rest / 60000 % 60, 2); mark(":"); put(rest / 1000 % 60, 2)
            mark("."); put(rest % 1000, 3); mark("Z")
            return position
        }
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.allSatisfy(ASCII.isDigit) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    private static func civil(_ bytes: [UInt8], dateTimeSeparators: [UInt8]) -> (Int, Int)? {
        // YYYY-MM-DD?HH:MM:SS -> (epoch seconds, index after seconds)
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              dateTimeSeparators.contains(bytes[10]), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
              (1...12).contains(month), day >= 1, day <= daysInMonth(year, month),
              hour < 24, minute < 60, second < 61 else { return nil }
        let seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + min(second, 59)
        return (seconds, 19)
    }

    /// `YYYY-MM-DD HH:MM:SS` read as UTC, in milliseconds.
    public static func parseSQLDateTime(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 19, let (seconds, _) = civil(bytes, dateTimeSeparators: [0x20]) else { return nil }
        return Int64(seconds) * 1000
    }

    /// RFC 3339 date-time (`T` or space, fraction of any length, `Z` or an offset), in milliseconds.
    public static func parseRFC3339(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard let (seconds, end) = civil(bytes, dateTimeSeparators: [UInt8(ascii: "T"), UInt8(ascii: "t"), 0x20]) else { return nil }
        var index = end
        var millis = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            for (position, digit) in bytes[start..<min(index, start + 3)].enumerated() {
                millis += Int(digit - 0x30) * [100, 10, 1][position]
            }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.count == index + 6, bytes[index + 3] == UInt8(ascii: ":"),
                  let hours = number(bytes[index + 1..<index + 3]), let minutes = number(bytes[index + 4..<index + 6]),
                  hours < 24, minutes < 60 else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
            index += 6
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        return Int64(seconds - offset) * 1000 + Int64(millis)
    }
}
