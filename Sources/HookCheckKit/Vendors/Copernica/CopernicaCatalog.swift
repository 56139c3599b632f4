import HookCheckModel

/// What Copernica posts when a profile or subprofile changes (seed 003, VENDORS.md). On the wire
/// every value is a string; the decoded JSON form the documentation shows has numbers: both pass.
public enum CopernicaCatalog {
    static let id: Shape = .oneOf([.string(.digits), .int64])
    static let dateTime: Shape = .string(.sqlDateTime)
    static let unixSeconds: Shape = .oneOf([.string(.digits), .int64])
    static let values: Shape = .map(.any)
    static let interests: Shape = .oneOf([.array(.string), .map(.any)])

    /// One shape of Copernica's: the entity, its action, and its fields.
    public struct Event: Sendable {
        public var name: String
        public var summary: String
        public var shape: Shape
    }

    static func fields(subprofile: Bool, delete: Bool) -> Shape {
        var list: [Field] = [
            required("type", .enumeration(["create", "update", "delete"])),
            required("timestamp", dateTime),
            optional("time", unixSeconds),
            required("profile", id),
            required("database", id),
            // Empty groups vanish from a form body, so fields and parameters may be absent.
            optional("fields", values),
            // The documentation's decoded example carries an id too.
            optional("id", id),
        ]
        if !delete {
            list += [
                optional("parameters", values),
                required("created", dateTime),
                required("modified", dateTime),
            ]
        }
        if subprofile {
            list += [required("subprofile", id), required("collection", id)]
        } else if !delete {
            list.append(optional("interests", interests))
        }
        return .object(ObjectShape(list))
    }

    public static let events: [Event] = [
        Event(name: "profile.create", summary: "a profile was created", shape: fields(subprofile: false, delete: false)),
        Event(name: "profile.update", summary: "a profile was updated", shape: fields(subprofile: false, delete: false)),
        Event(name: "profile.delete", summary: "a profile was deleted", shape: fields(subprofile: false, delete: true)),
        Event(name: "subprofile.create", summary: "a subprofile was created", shape: fields(subprofile: true, delete: false)),
        Event(name: "subprofile.update", summary: "a subprofile was updated", shape: fields(subprofile: true, delete: false)),
        Event(name: "subprofile.delete", summary: "a subprofile was deleted", shape: fields(subprofile: true, delete: true)),
    ]

    static let compiled: [String: CompiledShape] = Dictionary(uniqueKeysWithValues: events.map { ($0.name, CompiledShape($0.shape)) })
}
