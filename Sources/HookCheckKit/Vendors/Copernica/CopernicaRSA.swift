extension CopernicaVendor {
    /// RSASSA-PKCS1-v1_5 verification of the signing string; this build cannot do it yet.
    func verifyRSA(_ signature: HTTPSignatureHeader, publicKey: (label: String, text: String), keyDescription: String,
                   _ context: AnalysisContext, _ record: inout Analysis) -> AuthResult {
        record.findings.append(Finding(.warning, "auth.unchecked", "RSA signature verification is not available in this build"))
        return AuthResult(scheme: authScheme, status: .unchecked, detail: "signed with \(keyDescription); RSA verification is not available in this build")
    }
}
