import HookCheckModel

/// The codes of validating a payload against an event's documented shape.
extension FindingCode {
    public static let schemaRequired = FindingCode("schema.required", .error, .schema,
        summary: "A required field is missing.",
        explanation: "The sender documents this field on every delivery of the event. A fixture may have been trimmed by hand; a real delivery without it means the event or the sender's version is not the one assumed ('hookcheck vendors SENDER EVENT' lists the fields).")
    public static let schemaType = FindingCode("schema.type", .error, .schema,
        summary: "A value has the wrong JSON type.",
        explanation: "The value's JSON type differs from the documented one, often a number sent as a string or the other way round. Receivers that bind payloads to typed models fail on it.")
    public static let schemaEnum = FindingCode("schema.enum", .error, .schema,
        summary: "A value is not one of the documented values.",
        explanation: "The field takes one of a documented set of values, and this is not among them: a typo in a fixture, or a value the sender added after its documentation was written.")
    public static let schemaFormat = FindingCode("schema.format", .error, .schema,
        summary: "A string does not have the documented format.",
        explanation: "The string should be a UUID, a timestamp, digits or a colour in the documented form.")
    public static let schemaRange = FindingCode("schema.range", .error, .schema,
        summary: "An integer is out of its documented range.",
        explanation: "The number does not fit the documented integer type (a 64-bit id, a 32-bit count), or is not an integer at all. hookcheck reads ids exactly, never through a floating-point number.")
    public static let schemaTimestampUnit = FindingCode("schema.timestamp-unit", .warning, .schema,
        summary: "A millisecond timestamp looks like Unix seconds.",
        explanation: "The field holds milliseconds since 1970, but the value is a thousand times too small: it was written in seconds, and would be read as a date in January 1970.")
    public static let schemaUnknownField = FindingCode("schema.unknown-field", .info, .schema,
        summary: "A field the vendor does not document.",
        explanation: "Senders add fields over time, so an unknown field is only noted. A misspelt field name in a fixture also shows up here, beside a schema.required for the right one.")

    /// The codes this layer emits.
    public static let schemaCodes: [FindingCode] = [.schemaRequired, .schemaType, .schemaEnum, .schemaFormat, .schemaRange,
                                                    .schemaTimestampUnit, .schemaUnknownField]
}
