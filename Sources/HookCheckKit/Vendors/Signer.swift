/// A vendor whose token or signature hookcheck can produce, for `hookcheck sign`.
public protocol Signer: Vendor {
    /// The headers a request with this body carries, signed with `secret`.
    func signedHeaders(body: [UInt8], secret: [UInt8]) -> [HTTPHeader]
    /// The body as it must be sent (Drift repeats its token in the body); the same bytes otherwise.
    func signedBody(body: [UInt8], secret: [UInt8]) -> [UInt8]
    /// Headers a real delivery also carries, taken from the body (event name, id...).
    func deliveryHeaders(body: [UInt8]) -> [HTTPHeader]
    var contentType: String { get }
}

extension VendorRegistry {
    /// The vendors `sign` supports.
    public static var signers: [any Signer] { all.compactMap { $0 as? any Signer } }
}

/// The parts of an http(s) URL a request dump needs.
public struct WebhookURL: Sendable, Equatable {
    public var text: String
    public var host: String
    public var path: String

    public init?(_ text: String) {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return nil
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        host = String(rest[..<slash])
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "@" }) else { return nil }
        path = slash == rest.endIndex ? "/" : String(rest[slash...])
        guard !path.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" }) else { return nil }
        self.text = text
    }
}

extension SuperOfficeVendor: Signer {
    public var contentType: String { "application/json; charset=utf-8" }

    public func signedHeaders(body: [UInt8], secret: [UInt8]) -> [HTTPHeader] {
        [HTTPHeader(name: Self.signatureHeader, value: Base64.encode(Self.signature(body: body, secret: secret)))]
    }

    public func signedBody(body: [UInt8], secret: [UInt8]) -> [UInt8] { body }

    public func deliveryHeaders(body: [UInt8]) -> [HTTPHeader] {
        guard case .success(let document) = JSONParser().parse(body), document[0].kind == .object else { return [] }
        var headers = [HTTPHeader(name: "User-Agent", value: "hookcheck/\(Help.version)")]
        if let event = document.member(0, "Event"), document[event].kind == .string {
            headers.append(HTTPHeader(name: Self.eventHeader, value: document.string(event)))
            if document.string(event) == "test" { headers.append(HTTPHeader(name: Self.testHeader, value: "true")) }
        }
        if let id = document.member(0, "EventId"), document[id].kind == .string {
            headers.append(HTTPHeader(name: Self.eventIdHeader, value: document.string(id)))
        }
        return headers
    }
}

extension DriftVendor: Signer {
    public var contentType: String { "application/json" }

    public func signedHeaders(body: [UInt8], secret: [UInt8]) -> [HTTPHeader] {
        [HTTPHeader(name: Self.tokenHeader, value: String(decoding: secret, as: UTF8.self))]
    }

    /// Drift repeats the token as the body's `token`: set it, leaving every other byte alone.
    public func signedBody(body: [UInt8], secret: [UInt8]) -> [UInt8] {
        guard case .success(let document) = JSONParser().parse(body), document[0].kind == .object else { return body }
        var literal: [UInt8] = []
        JSONOutput.appendString(String(decoding: secret, as: UTF8.self), to: &literal)
        if let token = document.member(0, "token") {
            let range = Int(document[token].start)..<Int(document[token].end)
            return Array(body[..<range.lowerBound]) + literal + Array(body[range.upperBound...])
        }
        let close = Int(document[0].end) - 1
        let member = (document[0].count > 0 ? Array(",".utf8) : []) + Array("\"token\":".utf8) + literal
        // After the last member, before any whitespace that precedes the closing brace.
        var insert = close
        while insert > Int(document[0].start) + 1, [0x20, 0x09, 0x0A, 0x0D].contains(body[insert - 1]) { insert -= 1 }
        return Array(body[..<insert]) + member + Array(body[insert...])
    }

    public func deliveryHeaders(body: [UInt8]) -> [HTTPHeader] { [] }
}
