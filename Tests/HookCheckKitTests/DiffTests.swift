import Foundation
import Testing
@testable import HookCheckKit

@Suite("diff")
struct DiffTests {
    static func values(_ old: String, _ new: String, ignoring: [String] = []) throws -> [PayloadDiff.Difference] {
        let a = try JSONParser().parse(Array(old.utf8)).get()
        let b = try JSONParser().parse(Array(new.utf8)).get()
        return PayloadDiff(ignoring: ignoring).compare(JSONValue(a, 0), JSONValue(b, 0))
    }

    @Test("changes, additions and removals, with pointers", arguments: [
        (#"{"a":1,"b":2}"#, #"{"a":1,"b":3}"#, ["changed /b"]),
        (#"{"a":1}"#, #"{"a":1,"c":[1]}"#, ["added /c"]),
        (#"{"a":1,"x/y":2}"#, #"{"a":1}"#, ["removed /x~1y"]),
        (#"{"a":[1,2,3]}"#, #"{"a":[1,5]}"#, ["changed /a/1", "removed /a/2"]),
        (#"{"a":[{"id":1,"v":"x"},{"id":2,"v":"y"}]}"#, #"{"a":[{"id":2,"v":"z"},{"id":1,"v":"x"}]}"#, ["changed /a/0/v"]),
        (#"{"a":[{"id":1},{"id":2}]}"#, #"{"a":[{"id":2},{"id":3}]}"#, ["removed /a/0", "added /a/1"]),
        (#"{"n":1.0,"m":10}"#, #"{"n":1,"m":1e1}"#, []),
        (#"{"big":9223372036854775807}"#, #"{"big":9223372036854775806}"#, ["changed /big"]),
        (#"{"a":null}"#, #"{"a":false}"#, ["changed /a"]),
    ])
    func compare(_ old: String, _ new: String, _ expected: [String]) throws {
        #expect(try Self.values(old, new).map { "\($0.operation.rawValue) \($0.pointer)" } == expected)
    }

    @Test("--ignore masks a field and what is under it; * matches one segment")
    func ignore() throws {
        let old = #"{"t":1,"data":{"at":1,"keep":1},"list":[{"at":1},{"at":2}]}"#
        let new = #"{"t":2,"data":{"at":2,"keep":1},"list":[{"at":3},{"at":4}]}"#
        #expect(try Self.values(old, new, ignoring: ["/t", "/data/at", "/list/*/at"]).isEmpty)
        #expect(try Self.values(old, new, ignoring: ["/data"]).map(\.pointer) == ["/t", "/list/0/at", "/list/1/at"])
    }

    @Test("exit status as diff(1), JSON output, tokens hidden")
    func command() throws {
        enterPackageRoot()
        // Two captures of one delivery: a trace and the body itself.
        #expect(runCLI(["diff", "samples/captures/drift-contact_updated.trace", "samples/captures/drift-contact_updated.body.json"]).status == 0)
        let different = runCLI(["diff", "--format", "json", "samples/drift/new_message.http", "samples/drift/new_command_message.http"])
        #expect(different.status == 1)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(different.out.utf8)) as? [[String: Any]])
        #expect(list.first?["pointer"] as? String == "/type")
        #expect(list.allSatisfy { ["changed", "added", "removed"].contains($0["op"] as? String ?? "") })
        #expect(runCLI(["diff", "samples/drift/new_message.http"]).status == 2)
        #expect(runCLI(["diff", "samples/drift/new_message.http", "/nonexistent"]).status == 2)
        #expect(runCLI(["diff", "--ignore", "data", "samples/drift/new_message.http", "samples/drift/new_message.http"]).status == 2)
        let token = runCLI(["diff", "-", "samples/drift/contact_updated-seed.json"],
                           stdin: #"{"orgId":0,"type":"contact_updated","data":{"endUserId":12345678,"timestamp":1538591450493,"diff":[{"name":"attributes.alias","previous":null,"updated":"nadine"}]},"token":"s3cr3t"}"#)
        #expect(token.status == 1)
        #expect(!token.out.contains("s3cr3t"))
        #expect(token.out.contains("/token"))
    }
}
