import HookCheckModel

/// The one way every scheme's credential is checked: missing, unchecked, each key tried (all of
/// them, so timing says nothing about which matched), the bodies a lossy capture may stand for,
/// and the explanation of a mismatch.
public enum AuthFlow {
    public static func check<Scheme: AuthScheme>(_ scheme: Scheme, _ context: AnalysisContext, variable: String?,
                                                 into record: inout Record) -> AuthResult {
        var findings: [Finding] = []
        let result = run(scheme, context, variable: variable, &findings, &record)
        record.findings += findings
        // What a scheme leaves open matters once its credential was checked, not before.
        if let note = scheme.note, [.valid, .invalid, .unverifiable].contains(result.status) || scheme.keyKind == .none {
            record.authNotes.append(note)
        }
        return result
    }

    /// "token not checked: pass ..." for schemes that take a secret.
    public static func secretHint(_ noun: String, variable: String?) -> String {
        "\(noun) not checked: pass --secret-env NAME or --secret-file PATH" + (variable.map { ", or set \($0)" } ?? "")
    }

    private static func run<Scheme: AuthScheme>(_ scheme: Scheme, _ context: AnalysisContext, variable: String?,
                                                _ findings: inout [Finding], _ record: inout Record) -> AuthResult {
        func result(_ status: AuthResult.Status, _ detail: String) -> AuthResult {
            AuthResult(scheme: scheme.id, status: status, detail: detail)
        }
        let received: Scheme.Received
        switch scheme.lookup(context, &findings) {
        case .unauthenticated(let detail):
            return AuthResult(scheme: scheme.id, status: .none, detail: detail)
        case .unreadable(let detail):
            return result(.unchecked, detail)
        case .missing(let detail, let position, let header):
            // A bare body has no headers at all: a credential that travels in one cannot be missing.
            if let header, context.request.method == nil, context.request.headers.isEmpty {
                return result(.unchecked, "a bare body has no headers; the \(scheme.credentialNoun) travels in \(header): pass it with -H '\(header): ...' to check it")
            }
            // A capture that lost bytes may have lost the credential with them.
            if let loss = context.request.loss, !context.keys.isEmpty {
                let unverifiable = "\(detail), but the capture is not exact (\(loss)): the credential may be among the lost bytes"
                findings.append(Finding(.warning, .authUnverifiable, unverifiable, at: position))
                return result(.unverifiable, unverifiable)
            }
            // Nothing to point at but the request that lacks it, where there is one.
            let place = position ?? (context.request.method == nil ? nil : context.request.position(ofRawOffset: 0))
            findings.append(Finding(context.keys.isEmpty ? .warning : .error, .authMissing, detail, at: place))
            return result(.missing, detail)
        case .broken(let code, let detail, let position, let pointer):
            findings.append(Finding(.error, code, detail, at: position, pointer: pointer))
            return result(.invalid, detail)
        case .found(let value):
            received = value
        }
        if context.options.keepReceivedCredential { record.receivedCredential = scheme.text(of: received) }
        scheme.precheck(received, context, &findings)
        // Positions are worked out only when there is something to say.
        func fail(_ code: FindingCode, _ detail: String) -> AuthResult {
            let location = scheme.location(of: received, context)
            findings.append(Finding(.error, code, detail, at: location.position, pointer: location.pointer))
            return result(.invalid, detail)
        }
        guard !context.keys.isEmpty else {
            let (hint, detail) = scheme.unchecked(received, context, variable: variable)
            let location = scheme.location(of: received, context)
            findings.append(Finding(.info, .authUnchecked, hint, at: location.position, pointer: location.pointer))
            return result(.unchecked, detail)
        }
        let request = context.request
        let body = request.body
        var matched: SecretSource?
        var failure: (code: FindingCode, detail: String)?
        for key in context.keys {
            switch scheme.verify(received, body: body, key: key, context, &findings) {
            case .match: if matched == nil { matched = key }
            case .mismatch: break
            case .failure(let code, let detail): if failure == nil { failure = (code, detail) }
            }
        }
        if let matched {
            let rebuilt = scheme.signsBody && !request.bodyCandidates.isEmpty
                ? " (over the body rebuilt from --trace-ascii, its '.' read as line feeds)" : ""
            return scheme.conclude(result(.valid, scheme.validDetail(received, key: matched) + rebuilt), received, context)
        }
        if let failure { return fail(failure.code, failure.detail) }
        // A lossy capture (--trace-ascii): try the bodies the sender may have sent.
        if scheme.signsBody, !request.bodyCandidates.isEmpty {
            for candidate in request.bodyCandidates {
                for key in context.keys {
                    var scratch: [Finding] = []
                    if case .match = scheme.verify(received, body: candidate.bytes, key: key, context, &scratch) {
                        return scheme.conclude(result(.valid, "\(scheme.algorithmName) matches \(key.label) over the body rebuilt from --trace-ascii, its '.' read \(candidate.meaning)"),
                                               received, context)
                    }
                }
            }
        }
        // Bytes the capture did not keep: a mismatch says nothing about the secret.
        if scheme.signsBody, let loss = request.loss {
            let detail = "the \(scheme.credentialNoun) matches none of the bodies this capture may stand for, and the capture is not exact (\(loss)): capture the request with every byte (curl --trace, a full pcap) to check it"
            let location = scheme.location(of: received, context)
            findings.append(Finding(.warning, .authUnverifiable, detail, at: location.position, pointer: location.pointer))
            return result(.unverifiable, detail)
        }
        if scheme.signsBody, !request.bodyCandidates.isEmpty {
            return fail(.authMismatch, "no body rebuilt from this curl --trace-ascii capture matches: the secret is wrong, or the capture is too lossy to verify (--trace-ascii prints unprintable bytes as '.'; curl --trace keeps the exact bytes)")
        }
        var detail = "the \(scheme.credentialNoun) does not match " + (context.keys.count == 1 ? context.keys[0].label
                                                                       : "any of " + context.keys.map(\.label).joined(separator: ", "))
        if let reason = scheme.explainMismatch(received, body: body, keys: context.keys, context) {
            detail += "; " + reason
        }
        return fail(.authMismatch, detail)
    }
}
