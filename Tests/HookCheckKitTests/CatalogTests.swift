import Foundation
import Testing
@testable import HookCheckKit

@Suite("Vendor catalogue", .serialized)
struct CatalogTests {
    /// The README's event tables are the catalogue's; re-record with HOOKCHECK_RECORD=1.
    @Test("the README's tables agree with the catalogue")
    func readme() throws {
        try checkReadmeSection("vendors", ReadmeTables.senders(SenderRegistry.all))
    }

    @Test("vendors prints one row per sender: its id, name, number of events and auth scheme")
    func list() {
        let result = runCLI(["vendors"])
        #expect(result.status == 0)
        let rows = result.out.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.first == ["VENDOR", "NAME", "EVENTS", "AUTH"])
        #expect(rows.count == SenderRegistry.all.count + 1, "\(result.out)")
        #expect(!SenderRegistry.all.isEmpty)
        for sender in SenderRegistry.all {
            let expected = [sender.id] + sender.displayName.split(separator: " ").map(String.init) + [String(sender.events.count), sender.auth.id]
            #expect(rows.contains(expected), "no row \(expected) in\n\(result.out)")
        }
        // The columns line up under the header's.
        let lines = result.out.split(separator: "\n").map { Array($0) }
        let header = lines.first ?? []
        let starts = header.indices.filter { header[$0] != " " && ($0 == 0 || header[$0 - 1] == " ") }
        #expect(starts.count == 4)
        for line in lines.dropFirst() {
            #expect(starts.allSatisfy { $0 < line.count && line[$0] != " " && ($0 == 0 || line[$0 - 1] == " ") }, "misaligned: \(String(line))")
        }
    }

    @Test("a vendor lists its events; an event lists its fields", arguments: [
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
        #expect(all.compactMap { $0["id"] as? String } == SenderRegistry.all.map(\.id))
        #expect(all.compactMap { ($0["events"] as? [String])?.count } == SenderRegistry.all.map(\.events.count))
        #expect(all.compactMap { $0["auth"] as? String } == SenderRegistry.all.map(\.auth.id))
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
