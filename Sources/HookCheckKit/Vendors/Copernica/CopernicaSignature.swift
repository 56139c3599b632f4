import HookCheckCrypto
import HookCheckModel

/// Copernica's signature: draft-cavage HTTP Signatures, RSASSA-PKCS1-v1_5 over the covered
/// headers, one of them an RFC 3230 `Digest` of the body; and what Copernica's own verification
/// library checks beside it (keyId, coverage, Date, account).
struct CopernicaSignature: AuthScheme {
    /// Headers Copernica's verification library insists the signature covers.
    static let requiredCoverage = ["(request-target)", "host", "date", "content-length", "content-type", "digest", "x-copernica-id"]
    /// Copernica's library rejects requests whose Date is older than this.
    static let defaultMaxAge: Int64 = 60_000

    struct Received {
        var signature: HTTPSignatureHeader
        var keyId: String
        /// The Digest does not match the body: the signature covers the Digest, so the whole check fails.
        var bodyChanged: Bool
        /// Why the Digest could not be checked: the capture holds no body, or only part of it.
        var bodyMissing: String?
        /// With --account: which form of the account X-Copernica-ID came in, for the detail.
        var account: String?
    }

    var id: String { "copernica-http-signature" }
    var summary: String {
        "copernica-http-signature: draft-cavage HTTP Signatures, RSASSA-PKCS1-v1_5 SHA-256 over the covered headers (key: DKIM TXT record at keyId), and an RFC 3230 Digest of the body"
    }
    var keyKind: KeyKind { .publicKey }
    var credentialNoun: String { "signature" }
    var algorithmName: String { "RSA" }
    var signsBody: Bool { false }
    var note: String? { nil }

    func lookup(_ context: AnalysisContext, _ findings: inout [Finding]) -> CredentialLookup<Received> {
        let request = context.request
        // The Digest is checked always: it needs no key.
        var bodyChanged = false
        let bodyMissing = Self.missingBody(request)
        if let bodyMissing, request.header("Digest") != nil {
            findings.append(Finding(.warning, .authUnverifiable, "the Digest cannot be checked: \(bodyMissing)",
                                    at: request.position(ofHeader: "Digest")))
        } else if let digest = request.header("Digest") {
            var outcome = InstanceDigest.check(digest, body: request.body)
            // A lossy capture (--trace-ascii): the Digest may match a rebuilt body.
            if case .mismatch = outcome,
               request.bodyCandidates.contains(where: { if case .matches = InstanceDigest.check(digest, body: $0.bytes) { true } else { false } }) {
                outcome = .matches(algorithm: "")
            }
            let position = request.position(ofHeader: "Digest")
            switch outcome {
            case .matches:
                break
            case .mismatch(let algorithm):
                bodyChanged = true
                findings.append(Finding(.error, .authDigestMismatch,
                                        "the Digest (\(algorithm)) does not match the body: the body was changed after it was sent", at: position))
            case .unsupported(let algorithm):
                findings.append(Finding(.warning, .authDigestUnsupported, "Digest algorithm \(algorithm) is not one of SHA-256, SHA-512, SHA", at: position))
            case .malformed:
                findings.append(Finding(.error, .authDigestMismatch, "the Digest header is not 'ALGORITHM=base64'", at: position))
            }
        }
        guard let signatureText = request.header("Signature") else {
            return .missing("no Signature header (Copernica signs every webhook)", header: "Signature")
        }
        guard let signature = HTTPSignatureHeader(signatureText), let keyId = signature.keyId, signature.signature != nil else {
            return .broken(.authMalformed, "the Signature header is malformed: it needs keyId=\"...\" and signature=\"...\"",
                           at: request.position(ofHeader: "Signature"))
        }
        return .found(Received(signature: signature, keyId: keyId, bodyChanged: bodyChanged, bodyMissing: bodyMissing,
                               account: accountDetail(context)))
    }

    func location(of received: Received, _ context: AnalysisContext) -> (position: SourcePosition?, pointer: String?) {
        (context.request.position(ofHeader: "Signature"), nil)
    }

    func text(of received: Received) -> String? { received.signature.signature }

