import HookCheckModel

/// The pipeline for one request: parse the body, detect the sender, check its credential,
/// validate and normalize the payload.
public struct Inspector: Sendable {
    public let options: InspectOptions
    let senders: [any Sender]
    /// Each sender's keys and the variable its hint names, resolved once per run.
    private let keys: [String: (keys: [SecretSource], variable: String?)]

    public init(options: InspectOptions, senders: [any Sender] = SenderRegistry.all) {
        self.options = options
        self.senders = senders
        var keys: [String: (keys: [SecretSource], variable: String?)] = [:]
        for sender in senders { keys[sender.id] = (options.keys(for: sender), sender.secretVariables.first) }
        self.keys = keys
    }

    public func analyze(_ request: RequestDump) -> Record {
        var record = Record(source: request.source, index: request.index, line: request.line, capture: request.capture)
        record.findings = request.findings
        guard request.isDelivery else {
            // A page load in a HAR file, say: reported, not judged. Without a request line it is
            // what a capture reader found about the file itself, and its findings say so.
            if let method = request.method {
                record.findings.append(Finding(.info, .captureNotADelivery,
                    "\(method) \(request.target ?? "") has no body: not a webhook delivery", at: request.position(ofRawOffset: 0)))
            }
            return record
        }
        let payload = parsePayload(request, &record)
        for trailer in request.trailers {
            // Trailers may carry a credential: the value is shown only with --show-secrets.
            record.notes.append("trailer field \(trailer.name)" + (options.keepReceivedCredential ? ": \(trailer.value)" : "")
                                + " (sent after the chunked body; not part of it)")
        }

        let (chosen, evidence, nearest) = detect(request, payload)
        record.evidence = evidence

        if let sender = chosen {
            record.vendor = sender.id
            let resolved = keys[sender.id] ?? (options.keys(for: sender), sender.secretVariables.first)
            let context = AnalysisContext(request: request, payload: payload, options: options, keys: resolved.keys)
            record.auth = AuthFlow.check(sender.auth, context, variable: resolved.variable, into: &record)
            sender.analyze(context, into: &record)
        } else if !record.findings.contains(where: { $0.code.category == .input }) {
            // When the body is already broken, not knowing the sender is a consequence, not news.
            let severity: Severity = record.findings.hasNoErrors ? .error : .info
            record.findings.append(Finding(severity, .unknownSender, unknownSenderMessage(payload, nearest: nearest)))
        }

        checkAge(&record)
        // In reading order, as a compiler lists them; findings about the whole request last.
        record.findings = record.findings.inReadingOrder
        // Dropped before the verdict: an ignored finding neither fails the request nor shows.
        if !options.ignoredCodes.isEmpty {
            record.findings.removeAll { options.ignores($0.code) }
        }
        if options.strict {
            for index in record.findings.indices where record.findings[index].severity == .warning {
                record.findings[index].severity = .error
            }
        }
        return record
    }

    /// The sender a request comes from (`--vendor`'s, or the best detection at the threshold), why,
    /// and otherwise the nearest that scored at all.
    func detect(_ request: RequestDump, _ payload: Payload)
        -> (chosen: (any Sender)?, evidence: [String], nearest: (vendor: any Sender, detection: Detection)?) {
        if let forced = options.forcedVendor {
            let chosen = senders.first { $0.id == forced }
            return (chosen, chosen == nil ? [] : ["--vendor \(forced)"], nil)
        }
        var best: (vendor: any Sender, detection: Detection)?
        for vendor in senders {
            let detection = vendor.detect(request, payload)
            if detection.score > (best?.detection.score ?? 0) { best = (vendor, detection) }
        }
        guard let best, best.detection.score >= Detection.threshold else { return (nil, [], best) }
        return (best.vendor, best.detection.evidence, nil)
    }

    /// The sender of a request, detected as `analyze` detects it (for `sign` on a dump).
    public func sender(of request: RequestDump) -> (any Sender)? {
        var scratch = Record(source: request.source, index: request.index, line: request.line, capture: request.capture)
        return detect(request, parsePayload(request, &scratch)).chosen
    }

