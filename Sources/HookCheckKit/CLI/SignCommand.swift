import HookCheckModel

/// `hookcheck sign`: the token or signature header(s) for a body, a signed request, or a curl command.
struct SignCommand {
    let settings: RunSettings
    let io: CLIEnvironment
    let emit: EmitMode
    /// Where the request goes: its path and Host.
    let url: WebhookURL?
    let sender: any Sender
    let signer: any RequestSigner

    init(settings: RunSettings, parsed: ParsedArguments, io: CLIEnvironment) throws(UsageError) {
        self.settings = settings
        self.io = io
        let signers = SenderRegistry.signers.map(\.id).joined(separator: ", ")
        guard let vendorID = settings.options.forcedVendor else {
            throw UsageError(message: "sign needs --vendor (\(signers))", suggestion: nil)
        }
        guard let sender = SenderRegistry.sender(id: vendorID), let signer = sender.signer else {
            throw UsageError(message: "sign supports --vendor \(signers)", suggestion: nil)
        }
        self.sender = sender
        self.signer = signer
        guard settings.paths.count <= 1 else { throw UsageError(message: "sign takes one path (or - for standard input)", suggestion: nil) }
        emit = try parsed.choice(.emit, default: .header)
        url = try parsed.value(.url).map { text throws(UsageError) in
            guard let url = WebhookURL(text) else {
                throw UsageError(message: "The value '\(text)' is invalid for '--url <url>'; expected http://host/path or https://host/path", suggestion: nil)
            }
            return url
        }
        if emit == .curl, url == nil { throw UsageError(message: "--emit curl needs --url", suggestion: nil) }
    }

    func run() throws(UsageError) -> ExitStatus {
        guard let secret = settings.options.keys(for: sender).first else {
            let variable = sender.secretVariables.first.map { ", or set \($0)" } ?? ""
            throw UsageError(message: "sign needs a secret: --secret-env NAME, --secret-file PATH\(variable)", suggestion: nil)
        }
        var body: [UInt8]?
        let readable = RequestFeed(settings: settings, io: io).forEach { request in
            if body == nil { body = request.body }
        }
        guard readable, let body else { return .trouble }
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
