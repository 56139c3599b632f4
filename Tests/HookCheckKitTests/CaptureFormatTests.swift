import Foundation
import Testing
@testable import HookCheckKit

/// Captures made by real tools, read through the whole pipeline as a user's `hookcheck FILE` reads
/// them: each delivery found, its sender detected, its signature verified from the captured bytes.
@Suite("Captures from real tools, end to end through the pipeline")
struct CaptureFormatTests {
    struct Row: CustomTestStringConvertible, Sendable {
        /// The tool and version that made the fixture (Fixtures/captures/versions.txt).
        var tool: String
        var file: String
        var capture: CaptureKind
        /// Per request: the sender and its auth status with the sample secret and key.
        var expected: [(vendor: String, auth: AuthResult.Status)]
        var testDescription: String { "\(tool): \(file)" }
    }

    /// The three deliveries every multi-request fixture sends, in order.
    static let three: [(vendor: String, auth: AuthResult.Status)] = [("superoffice", .valid), ("drift", .valid), ("copernica", .valid)]

    static let rows: [Row] = [
        Row(tool: "mitmproxy 8.1.1", file: "mitmproxy8-flows.mitm", capture: .mitmproxy, expected: three),
        Row(tool: "mitmproxy 10.4.2", file: "mitmproxy10-flows.mitm", capture: .mitmproxy, expected: three),
        Row(tool: "mitmproxy 10.4.2, HTTP/2", file: "mitmproxy10-http2-flows.mitm", capture: .mitmproxy, expected: three),
        Row(tool: "mitmproxy 11.0.2", file: "mitmproxy11-flows.mitm", capture: .mitmproxy, expected: three),
        Row(tool: "mitmproxy 12.3.1", file: "mitmproxy12-flows.mitm", capture: .mitmproxy, expected: three),
        Row(tool: "mitmproxy 12.3.1, HTTP/2", file: "mitmproxy12-http2-flows.mitm", capture: .mitmproxy, expected: three),
    ]

    /// The sample secret and key; Drift's token through its own variable; "now" near the samples' Date.
    static func options() throws -> InspectOptions {
        var options = InspectOptions()
        options.environment = ["HOOKCHECK_DRIFT_TOKEN": try sampleToken, "HOOKCHECK_SUPEROFFICE_SECRET": try superOfficeSecret]
        options.publicKey = SecretSource(label: "--public-key sample", value: try fixtureBytes("samples/copernica/.sample-key.pub.pem"))
        options.now = Timestamps.parseRFC3339("2026-04-14T09:21:30Z")
        return options
    }

    @Test("every delivery is found, detected and verified from the captured bytes", arguments: rows)
    func deliveries(_ row: Row) throws {
        let path = "Tests/HookCheckKitTests/Fixtures/captures/" + row.file
        let inspector = Inspector(options: try Self.options())
        let records = try InputRequests.all(in: ByteStream(bytes: try fixtureBytes(path), path: path), source: path).map(inspector.analyze)
        #expect(records.map(\.capture) == Array(repeating: row.capture, count: records.count))
        #expect(records.map { $0.vendor ?? "-" } == row.expected.map(\.vendor))
        #expect(records.map { $0.auth?.status } == row.expected.map(\.auth), "\(records.map { $0.auth?.detail ?? "" })")
        #expect(records.allSatisfy { $0.findings.hasNoErrors }, "\(records.flatMap(\.findings))")
    }
}
