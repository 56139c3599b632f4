extension DriftVendor {
    /// Drift's verification token: the header and body copies must agree, and with a configured
    /// token each copy present must equal it. Compared in constant time; never printed.
    func checkToken(_ context: AnalysisContext, _ record: inout Analysis) -> AuthResult {
        let request = context.request
        // Bytes throughout: the token is compared, never turned into text.
        let headerValues = request.headers.filter { $0.hasName(Self.tokenHeader) }.map(\.valueBytes)
        var bodyToken: ArraySlice<UInt8>?
        var bodyOffset: Int?
        if case .json(let document) = context.payload, document[0].kind == .object,
           let token = document.member(0, "token"), document[token].kind == .string {
            let raw = document[token]
            bodyToken = raw.hasEscapes ? Array(document.string(token).utf8)[...] : document.bytes[Int(raw.start) + 1..<Int(raw.end) - 1]
            bodyOffset = Int(raw.start)
        }
        // Positions are worked out only when there is something to say.
        func finding(_ severity: Severity, _ code: String, _ message: String) {
            let headerPosition = request.position(ofHeader: Self.tokenHeader)
            let position = headerPosition ?? bodyOffset.map(context.position(ofBodyOffset:))
            record.findings.append(Finding(severity, code, message, at: position,
                                           pointer: headerPosition == nil && bodyOffset != nil ? "/token" : nil))
        }

        if headerValues.count > 1, headerValues.contains(where: { !$0.elementsEqual(headerValues[0]) }) {
            let detail = "several \(Self.tokenHeader) headers with different values"
            finding(.error, "auth.mismatch", detail)
            return AuthResult(scheme: authScheme, status: .invalid, detail: detail)
        }
        let headerToken = headerValues.first
        if headerToken == nil, bodyToken == nil, case .malformedJSON = context.payload {
            return AuthResult(scheme: authScheme, status: .unchecked,
                              detail: "no \(Self.tokenHeader) header, and the body is not valid JSON, so its token cannot be read")
        }
        guard headerToken != nil || bodyToken != nil else {
            let detail = "no \(Self.tokenHeader) header and no token in the body"
            finding(context.secrets.isEmpty ? .warning : .error, "auth.missing", detail)
            return AuthResult(scheme: authScheme, status: .missing, detail: detail)
        }
        if let headerToken, let bodyToken, !ConstantTime.equals(headerToken, bodyToken) {
            let detail = "the \(Self.tokenHeader) header and the body's token differ"
            finding(.error, "auth.mismatch", detail)
            return AuthResult(scheme: authScheme, status: .invalid, detail: detail)
        }
        let copies = headerToken != nil && bodyToken != nil ? "header and body token match"
            : headerToken != nil ? "header token (the body has no token)"
            : "body token (no \(Self.tokenHeader) header)"
        let received = Array(headerToken ?? bodyToken ?? [])
        if context.options.keepReceivedCredential { record.receivedCredential = String(decoding: received, as: UTF8.self) }
        guard !context.secrets.isEmpty else {
            let detail = "\(copies); no token configured"
            finding(.info, "auth.unchecked",
                    "token not checked: pass --secret-env NAME or --secret-file PATH, or set \(secretVariable ?? "")")
            return AuthResult(scheme: authScheme, status: .unchecked, detail: detail)
        }
        // Try every configured token, without stopping early, so timing says nothing about which.
        var matched: SecretSource?
        for secret in context.secrets where ConstantTime.equals(secret.value, received) && matched == nil {
            matched = secret
        }
        if let matched {
            let detail = copies == "header and body token match" ? "\(copies) \(matched.label)" : "\(copies) matches \(matched.label)"
            return AuthResult(scheme: authScheme, status: .valid, detail: detail)
        }
        var detail = "the token does not match " + (context.secrets.count == 1 ? context.secrets[0].label
                                                    : "any of " + context.secrets.map(\.label).joined(separator: ", "))
        if let hint = Self.explainMismatch(received: received, secrets: context.secrets) {
            detail += "; " + hint
        }
        finding(.error, "auth.mismatch", detail)
        return AuthResult(scheme: authScheme, status: .invalid, detail: detail)
    }

    /// Names the usual mistake when one explains the mismatch.
    static func explainMismatch(received: [UInt8], secrets: [SecretSource]) -> String? {
        for secret in secrets where ConstantTime.equals(secret.value.trimmingASCIIWhitespace, received.trimmingASCIIWhitespace) {
            return "it would match \(secret.label) without surrounding whitespace"
        }
        return nil
    }
}
