import HookCheckModel

/// What a string must look like, beyond being a string.
public enum StringFormat: UInt8, Sendable, Equatable, CaseIterable {
    case any
    /// 8-4-4-4-12 hexadecimal digits.
    case uuid
    /// RFC 3339 date-time in UTC (`Z`), with up to 7 fractional digits.
    case utcDateTime
    /// `YYYY-MM-DD HH:MM:SS`.
    case sqlDateTime
    /// Decimal digits only (an id sent as a string).
    case digits
    /// A colour as hex digits, with or without `#`.
    case hexColor
    /// A Unix timestamp in milliseconds written as a string.
    case millisecondsString
}

/// The declarative description of a JSON value's shape.
public indirect enum Shape: Sendable {
    case string(StringFormat)
    /// An integer documented as `int` (32-bit); larger values are a warning.
    case integer
    /// An integer documented as `long` (64-bit).
    case int64
    /// A Unix timestamp in milliseconds (a 64-bit integer).
    case milliseconds
    /// A Unix timestamp in seconds.
    case seconds
    case number
    case boolean
    case enumeration([String])
    case array(Shape)
    case object(ObjectShape)
    /// An object whose keys are free and whose values share one shape.
    case map(Shape)
    case any
    case nullable(Shape)
    /// Any of several shapes (for fields the vendor documents two ways).
    case oneOf([Shape])

    public static var string: Shape { .string(.any) }

    /// A short description used in messages and the catalogue ("integer", "array of string").
    public var summary: String {
        switch self {
        case .string(let format):
            switch format {
            case .any: "string"
            case .uuid: "string (UUID)"
            case .utcDateTime: "string (date-time)"
            case .sqlDateTime: "string (YYYY-MM-DD HH:MM:SS)"
            case .digits: "string (digits)"
            case .hexColor: "string (hex colour)"
            case .millisecondsString: "string (Unix ms)"
            }
        case .integer: "integer"
        case .int64: "integer (64-bit)"
        case .milliseconds: "timestamp (Unix ms)"
        case .seconds: "timestamp (Unix s)"
        case .number: "number"
        case .boolean: "boolean"
        case .enumeration(let values): "one of " + values.joined(separator: "|")
        case .array(let element): "array of \(element.summary)"
        case .object: "object"
        case .map(let value): "object of \(value.summary)"
        case .any: "any"
        case .nullable(let inner): "\(inner.summary) or null"
        case .oneOf(let shapes): shapes.map(\.summary).joined(separator: " or ")
        }
    }
}

/// One member of an object shape.
public struct Field: Sendable {
    public var name: String
    let nameBytes: [UInt8]
    public var shape: Shape
    public var isRequired: Bool

    public init(_ name: String, _ shape: Shape, required: Bool) {
        self.name = name
        nameBytes = Array(name.utf8)
        self.shape = shape
        isRequired = required
    }
}

/// An object's members; members not listed are reported as info unless `openEnded`.
public struct ObjectShape: Sendable {
    public var fields: [Field]
    /// Custom keys are part of the design (a contact's attributes): no finding for them.
    public var openEnded: Bool

    public init(_ fields: [Field], openEnded: Bool = false) {
        self.fields = fields
        self.openEnded = openEnded
    }
}

/// A required member.
public func required(_ name: String, _ shape: Shape) -> Field { Field(name, shape, required: true) }
/// A member that may be absent.
public func optional(_ name: String, _ shape: Shape) -> Field { Field(name, shape, required: false) }

extension Shape {
    /// An object with these members.
    public static func object(_ fields: Field..., openEnded: Bool = false) -> Shape {
        .object(ObjectShape(fields, openEnded: openEnded))
    }
}
