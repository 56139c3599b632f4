import HookCheckModel

/// The codes of checking a token or signature, shared by every scheme.
extension FindingCode {
    public static let authMismatch = FindingCode("auth.mismatch", .error, .auth,
        summary: "The token or signature does not match.",
        explanation: "The credential in the request is not the one the given secret or key produces for these bytes. The message names the usual mistake when one explains it (a trailing newline added, line endings changed, the body re-serialized, a secret pasted with whitespace, hex where base64 is sent). Otherwise the secret is not the one the sender signs with, or the body changed after signing: check which secret the webhook was registered with before rotating anything.")
    public static let authMissing = FindingCode("auth.missing", .warning, .auth,
        summary: "No token or signature was sent.",
        explanation: "The sender's scheme puts a credential in every delivery, and this request has none. An error when a secret or key was given (the request would be refused), a warning otherwise. Some senders sign only when the webhook was registered with a secret.")
    public static let authUnchecked = FindingCode("auth.unchecked", .info, .auth,
        summary: "A token or signature was sent but none was given to check it.",
        explanation: "Pass the secret with --secret-env NAME or --secret-file PATH (or set the sender's HOOKCHECK_<ID>_SECRET variable), or the public key with --public-key, and the credential is checked.")
    public static let authUnverifiable = FindingCode("auth.unverifiable", .warning, .auth,
        summary: "The signature cannot be checked: the capture does not hold the exact bytes that were signed.",
        explanation: "The capture lost bytes (unprintable bytes shown as dots, packets cut to the snap length, a body printed reformatted), and the signature matches none of the bodies it may stand for. That says nothing about the secret. Capture the request with a tool that keeps every byte (curl --trace, a pcap with a full snap length, the raw request on the receiver) and check again.")
    public static let authMalformed = FindingCode("auth.malformed", .error, .auth,
        summary: "The signature header cannot be parsed.",
        explanation: "The header that carries the signature is there, but not in the form the scheme defines (missing parameters, not base64). It was damaged on the way, or written by hand.")
    public static let authDigestMismatch = FindingCode("auth.digest-mismatch", .error, .auth,
        summary: "The Digest header does not match the body.",
        explanation: "The RFC 3230 Digest header carries a hash of the body, and the body's hash differs: the body was changed after it was sent (reformatted, a newline added), or the capture lost bytes.")
    public static let authDigestUnsupported = FindingCode("auth.digest-unsupported", .warning, .auth,
        summary: "The Digest header names an unknown algorithm.",
        explanation: "hookcheck checks SHA-256, SHA-512 and SHA digests; this one names another algorithm, so the body could not be checked against it.")
    public static let authKey = FindingCode("auth.key", .error, .auth,
        summary: "The public key cannot be used.",
        explanation: "The key given with --public-key could not be read as a key of the scheme's kind (PEM SPKI or PKCS#1, a DKIM TXT record, or the sender's raw form).")
    public static let authWeakKey = FindingCode("auth.weak-key", .warning, .auth,
        summary: "The public key is shorter than 2048 bits.",
        explanation: "RSA keys under 2048 bits are no longer considered safe (NIST SP 800-131A). The signature was still checked.")
    public static let authAlgorithm = FindingCode("auth.algorithm", .error, .auth,
        summary: "The signature algorithm is not supported.",
        explanation: "The request names a signature algorithm the scheme does not define or hookcheck does not verify; the message lists the ones it does.")

    /// The codes every scheme may emit.
    public static let authCodes: [FindingCode] = [.authMismatch, .authMissing, .authUnchecked, .authUnverifiable, .authMalformed,
                                                  .authDigestMismatch, .authDigestUnsupported, .authKey, .authWeakKey,
                                                  .authAlgorithm]
}
