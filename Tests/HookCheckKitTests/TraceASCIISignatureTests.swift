import Foundation
import Testing
@testable import HookCheckKit

@Suite("Signatures over rebuilt --trace-ascii bodies")
struct TraceASCIISignatureTests {
    @Test("the rebuilt body verifies with the right secret; with a wrong one the capture may be too lossy, and it says so")
    func superOffice() throws {
        var options = InspectOptions()
        options.secrets = [SecretSource(label: "--secret", value: Array(try superOfficeSecret.utf8))]
        let good = try #require(try analyzeSample("samples/captures/superoffice-person.changed.trace-ascii", options: options).first)
        #expect(good.auth?.status == .valid)
        #expect(good.auth?.detail.hasSuffix("(over the body rebuilt from --trace-ascii, its '.' read as line feeds)") == true)
        options.secrets = [SecretSource(label: "--secret", value: Array("wrong".utf8))]
        let bad = try #require(try analyzeSample("samples/captures/superoffice-person.changed.trace-ascii", options: options).first)
        #expect(bad.auth?.status == .invalid)
        #expect(bad.auth?.detail.contains("curl --trace keeps the exact bytes") == true)
    }
}
