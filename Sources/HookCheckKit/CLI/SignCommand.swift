/// `hookcheck sign`: the token or signature header(s) for a body, a signed request, or a curl command.
struct SignCommand {
    let settings: RunSettings
    let io: CLIEnvironment

    func run() -> Int32 {
        guard let vendorID = settings.options.forcedVendor,
              let signer = VendorRegistry.signers.first(where: { $0.id == vendorID }) else {
            return CLI.usageFailure(UsageError(message: "sign supports --vendor \(VendorRegistry.signers.map(\.id).joined(separator: ", "))", suggestion: nil),
                                    command: .sign, io: io)
        }
        let inspector = Inspector(options: settings.options)
        guard let secret = inspector.secrets(for: signer).first else {
            let variable = signer.secretVariable.map { ", or set \($0)" } ?? ""
            return CLI.usageFailure(UsageError(message: "sign needs a secret: --secret-env NAME, --secret-file PATH\(variable)", suggestion: nil),
                                    command: .sign, io: io)
        }
        var body: [UInt8]?
        let readable = RequestFeed(settings: settings, io: io).forEach { request in
            if body == nil { body = request.body }
        }
        guard readable, let body else { return CLI.exitTrouble }
        guard !body.isEmpty else {
            io.err("hookcheck: nothing to sign: the input has no body\n")
            return CLI.exitTrouble
        }

        let sent = signer.signedBody(body: body, secret: secret.value)
        let signed = signer.signedHeaders(body: sent, secret: secret.value)
        switch settings.emit {
        case "request":
            io.out(bytes: requestDump(signer, sent, signed))
        case "curl":
            io.out(curlCommand(signer, sent, signed) + "\n")
        default:
            for header in signed { io.out("\(header.name): \(header.value)\n") }
            if sent != body {
                io.err("note: the body's \"token\" must be the same token; --emit request or --emit curl writes it into the body\n")
            }
        }
        return CLI.exitValid
    }

    private func allHeaders(_ signer: any Signer, _ body: [UInt8], _ signed: [HTTPHeader]) -> [HTTPHeader] {
        let url = settings.url.flatMap(WebhookURL.init)
        return [HTTPHeader(name: "Host", value: url?.host ?? "localhost"),
                HTTPHeader(name: "Content-Type", value: signer.contentType)]
            + signer.deliveryHeaders(body: body) + signed
            + [HTTPHeader(name: "Content-Length", value: String(body.count))]
    }

    /// A complete request that `verify` accepts: exact Content-Length, CRLF line breaks.
    private func requestDump(_ signer: any Signer, _ body: [UInt8], _ signed: [HTTPHeader]) -> [UInt8] {
        let path = settings.url.flatMap(WebhookURL.init)?.path ?? "/webhook"
        var text = "POST \(path) HTTP/1.1\r\n"
        for header in allHeaders(signer, body, signed) { text += "\(header.name): \(header.value)\r\n" }
        return Array((text + "\r\n").utf8) + body
    }

    /// A curl command sending the same bytes: the body inline, quoted for a POSIX shell.
    private func curlCommand(_ signer: any Signer, _ body: [UInt8], _ signed: [HTTPHeader]) -> String {
        var parts = ["curl", "-sS", "-X", "POST", shellQuote(settings.url ?? "")]
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

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
