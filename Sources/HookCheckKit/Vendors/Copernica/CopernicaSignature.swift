extension CopernicaVendor {
    /// Headers Copernica's verification library insists the signature covers.
    static let requiredCoverage = ["(request-target)", "host", "date", "content-length", "content-type", "digest", "x-copernica-id"]
    /// Copernica's library rejects requests whose Date is older than this.
    static let defaultMaxAge: Int64 = 60_000

    func checkSignature(_ context: AnalysisContext, _ record: inout Analysis) -> AuthResult {
        let request = context.request
        let options = context.options
        func finding(_ severity: Severity, _ code: String, _ message: String, header: String?) {
            record.findings.append(Finding(severity, code, message, at: header.flatMap { request.position(ofHeader: $0) }))
        }

        // The Digest is checked always: it needs no key.
        var bodyChanged = false
        if let digest = request.header("Digest") {
            var outcome = InstanceDigest.check(digest, body: request.body)
            // A lossy capture (--trace-ascii): the Digest may match a rebuilt body.
            if case .mismatch = outcome,
               request.bodyCandidates.contains(where: { if case .matches = InstanceDigest.check(digest, body: $0.bytes) { true } else { false } }) {
                outcome = .matches(algorithm: "")
            }
            switch outcome {
            case .matches:
                break
            case .mismatch(let algorithm):
                bodyChanged = true
                finding(.error, "auth.digest-mismatch",
                        "the Digest (\(algorithm)) does not match the body: the body was changed after it was sent", header: "Digest")
            case .unsupported(let algorithm):
                finding(.warning, "auth.digest-unsupported", "Digest algorithm \(algorithm) is not one of SHA-256, SHA-512, SHA", header: "Digest")
            case .malformed:
                finding(.error, "auth.digest-mismatch", "the Digest header is not 'ALGORITHM=base64'", header: "Digest")
            }
        }

        guard let signatureText = request.header("Signature") else {
            let detail = "no Signature header (Copernica signs every webhook)"
            finding(options.publicKey == nil ? .warning : .error, "auth.missing", detail, header: nil)
            return AuthResult(scheme: authScheme, status: .missing, detail: detail)
        }
        guard let signature = HTTPSignatureHeader(signatureText), let keyId = signature.keyId, signature.signature != nil else {
            let detail = "the Signature header is malformed: it needs keyId=\"...\" and signature=\"...\""
            finding(.error, "auth.malformed", detail, header: "Signature")
            return AuthResult(scheme: authScheme, status: .invalid, detail: detail)
        }
        if context.options.keepReceivedCredential { record.receivedCredential = signature.signature }

        // What Copernica's own library checks before it looks at the key.
        if !keyId.lowercased().hasSuffix(".copernica.com") {
            finding(.warning, "copernica.key-id", "keyId \"\(keyId)\" is not under .copernica.com: not signed by Copernica", header: "Signature")
        }
        let missing = Self.requiredCoverage.filter { !signature.headers.contains($0) }
            + (signature.headers.contains("x-nonce") || signature.headers.contains("nonce") ? [] : ["x-nonce"])
        if !missing.isEmpty {
            finding(.warning, "copernica.coverage",
                    "the signature does not cover \(missing.joined(separator: ", ")), which Copernica's library requires", header: "Signature")
        }
        if request.header("Digest") == nil {
            finding(.error, "auth.missing", "no Digest header: Copernica always sends one, so the body cannot be checked", header: nil)
        }
        if let account = options.account {
            let sent = request.header("X-Copernica-ID")
            if sent.map({ Self.sameAccount($0, account) }) != true {
                finding(.error, "copernica.account",
                        sent.map { "X-Copernica-ID is \($0), not --account \(account)" } ?? "no X-Copernica-ID header to compare with --account",
                        header: "X-Copernica-ID")
            }
        }
        checkDate(context, &record)

        let where_ = "keyId \(keyId): the key is published as a DKIM TXT record at that name (dig +short TXT \(keyId))"
        guard let publicKey = options.publicKey else {
            finding(.info, "auth.unchecked", "signature not checked: pass --public-key PATH (PEM or the DKIM TXT record of \(keyId))",
                    header: "Signature")
            return AuthResult(scheme: authScheme, status: .unchecked,
                              detail: "signed with \(where_); no --public-key given" + (bodyChanged ? "; the Digest does not match the body" : ""))
        }
        let result = verifyRSA(signature, publicKey: publicKey, keyDescription: where_, context, &record)
        // The signature covers the Digest, not the body: a changed body fails the whole check.
        if result.status == .valid, bodyChanged {
            return AuthResult(scheme: authScheme, status: .invalid,
                              detail: "the signature over the headers verifies, but the Digest does not match the body: the body was changed after signing")
        }
        return result
    }

    /// `account-NNN`, `account_NNN` and `NNN` name the same account.
    static func sameAccount(_ sent: String, _ expected: String) -> Bool {
        func digits(_ text: String) -> String {
            let lower = text.lowercased().trimmingCharacters(in: " \t")
            for prefix in ["account-", "account_"] where lower.hasPrefix(prefix) { return String(lower.dropFirst(prefix.count)) }
            return lower
        }
        return digits(sent) == digits(expected)
    }

    private func checkDate(_ context: AnalysisContext, _ record: inout Analysis) {
        let request = context.request
        guard let dateText = request.header("Date") else {
            record.findings.append(Finding(.error, "auth.missing", "no Date header: Copernica's library refuses requests without one"))
            return
        }
        guard let date = HTTPDate.parse(dateText) else {
            record.findings.append(Finding(.error, "copernica.date", "the Date header is not an HTTP date",
                                           at: request.position(ofHeader: "Date")))
            return
        }
        // Only with a fixed or a real "now": a capture read later is always old.
        guard let now = context.options.now else { return }
        let limit = context.options.maxAge ?? Self.defaultMaxAge
        if now - date > limit {
            record.findings.append(Finding(.error, "copernica.date-stale",
                "Date is \(Durations.describe(now - date)) before --now; Copernica's library rejects more than \(Durations.describe(limit))",
                at: request.position(ofHeader: "Date")))
        } else if date - now > limit {
            record.findings.append(Finding(.warning, "copernica.date-future",
                "Date is \(Durations.describe(date - now)) after --now", at: request.position(ofHeader: "Date")))
        }
    }
}
