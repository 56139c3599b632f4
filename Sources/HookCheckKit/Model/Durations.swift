/// Durations as people write them: `90s`, `5m`, `2h`, `1d`, `250ms`.
public enum Durations {
    /// Milliseconds for a duration text; a bare number is seconds.
    public static func parse(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            if let value = Int64(number), value >= 0 { return value.multipliedReportingOverflow(by: scale).overflow ? nil : value * scale }
        }
        if let value = Int64(text), value >= 0 { return value.multipliedReportingOverflow(by: 1000).overflow ? nil : value * 1000 }
        return nil
    }

    public static func describe(_ millis: Int64) -> String {
        if millis % 86_400_000 == 0, millis >= 86_400_000 { return "\(millis / 86_400_000)d" }
        if millis % 3_600_000 == 0, millis >= 3_600_000 { return "\(millis / 3_600_000)h" }
        if millis % 60_000 == 0, millis >= 60_000 { return "\(millis / 60_000)m" }
        if millis % 1000 == 0 { return "\(millis / 1000)s" }
        if millis > 10_000 { return "\(millis / 1000)s" }
        return "\(millis)ms"
    }
}
