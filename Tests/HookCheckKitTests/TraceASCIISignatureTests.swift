import Foundation
import Testing
@testable import HookCheckKit

@Suite("Signatures over rebuilt --trace-ascii bodies")
struct TraceASCIISignatureTests {
    @Test("the rebuilt body verifies with the right secret; with a wrong one the '.' inside strings leave it unverifiable, and it says why")
    func superOffice() throws {
        var options = InspectOptions()
        options.secrets = [SecretSource(label: "--secret", value: Array(try superOfficeSecret.utf8))]
        let good = try #require(try analyzeSample("samples/captures/superoffice-person.changed.trace-ascii", options: options).first)
        #expect(good.auth?.status == .valid)
        #expect(good.auth?.detail.hasSuffix("(over the body rebuilt from --trace-ascii, its '.' read as line feeds)") == true)
        options.secrets = [SecretSource(label: "--secret", value: Array("wrong".utf8))]
        let bad = try #require(try analyzeSample("samples/captures/superoffice-person.changed.trace-ascii", options: options).first)
        #expect(bad.auth?.status == .unverifiable)
        #expect(bad.auth?.detail.contains("inside strings as '.'") == true)
        #expect(bad.findings.contains { $0.code == .authUnverifiable && $0.severity == .warning })
    }
}
