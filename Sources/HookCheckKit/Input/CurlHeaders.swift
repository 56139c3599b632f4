import HookCheckCrypto
import HookCheckModel

/// The headers curl sends, in its order: its own, each left out when a -H header of that name
/// replaces or removes it (docs/cmdline-opts/header.md), then the -H headers as given.
extension CurlRequestBuilder {
    /// A -H argument: the line curl sends for it (nil when it only removes a header of its name).
    struct Custom {
        var word: ShellWord
        var line: SourcedBytes?

        /// Whether it is about header `name`: the name, then `:` or `;` (curl's Curl_checkheaders).
        func names(_ name: String) -> Bool {
            let name = Array(name.utf8)
            return word.bytes.count > name.count && ASCII.hasPrefixIgnoringCase(word.bytes, name)
                && (word.bytes[name.count] == UInt8(ascii: ":") || word.bytes[name.count] == UInt8(ascii: ";"))
        }
    }

    mutating func headers(_ url: CommandURL, body: SourcedBytes?, form: Bool) -> [SourcedBytes] {
        var customs: [Custom] = []
        for word in transfer.headers {
            if let custom = custom(word) { customs.append(custom) }
        }
        if let json = transfer.data.first(where: { $0.kind == .json })?.word {
            // --json adds these as -H headers, unless -H already gave them (json.md).
            for (name, value) in [("Content-Type", "application/json"), ("Accept", "application/json")]
            where !transfer.headers.contains(where: { ASCII.hasPrefixIgnoringCase($0.bytes, Array((name + ":").utf8)) }) {
                var word = ShellWord(start: json.start, end: json.end)
                for byte in (name + ": " + value).utf8 { word.append(byte, at: json.start) }
                customs.append(Custom(word: word, line: SourcedBytes(made: name + ": " + value, at: json.start)))
            }
        }
        func given(_ name: String) -> Bool { customs.contains { $0.names(name) } }
        var lines: [SourcedBytes] = []
        if let host = customs.first(where: { $0.names("Host") }) {
            // A -H Host: replaces curl's at its place; exactly `Host:` removes it.
            if host.word.bytes != Array("Host:".utf8) {
                var line = SourcedBytes(made: "Host:", at: host.word.start)
                line.append(host.word.sourced(5..<host.word.bytes.count))
                lines.append(line)
            }
        } else {
            lines.append(CommandRequest.line(SourcedBytes(made: "Host", at: url.word.start), url.hostHeader(), at: url.word.start))
        }
        if !given("Authorization"), let authorization = authorization(url) { lines.append(authorization) }
        if !given("Range"), let range = transfer.range {
            lines.append(CommandRequest.line(SourcedBytes(made: "Range", at: range.start), prefixed("bytes=", range), at: range.start))
        }
        if !given("User-Agent") {
            if let agent = transfer.userAgent {
                if !agent.bytes.isEmpty { lines.append(CommandRequest.line(SourcedBytes(made: "User-Agent", at: agent.start), agent.sourced, at: agent.start)) }
            } else {
                lines.append(CommandRequest.line("User-Agent", "curl", at: curl.start))
                note(.commandDefaultHeader, "User-Agent is curl's default, curl/VERSION; the version is not in the command", at: curl.start)
            }
        }
        if !given("Accept") { lines.append(CommandRequest.line("Accept", "*/*", at: curl.start)) }
        if let compressed = transfer.compressed, !given("Accept-Encoding") {
            lines.append(CommandRequest.line("Accept-Encoding", "deflate, gzip, br, zstd", at: compressed.start))
            note(.commandDefaultHeader, "--compressed sends the encodings curl was built with; this is Debian's curl 7.88.1 list", at: compressed.start)
        }
        if !given("Referer"), let referer = transfer.referer {
            // ";auto" asks curl to set the Referer on redirects; it is not sent.
            var value = referer.sourced
            if referer.bytes.count >= 5, referer.bytes.suffix(5).elementsEqual(";auto".utf8) {
                value = referer.sourced(0..<referer.bytes.count - 5)
            }
            if !value.isEmpty { lines.append(CommandRequest.line(SourcedBytes(made: "Referer", at: referer.start), value, at: referer.start)) }
        }
        if transfer.http2Upgrade, !url.secure, !transfer.http10 {
            lines += [CommandRequest.line("Connection", "Upgrade, HTTP2-Settings", at: curl.start),
                      CommandRequest.line("Upgrade", "h2c", at: curl.start),
                      CommandRequest.line("HTTP2-Settings", "AAMAAABkAAQCAAAAAAIAAAAA", at: curl.start)]
            note(.commandVersionDependent, "HTTP2-Settings is the value curl 7.88.1 sends; other versions may send other settings", at: curl.start)
        }
        if !given("Cookie"), let cookie = cookieLine() { lines.append(cookie) }
        for custom in customs where !custom.names("Host") {
            if let line = custom.line { lines.append(line) }
        }
        if let body, !given("Content-Length") {
            let anchor = transfer.data.first?.word.start ?? transfer.upload?.start ?? curl.start
            lines.append(CommandRequest.line("Content-Length", String(body.count), at: anchor))
        }
        if form, !given("Content-Type") {
            lines.append(CommandRequest.line("Content-Type", "application/x-www-form-urlencoded", at: transfer.data.first?.word.start ?? curl.start))
        }
        let bigPost = form && (body?.count ?? 0) > 1024 * 1024
        if !transfer.http10, !given("Expect"), bigPost || (transfer.upload != nil && body != nil) {
            // curl 7.88 asks before sending an upload, or a POST over 1 MiB (EXPECT_100_THRESHOLD).
            lines.append(CommandRequest.line("Expect", "100-continue", at: transfer.upload?.start ?? transfer.data.first?.word.start ?? curl.start))
        }
        return lines
    }

