extension CopernicaVendor {
    /// RSASSA-PKCS1-v1_5 (RFC 8017) over the signing string the `headers` parameter describes.
    func verifyRSA(_ signature: HTTPSignatureHeader, publicKey: (label: String, text: String), keyDescription: String,
                   _ context: AnalysisContext, _ record: inout Analysis) -> AuthResult {
        let position = context.request.position(ofHeader: "Signature")
        func fail(_ code: String, _ detail: String) -> AuthResult {
            record.findings.append(Finding(.error, code, detail, at: position))
            return AuthResult(scheme: authScheme, status: .invalid, detail: detail)
        }
        let key: RSAPublicKey
        switch RSAPublicKey.parse(publicKey.text) {
        case .success(let parsed): key = parsed
        case .failure(let error): return fail("auth.key", "\(publicKey.label) is not a usable RSA public key: \(error)")
        }
        if key.bitLength < 2048 {
            record.findings.append(Finding(.warning, "auth.weak-key", "\(publicKey.label) is a \(key.bitLength)-bit key; 2048 bits or more is expected",
                                           at: position))
        }
        let algorithm = (signature.algorithm ?? "rsa-sha256").lowercased()
        let hash: RSASignatureHash
        switch algorithm {
        case "rsa-sha256", "hs2019": hash = .sha256
        case "rsa-sha512": hash = .sha512
        case "rsa-sha1": hash = .sha1
        default: return fail("auth.algorithm", "algorithm \"\(algorithm)\" is not an RSA algorithm hookcheck verifies (rsa-sha256, rsa-sha512, rsa-sha1)")
        }
        guard let encoded = signature.signature, let bytes = Base64.decode(encoded, options: [.ignoreWhitespace]) else {
            return fail("auth.malformed", "the signature parameter is not base64")
        }
        let signingString: String
        switch HTTPSignatureHeader.signingString(headers: signature.headers, request: context.request) {
        case .success(let text): signingString = text
        case .failure(let error): return fail("auth.mismatch", error.message)
        }
        switch key.checkPKCS1v15(signature: bytes, message: Array(signingString.utf8), hash: hash) {
        case .success:
            return AuthResult(scheme: authScheme, status: .valid,
                              detail: "\(algorithm) signature over \(signature.headers.joined(separator: " ")) verifies with \(publicKey.label)")
        case .failure(let error):
            return fail("auth.mismatch", "the signature does not verify with \(publicKey.label) (\(error)); \(keyDescription)")
        }
    }
}
