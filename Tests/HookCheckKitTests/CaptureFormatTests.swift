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

    /// tcpdump-keepalive.pcap and its derivations: three deliveries on one keep-alive connection, one on a second.
    static let keepalive = three + [("superoffice", .valid)]

    static let rows: [Row] = [
        Row(tool: "tcpdump 4.99.3", file: "tcpdump-keepalive.pcap", capture: .pcap, expected: keepalive),
        Row(tool: "tcpdump 4.99.3, segments reordered by derive_pcaps.py", file: "derived-reordered.pcap", capture: .pcap, expected: keepalive),
        Row(tool: "tcpdump 4.99.3, a segment retransmitted", file: "derived-retransmit.pcap", capture: .pcap, expected: keepalive),
        Row(tool: "tcpdump 4.99.3, overlapping segments", file: "derived-overlap.pcap", capture: .pcap, expected: keepalive),
        Row(tool: "tcpdump 4.99.3, port 5000", file: "tcpdump-port5000.pcap", capture: .pcap, expected: [("superoffice", .valid)]),
        Row(tool: "tcpdump 4.99.3 -i any (Linux cooked v2)", file: "tcpdump-any.pcap", capture: .pcap, expected: [("drift", .valid)]),
        Row(tool: "tcpdump 4.99.3 -y LINUX_SLL (cooked v1)", file: "tcpdump-any-sll1.pcap", capture: .pcap, expected: [("drift", .valid)]),
        Row(tool: "tcpdump 4.99.3, IPv6", file: "tcpdump-ipv6.pcap", capture: .pcap, expected: [("drift", .valid)]),
        Row(tool: "TShark 4.0.17, pcapng", file: "tshark-copernica.pcapng", capture: .pcap, expected: [("copernica", .valid)]),
        Row(tool: "Chrome-style Copy as cURL, checked with curl 7.88.1", file: "chrome-copy-as-curl-drift.txt", capture: .curlCommand,
            expected: [("drift", .valid)]),
        Row(tool: "Chrome-style Copy as cURL, checked with curl 7.88.1", file: "chrome-copy-as-curl-superoffice.txt", capture: .curlCommand,
            expected: [("superoffice", .valid)]),
        Row(tool: "TShark 4.0.17 follow,tcp,hex", file: "tshark-follow-hex.txt", capture: .tsharkFollow, expected: three),
        Row(tool: "TShark 4.0.17 follow,tcp,ascii", file: "tshark-follow-ascii.txt", capture: .tsharkFollow, expected: three),
        Row(tool: "TShark 4.0.17 follow,tcp,raw", file: "tshark-follow-raw.txt", capture: .tsharkFollow, expected: three),
        Row(tool: "tcpdump 4.99.3 -X", file: "tcpdump-X.txt", capture: .textDump, expected: keepalive),
        Row(tool: "tcpdump 4.99.3 -A", file: "tcpdump-A.txt", capture: .textDump, expected: keepalive),
        Row(tool: "tcpflow 1.6.1 -c", file: "tcpflow-c.txt", capture: .textDump, expected: keepalive),
        Row(tool: "ngrep 1.47.1 -W byline", file: "ngrep-byline.txt", capture: .textDump, expected: keepalive),
        Row(tool: "socat 1.7.4.4 -v", file: "socat-v.txt", capture: .textDump, expected: [("copernica", .valid)]),
        Row(tool: "Python 3.11.7 http.client debuglevel 1", file: "python-httpclient-debuglevel1.txt", capture: .textDump, expected: three),
        Row(tool: "requests-toolbelt 1.0.0 dump_all", file: "requests-toolbelt-dump_all.txt", capture: .textDump, expected: three),
        Row(tool: "HTTPie 3.2.1 -v", file: "httpie-v.txt", capture: .httpie, expected: [("superoffice", .valid)]),
        Row(tool: "mitmproxy 11.0.2 mitmdump --flow-detail 4", file: "mitmproxy11-flow-detail4.txt", capture: .textDump, expected: three),
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

    /// Every record the pipeline makes of a fixture capture.
    static func records(_ file: String, options: InspectOptions? = nil) throws -> [Record] {
        let path = "Tests/HookCheckKitTests/Fixtures/captures/" + file
        let inspector = Inspector(options: try options ?? Self.options())
        return try InputRequests.all(in: ByteStream(bytes: try fixtureBytes(path), path: path), source: path).map(inspector.analyze)
    }

    @Test("every delivery is found, detected and verified from the captured bytes", arguments: rows)
    func deliveries(_ row: Row) throws {
        let records = try Self.records(row.file)
        #expect(records.map(\.capture) == Array(repeating: row.capture, count: records.count))
        #expect(records.map { $0.vendor ?? "-" } == row.expected.map(\.vendor))
        #expect(records.map { $0.auth?.status } == row.expected.map(\.auth), "\(records.map { $0.auth?.detail ?? "" })")
        #expect(records.allSatisfy { $0.findings.hasNoErrors }, "\(records.flatMap(\.findings))")
    }

    @Test("curl 7.88.1 -v > file 2>&1 without its body: the headers, and the signature unverifiable, not invalid")
    func curlVerboseMerged() throws {
        let records = try Self.records("curl-v.txt")
        #expect(records.map(\.capture) == [.curlVerbose])
        #expect(records.map { $0.auth?.status } == [.unverifiable])
    }

    @Test("a pcap cut in the middle: every request before the damage, and the damage said")
    func truncatedPcap() throws {
        let records = try Self.records("derived-truncated.pcap")
        #expect(records.prefix(2).map { $0.auth?.status } == [.valid, .valid])
        #expect(records.flatMap(\.findings).contains { $0.code.id == "capture.truncated-file" })
    }

    @Test("a signature over packets cut to the snap length is unverifiable, never invalid")
    func snapLength() throws {
        // The cut headers hide the sender: name it, as a user would.
        var options = try Self.options()
        options.forcedVendor = "superoffice"
        let records = try Self.records("tcpdump-snaplen128.pcap", options: options)
        #expect(records.count == 4)
        #expect(records.map { $0.auth?.status } == Array(repeating: .unverifiable, count: records.count), "\(records.map { $0.auth?.detail ?? "" })")
        #expect(records.allSatisfy { record in record.findings.contains { $0.code.id == "capture.snaplen" } })
    }

    @Test("TLS traffic is one finding, not noise")
    func tls() throws {
        let records = try Self.records("tcpdump-tls.pcap")
        let codes = records.flatMap(\.findings).map(\.code.id)
        #expect(codes.filter { $0 == "capture.tls" }.count == 1)
    }
}
