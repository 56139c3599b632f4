import Testing
@testable import HookCheckKit

@Suite("Form bodies")
struct FormDecoderTests {
    struct Case: CustomStringConvertible, Sendable {
        var form: String
        /// The decoded form, as compact JSON.
        var json: String
        var issues: [String] = []
        var description: String { form }
    }

    static let cases: [Case] = [
        Case(form: "a=1&b=two+words", json: #"{"a":"1","b":"two words"}"#),
        Case(form: "mail=johny%2Bnew%40example.com", json: #"{"mail":"johny+new@example.com"}"#),
        Case(form: "fields[name]=Johny&fields[mail]=j%40x.com", json: #"{"fields":{"name":"Johny","mail":"j@x.com"}}"#),
        Case(form: "fields%5Bname%5D=Johny", json: #"{"fields":{"name":"Johny"}}"#),
        Case(form: "interests[]=blue&interests[]=red", json: #"{"interests":["blue","red"]}"#),
        Case(form: "a[b][c]=d", json: #"{"a":{"b":{"c":"d"}}}"#),
        Case(form: "interests[blue]=1&interests[red]=0", json: #"{"interests":{"blue":"1","red":"0"}}"#),
        Case(form: "a=1&a=2", json: #"{"a":"2"}"#, issues: ["form.duplicate-key"]),
        Case(form: "name=M%C3%BCller", json: #"{"name":"Müller"}"#),
        Case(form: "name=%C3%28", json: #"{"name":"\#u{FFFD}("}"#, issues: ["form.utf8"]),
        Case(form: "p=100%&q=1", json: #"{"p":"100%","q":"1"}"#, issues: ["form.syntax"]),
        Case(form: "flag&x=", json: #"{"flag":"","x":""}"#),
        Case(form: "a=1&&b=2&", json: #"{"a":"1","b":"2"}"#),
        Case(form: "=orphan", json: "{}", issues: ["form.syntax"]),
        Case(form: "a[x=1", json: #"{"a[x":"1"}"#),
        // A hand-written form: a literal space is read as a space, with one warning per field.
        Case(form: "timestamp=2026-04-14 09:21:07&type=update", json: #"{"timestamp":"2026-04-14 09:21:07","type":"update"}"#,
             issues: ["form.syntax"]),
    ]

    @Test("decodes as PHP reads forms", arguments: cases)
    func decode(_ testCase: Case) {
        let bytes = Array(testCase.form.utf8)
        let outcome = FormDecoder().decode(bytes, range: 0..<bytes.count)
        #expect(JSONOutput(pretty: false).string(JSONValue(outcome.document, 0)) == testCase.json)
        #expect(outcome.issues.map(\.code.id) == testCase.issues)
    }

    @Test("values map back to their position in the raw body")
    func positions() throws {
        let form = "type=update&fields[name]=Johny&fields[age]=x42"
        let bytes = Array(form.utf8)
        let outcome = FormDecoder().decode(bytes, range: 0..<bytes.count)
        let document = outcome.document
        let age = try #require(document.value(at: "fields", "age"))
        #expect(outcome.map.rawOffset(Int(document[age].start)) == form.utf8.count - 3)
        let name = try #require(document.value(at: "fields", "name"))
        #expect(outcome.map.rawOffset(Int(document[name].start)) == 25)
    }

    @Test("a schema finding in a form body points into the raw body, with a pointer into the decoded form")
    func findingPosition() throws {
        let body = "type=update&profile=12x&database=1&timestamp=2026-04-14+09%3A21%3A07&created=2026-04-14+09%3A21%3A07&modified=2026-04-14+09%3A21%3A07"
        let text = "POST /hook HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\nContent-Length: \(body.utf8.count)\n\n" + body
        let record = try #require(try analyze(text).first)
        #expect(record.vendor == "copernica")
        let finding = try #require(record.findings.first { $0.code.id == "schema.format" })
        #expect(finding.pointer == "/profile")
        #expect(finding.position == SourcePosition(line: 5, column: 21))
    }

    @Test("a literal space is a warning at its column")
    func literalSpace() throws {
        let input = marked("POST / HTTP/1.1\n\ntype=update&timestamp=2026-04-14⌖ 09:21:07&profile=1&database=2")
        let record = try #require(try analyze(String(decoding: input.bytes, as: UTF8.self)).first)
        let finding = try #require(record.findings.first { $0.code == .formSyntax })
        #expect(finding.severity == .warning)
        let offset = try #require(input.offset)
        #expect(finding.position == SourceText(input.bytes).position(ofOffset: offset))
    }

    @Test("form bodies are recognized by content as well as by Content-Type", arguments: [
        ("type=update&profile=1", true), ("{\"a\":1}", false), ("hello world", false), ("a=1\u{0}", false), ("==", false),
        ("timestamp=2026-04-14 09:21:07&type=update", true),
    ])
    func recognize(_ text: String, _ expected: Bool) {
        let bytes = Array(text.utf8)
        #expect(FormDecoder.looksLikeForm(bytes, 0..<bytes.count) == expected)
    }
}
