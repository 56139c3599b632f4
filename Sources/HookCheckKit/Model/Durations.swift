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

    /// A duration as people say it: the largest unit and the next (`208d 3h`, `5m`, `1m 30s`, `250ms`).
    public static func describe(_ millis: Int64) -> String {
        let units: [(Int64, String)] = [(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1000, "s")]
        guard millis >= 1000 else { return "\(millis)ms" }
        for (index, (size, name)) in units.enumerated() where millis >= size {
            let whole = millis / size
            let rest = millis % size
            guard index + 1 < units.count else { return "\(whole)\(name)" }
            let (nextSize, nextName) = units[index + 1]
            let next = rest / nextSize
            return next == 0 ? "\(whole)\(name)" : "\(whole)\(name) \(next)\(nextName)"
        }
        return "\(millis)ms"
    }
}
