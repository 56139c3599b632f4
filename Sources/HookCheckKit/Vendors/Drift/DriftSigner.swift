import HookCheckModel

/// `sign` for Drift: the token as the header, and as the body's `token`.
struct DriftSigner: RequestSigner {
    var contentType: String { "application/json" }

    func signedHeaders(body: [UInt8], secret: [UInt8]) -> [HTTPHeader] {
        [HTTPHeader(name: DriftToken.header, value: String(decoding: secret, as: UTF8.self))]
    }

    /// Drift repeats the token as the body's `token`: set it, leaving every other byte alone.
    func signedBody(body: [UInt8], secret: [UInt8]) -> [UInt8] {
        guard case .success(let document) = JSONParser().parse(body), document[0].kind == .object else { return body }
        var literal: [UInt8] = []
        JSONString.append(String(decoding: secret, as: UTF8.self), to: &literal)
        if let token = document.member(0, "token") {
            let range = Int(document[token].start)..<Int(document[token].end)
            return Array(body[..<range.lowerBound]) + literal + Array(body[range.upperBound...])
        }
        let close = Int(document[0].end) - 1
        let member = (document[0].count > 0 ? Array(",".utf8) : []) + Array("\"token\":".utf8) + literal
        // After the last member, before any whitespace that precedes the closing brace.
        var insert = close
        while insert > Int(document[0].start) + 1, ASCII.isWhitespace(body[insert - 1]) { insert -= 1 }
        return Array(body[..<insert]) + member + Array(body[insert...])
    }

    func deliveryHeaders(body: [UInt8]) -> [HTTPHeader] { [] }
}