    private func unknownSenderMessage(_ payload: Payload, nearest: (vendor: any Sender, detection: Detection)?) -> String {
        if let nearest {
            let lacks = nearest.detection.lacking.isEmpty ? "" : "; it lacks " + nearest.detection.lacking.joined(separator: ", ")
            return "no known sender matched: the closest is \(nearest.vendor.displayName) (\(nearest.detection.evidence.joined(separator: ", ")))\(lacks); use --vendor \(nearest.vendor.id) to check it as one"
        }
        let known = senders.map(\.displayName).joined(separator: ", ")
        switch payload {
        case .malformedJSON:
            return "no known sender matched (the body is not valid JSON and no vendor header is present; known: \(known)); use --vendor to choose one"
        default:
            return "no known sender matched (known: \(known)); use --vendor to choose one"
        }
    }

    /// The body as JSON, a decoded form, or why it is neither; findings about it go to `record`.
    public func parsePayload(_ request: RequestDump, _ record: inout Record) -> Payload {
        let storage = request.bodyStorage
        var range = request.bodyRange
        if range.count >= 3, storage[range.lowerBound] == 0xEF, storage[range.lowerBound + 1] == 0xBB,
           storage[range.lowerBound + 2] == 0xBF {
            record.findings.append(Finding(.warning, .jsonBOM, "the body starts with a UTF-8 byte order mark, which JSON does not allow; skipped",
                                           at: request.position(ofBodyOffset: range.lowerBound)))
            range = range.lowerBound + 3..<range.upperBound
        }
        // Skip leading blank space to see what kind of body this is.
        var first = range.lowerBound
        while first < range.upperBound, ASCII.isWhitespace(storage[first]) { first += 1 }
        if first == range.upperBound {
            if !record.findings.contains(where: { $0.code == .inputEmpty || $0.code == .captureNoBody }) {
                record.findings.append(Finding(.error, .emptyBody, "the request has no body",
                                               at: request.position(ofBodyOffset: range.lowerBound)))
            }
            return .empty
        }
        let lead = storage[first]
        let looksLikeJSON = lead == UInt8(ascii: "{") || lead == UInt8(ascii: "[")
        let contentType = request.header("Content-Type")?.lowercased() ?? ""
        if !looksLikeJSON, contentType.contains("application/x-www-form-urlencoded") || FormDecoder.looksLikeForm(storage, range) {
            let outcome = FormDecoder().decode(storage, range: range)
            for issue in outcome.issues {
                let severity = issue.code.severity
                record.findings.append(Finding(severity, issue.code, issue.message, at: request.position(ofBodyOffset: issue.offset)))
            }
            return .form(outcome.document, outcome.map)
        }
        guard looksLikeJSON else {
            let binary = storage[range].prefix(512).contains { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }
            let what = binary ? "binary data" : "text"
            let code: FindingCode = request.capture == .http ? .unrecognizedBody : .inputUnrecognized
            let message = request.capture == .http
                ? "the body is neither JSON nor a form (it starts with \(what))"
                : "not an HTTP request, a JSON body or a form body (the input starts with \(what))"
            record.findings.append(Finding(.error, code, message, at: request.position(ofBodyOffset: first)))
            return .unrecognized
        }
        switch JSONParser(maxDepth: options.maxDepth).parse(storage, range: range) {
        case .success(let document):
            for warning in document.warnings {
                record.findings.append(Finding(.warning, warning.code, warning.message,
                                               at: request.position(ofBodyOffset: warning.offset),
                                               pointer: JSONPaths.pointer(warning.path)))
            }
            return .json(document)
        case .failure(let issue):
            record.findings.append(Finding(.error, issue.code, issue.message, at: request.position(ofBodyOffset: issue.offset)))
            return .malformedJSON(issue)
        }
    }

    private func checkAge(_ record: inout Record) {
        guard let maxAge = options.maxAge, let now = options.now, let occurred = record.occurredAt,
              let millis = Timestamps.parseRFC3339(occurred) else { return }
        let (age, overflow) = now.subtractingReportingOverflow(millis)
        guard !overflow else { return }
        if age > maxAge {
            record.findings.append(Finding(.warning, .staleDelivery,
                "the event is \(Durations.describe(age)) old, more than --max-age \(Durations.describe(maxAge))"))
        } else if age < -maxAge {
            record.findings.append(Finding(.warning, .futureDelivery,
                "the event is \(Durations.describe(-age)) in the future of --now"))
        }
    }
}
