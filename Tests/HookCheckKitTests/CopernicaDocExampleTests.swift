import Foundation
import Testing
@testable import HookCheckKit

/// Copernica's own documented examples, kept in samples/copernica/doc-* exactly as its pages give
/// them (copied by samples/copernica/.doc-examples.py from CopernicaMarketingSoftware/Documentation),
/// and what hookcheck must say of each.
@Suite("Copernica's documented examples")
struct CopernicaDocExampleTests {
    struct Example: CustomStringConvertible, Sendable {
        var file: String
        /// The page and commit of CopernicaMarketingSoftware/Documentation it comes from.
        var source: String
        var event: String?
        /// Every finding but info, in order: code and position ("line:column", "-" for none).
        var findings: [String]
        var description: String { "\(file) (\(source))" }
    }

    static let examples: [Example] = [
        Example(file: "doc-profile.create.json", source: "Publisher/en/webhook-creates.md at d9a221b9^", event: "profile.create",
                findings: []),
        Example(file: "doc-subprofile.create.json", source: "Publisher/en/webhook-creates.md at d9a221b9^: a trailing comma", event: nil,
                findings: ["json.syntax 7:9"]),
        Example(file: "doc-profile.update.json", source: "Publisher/en/webhook-updates.md at d9a221b9^: trailing commas", event: nil,
                findings: ["json.syntax 6:5"]),
        Example(file: "doc-subprofile.update.json", source: "Publisher/en/webhook-updates.md at d9a221b9^: trailing commas", event: nil,
                findings: ["json.syntax 6:5"]),
        Example(file: "doc-profile.delete.json", source: "Publisher/en/webhook-deletes.md at d9a221b9^: a trailing comma", event: nil,
                findings: ["json.syntax 6:5"]),
        Example(file: "doc-subprofile.delete.json",
                source: "Publisher/en/webhook-deletes.md at d9a221b9^: no comma after profile, no database", event: nil,
                findings: ["json.syntax 6:9"]),
        Example(file: "doc-2019-profile.create.json", source: "Publisher/en/webhook-creates.md at 297c959d^: action for type",
                event: "profile.create", findings: ["copernica.legacy-form 2:25"]),
        // The header examples: a Content-Length of 328746 and no body, a folded Signature.
        Example(file: "doc-webhook-security.http", source: "Publisher/en/webhook-security.md at d9a221b9^", event: nil,
                findings: ["auth.unverifiable 5:1", "http.header 10:1", "http.truncated 15:1", "body.empty 15:1"]),
        Example(file: "doc-smtpeter-webhook-security.http", source: "SMTPeter/en/webhook-security.md at 39b2baa9", event: nil,
                findings: ["auth.unverifiable 5:1", "http.header 10:1", "http.truncated 15:1", "body.empty 15:1"]),
    ]

    @Test("each example is Copernica's, with its findings", arguments: examples)
    func example(_ row: Example) throws {
        var options = InspectOptions()
        // The header examples are dated Sun, 05 Jan 2014 21:31:40 GMT.
        options.now = 1_388_957_510_000
        let record = try #require(try analyzeSample("samples/copernica/" + row.file, options: options).first)
        #expect(record.vendor == "copernica")
        #expect(record.event == row.event)
        let findings = record.findings.filter { $0.severity != .info }.map { finding in
            "\(finding.code.id) " + (finding.position.map { "\($0.line):\($0.column)" } ?? "-")
        }
        #expect(findings == row.findings)
    }

    @Test("the header examples' Signature parses: its folded headers list, its base64 across lines")
    func headerExamples() throws {
        for file in ["doc-webhook-security.http", "doc-smtpeter-webhook-security.http"] {
            let request = try #require(try readRequests(try fixtureBytes("samples/copernica/" + file)).first)
            let header = try #require(request.header("Signature"))
            let signature = try #require(HTTPSignatureHeader(header))
            #expect(signature.keyId == "one._domainkey.copernica.com")
            #expect(signature.headers == ["(request-target)", "host", "date", "content-length", "content-type", "x-copernica-id", "digest", "x-nonce"])
            let encoded = try #require(signature.signature)
            #expect(Base64.decode(encoded, options: [.ignoreWhitespace])?.count == 128)
        }
    }

    @Test("every doc- file in samples/copernica has a row")
    func covered() throws {
        let files = try sampleFiles("samples/copernica").map(fileName).filter { $0.hasPrefix("doc-") }
        #expect(Set(files) == Set(Self.examples.map(\.file)))
        #expect(files.count == Self.examples.count)
    }
}
