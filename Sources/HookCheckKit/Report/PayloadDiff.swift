import HookCheckModel

/// Field-by-field differences between two payloads, with RFC 6901 pointers.
public struct PayloadDiff {
    public enum Operation: String, Sendable {
        case changed, added, removed
    }

    public struct Difference: Sendable, Equatable {
        public var pointer: String
        public var operation: Operation
        public var old: JSONValue?
        public var new: JSONValue?
    }

    /// Pointers to leave out, with everything under them; a `*` segment matches any one segment.
    public var ignored: [String]

    public init(ignoring ignored: [String] = []) {
        self.ignored = ignored
    }

    public func compare(_ old: JSONValue, _ new: JSONValue) -> [Difference] {
        var out: [Difference] = []
        walk(old, new, path: [], into: &out, depth: 0)
        return out
    }

    private func isIgnored(_ path: [String]) -> Bool {
        ignored.contains { pattern in
            let segments = pattern.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
            guard segments.count <= path.count else { return false }
            return zip(segments, path).allSatisfy { $0 == "*" || $0 == JSONPaths.escape($1) }
        }
    }

    private func pointer(_ path: [String]) -> String {
        path.map { "/" + JSONPaths.escape($0) }.joined()
    }

    private func walk(_ old: JSONValue, _ new: JSONValue, path: [String], into out: inout [Difference], depth: Int) {
        if isIgnored(path) { return }
        // The parser's depth limit bounds the values; this bounds the walk as well.
        guard depth < JSONParser.defaultMaxDepth else { return }
        switch (old, new) {
        case let (.object(a), .object(b)):
            for (key, value) in a {
                if let match = b.first(where: { $0.0 == key }) {
                    walk(value, match.1, path: path + [key], into: &out, depth: depth + 1)
                } else if !isIgnored(path + [key]) {
                    out.append(Difference(pointer: pointer(path + [key]), operation: .removed, old: value, new: nil))
                }
            }
            for (key, value) in b where !a.contains(where: { $0.0 == key }) && !isIgnored(path + [key]) {
                out.append(Difference(pointer: pointer(path + [key]), operation: .added, old: nil, new: value))
            }
        case let (.array(a), .array(b)):
            if let aIds = Self.ids(a), let bIds = Self.ids(b) {
                // Elements with ids are matched by id; pointers keep the indices (NEW's, or OLD's for removals).
                for (oldIndex, id) in aIds.enumerated() {
                    if let newIndex = bIds.firstIndex(of: id) {
                        walk(a[oldIndex], b[newIndex], path: path + [String(newIndex)], into: &out, depth: depth + 1)
                    } else if !isIgnored(path + [String(oldIndex)]) {
                        out.append(Difference(pointer: pointer(path + [String(oldIndex)]), operation: .removed, old: a[oldIndex], new: nil))
                    }
                }
                for (newIndex, id) in bIds.enumerated() where !aIds.contains(id) && !isIgnored(path + [String(newIndex)]) {
                    out.append(Difference(pointer: pointer(path + [String(newIndex)]), operation: .added, old: nil, new: b[newIndex]))
                }
                return
            }
            for index in 0..<max(a.count, b.count) {
                let next = path + [String(index)]
                if index < a.count, index < b.count {
                    walk(a[index], b[index], path: next, into: &out, depth: depth + 1)
                } else if isIgnored(next) {
                    continue
                } else if index < a.count {
                    out.append(Difference(pointer: pointer(next), operation: .removed, old: a[index], new: nil))
                } else {
                    out.append(Difference(pointer: pointer(next), operation: .added, old: nil, new: b[index]))
                }
            }
        default:
            if !Self.same(old, new) {
                out.append(Difference(pointer: pointer(path), operation: .changed, old: old, new: new))
            }
        }
    }

    /// The `id` of every element, when every element is an object with a scalar id and they are unique.
    static func ids(_ elements: [JSONValue]) -> [String]? {
        var ids: [String] = []
        for element in elements {
            guard case .object(let members) = element, let id = members.first(where: { $0.0 == "id" })?.1 else { return nil }
            switch id {
            case .string(let text): ids.append("s" + text)
            case .number(let text): ids.append("n" + text)
            default: return nil
            }
        }
        return Set(ids).count == ids.count && !ids.isEmpty ? ids : nil
    }

    /// Equal values; numbers compare by value (`1.0` and `1` are the same number).
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .number(let x) = a, case .number(let y) = b {
            if x == y { return true }
            // Two integers compare exactly (64-bit ids); anything else by value.
            if let i = Int64(x), let j = Int64(y) { return i == j }
            if let i = Double(x), let j = Double(y) { return i == j }
            return false
        }
        return a == b
    }
}
