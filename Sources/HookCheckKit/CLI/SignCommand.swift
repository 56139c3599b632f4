import HookCheckModel

/// `hookcheck sign`: the token or signature header(s) for a body, a signed request, or a curl command.
struct SignCommand {
    let settings: RunSettings
    let io: CLIEnvironment
    let emit: EmitMode
    /// Where the request goes: its path and Host.
    let url: WebhookURL?
    /// The sender `--vendor` names; nil to detect it from the request.
    let named: (any Sender)?

    init(settings: RunSettings, parsed: ParsedArguments, io: CLIEnvironment) throws(UsageError) {
        self.settings = settings
        self.io = io
        named = try settings.options.forcedVendor.map { id throws(UsageError) in try Self.signingSender(id) }
        guard settings.paths.count <= 1 else { throw UsageError(message: "sign takes one path (or - for standard input)", suggestion: nil) }
        emit = try parsed.choice(.emit, default: .header)
        url = try settings.url.map { text throws(UsageError) in
            guard let url = WebhookURL(text) else {
                throw UsageError(message: "The value '\(text)' is invalid for '--url <url>'; expected http://host/path or https://host/path", suggestion: nil)
            }
            return url
        }
        if emit == .curl, url == nil { throw UsageError(message: "--emit curl needs --url", suggestion: nil) }
    }

    /// A sender `sign` can produce a credential for.
    private static func signingSender(_ id: String) throws(UsageError) -> any Sender {
        guard let sender = SenderRegistry.sender(id: id), sender.signer != nil else {
            throw UsageError(message: "sign supports --vendor \(SenderRegistry.signers.map(\.id).joined(separator: ", "))", suggestion: nil)
        }
        return sender
    }

    func run() throws(UsageError) -> ExitStatus {
        var first: RequestDump?
        let readable = RequestFeed(settings: settings, io: io).forEach { request in
            if first == nil { first = request }
        }
        guard readable, let first else { return .trouble }
        let body = first.body
        // Without --vendor, the sender of a request dump is detected as inspect detects it.
        let detected = named == nil ? Inspector(options: settings.options).sender(of: first) : nil
        var chosen = named
        if chosen == nil, let detected { chosen = try Self.signingSender(detected.id) }
        guard let sender = chosen else {
            throw UsageError(message: "sign needs --vendor (\(SenderRegistry.signers.map(\.id).joined(separator: ", "))): no sender was detected in the input", suggestion: nil)
        }
        guard let signer = sender.signer else { return .trouble }
        if detected != nil { io.err("note: signing as \(sender.id), detected from the request; --vendor chooses another\n") }
        guard let secret = settings.options.keys(for: sender).first else {
            let variable = sender.secretVariables.first.map { ", or set \($0)" } ?? ""
            throw UsageError(message: "sign needs a secret: --secret-env NAME, --secret-file PATH\(variable)", suggestion: nil)
        }
        guard !body.isEmpty else {
            io.err("hookcheck: nothing to sign: the input has no body\n")
            return .trouble
        }

        let sent = signer.signedBody(body: body, secret: secret.value)
        let signed = signer.signedHeaders(body: sent, secret: secret.value)
        switch emit {
        case .request:
            io.out(bytes: requestDump(signer, sent, signed))
        case .curl:
            io.out(curlCommand(signer, sent, signed) + "\n")
        case .header:
            for header in signed { io.out("\(header.name): \(header.value)\n") }
            if sent != body {
                io.err("note: the body's \"token\" must be the same token; --emit request or --emit curl writes it into the body\n")
            }
        }
        return .valid
    }

    private func allHeaders(_ signer: any RequestSigner, _ body: [UInt8], _ signed: [HTTPHeader]) -> [HTTPHeader] {
        return [HTTPHeader(name: "Host", value: url?.host ?? "localhost"),
                HTTPHeader(name: "Content-Type", value: signer.contentType)]
            + signer.deliveryHeaders(body: body) + signed
            + [HTTPHeader(name: "Content-Length", value: String(body.count))]
    }

    /// A complete request that `verify` accepts: exact Content-Length, CRLF line breaks.
    private func requestDump(_ signer: any RequestSigner, _ body: [UInt8], _ signed: [HTTPHeader]) -> [UInt8] {
        let path = url?.path ?? "/webhook"
        var text = "POST \(path) HTTP/1.1\r\n"
        for header in allHeaders(signer, body, signed) { text += "\(header.name): \(header.value)\r\n" }
        return Array((text + "\r\n").utf8) + body
    }

    /// A curl command sending the same bytes: the body inline, quoted for a POSIX shell.
    private func curlCommand(_ signer: any RequestSigner, _ body: [UInt8], _ signed: [HTTPHeader]) -> String {
        var parts = ["curl", "-sS", "-X", "POST", shellQuote(url?.text ?? "")]
        for header in allHeaders(signer, body, signed) where header.name != "Host" && header.name != "Content-Length" {
            parts += ["-H", shellQuote("\(header.name): \(header.value)")]
        }
        parts += ["--data-binary", shellQuote(String(decoding: body, as: UTF8.self))]
        return parts.joined(separator: " ")
    }
}

/// Single-quoted for a POSIX shell: every byte literal, `'` written as `'\''`.
func shellQuote(_ text: String) -> String {
    "'" + text.replacingAll("'", with: "'\\''") + "'"
}
