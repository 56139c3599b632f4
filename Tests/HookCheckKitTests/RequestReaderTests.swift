import Testing
@testable import HookCheckKit

@Suite("HTTP dump reader")
struct RequestReaderTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var input: String
        /// Per request: method (nil for a bare body), start line, body text.
        var requests: [(method: String?, line: Int, body: String)]
        /// Finding codes the reader must produce, in order.
        var codes: [String] = []
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "LF", input: "POST /a HTTP/1.1\nHost: x\nContent-Length: 7\n\n{\"a\":1}",
             requests: [("POST", 1, "{\"a\":1}")]),
        Case(name: "CRLF", input: "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
             requests: [("POST", 1, "{\"a\":1}")]),
        Case(name: "no Content-Length: to the end, trailing line breaks dropped",
             input: "POST /a HTTP/1.1\nHost: x\n\n{\"a\":1}\n\n", requests: [("POST", 1, "{\"a\":1}")]),
        Case(name: "chunked, CRLF framing, extension, trailer",
             input: "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\n{\"a\r\n4\r\n\":1}\r\n0\r\nX-T: 1\r\n\r\n",
             requests: [("POST", 1, "{\"a\":1}")]),
        Case(name: "chunked, LF framing",
             input: "POST /a HTTP/1.1\nTransfer-Encoding: chunked\n\n7\n{\"a\":1}\n0\n\n", requests: [("POST", 1, "{\"a\":1}")]),
        Case(name: "chunked header but a plain body (a capture tool decoded it)",
             input: "POST /a HTTP/1.1\nTransfer-Encoding: chunked\n\n{\"a\":1}", requests: [("POST", 1, "{\"a\":1}")],
             codes: ["http.chunked"]),
        Case(name: "several requests with Content-Length",
             input: "POST /a HTTP/1.1\nContent-Length: 2\n\n{}\nPOST /b HTTP/1.1\nContent-Length: 2\n\n[]\n",
             requests: [("POST", 1, "{}"), ("POST", 5, "[]")]),
        Case(name: "several requests without Content-Length, blank lines between",
             input: "POST /a HTTP/1.1\nHost: x\n\n{}\n\n\nPUT /b HTTP/1.0\nHost: y\n\n[1]\n",
             requests: [("POST", 1, "{}"), ("PUT", 7, "[1]")]),
        Case(name: "obs-fold continues a header, with a warning (RFC 9112 §5.2)",
             input: "POST /a HTTP/1.1\nX-Long: one\n  two\nContent-Length: 2\n\n{}", requests: [("POST", 1, "{}")],
             codes: ["http.header"]),
        Case(name: "two requests back to back, each exactly framed, nothing between",
             input: "POST /a HTTP/1.1\nContent-Length: 2\n\n{}POST /b HTTP/1.1\nContent-Length: 2\n\n[]",
             requests: [("POST", 1, "{}"), ("POST", 4, "[]")]),
        Case(name: "a response after an exactly framed request is skipped, not read into the body (http -v)",
             input: "POST /a HTTP/1.1\nContent-Length: 2\n\n{}\n\nHTTP/1.1 200 OK\nContent-Length: 5\n\nhello\n",
             requests: [("POST", 1, "{}")], codes: ["capture.response"]),
        Case(name: "a bare CR ends a header line and never hides the next header (RFC 9112 §2.2)",
             input: "POST /a HTTP/1.1\nX: a\rTransfer-Encoding: chunked\n\n2\n{}\n0\n\n",
             requests: [("POST", 1, "{}")], codes: ["http.header"]),
        Case(name: "Transfer-Encoding not ending in chunked: an error, body to the next request (RFC 9112 §6.3)",
             input: "POST /a HTTP/1.1\nTransfer-Encoding: chunked, deflate\n\n{}",
             requests: [("POST", 1, "{}")], codes: ["http.transfer-encoding"]),
        Case(name: "an unknown transfer coding",
             input: "POST /a HTTP/1.1\nTransfer-Encoding: pigeons\nContent-Length: 2\n\n{}",
             requests: [("POST", 1, "{}")], codes: ["http.transfer-encoding"]),
        Case(name: "two Transfer-Encoding lines are one list",
             input: "POST /a HTTP/1.1\nTransfer-Encoding: gzip\nTransfer-Encoding: chunked\n\n2\n{}\n0\n\n",
             requests: [("POST", 1, "{}")], codes: ["http.transfer-encoding"]),
        Case(name: "a signed chunk size is an error (RFC 9112 §7.1)",
             input: "POST /a HTTP/1.1\nTransfer-Encoding: chunked\n\n+2\n{}\n0\n\n",
             requests: [("POST", 1, "")], codes: ["http.chunked"]),
        Case(name: "HTTP/2.0 in a request line is a warning",
             input: "POST /a HTTP/2.0\nContent-Length: 2\n\n{}", requests: [("POST", 1, "{}")], codes: ["http.version"]),
        Case(name: "truncated body", input: "POST /a HTTP/1.1\nContent-Length: 50\n\n{\"a\":",
             requests: [("POST", 1, "{\"a\":")], codes: ["http.truncated"]),
        Case(name: "Content-Length shorter than the body: nothing lost",
             input: "POST /a HTTP/1.1\nContent-Length: 3\n\n{\"a\":1}", requests: [("POST", 1, "{\"a\":1}")],
             codes: ["http.content-length"]),
        Case(name: "Content-Length swallowing the next request",
             input: "POST /a HTTP/1.1\nContent-Length: 40\n\n{}\nPOST /b HTTP/1.1\nContent-Length: 2\n\n[]",
             requests: [("POST", 1, "{}"), ("POST", 5, "[]")], codes: ["http.content-length"]),
        Case(name: "conflicting Content-Length headers",
             input: "POST /a HTTP/1.1\nContent-Length: 2\nContent-Length: 3\n\n{}", requests: [("POST", 1, "{}")],
             codes: ["http.content-length"]),
        Case(name: "no blank line before the body", input: "POST /a HTTP/1.1\nHost: x\n{\"a\":1}",
             requests: [("POST", 1, "{\"a\":1}")], codes: ["http.header"]),
        Case(name: "a malformed header line is reported and skipped",
             input: "POST /a HTTP/1.1\nthis is not a header\nContent-Length: 2\n\n{}", requests: [("POST", 1, "{}")],
             codes: ["http.header"]),
        Case(name: "bare JSON body: its exact bytes", input: "\n  {\"a\":1}\n", requests: [(nil, 1, "\n  {\"a\":1}\n")]),
        Case(name: "bare JSON body followed by a request", input: "{\"a\":1}\n\nPOST /b HTTP/1.1\nContent-Length: 2\n\n{}",
             requests: [(nil, 1, "{\"a\":1}"), ("POST", 3, "{}")]),
        Case(name: "headers only, no body", input: "GET /a HTTP/1.1\nHost: x\n\n", requests: [("GET", 1, "")]),
    ]

    @Test("splits inputs into requests", arguments: cases)
    func splits(_ testCase: Case) throws {
        let requests = try readRequests(testCase.input)
        #expect(requests.count == testCase.requests.count)
        for (request, expected) in zip(requests, testCase.requests) {
            #expect(request.method == expected.method)
            #expect(request.line == expected.line)
            #expect(String(decoding: request.body, as: UTF8.self) == expected.body)
            #expect(request.capture == (expected.method == nil ? .body : .http))
        }
        #expect(requests.flatMap(\.findings).map(\.code.id) == testCase.codes)
        #expect(requests.map(\.index) == Array(0..<requests.count))
    }

    @Test("headers: case-insensitive lookup, repeats kept, folded values joined")
    func headers() throws {
        let request = try #require(try readRequests("POST /a HTTP/1.1\nX-A: 1\nx-a: 2\nX-Fold: one\n\ttwo\n\n{}").first)
        #expect(request.headerValues("X-A") == ["1", "2"])
        #expect(request.header("X-FOLD") == "one two")
        #expect(request.target == "/a")
        #expect(request.version == "HTTP/1.1")
        #expect(request.position(ofHeader: "x-fold") == SourcePosition(line: 4, column: 1))
    }

    @Test("body positions map to the input file, through chunk framing")
    func chunkedPositions() throws {
        let input = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n"
        let request = try #require(try readRequests(input).first)
        // Body offset 4 is the ':' in the second chunk, on line 7, column 2.
        #expect(request.position(ofBodyOffset: 4) == SourcePosition(line: 7, column: 2))
        #expect(request.position(ofBodyOffset: 0) == SourcePosition(line: 5, column: 1))
    }

    @Test("-H headers are added to bare bodies")
    func extraHeaders() throws {
        let request = try #require(try readRequests("{}", headers: [HTTPHeader(name: "X-Verification-Token", value: "t")]).first)
        #expect(request.header("x-verification-token") == "t")
        #expect(request.position(ofHeader: "X-Verification-Token") == nil)
    }

    @Test("an empty input is one finding")
    func emptyInput() throws {
        let requests = try readRequests("")
        #expect(requests.count == 1)
        #expect(requests.first?.findings.map(\.code.id) == ["input.empty"])
    }

    @Test("a small read window still yields whole requests")
    func slidingWindow() throws {
        // Streams read in small chunks through a pipe-like descriptor.
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let body = "{\"pad\":\"" + String(repeating: "x", count: 5000) + "\"}"
        let one = "POST /a HTTP/1.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body + "\r\n"
        let text = String(repeating: one, count: 20)
        let writeEnd = fds[1]
        let writer = Thread {
            _ = text.utf8CString.withUnsafeBufferPointer { write(writeEnd, $0.baseAddress, $0.count - 1) }
            close(writeEnd)
        }
        writer.start()
        let reader = RequestReader(stream: ByteStream(descriptor: fds[0], path: "-", ownsDescriptor: true, chunkSize: 1024), source: "-")
        var count = 0
        while let request = try reader.next() {
            #expect(request.body.count == body.utf8.count)
            #expect(request.line == 1 + count * 4)
            #expect(request.findings.isEmpty)
            count += 1
        }
        #expect(count == 20)
    }
}

import Foundation
