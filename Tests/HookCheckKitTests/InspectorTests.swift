import Foundation
import Testing
@testable import HookCheckKit

@Suite("Inspector: detection, near misses, what every sender shares")
struct InspectorTests {
    @Test("a request no sender matches names the closest one and what it showed")
    func nearMiss() throws {
        let record = try #require(try analyze(#"{"type":"something_else","orgId":42}"#).first)
        let finding = try #require(record.findings.first { $0.code == .unknownSender })
        #expect(record.vendor == nil)
        #expect(finding.message.hasPrefix("no known sender matched: the closest is Drift (envelope type/orgId)"))
        #expect(finding.message.hasSuffix("use --vendor drift to check it as one"))
    }

    @Test("nothing close: the message lists the known senders")
    func nothingClose() throws {
        let record = try #require(try analyze(#"{"hello":"world"}"#).first)
        let finding = try #require(record.findings.first { $0.code == .unknownSender })
        for sender in SenderRegistry.all { #expect(finding.message.contains(sender.displayName)) }
    }

    @Test("lint warns when two files carry one delivery id, naming the first; --strict makes it an error")
    func duplicateDelivery() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-dup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sample = try fixtureBytes("samples/superoffice/sale.lost.http")
        for name in ["a.http", "b.http"] { try Data(sample).write(to: directory.appendingPathComponent(name)) }
        let result = runCLI(["lint", directory.path])
        #expect(result.status == 0)
        #expect(result.out.contains("\(directory.path)/b.http:1:1: warning: delivery id ae97ba94-d0ed-482f-8f6d-05584ef8aa38 is also in \(directory.path)/a.http:1"))
        #expect(!result.out.contains("a.http:1:1: warning"))
        let strict = runCLI(["lint", "--strict", directory.path])
        #expect(strict.status == 1)
        #expect(strict.out.contains("b.http:1:1: error: delivery id"))
    }
}
