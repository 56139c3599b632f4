/// What the user asked for that changes how requests are analysed.
public struct InspectOptions: Sendable {
    /// Skip detection and treat every request as this vendor's.
    public var forcedVendor: String?
    /// Tokens and secrets given on the command line, tried in order.
    public var secrets: [SecretSource] = []
    /// The environment, for the vendors' default secret variables.
    public var environment: [String: String] = [:]
    /// "Now" in Unix milliseconds, for age checks.
    public var now: Int64?
    /// Deliveries older than this many milliseconds are stale.
    public var maxAge: Int64?
    /// Warnings count as errors.
    public var strict = false
    public var maxDepth = JSONParser.defaultMaxDepth
    /// An RSA public key (PEM or a DKIM TXT record) for RSA signature schemes, and where it came from.
    public var publicKey: (label: String, text: String)?
    /// The receiver's account, checked against Copernica's `X-Copernica-ID`.
    public var account: String?
    /// Keep the received token or signature in the record, for `--show-secrets`.
    public var keepReceivedCredential = false

    public init() {}
}

/// The pipeline for one request: parse the body, detect the sender, validate, normalize, check auth.
public struct Inspector: Sendable {
    public let options: InspectOptions
    let vendors: [any Vendor]

    public init(options: InspectOptions, vendors: [any Vendor] = VendorRegistry.all) {
        self.options = options
        self.vendors = vendors
    }

    public func analyze(_ request: RequestDump) -> Analysis {
        var record = Analysis(source: request.source, index: request.index, line: request.line, capture: request.capture)
        record.findings = request.findings
        guard request.isDelivery else {
            // A page load in a HAR file, say: reported, not judged.
            record.findings.append(Finding(.info, "capture.not-a-delivery",
                "\(request.method ?? "this request") \(request.target ?? "") has no body: not a webhook delivery",
                at: request.position(ofRawOffset: 0)))
            return record
        }
        let payload = parsePayload(request, &record)

        let chosen: (any Vendor)?
        if let forced = options.forcedVendor {
            chosen = vendors.first { $0.id == forced }
            if chosen != nil { record.evidence = ["--vendor \(forced)"] }
        } else {
            var best: (vendor: any Vendor, detection: Detection)?
            for vendor in vendors {
                let detection = vendor.detect(request, payload)
                if detection.score >= Detection.threshold, detection.score > (best?.detection.score ?? 0) {
                    best = (vendor, detection)
                }
            }
            chosen = best?.vendor
            record.evidence = best?.detection.evidence ?? []
        }

        if let vendor = chosen {
            record.vendor = vendor.id
            let context = AnalysisContext(request: request, payload: payload, options: options,
                                          secrets: secrets(for: vendor))
            vendor.analyze(context, into: &record)
        } else if !record.findings.contains(where: { $0.code.hasPrefix("input.") }) {
            // When the body is already broken, not knowing the sender is a consequence, not news.
            let severity: Severity = record.findings.hasNoErrors ? .error : .info
            record.findings.append(Finding(severity, "vendor.unknown", unknownSenderMessage(payload)))
        }

        checkAge(&record)
        // In reading order, as a compiler lists them; findings about the whole request last.
        if record.findings.count > 1 {
            record.findings = record.findings.enumerated().sorted { a, b in
                switch (a.element.position, b.element.position) {
                case let (x?, y?): return (x.line, x.column, a.offset) < (y.line, y.column, b.offset)
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a.offset < b.offset
                }
            }.map(\.element)
        }
        if options.strict {
            for index in record.findings.indices where record.findings[index].severity == .warning {
                record.findings[index].severity = .error
            }
        }
        return record
    }

    private func unknownSenderMessage(_ payload: Payload) -> String {
        let known = vendors.map(\.displayName).joined(separator: ", ")
        switch payload {
        case .malformedJSON:
            return "no known sender matched (the body is not valid JSON and no vendor header is present; known: \(known)); use --vendor to choose one"
        default:
            return "no known sender matched (known: \(known)); use --vendor to choose one"
        }
    }

    /// The secrets to try for a vendor: those given explicitly, else the vendor's own variable.
    func secrets(for vendor: any Vendor) -> [SecretSource] {
        if !options.secrets.isEmpty { return options.secrets }
        if let variable = vendor.secretVariable, let value = options.environment[variable], !value.isEmpty {
            return [SecretSource(label: variable, value: Array(value.utf8))]
        }
        return []
    }

    func parsePayload(_ request: RequestDump, _ record: inout Analysis) -> Payload {
        let storage = request.bodyStorage
        var range = request.bodyRange
        if range.count >= 3, storage[range.lowerBound] == 0xEF, storage[range.lowerBound + 1] == 0xBB,
           storage[range.lowerBound + 2] == 0xBF {
            record.findings.append(Finding(.warning, "json.bom", "the body starts with a UTF-8 byte order mark, which JSON does not allow; skipped",
                                           at: request.position(ofBodyOffset: range.lowerBound)))
            range = range.lowerBound + 3..<range.upperBound
        }
        // Skip leading blank space to see what kind of body this is.
        var first = range.lowerBound
        while first < range.upperBound, [0x20, 0x09, 0x0A, 0x0D].contains(storage[first]) { first += 1 }
        if first == range.upperBound {
            if !record.findings.contains(where: { $0.code == "input.empty" || $0.code == "capture.no-body" }) {
                record.findings.append(Finding(.error, "body.empty", "the request has no body",
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
                let severity: Severity = issue.code == "form.utf8" ? .error : .warning
                record.findings.append(Finding(severity, issue.code, issue.message, at: request.position(ofBodyOffset: issue.offset)))
            }
            return .form(outcome.document, outcome.map)
        }
        guard looksLikeJSON else {
            let binary = storage[range].prefix(512).contains { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }
            let what = binary ? "binary data" : "text"
            let code = request.capture == .http ? "body.unrecognized" : "input.unrecognized"
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

    private func checkAge(_ record: inout Analysis) {
        guard let maxAge = options.maxAge, let now = options.now, let occurred = record.occurredAt,
              let millis = Timestamps.parseRFC3339(occurred) else { return }
        let (age, overflow) = now.subtractingReportingOverflow(millis)
        guard !overflow else { return }
        if age > maxAge {
            record.findings.append(Finding(.warning, "delivery.stale",
                "the event is \(Durations.describe(age)) old, more than --max-age \(Durations.describe(maxAge))"))
        } else if age < -maxAge {
            record.findings.append(Finding(.warning, "delivery.future",
                "the event is \(Durations.describe(-age)) in the future of --now"))
        }
    }
}

/// Durations as people write them: `90s`, `5m`, `2h`, `1d`, `250ms`.
public enum Durations {
    /// Milliseconds for a duration text; a bare number is seconds.
    public static func parse(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            if let value = Int64(number), value >= 0 { return value.multipliedReportingOverflow(by: scale).overflow ? nil : value * scale }
        }
        if let value = Int64(text), value >= 0 { return value.multipliedReportingOverflow(by: 1000).overflow ? nil : value * 1000 }
        return nil
    }

    public static func describe(_ millis: Int64) -> String {
        if millis % 86_400_000 == 0, millis >= 86_400_000 { return "\(millis / 86_400_000)d" }
        if millis % 3_600_000 == 0, millis >= 3_600_000 { return "\(millis / 3_600_000)h" }
        if millis % 60_000 == 0, millis >= 60_000 { return "\(millis / 60_000)m" }
        if millis % 1000 == 0 { return "\(millis / 1000)s" }
        if millis > 10_000 { return "\(millis / 1000)s" }
        return "\(millis)ms"
    }
}
