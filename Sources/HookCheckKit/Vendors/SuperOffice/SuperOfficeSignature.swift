extension SuperOfficeVendor {
    /// `base64(HMAC-SHA256(key: secret's UTF-8 bytes, message: raw body bytes))`.
    public static func signature(body: [UInt8], secret: [UInt8]) -> [UInt8] {
        HMAC<SHA256>.authenticationCode(for: body, key: secret)
    }

    static let diagnosis = SignatureDiagnosis(encodingName: "base64") { body, key in signature(body: body, secret: key) }

    func checkSignature(_ context: AnalysisContext, _ record: inout Analysis) -> AuthResult {
        let request = context.request
        let position = request.position(ofHeader: Self.signatureHeader)
        func finding(_ severity: Severity, _ code: String, _ message: String) {
            record.findings.append(Finding(severity, code, message, at: position))
        }
        guard let received = request.header(Self.signatureHeader) else {
            let detail = "no \(Self.signatureHeader) header (SuperOffice signs only when the webhook was registered with a secret)"
            finding(context.secrets.isEmpty ? .warning : .error, "auth.missing", detail)
            return AuthResult(scheme: authScheme, status: .missing, detail: detail)
        }
        if context.options.keepReceivedCredential { record.receivedCredential = received }
        guard !context.secrets.isEmpty else {
            finding(.info, "auth.unchecked",
                    "signature not checked: pass --secret-env NAME or --secret-file PATH, or set \(secretVariable ?? "")")
            return AuthResult(scheme: authScheme, status: .unchecked, detail: "signed; no secret configured")
        }
        let body = request.body
        let decoded = Base64.decode(received)
        var matched: SecretSource?
        if let decoded, decoded.count == 32 {
            for secret in context.secrets where matched == nil {
                if ConstantTime.equals(Self.signature(body: body, secret: secret.value), decoded) { matched = secret }
            }
        }
        if let matched {
            let rebuilt = request.bodyCandidates.isEmpty ? "" : " (over the body rebuilt from --trace-ascii, its '.' read as line feeds)"
            return AuthResult(scheme: authScheme, status: .valid, detail: "HMAC-SHA256 of the body matches \(matched.label)" + rebuilt)
        }
        // A lossy capture (--trace-ascii): try the bodies the sender may have sent.
        if !request.bodyCandidates.isEmpty {
            if let decoded, decoded.count == 32 {
                for candidate in request.bodyCandidates {
                    for secret in context.secrets where ConstantTime.equals(Self.signature(body: candidate.bytes, secret: secret.value), decoded) {
                        return AuthResult(scheme: authScheme, status: .valid,
                                          detail: "HMAC-SHA256 matches \(secret.label) over the body rebuilt from --trace-ascii, its '.' read \(candidate.meaning)")
                    }
                }
            }
            let detail = "no body rebuilt from this curl --trace-ascii capture matches: the secret is wrong, or the capture is too lossy to verify (--trace-ascii prints unprintable bytes as '.'; curl --trace keeps the exact bytes)"
            finding(.error, "auth.mismatch", detail)
            return AuthResult(scheme: authScheme, status: .invalid, detail: detail)
        }
        var detail = "the signature does not match " + (context.secrets.count == 1 ? context.secrets[0].label
                                                        : "any of " + context.secrets.map(\.label).joined(separator: ", "))
        let document: JSONDocument? = if case .json(let parsed) = context.payload { parsed } else { nil }
        if let reason = Self.diagnosis.explain(received: received, decoded: decoded, body: body, document: document,
                                               secrets: context.secrets) {
            detail += "; " + reason
        } else if decoded == nil || decoded?.count != 32 {
            detail += "; the header is not a base64 HMAC-SHA256 (44 characters ending in '=')"
        } else {
            detail += "; no usual mistake explains it: the secret is wrong, or the body was changed after signing"
        }
        finding(.error, "auth.mismatch", detail)
        return AuthResult(scheme: authScheme, status: .invalid, detail: detail)
    }
}
