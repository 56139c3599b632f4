import HookCheckModel

/// An http(s) URL argument split into what a request line and a Host header need, as ranges of
/// the argument's bytes (so each part keeps its place in the command file).
struct CommandURL {
    let word: ShellWord
    let secure: Bool
    let userinfo: Range<Int>?
    let host: Range<Int>
    let port: Range<Int>?
    let path: Range<Int>
    /// The query without its `?`.
    let query: Range<Int>?

    enum Problem: Error {
        case scheme(String)
        case noHost
    }

    /// Splits `word`; a URL without a scheme is taken as http (https when `defaultSecure`), as curl
    /// and HTTPie do. A fragment is dropped: neither tool sends it.
    static func parse(_ word: ShellWord, defaultSecure: Bool = false) -> Result<CommandURL, Problem> {
        let bytes = word.bytes
        let stop = bytes.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        var rest = 0
        var secure = defaultSecure
        if let colon = bytes[..<stop].firstIndex(of: UInt8(ascii: ":")), colon + 2 < bytes.count, colon + 1 == stop,
           bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") {
            let scheme = String(decoding: bytes[..<colon].map(ASCII.lowercased), as: UTF8.self)
            guard scheme == "http" || scheme == "https" else { return .failure(.scheme(scheme)) }
            secure = scheme == "https"
            rest = colon + 3
        }
        let authorityEnd = bytes[rest...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        var hostStart = rest
        var userinfo: Range<Int>?
        if let at = bytes[rest..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) {
            userinfo = rest..<at
            hostStart = at + 1
        }
        var hostEnd = bytes[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: ":")) ?? authorityEnd
        if hostStart < authorityEnd, bytes[hostStart] == UInt8(ascii: "["),
           let close = bytes[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) {
            hostEnd = close + 1
        }
        guard hostEnd > hostStart else { return .failure(.noHost) }
        let port = hostEnd + 1 < authorityEnd ? (hostEnd + 1)..<authorityEnd : nil
        let fragment = bytes[authorityEnd...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
        let question = bytes[authorityEnd..<fragment].firstIndex(of: UInt8(ascii: "?"))
        return .success(CommandURL(word: word, secure: secure, userinfo: userinfo, host: hostStart..<hostEnd, port: port,
                                   path: authorityEnd..<(question ?? fragment), query: question.map { ($0 + 1)..<fragment }))
    }

    /// `host[:port]` as the Host header carries it: the port only when it is not the scheme's default.
    func hostHeader(lowercased: Bool = false) -> SourcedBytes {
        var value = word.sourced(host)
        if lowercased {
            value = SourcedBytes()
            value.append(copied: word.bytes[host].map(ASCII.lowercased), offsets: Array(word.offsets[host]))
        }
        if let port, String(decoding: word.bytes[port], as: UTF8.self) != (secure ? "443" : "80") {
            value.append(word.sourced((port.lowerBound - 1)..<port.upperBound))
        }
        return value
    }

    /// The user and password before `@`, split at the first colon.
    var credentials: (user: [UInt8], password: [UInt8]?)? {
        guard let userinfo else { return nil }
        let bytes = Array(word.bytes[userinfo])
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return (bytes, nil) }
        return (Array(bytes[..<colon]), Array(bytes[(colon + 1)...]))
    }

    /// The path with `.` and `..` segments resolved (RFC 3986, section 5.2.4), as both tools do
    /// unless told not to; an empty path is `/`.
    func requestPath(asIs: Bool = false) -> SourcedBytes {
        guard !path.isEmpty else { return SourcedBytes(made: "/", at: word.offset(host.upperBound)) }
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        let bytes = word.bytes
        var segments: [Range<Int>] = []
        var start = path.lowerBound
        for index in path where index > path.lowerBound && bytes[index] == slash {
            segments.append(start..<index)
            start = index
        }
        segments.append(start..<path.upperBound)
        func name(_ segment: Range<Int>) -> ArraySlice<UInt8> {
            bytes[segment].first == slash ? bytes[segment].dropFirst() : bytes[segment]
        }
        let isDot = { (segment: Range<Int>) in name(segment) == [dot] || name(segment) == [dot, dot] }
        guard !asIs, segments.contains(where: isDot) else { return word.sourced(path) }
        var kept: [Range<Int>] = []
        var trailingSlash = false
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if name(segment) == [dot] {
                trailingSlash = isLast
            } else if name(segment) == [dot, dot] {
                _ = kept.popLast()
                trailingSlash = isLast
            } else {
                kept.append(segment)
            }
        }
        var out = SourcedBytes()
        for segment in kept { out.append(word.sourced(segment)) }
        if trailingSlash || out.isEmpty { out.append(made: "/", at: word.offset(path.upperBound - 1)) }
        return out
    }

    /// The first byte curl refuses in a URL (a space or a control character), as an index.
    var firstInvalidByte: Int? {
        word.bytes.firstIndex { $0 <= 0x20 || $0 == 0x7F }
    }
}

/// Percent-encoding as `curl --data-urlencode` (curl_easy_escape, then `%20` as `+`) and Python's
/// `urlencode` (quote_plus) do it alike: letters, digits and `-._~` kept, a space as `+`, every
/// other byte as `%XX` in upper case.
func formEncode(_ input: SourcedBytes) -> SourcedBytes {
    var out = SourcedBytes()
    for piece in input.pieces {
        let (bytes, offsets, anchor): ([UInt8], [Int]?, Int)
        switch piece {
        case .copied(let b, let o): (bytes, offsets, anchor) = (b, o, o.first ?? 0)
        case .made(let b, let a): (bytes, offsets, anchor) = (b, nil, a)
        }
        for (index, byte) in bytes.enumerated() {
            let origin = offsets?[index] ?? anchor
            if isUnreserved(byte) {
                if offsets != nil { out.append(copied: [byte], offsets: [origin]) } else { out.append(made: [byte], at: origin) }
            } else if byte == 0x20 {
                out.append(made: [UInt8(ascii: "+")], at: origin)
            } else {
                out.append(made: "%" + ASCII.hex2(byte), at: origin)
            }
        }
    }
    return out
}

/// RFC 3986's unreserved bytes: ALPHA, DIGIT, `-`, `.`, `_`, `~`.
func isUnreserved(_ byte: UInt8) -> Bool {
    ASCII.isDigit(byte) || ASCII.lowercased(byte) &- 0x61 < 26 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
}

/// What Python's requests does to a URL's path and query before sending (requote_uri): escapes
/// of unreserved bytes decoded, bytes outside its safe set percent-encoded.
func requote(_ word: ShellWord, _ range: Range<Int>) -> SourcedBytes {
    let safe = Set("!#$%&'()*+,/:;=?@[]~".utf8)
    let bytes = word.bytes
    var out = SourcedBytes()
    var index = range.lowerBound
    while index < range.upperBound {
        let byte = bytes[index]
        if byte == UInt8(ascii: "%"), index + 2 < range.upperBound,
           let high = ASCII.hexValue(bytes[index + 1]), let low = ASCII.hexValue(bytes[index + 2]), isUnreserved(high << 4 | low) {
            out.append(made: [high << 4 | low], at: word.offset(index))
            index += 3
            continue
        }
        if isUnreserved(byte) || safe.contains(byte) {
            out.append(word.sourced(index..<index + 1))
        } else {
            out.append(made: "%" + ASCII.hex2(byte), at: word.offset(index))
        }
        index += 1
    }
    return out
}
