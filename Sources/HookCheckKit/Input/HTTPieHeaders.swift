import HookCheckCrypto
import HookCheckModel

/// The headers an HTTPie command sends, in the order they reach the wire: HTTPie's defaults
/// updated by the items (client.py's make_default_headers), merged into requests' session
/// defaults, Content-Length and Authorization added by requests, the headers HTTPie set moved
/// to the end (apply_missing_repeated_headers), and what http.client adds (Host first).
extension HTTPieRequestBuilder {
    struct WireHeader {
        var name: SourcedBytes
        var value: SourcedBytes?
        /// A value requests computed (Content-Length, Authorization): never one HTTPie set.
        var byRequests = false
        var isToolDefault = false

        init(_ name: SourcedBytes, _ value: SourcedBytes?) {
            self.name = name
            self.value = value
        }

        init(_ name: String, _ value: String, at anchor: Int) {
            self.init(SourcedBytes(made: name, at: anchor), SourcedBytes(made: value, at: anchor))
        }

        var key: [UInt8] { name.bytes.map(ASCII.lowercased) }

        func named(_ name: String) -> Bool { key == Array(name.lowercased().utf8) }
    }

    mutating func headers(_ url: CommandURL, parts: RequestParts, body: Body, method: String) -> [SourcedBytes] {
        let tool = arguments.tool.start
        var items: [WireHeader] = []
        for (name, value) in parts.headers {
            let field = WireHeader(name.sourced, value)
            if value == nil {
                Self.set(&items, field)
            } else {
                // HTTPHeadersDict.add: a value after a removal replaces the removal.
                if let index = items.firstIndex(where: { $0.key == field.key }), items[index].value == nil { items.remove(at: index) }
                items.append(field)
            }
        }
        if let name = body.fileName, let file = parts.fileBody, !items.contains(where: { $0.named("Content-Type") }),
           let type = Self.mimeType(name) {
            Self.set(&items, WireHeader("Content-Type", type, at: file.start))
        }
        var agent = WireHeader("User-Agent", "HTTPie", at: tool)
        agent.isToolDefault = true
        var defaults = [agent]
        if arguments.flags.contains("json") || (body.hasData && !form) {
            defaults += [WireHeader("Accept", "application/json, */*;q=0.5", at: tool), WireHeader("Content-Type", "application/json", at: tool)]
        } else if form {
            defaults.append(WireHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8", at: tool))
        }
        let original = Self.update(defaults, with: items)
        var encoding = WireHeader("Accept-Encoding", "gzip, deflate, br", at: tool)
        encoding.isToolDefault = true
        var prepared = [WireHeader("User-Agent", "python-requests", at: tool), encoding, WireHeader("Accept", "*/*", at: tool),
                        WireHeader("Connection", "keep-alive", at: tool)]
        for field in original {
            if let index = prepared.firstIndex(where: { $0.key == field.key }) { prepared[index] = field } else { prepared.append(field) }
        }
        prepared.removeAll { $0.value == nil }
        if let bytes = body.bytes {
            var length = WireHeader("Content-Length", String(bytes.count), at: bytes.startOffset ?? tool)
            length.byRequests = true
            Self.put(&prepared, length)
        } else if method != "GET", method != "HEAD", !prepared.contains(where: { $0.named("Content-Length") }) {
            prepared.append(WireHeader("Content-Length", "0", at: tool))
        }
        if var authorization = authorization(url) {
            authorization.byRequests = true
            Self.put(&prepared, authorization)
        }
        var final = prepared
        for field in prepared where !field.byRequests {
            let same = original.filter { $0.key == field.key }
            guard same.contains(where: { $0.value?.bytes == field.value?.bytes }) else { continue }
            if let index = final.firstIndex(where: { $0.key == field.key }) { final.remove(at: index) }
            final = Self.update(final, with: same)
        }
        var lines: [SourcedBytes] = []
        if !final.contains(where: { $0.named("Host") }) {
            lines.append(CommandRequest.line(SourcedBytes(made: "Host", at: url.word.start), url.hostHeader(lowercased: true), at: url.word.start))
        }
        if !final.contains(where: { $0.named("Accept-Encoding") }) { lines.append(CommandRequest.line("Accept-Encoding", "identity", at: tool)) }
        lines += final.map { CommandRequest.line($0.name, $0.value, at: tool) }
        if !final.contains(where: { $0.named("User-Agent") }) {
            lines.append(CommandRequest.line("User-Agent", "python-urllib3", at: tool))
            note(.commandDefaultHeader, "with User-Agent removed, urllib3 sends its own, python-urllib3/VERSION", at: tool)
        }
        let defaultsLeft = Set(final.filter(\.isToolDefault).map { String(decoding: $0.name.bytes, as: UTF8.self) })
        if defaultsLeft.contains("User-Agent") {
            note(.commandDefaultHeader, "User-Agent is HTTPie's default, HTTPie/VERSION; the version is not in the command", at: tool)
        }
        if defaultsLeft.contains("Accept-Encoding") {
            note(.commandDefaultHeader, "Accept-Encoding is requests' default: 'gzip, deflate', and 'br' when brotli is installed (as with Debian's HTTPie 3.2.1)", at: tool)
        }
        return lines
    }

    /// The Authorization requests adds: Basic from --auth or the URL's `user:password@`, Bearer
    /// with --auth-type bearer.
    mutating func authorization(_ url: CommandURL) -> WireHeader? {
        let type = arguments.options["auth-type"]?.text.lowercased() ?? "basic"
        guard let auth = arguments.options["auth"] else {
            if let given = arguments.options["auth-type"] {
                note(.commandOptionValue, "--auth-type \(given.text) needs --auth; HTTPie would stop here", at: given.start)
                return nil
            }
            guard let parts = url.credentials else { return nil }
            let credentials = parts.user + [UInt8(ascii: ":")] + (parts.password ?? [])
            return WireHeader("Authorization", "Basic " + Base64.encode(credentials), at: url.word.offset(url.userinfo!.lowerBound))
        }
        switch type {
        case "basic":
            // --auth USER[:PASS], split at the first colon not escaped with a backslash.
            var (user, password) = Self.credentials(auth.bytes)
            if password == nil {
                note(.commandNotRebuilt, "with no password after the user name HTTPie asks for one; an empty password is assumed", at: auth.start)
                password = []
            }
            let credentials = user + [UInt8(ascii: ":")] + password!
            return WireHeader("Authorization", "Basic " + Base64.encode(credentials), at: auth.start)
        case "bearer":
            var value = SourcedBytes(made: "Bearer ", at: auth.start)
            value.append(auth.sourced)
            return WireHeader(SourcedBytes(made: "Authorization", at: auth.start), value)
        default:
            note(.commandNotRebuilt, "--auth-type \(type) is a handshake or a plugin; the request is rebuilt without Authorization", at: auth.start)
            return nil
        }
    }

    /// USER[:PASS] as HTTPie's AuthCredentialsArgType splits it: at the first colon; `\:` is a colon
    /// in either part.
    static func credentials(_ bytes: [UInt8]) -> (user: [UInt8], password: [UInt8]?) {
        var parts: [[UInt8]] = [[]]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                if bytes[index + 1] != UInt8(ascii: ":") { parts[parts.count - 1].append(byte) }
                parts[parts.count - 1].append(bytes[index + 1])
                index += 2
                continue
            }
            if byte == UInt8(ascii: ":"), parts.count == 1 { parts.append([]) } else { parts[parts.count - 1].append(byte) }
            index += 1
        }
        return (parts[0], parts.count > 1 ? parts[1] : nil)
    }

    /// `d[key] = value` on a CIMultiDict: the first of that name replaced in place, the others dropped.
    static func set(_ fields: inout [WireHeader], _ field: WireHeader) {
        guard let first = fields.firstIndex(where: { $0.key == field.key }) else { return fields.append(field) }
        fields[first] = field
        fields = fields.enumerated().filter { $0.offset <= first || $0.element.key != field.key }.map(\.element)
    }

    /// A CaseInsensitiveDict assignment: in place when the name is there, else at the end.
    static func put(_ fields: inout [WireHeader], _ field: WireHeader) {
        if let index = fields.firstIndex(where: { $0.key == field.key }) { fields[index] = field } else { fields.append(field) }
    }

    /// CIMultiDict.update: each name's values replace its items in place, extra values are
    /// appended, and items of that name beyond the new values are dropped.
    static func update(_ base: [WireHeader], with other: [WireHeader]) -> [WireHeader] {
        var fields = base
        var used: [[UInt8]: Int] = [:]
        for field in other {
            let start = used[field.key] ?? 0
            if let index = fields.indices.first(where: { $0 >= start && fields[$0].key == field.key }) {
                fields[index] = field
                used[field.key] = index + 1
            } else {
                fields.append(field)
                used[field.key] = fields.count
            }
        }
        return fields.enumerated().filter { index, field in
            guard let limit = used[field.key] else { return true }
            return index < limit
        }.map(\.element)
    }

    /// The Content-Type HTTPie gives an `@FILE` body from its extension (Python's mimetypes; only
    /// the types every system agrees on).
    static func mimeType(_ name: [UInt8]) -> String? {
        let file = String(decoding: name, as: UTF8.self).lowercased()
        guard let dot = file.lastIndex(of: "."), !file[dot...].contains("/") else { return nil }
        switch file[file.index(after: dot)...] {
        case "json": return "application/json"
        case "txt": return "text/plain"
        case "html", "htm": return "text/html"
        case "csv": return "text/csv"
        default: return nil
        }
    }
}
