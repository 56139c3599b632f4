import Foundation
import Testing
@testable import HookCheckKit

@Suite("sign")
struct SignTests {
    static let body = SuperOfficeTests.body

    @Test("the header equals an independent HMAC (Python's hmac module, computed when the samples were made)")
    func header() throws {
        // samples/superoffice/contact.created.http was signed by Python; signing its body again must agree.
        let request = try #require(try readRequests(try fixtureBytes("samples/superoffice/contact.created.http")).first)
        let expected = try #require(request.header("X-SuperOffice-Signature"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-sign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bodyFile = directory.appendingPathComponent("body.json")
        try Data(request.body).write(to: bodyFile)
        let result = runCLI(["sign", "--vendor", "superoffice", "--secret-env", "SO", bodyFile.path], variables: ["SO": try superOfficeSecret])
        #expect(result.status == 0)
        #expect(result.out == "X-SuperOffice-Signature: \(expected)\n")
    }

    @Test("--emit request is accepted by verify, for each vendor", arguments: [
        ("superoffice", body),
        ("drift", #"{"orgId":1,"type":"app_disconnected","data":{"appId":"a","timestamp":1767225000000}}"#),
        ("drift", #"{"orgId":1,"type":"app_disconnected","data":{"appId":"a","timestamp":1767225000000},"token":"stale"}"#),
        ("drift", "{\n  \"orgId\": 1,\n  \"type\": \"app_disconnected\",\n  \"data\": {\"appId\": \"a\", \"timestamp\": 1767225000000}\n}\n"),
    ])
    func roundTrip(_ vendor: String, _ body: String) {
        let signed = runCLI(["sign", "--vendor", vendor, "--secret", "k3y", "--emit", "request", "--url", "https://hooks.example.com/in"], stdin: body)
        #expect(signed.status == 0, "\(signed.err)")
        #expect(signed.out.hasPrefix("POST /in HTTP/1.1\r\nHost: hooks.example.com\r\n"))
        let verified = runCLI(["verify", "--secret", "k3y"], stdin: signed.out)
        #expect(verified.status == 0, "\(verified.out)")
        let inspected = runCLI(["--secret", "k3y", "--strict"], stdin: signed.out)
        #expect(inspected.status == 0, "\(inspected.out)")
    }

    @Test("--emit curl quotes the body for the shell")
    func curl() {
        let result = runCLI(["sign", "--vendor", "drift", "--secret", "k3y", "--emit", "curl", "--url", "http://localhost:9/x"],
                            stdin: #"{"orgId":1,"type":"gdpr_delete_requested","data":{"email":"o'hara@example.com","requesterId":1}}"#)
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("curl -sS -X POST 'http://localhost:9/x' -H 'Content-Type: application/json' -H 'X-Verification-Token: k3y' --data-binary '"))
        #expect(result.out.contains(#"o'\''hara@example.com"#))
        #expect(result.out.contains(#","token":"k3y"}'"#))
    }

    @Test("usage errors", arguments: [
        (["sign", "--secret", "x"], "sign needs --vendor"),
        (["sign", "--vendor", "drift"], "sign needs a secret"),
        (["sign", "--vendor", "drift", "--secret", "x", "--emit", "curl"], "--emit curl needs --url"),
        (["sign", "--vendor", "drift", "--secret", "x", "--emit", "carrier-pigeon"], "is invalid for '--emit <what>'"),
        (["sign", "--vendor", "drift", "--secret", "x", "--url", "ftp://x"], "is invalid for '--url <url>'"),
    ])
    func usage(_ arguments: [String], _ message: String) {
        let result = runCLI(arguments, stdin: "{}")
        #expect(result.status == 2)
        #expect(result.err.contains(message), "\(result.err)")
    }
}
