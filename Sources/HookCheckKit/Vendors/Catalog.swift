import HookCheckModel

/// One event in the catalogue `hookcheck vendors` prints.
public struct CatalogEvent: Sendable {
    public var name: String
    public var kind: String
    public var summary: String
    /// The shape of what the event carries (Drift: its `data`; others: the whole body).
    public var shape: Shape

    public init(name: String, kind: String, summary: String, shape: Shape) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.shape = shape
    }

    /// Whether a delivery's event name is this event; a `<...>` part of the catalogued name (a
    /// list's name or id, an extra table) stands for any one segment.
    public func matches(_ event: String) -> Bool {
        let pattern = name.split(separator: ".", omittingEmptySubsequences: false)
        let parts = event.split(separator: ".", omittingEmptySubsequences: false)
        guard pattern.count == parts.count else { return false }
        return zip(pattern, parts).allSatisfy { wanted, part in
            wanted.hasPrefix("<") && wanted.hasSuffix(">") ? !part.isEmpty : wanted == part
        }
    }
}

/// One field of an event's shape, flattened: nested members get dotted names, array elements `[]`.
public struct CatalogField: Sendable, Equatable {
    public var name: String
    public var type: String
    public var required: Bool
}

extension Shape {
    /// The fields of an object shape, nested objects and arrays of objects flattened, to a depth of 4.
    public func catalogFields(prefix: String = "", depth: Int = 0) -> [CatalogField] {
        guard depth < 4 else { return [] }
        var fields: [CatalogField] = []
        func unwrap(_ shape: Shape) -> ObjectShape? {
            switch shape {
            case .object(let object): object
            case .nullable(let inner), .array(let inner): unwrap(inner)
            default: nil
            }
        }
        guard let object = unwrap(self) else { return [] }
        for field in object.fields {
            let name = prefix + field.name
            fields.append(CatalogField(name: name, type: field.shape.summary, required: field.isRequired))
            let isArray: Bool = {
                if case .array = field.shape { return true }
                if case .nullable(.array) = field.shape { return true }
                return false
            }()
            fields += field.shape.catalogFields(prefix: name + (isArray ? "[]." : "."), depth: depth + 1)
        }
        return fields
    }
}
