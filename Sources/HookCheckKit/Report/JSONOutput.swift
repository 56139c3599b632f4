import HookCheckModel

/// Serializes `JSONValue`s: compact for NDJSON, indented for `--format json`.
public struct JSONOutput {
    public var pretty: Bool

    public init(pretty: Bool) {
        self.pretty = pretty
    }

    public func serialize(_ value: JSONValue, into out: inout [UInt8], indent: Int = 0) {
        switch value {
        case .null: out += Self.nullBytes
        case .bool(let flag): out += flag ? Self.trueBytes : Self.falseBytes
        case .number(let text): out += text.utf8
        case .string(let text): JSONString.append(text, to: &out)
        case .array(let elements):
            if elements.isEmpty { out += Self.emptyArray; return }
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, indent + 1)
                serialize(element, into: &out, indent: indent + 1)
            }
            newline(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out += Self.emptyObject; return }
            out.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, indent + 1)
                JSONString.append(member.0, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                serialize(member.1, into: &out, indent: indent + 1)
            }
            newline(&out, indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    public func string(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        serialize(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func newline(_ out: inout [UInt8], _ indent: Int) {
        guard pretty else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let emptyArray = Array("[]".utf8)
    private static let emptyObject = Array("{}".utf8)
}

extension Record {
    /// The normalized record, in the design's key order.
    public var recordValue: JSONValue {
        func optionalString(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        var members: [(String, JSONValue)] = [
            ("source", .string(source)),
            ("index", .number(String(index))),
            ("line", .number(String(line))),
            ("capture", .string(capture.rawValue)),
            ("vendor", optionalString(vendor)),
            ("event", optionalString(event)),
            ("kind", optionalString(kind)),
            ("entity", entity.map { .object([("type", .string($0.type)), ("id", optionalString($0.id))]) } ?? .null),
            ("account", optionalString(account)),
            ("delivery", .object([("id", optionalString(delivery.id)), ("attempt", delivery.attempt.map { .number(String($0)) } ?? .null)])),
            ("occurredAt", optionalString(occurredAt)),
        ]
        members.append(("changes", .array(changes.map { change in
            var fields: [(String, JSONValue)] = [("field", .string(change.field))]
            if let previous = change.previous { fields.append(("previous", previous)) }
            if let updated = change.updated { fields.append(("updated", updated)) }
            return .object(fields)
        })))
        members.append(("auth", auth.map {
            .object([("scheme", .string($0.scheme)), ("status", .string($0.status.rawValue)), ("detail", .string($0.detail))])
        } ?? .null))
        members.append(("valid", .bool(isValid)))
        members.append(("findings", .array(findings.map { $0.recordValue })))
        return .object(members)
    }
}

extension Finding {
    /// A finding as it appears in records: position and pointer are null when not known.
    public var recordValue: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("severity", .string(severity.rawValue)),
            ("code", .string(code.id)),
            ("message", .string(message)),
        ]
        // A position in another file (a --body file) names it; the key is there only then.
        if let file = position?.file { fields.append(("file", .string(file))) }
        fields.append(("line", position.map { .number(String($0.line)) } ?? .null))
        fields.append(("column", position.map { .number(String($0.column)) } ?? .null))
        fields.append(("pointer", pointer.map(JSONValue.string) ?? .null))
        return .object(fields)
    }
}
