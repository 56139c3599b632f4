import HookCheckModel

/// The codes of the body grammars: JSON (RFC 8259) and form-urlencoded bodies.
extension FindingCode {
    public static let jsonSyntax = FindingCode("json.syntax", .error, .syntax,
        summary: "The body is not valid JSON (RFC 8259).",
        explanation: "The parser stopped at the position shown: a missing comma or bracket, a trailing comma, a comment, single quotes or an unquoted key. JSON allows none of these; fix the fixture, or the sender's serializer if the body came from it.")
    public static let jsonUTF8 = FindingCode("json.utf8", .error, .syntax,
        summary: "The body is not valid UTF-8.",
        explanation: "JSON text exchanged between systems must be UTF-8 (RFC 8259, section 8.1). The byte shown cannot start or continue a UTF-8 character: the body was saved in another encoding (Latin-1, Windows-1252) or cut in the middle of a character.")
    public static let jsonDepth = FindingCode("json.depth", .error, .syntax,
        summary: "The body nests deeper than the depth limit.",
        explanation: "Arrays and objects nest deeper than any sender's payload does; hookcheck stops there rather than exhaust its stack. A real delivery never nests this deep: the input is damaged or hostile.")
    public static let jsonDuplicateKey = FindingCode("json.duplicate-key", .warning, .syntax,
        summary: "A key appears twice in one object.",
        explanation: "RFC 8259 says names within an object SHOULD be unique; parsers disagree on which value wins (most take the last). Remove one of the two, or make sure the receiver reads the one the sender meant.")
    public static let jsonBOM = FindingCode("json.bom", .warning, .syntax,
        summary: "The body starts with a byte order mark.",
        explanation: "RFC 8259 forbids a byte order mark before JSON text; some parsers reject it. hookcheck skips it and reads the rest. The usual cause is an editor on Windows saving the fixture as 'UTF-8 with BOM'.")
    public static let formSyntax = FindingCode("form.syntax", .warning, .syntax,
        summary: "A form body has a bad percent escape or an unnamed field.",
        explanation: "In application/x-www-form-urlencoded bodies '%' must be followed by two hex digits and every field needs a name. The field is read as written; check how the body was captured or built.")
    public static let formDuplicateKey = FindingCode("form.duplicate-key", .warning, .syntax,
        summary: "A form field is sent more than once.",
        explanation: "The same field name appears twice (or as both a value and a group, name and name[x]); as PHP reads forms, the last one wins. Senders do not repeat fields: the body was edited or built by hand.")
    public static let formUTF8 = FindingCode("form.utf8", .error, .syntax,
        summary: "A form value is not UTF-8 after percent-decoding.",
        explanation: "The percent-decoded bytes of a field are not UTF-8: the form was encoded from another character set. Senders that post forms encode UTF-8.")

    /// The codes this layer emits.
    public static let syntaxCodes: [FindingCode] = [.jsonSyntax, .jsonUTF8, .jsonDepth, .jsonDuplicateKey, .jsonBOM,
                                                    .formSyntax, .formDuplicateKey, .formUTF8]
}
