import HookCheckModel

/// Shell-style patterns for paths: `*` and `?` and `[...]` within one path segment, `**` across
/// any number of segments.
public struct Glob: Sendable {
    public let pattern: String
    private let segments: [String]

    public init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// Whether the text has glob characters at all.
    public static func isPattern(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Whether `path` matches; a pattern without a slash matches the last segment (like .gitignore).
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if !pattern.contains("/") {
            return parts.last.map { Self.matchSegment(pattern, $0) } ?? false
        }
        let trimmed = parts.first == "." ? Array(parts.dropFirst()) : parts
        let wanted = segments.first == "." ? Array(segments.dropFirst()) : segments
        return Self.match(wanted[...], trimmed[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ parts: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var candidate = parts
            while true {
                if match(rest, candidate) { return true }
                guard !candidate.isEmpty else { return false }
                candidate = candidate.dropFirst()
            }
        }
        guard let part = parts.first, matchSegment(first, part) else { return false }
        return match(pattern.dropFirst(), parts.dropFirst())
    }

    static func matchSegment(_ pattern: String, _ text: String) -> Bool {
        fnmatch(pattern, text, FNM_PERIOD) == 0
    }

    /// The files a pattern names, walking from its longest literal prefix; sorted.
    public func expand() -> [String] {
        var base: [String] = []
        for segment in segments {
            if Self.isPattern(segment) { break }
            base.append(segment)
        }
        let root = (pattern.hasPrefix("/") ? "/" : "") + (base.isEmpty ? "." : base.joined(separator: "/"))
        var found: [String] = []
        InputFiles.walkAll(root, depth: 0, into: &found)
        return found.filter { path in
            let relative = root == "." && path.hasPrefix("./") ? String(path.dropFirst(2)) : path
            return matches(relative)
        }.sorted()
    }
}
