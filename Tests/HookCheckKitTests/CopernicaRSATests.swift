import Foundation
import Testing
@testable import HookCheckKit

@Suite("Copernica RSA signatures")
struct CopernicaRSATests {
    static var pem: String { get throws { try fixture("samples/copernica/.sample-key.pub.pem") } }
    static var dkim: String { get throws { try fixture("samples/copernica/.sample-key.dkim.txt") } }
    static var sample: String { get throws { try fixture("samples/copernica/profile.update.http") } }

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// Read when the case runs, so a missing key file fails that case.
        var key: @Sendable () throws -> String
        var edit: @Sendable (String) -> String
        var status: AuthResult.Status
        var code: String?
        var description: String { name }

        init(name: String, key: @autoclosure @escaping @Sendable () throws -> String, edit: @escaping @Sendable (String) -> String,
             status: AuthResult.Status, code: String?) {
            self.name = name
            self.key = key
            self.edit = edit
            self.status = status
            self.code = code
        }
    }

    static let cases: [Case] = [
        Case(name: "signed by openssl, PEM key", key: try pem, edit: { $0 }, status: .valid, code: nil),
        Case(name: "signed by openssl, DKIM TXT record", key: try dkim, edit: { $0 }, status: .valid, code: nil),
        Case(name: "the DKIM record as dig prints it, in quoted pieces",
             key: try "\"" + dkim.trimmingCharacters(in: .newlines).replacingOccurrences(of: "p=", with: "\" \"p=") + "\"", edit: { $0 }, status: .valid, code: nil),
        Case(name: "a covered header changed", key: try pem,
             edit: { $0.replacingOccurrences(of: "X-Copernica-ID: account_26591", with: "X-Copernica-ID: account_26592") },
             status: .invalid, code: "auth.mismatch"),
        Case(name: "the signature damaged", key: try pem,
             edit: { text in
                 guard let range = text.range(of: "signature=\"") else { return text }
                 var copy = text
                 let index = range.upperBound
                 copy.replaceSubrange(index...index, with: text[index] == "A" ? "B" : "A")
                 return copy
             },
             status: .invalid, code: "auth.mismatch"),
        Case(name: "the request target differs", key: try pem,
             edit: { $0.replacingOccurrences(of: "POST /webhooks/copernica HTTP/1.1", with: "POST /webhooks/other HTTP/1.1") },
             status: .invalid, code: "auth.mismatch"),
        Case(name: "an algorithm that is not RSA", key: try pem,
             edit: { $0.replacingOccurrences(of: "algorithm=\"rsa-sha256\"", with: "algorithm=\"hmac-sha256\"") },
             status: .invalid, code: "auth.algorithm"),
        Case(name: "not a key", key: "hello", edit: { $0 }, status: .invalid, code: "auth.key"),
        Case(name: "a revoked DKIM key", key: "v=DKIM1; k=rsa; p=", edit: { $0 }, status: .invalid, code: "auth.key"),
    ]

    @Test("RSASSA-PKCS1-v1_5 over the signing string", arguments: cases)
    func verify(_ row: Case) throws {
        var options = InspectOptions()
        options.publicKey = SecretSource(label: "--public-key test", value: Array(try row.key().utf8))
        let record = try #require(try analyze(row.edit(try Self.sample), options: options).first)
        #expect(record.auth?.status == row.status, "\(record.auth?.detail ?? "")")
        if let code = row.code {
            #expect(record.findings.contains { $0.code.id == code }, "\(record.findings)")
        } else {
            #expect(record.findings.isEmpty, "\(record.findings)")
        }
    }
}