    /// What Copernica's own library checks before it looks at the key.
    func precheck(_ received: Received, _ context: AnalysisContext, _ findings: inout [Finding]) {
        let request = context.request
        func finding(_ severity: Severity, _ code: FindingCode, _ message: String, header: String?) {
            findings.append(Finding(severity, code, message, at: header.flatMap { request.position(ofHeader: $0) }))
        }
        let signature = received.signature
        // http-signatures-php, src/CopernicaRequest.php: preg_match('/\.copernica\.com$/', keyId), or it
        // throws "call is not signed by copernica.com (but by someone else)"; the match is case-sensitive.
        if !received.keyId.hasSuffix(".copernica.com") {
            finding(.error, .copernicaKeyId,
                    "keyId \"\(received.keyId)\" does not end in .copernica.com: not signed by Copernica, and Copernica's library rejects it",
                    header: "Signature")
        }
        let missing = Self.requiredCoverage.filter { !signature.headers.contains($0) }
            + (signature.headers.contains("x-nonce") || signature.headers.contains("nonce") ? [] : ["x-nonce"])
        if !missing.isEmpty {
            finding(.warning, .copernicaCoverage,
                    "the signature does not cover \(missing.joined(separator: ", ")), which Copernica's library requires", header: "Signature")
        }
        if request.header("Digest") == nil {
            finding(.error, .authMissing, "no Digest header: Copernica always sends one, so the body cannot be checked", header: nil)
        }
        if let account = context.options.value(of: CopernicaSender.accountOption) {
            let sent = request.header("X-Copernica-ID")
            if sent.map({ Self.sameAccount($0, account) }) != true {
                let form = sent.flatMap(CopernicaAccount.init).map { " (the \($0.form) form)" } ?? ""
                finding(.error, .copernicaAccount,
                        sent.map { "X-Copernica-ID is \($0.trimmingBlanks)\(form), not --account \(account)" } ?? "no X-Copernica-ID header to compare with --account",
                        header: "X-Copernica-ID")
            }
        }
        checkDate(context, &findings)
    }

    /// Where the key is published, for messages.
    private func keySource(_ received: Received) -> String {
        "keyId \(received.keyId): the key is published as a DKIM TXT record at that name (dig +short TXT \(received.keyId))"
    }

    func unchecked(_ received: Received, _ context: AnalysisContext, variable: String?) -> (hint: String, detail: String) {
        ("signature not checked: pass --public-key PATH (PEM or the DKIM TXT record of \(received.keyId))",
         "signed with \(keySource(received)); no --public-key given" + (received.bodyChanged ? "; the Digest does not match the body" : "")
            + (received.bodyMissing.map { "; the Digest cannot be checked: " + $0 } ?? "")
            + (received.account.map { "; " + $0 } ?? ""))
    }

    func validDetail(_ received: Received, key: SecretSource) -> String {
        "\((received.signature.algorithm ?? "rsa-sha256").lowercased()) signature over \(received.signature.headers.joined(separator: " ")) verifies with \(key.label)"
            + (received.account.map { "; " + $0 } ?? "")
    }

    /// "X-Copernica-ID account_26591 (the account_N form) is --account 26591", when it is.
    private func accountDetail(_ context: AnalysisContext) -> String? {
        guard let expected = context.options.value(of: CopernicaSender.accountOption),
              let sent = context.request.header("X-Copernica-ID"), Self.sameAccount(sent, expected) else { return nil }
        let form = CopernicaAccount(sent).map { " (the \($0.form) form)" } ?? ""
        return "X-Copernica-ID \(sent.trimmingBlanks)\(form) is --account \(expected)"
    }

    func explainMismatch(_ received: Received, body: [UInt8], keys: [SecretSource], _ context: AnalysisContext) -> String? { nil }

    /// The signature covers the Digest, not the body: a changed body fails the whole check, and
    /// one the capture does not hold leaves it open.
    func conclude(_ result: AuthResult, _ received: Received, _ context: AnalysisContext) -> AuthResult {
        guard result.status == .valid else { return result }
        if received.bodyChanged {
            return AuthResult(scheme: id, status: .invalid,
                              detail: "the signature over the headers verifies, but the Digest does not match the body: the body was changed after signing")
        }
        if let missing = received.bodyMissing {
            return AuthResult(scheme: id, status: .unverifiable,
                              detail: result.detail + "; the signature covers the Digest, and the Digest cannot be checked: " + missing)
        }
        return result
    }

    /// Why the capture cannot show the body the Digest is of, or nil when it holds it whole.
    static func missingBody(_ request: RequestDump) -> String? {
        if request.findings.contains(where: { $0.code == .captureNoBody }) {
            return "the capture holds the request's headers but not its body (curl -v prints none); pass the body that was sent with --body PATH"
        }
        if request.findings.contains(where: { $0.code == .httpTruncated }) {
            return "the body is cut short (Content-Length says more than the input holds); capture the whole request"
        }
        return nil
    }

