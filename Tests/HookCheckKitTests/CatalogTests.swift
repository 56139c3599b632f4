import Foundation
import Testing
@testable import HookCheckKit

@Suite("Vendor catalogue", .serialized)
struct CatalogTests {
    /// The README's event tables are the catalogue's; re-record with HOOKCHECK_RECORD=1.
    @Test("the README's tables agree with the catalogue")
    func readme() throws {
        let url = packageRoot.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- vendors:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- vendors:end -->"))
        let generated = ReadmeTables.senders(SenderRegistry.all)
        if ProcessInfo.processInfo.environment["HOOKCHECK_RECORD"] == "1" {
            try (String(readme[..<begin.upperBound]) + generated + String(readme[end.lowerBound...])).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(readme[begin.upperBound..<end.lowerBound]) == generated)
    }

    @Test("vendors lists every vendor; an event lists its fields", arguments: [
        (["vendors"], "cloudcx      CloudCX      9       none"),
        (["vendors", "drift"], "contact_updated                   contact.updated"),
        (["vendors", "drift", "contact_updated"], "data.diff[].previous  any                  yes"),
        (["vendors", "copernica", "subprofile.create"], "subprofile"),
        (["vendors", "superoffice", "test"], "ChangedByAssociateId"),
    ])
    func text(_ arguments: [String], _ expected: String) {
        let result = runCLI(arguments)
        #expect(result.status == 0)
        #expect(result.out.contains(expected), "\(result.out)")
    }

    @Test("--format json")
    func json() throws {
        let all = try #require(try JSONSerialization.jsonObject(with: Data(runCLI(["vendors", "--format", "json"]).out.utf8)) as? [[String: Any]])
        #expect(all.compactMap { $0["id"] as? String } == ["drift", "superoffice", "copernica", "cloudcx"])
        let event = try #require(try JSONSerialization.jsonObject(with: Data(runCLI(["vendors", "--format", "json", "cloudcx", "TicketAssigneeChanged"]).out.utf8)) as? [String: Any])
        let fields = try #require(event["fields"] as? [[String: Any]])
        #expect(fields.contains { $0["name"] as? String == "fromAgentId" && $0["required"] as? Bool == true && $0["type"] as? String == "string (UUID) or null" })
    }

    @Test("unknown vendor or event: exit 2 with a suggestion")
    func unknown() {
        #expect(runCLI(["vendors", "stripe"]).status == 2)
        let typo = runCLI(["vendors", "drift", "new_mesage"])
        #expect(typo.status == 2)
        #expect(typo.err.contains("Did you mean 'new_message'?"))
    }
}
