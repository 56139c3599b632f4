import HookCheckCrypto
import HookCheckModel

/// `sign` for SuperOffice: the HMAC-SHA256 header, and the event headers a delivery carries.
struct SuperOfficeSigner: RequestSigner {
    var contentType: String { "application/json; charset=utf-8" }

    func signedHeaders(body: [UInt8], secret: [UInt8]) -> [HTTPHeader] {
        [HTTPHeader(name: SuperOfficeSender.signatureHeader, value: Base64.encode(SuperOfficeSignature.signature(body: body, secret: secret)))]
    }

    func signedBody(body: [UInt8], secret: [UInt8]) -> [UInt8] { body }

    func deliveryHeaders(body: [UInt8]) -> [HTTPHeader] {
        guard case .success(let document) = JSONParser().parse(body), document[0].kind == .object else { return [] }
        var headers = [HTTPHeader(name: "User-Agent", value: "hookcheck/\(HookCheckVersion.current)")]
        if let event = document.member(0, "Event"), document[event].kind == .string {
            headers.append(HTTPHeader(name: SuperOfficeSender.eventHeader, value: document.string(event)))
            if document.string(event) == "test" { headers.append(HTTPHeader(name: SuperOfficeSender.testHeader, value: "true")) }
        }
        if let id = document.member(0, "EventId"), document[id].kind == .string {
            headers.append(HTTPHeader(name: SuperOfficeSender.eventIdHeader, value: document.string(id)))
        }
        return headers
    }
}