    /// Whether X-Copernica-ID names the account given with --account, in any of the forms
    /// Copernica's pages write it; anything else is compared as written, case aside.
    static func sameAccount(_ sent: String, _ expected: String) -> Bool {
        if let account = CopernicaAccount(sent) { return account.matches(expected) }
        return sent.trimmingBlanks.lowercased() == expected.trimmingBlanks.lowercased()
    }

    private func checkDate(_ context: AnalysisContext, _ findings: inout [Finding]) {
        let request = context.request
        guard let dateText = request.header("Date") else {
            findings.append(Finding(.error, .authMissing, "no Date header: Copernica's library refuses requests without one"))
            return
        }
        guard let date = HTTPDate.parse(dateText) else {
            findings.append(Finding(.error, .copernicaDate, "the Date header is not an HTTP date",
                                           at: request.position(ofHeader: "Date")))
            return
        }
        // The CLI passes the system clock when --now is not given, as Copernica's library reads it.
        guard let now = context.options.now else { return }
        let byClock = context.options.nowFromClock
        let limit = context.options.maxAge.map { "--max-age allows \(Self.spoken($0))" }
            ?? "Copernica's library accepts \(Self.spoken(Self.defaultMaxAge))"
        let allowed = context.options.maxAge ?? Self.defaultMaxAge
        let (age, overflow) = now.subtractingReportingOverflow(date)
        guard !overflow else { return }
        if age > allowed {
            findings.append(Finding(.error, .copernicaDateStale,
                "the Date header is \(Self.spoken(age)) \(byClock ? "old" : "older than --now"); \(limit)",
                at: request.position(ofHeader: "Date")))
        } else if -age > allowed {
            findings.append(Finding(.warning, .copernicaDateFuture,
                "the Date header is \(Self.spoken(-age)) ahead of \(byClock ? "the system clock" : "--now"): a clock is off",
                at: request.position(ofHeader: "Date")))
        }
    }

    /// A duration in the largest unit that says it plainly: "61 seconds", "1 minute", "208 days".
    static func spoken(_ millis: Int64) -> String {
        guard millis >= 1000 else { return "\(millis) ms" }
        let seconds = millis / 1000
        for (unit, size) in [("day", Int64(86_400)), ("hour", 3600), ("minute", 60), ("second", 1)]
        where seconds >= size && (seconds % size == 0 || seconds >= 2 * size) {
            let count = seconds / size
            return "\(count) \(unit)\(count == 1 ? "" : "s")"
        }
        return "\(seconds) seconds"
    }

    /// RSASSA-PKCS1-v1_5 (RFC 8017) over the signing string the `headers` parameter describes.
    func verify(_ received: Received, body: [UInt8], key publicKey: SecretSource, _ context: AnalysisContext,
                _ findings: inout [Finding]) -> Verification {
        let signature = received.signature
        let key: RSAPublicKey
        switch RSAPublicKey.parse(String(decoding: publicKey.value, as: UTF8.self)) {
        case .success(let parsed): key = parsed
        case .failure(let error): return .failure(.authKey, "\(publicKey.label) is not a usable RSA public key: \(error)")
        }
        if key.bitLength < 2048 {
            findings.append(Finding(.warning, .authWeakKey, "\(publicKey.label) is a \(key.bitLength)-bit key; 2048 bits or more is expected",
                                    at: context.request.position(ofHeader: "Signature")))
        }
        let algorithm = (signature.algorithm ?? "rsa-sha256").lowercased()
        let hash: RSASignatureHash
        switch algorithm {
        case "rsa-sha256", "hs2019": hash = .sha256
        case "rsa-sha512": hash = .sha512
        case "rsa-sha1": hash = .sha1
        default: return .failure(.authAlgorithm, "algorithm \"\(algorithm)\" is not an RSA algorithm hookcheck verifies (rsa-sha256, rsa-sha512, rsa-sha1)")
        }
        guard let encoded = signature.signature, let bytes = Base64.decode(encoded, options: [.ignoreWhitespace]) else {
            return .failure(.authMalformed, "the signature parameter is not base64")
        }
        let signingString: String
        switch HTTPSignatureHeader.signingString(headers: signature.headers, request: context.request) {
        case .success(let text): signingString = text
        case .failure(let error): return .failure(.authMismatch, error.message)
        }
        switch key.checkPKCS1v15(signature: bytes, message: Array(signingString.utf8), hash: hash) {
        case .success: return .match
        case .failure(let error):
            return .failure(.authMismatch, "the signature does not verify with \(publicKey.label) (\(error)); \(keySource(received))")
        }
    }
}
