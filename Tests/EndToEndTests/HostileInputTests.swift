import Foundation
import Testing

@Suite("End to end: hostile inputs never crash")
struct HostileInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// Built when the case runs, so a missing fixture fails that case.
        var bytes: @Sendable () throws -> [UInt8]
        var arguments: [String]
        var description: String { name }

        init(name: String, bytes: @autoclosure @escaping @Sendable () throws -> [UInt8], arguments: [String] = []) {
            self.name = name
            self.bytes = bytes
            self.arguments = arguments
        }
    }

    static var copernica: String { get throws { try fixture("samples/copernica/profile.update.http") } }
    static var traceASCII: String { get throws { try fixture("samples/captures/drift-contact_updated.trace-ascii") } }

    static func withDate(_ date: String) throws -> [UInt8] {
        Array(try copernica.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("Date: ") ? "Date: " + date : String($0) }.joined(separator: "\r\n").utf8)
    }

    static let cases: [Case] = [
        Case(name: "form nested 600 levels", bytes: Array(("a" + String(repeating: "[]", count: 600) + "=1").utf8)),
        Case(name: "a byte order mark alone", bytes: [0xEF, 0xBB, 0xBF]),
        Case(name: "a byte order mark as the body", bytes: Array("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n".utf8) + [0xEF, 0xBB, 0xBF]),
        Case(name: "Copernica time at Int64.max", bytes: Array("type=update&time=9223372036854775807&profile=1&database=2".utf8)),
        Case(name: "Drift timestamp at Int64.min",
             bytes: Array(#"{"type":"contact_updated","orgId":1,"data":{"endUserId":1,"timestamp":-9223372036854775808,"diff":[]},"token":"t"}"#.utf8)),
        Case(name: "CloudCX createdTime at Int64.min",
             bytes: Array(#"{"event":"ContactCreated","contacts":[{"id":"0b5e5c3e-8a39-4c35-b8b6-2f1f0b5c7a11","createdTime":"-9223372036854775808"}]}"#.utf8)),
        Case(name: "a Date in year 999999999999", bytes: try withDate("Tue, 14 Apr 999999999999 09:21:08 GMT")),
        Case(name: "an RFC 850 Date in year Int64.max", bytes: try withDate("Tue, 14-Apr-9223372036854775807 09:21:08 GMT")),
        Case(name: "a Date with a huge negative hour", bytes: try withDate("1 1 Apr 2026 -999999999999999:0:0")),
        Case(name: "a trace offset at Int64.max", bytes: Array("=> Send header, 20 bytes\n7fffffffffffffff: POST / HTTP/1.1\n".utf8)),
        Case(name: "a trace block size at Int64.max",
             bytes: Array(try traceASCII.replacingOccurrences(of: "=> Send data, 303 bytes", with: "=> Send data, 9223372036854775807 bytes").utf8)),
        Case(name: "--now at Int64.max", bytes: Array("{}".utf8), arguments: ["--now", "9223372036854775807"]),
        Case(name: "--now far in the past with --max-age", bytes: Array("{}".utf8), arguments: ["--now", "-9223372036854775", "--max-age", "5m"]),
        Case(name: "a chunk size of 2^64-1", bytes: Array("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nab\r\n0\r\n\r\n".utf8)),
        Case(name: "Content-Length at Int64.max", bytes: Array("POST / HTTP/1.1\r\nContent-Length: 9223372036854775807\r\n\r\n{}".utf8)),
    ]

    @Test("exit 1 or 2, never a signal", arguments: cases)
    func hostile(_ row: Case) throws {
        let result = try Binary.run(row.arguments, stdin: Data(try row.bytes()))
        #expect(result.status == 0 || result.status == 1 || result.status == 2, "status \(result.status): \(result.err)")
        #expect(!result.err.contains("Fatal error"))
    }
}
