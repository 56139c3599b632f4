/// Typo suggestions: the candidate nearest a word, by Levenshtein distance.
public enum Spelling {
    /// The nearest of `candidates`, when it is within `limit` edits.
    public static func nearest(_ word: String, in candidates: [String], limit: Int) -> String? {
        candidates.map { ($0, editDistance($0, word)) }.filter { $0.1 <= limit }.min { $0.1 < $1.1 }?.0
    }

    public static func editDistance(_ a: String, _ b: String) -> Int {
        let left = Array(a)
        let right = Array(b)
        if left.isEmpty { return right.count }
        var previous = Array(0...right.count)
        for i in 1...left.count {
            var current = [i] + Array(repeating: 0, count: right.count)
            for j in 1...max(1, right.count) where !right.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[right.count]
    }
}
