import Testing
@testable import HookCheckKit

@Suite("Schema validator")
struct SchemaValidatorTests {
    static let shape: Shape = .object(
        required("id", .int64),
        required("small", .integer),
        optional("name", .nullable(.string)),
        optional("kind", .enumeration(["a", "b"])),
        optional("tags", .array(.string)),
        optional("meta", .map(.integer)),
        optional("when", .milliseconds),
        optional("uuid", .string(.uuid)),
        optional("either", .oneOf([.int64, .string])),
        optional("nested", .object(required("flag", .boolean))),
        optional("open", .object(ObjectShape([optional("x", .integer)], openEnded: true))),
        optional("created", .string(.sqlDateTime)),
        optional("ms", .string(.millisecondsString))
    )

    struct Case: CustomStringConvertible, Sendable {
        var json: String
        /// code and pointer of each finding, in order.
        var findings: [String]
        var description: String { json }
    }

    static let cases: [Case] = [
        Case(json: #"{"id":1,"small":2}"#, findings: []),
        Case(json: #"{"small":2}"#, findings: ["schema.required /id"]),
        Case(json: #"{"id":"1","small":2}"#, findings: ["schema.type /id"]),
        Case(json: #"{"id":1,"small":3000000000}"#, findings: ["schema.range /small"]),
        Case(json: #"{"id":1,"small":2,"name":null,"kind":"c"}"#, findings: ["schema.enum /kind"]),
        Case(json: #"{"id":1,"small":2,"tags":["a",1,"b",false]}"#, findings: ["schema.type /tags/1", "schema.type /tags/3"]),
        Case(json: #"{"id":1,"small":2,"meta":{"a/b":1,"c~d":"x"}}"#, findings: ["schema.type /meta/c~0d"]),
        Case(json: #"{"id":1,"small":2,"when":1767225600}"#, findings: ["schema.timestamp-unit /when"]),
        Case(json: #"{"id":1,"small":2,"uuid":"392a0465-fc1b-4820-abc7-e96cb5d98774"}"#, findings: []),
        Case(json: #"{"id":1,"small":2,"uuid":"392a0465"}"#, findings: ["schema.format /uuid"]),
        Case(json: #"{"id":1,"small":2,"either":"x"}"#, findings: []),
        Case(json: #"{"id":1,"small":2,"either":true}"#, findings: ["schema.type /either"]),
        Case(json: #"{"id":1,"small":2,"nested":{}}"#, findings: ["schema.required /nested/flag"]),
        Case(json: #"{"id":1,"small":2,"extra":1}"#, findings: ["schema.unknown-field /extra"]),
        Case(json: #"{"id":1,"small":2,"open":{"custom":"ok","x":"no"}}"#, findings: ["schema.type /open/x"]),
        Case(json: #"{"id":1,"small":2,"created":"1979-02-12 12:49:23"}"#, findings: []),
        Case(json: #"{"id":1,"small":2,"created":"1979-02-30 12:49:23"}"#, findings: ["schema.format /created"]),
        Case(json: #"{"id":1,"small":2,"ms":"1730877830000"}"#, findings: []),
        Case(json: #"{"\u0069d":1,"small":2}"#, findings: []),
        Case(json: #"[]"#, findings: ["schema.type "]),
    ]

    @Test("findings and pointers", arguments: cases)
    func validate(_ testCase: Case) throws {
        let document = try JSONParser().parse(Array(testCase.json.utf8)).get()
        var validator = SchemaValidator(document: document, locate: { SourcePosition(line: 1, column: $0 + 1) })
        validator.validate(0, against: Self.shape)
        #expect(validator.findings.map { "\($0.code.id) \($0.pointer ?? "-")" } == testCase.findings)
    }

    @Test("positions come from the byte offset of the value")
    func positions() throws {
        let document = try JSONParser().parse(Array("{\n  \"id\": \"x\",\n  \"small\": 1\n}".utf8)).get()
        let text = SourceText(document.bytes)
        var validator = SchemaValidator(document: document, locate: text.position(ofOffset:))
        validator.validate(0, against: Self.shape)
        #expect(validator.findings.first?.position == SourcePosition(line: 2, column: 9))
    }

    @Test("timestamps format and parse in UTC", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (Int64(1538591450493), "2018-10-03T18:30:50.493Z"),
        (Int64(951782400000), "2000-02-29T00:00:00.000Z"),
        (Int64(-1), "1969-12-31T23:59:59.999Z"),
    ])
    func timestamps(_ millis: Int64, _ text: String) {
        #expect(Timestamps.format(milliseconds: millis) == text)
        #expect(Timestamps.parseRFC3339(text) == millis)
    }

    @Test("RFC 3339 offsets and fractions")
    func rfc3339() {
        #expect(Timestamps.parseRFC3339("2018-04-24T07:50:50.6812131Z") == 1524556250681)
        #expect(Timestamps.parseRFC3339("2018-04-24T09:50:50+02:00") == 1524556250000)
        #expect(Timestamps.parseRFC3339("2018-04-24T07:50:50") == nil)
        #expect(Timestamps.parseSQLDateTime("1979-02-12 12:49:23") == 287671763000)  // date -u -d "1979-02-12 12:49:23" +%s
    }
}