    /// What curl does with one -H argument (Curl_add_custom_headers in lib/http.c): `Name: value`
    /// is sent verbatim; `Name:` with nothing after it only removes; `Name;` sends `Name:`;
    /// anything else is dropped, which is said.
    mutating func custom(_ word: ShellWord) -> Custom? {
        let bytes = word.bytes
        let isSpace = { (byte: UInt8) in byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 {
            let hasValue = bytes[(colon + 1)...].contains { !isSpace($0) }
            return Custom(word: word, line: hasValue ? word.sourced : nil)
        }
        if let semicolon = bytes.firstIndex(of: UInt8(ascii: ";")), semicolon > 0,
           bytes[(semicolon + 1)...].allSatisfy(isSpace) {
            guard semicolon == bytes.count - 1 else { return Custom(word: word, line: nil) }
            var line = word.sourced(0..<semicolon)
            line.append(made: ":", at: word.offset(semicolon))
            return Custom(word: word, line: line)
        }
        note(.commandHeaderDropped, "curl sends no header for '\(word.text)': it needs 'Name: value', or 'Name;' for an empty one", at: word.start)
        return nil
    }

    func prefixed(_ prefix: String, _ word: ShellWord) -> SourcedBytes {
        var value = SourcedBytes(made: prefix, at: word.start)
        value.append(word.sourced)
        return value
    }

    /// Basic credentials from -u (user.md) or the URL's `user:password@`, or --oauth2-bearer.
    mutating func authorization(_ url: CommandURL) -> SourcedBytes? {
        if let user = transfer.user {
            var credentials = user.bytes
            if !credentials.contains(UInt8(ascii: ":")) {
                note(.commandNotRebuilt, "with no password after the user name curl asks for one; an empty password is assumed", at: user.start)
                credentials.append(UInt8(ascii: ":"))
            }
            return CommandRequest.line("Authorization", "Basic " + Base64.encode(credentials), at: user.start)
        }
        if let parts = url.credentials {
            let credentials = percentDecoded(parts.user) + [UInt8(ascii: ":")] + percentDecoded(parts.password ?? [])
            return CommandRequest.line("Authorization", "Basic " + Base64.encode(credentials), at: url.word.offset(url.userinfo!.lowerBound))
        }
        if let bearer = transfer.bearer {
            return CommandRequest.line(SourcedBytes(made: "Authorization", at: bearer.start), prefixed("Bearer ", bearer), at: bearer.start)
        }
        return nil
    }

    /// -b with `name=value` text; a -b without `=` names a cookie file, which is not read.
    mutating func cookieLine() -> SourcedBytes? {
        var value = SourcedBytes()
        for cookie in transfer.cookies {
            guard cookie.bytes.contains(UInt8(ascii: "=")) else {
                note(.commandNotRebuilt, "-b without '=' reads cookies from a file; they are not rebuilt", at: cookie.start)
                continue
            }
            if !value.isEmpty { value.append(made: ";", at: cookie.start) }
            value.append(cookie.sourced)
        }
        guard let first = transfer.cookies.first, !value.isEmpty else { return nil }
        return CommandRequest.line(SourcedBytes(made: "Cookie", at: first.start), value, at: first.start)
    }
}

/// `%XX` escapes decoded; other bytes kept.
func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
           let high = ASCII.hexValue(bytes[index + 1]), let low = ASCII.hexValue(bytes[index + 2]) {
            out.append(high << 4 | low)
            index += 3
        } else {
            out.append(bytes[index])
            index += 1
        }
    }
    return out
}
