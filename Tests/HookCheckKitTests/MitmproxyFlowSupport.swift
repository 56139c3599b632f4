/// Flow files built in tests: tnetstrings as mitmproxy writes them, and flows of each type.

/// A tnetstring value, encoded as mitmproxy/io/tnetstring.py `dumps` writes it.
indirect enum TNet {
    case bytes(String)
    case text(String)
    case int(Int)
    case null
    case list([TNet])
    case dict([(String, TNet)])
    /// Keys written as bytes (`,`), as flows from before mitmproxy 0.18 have them.
    case bytesKeyedDict([(String, TNet)])

    var encoded: [UInt8] {
        func item(_ data: [UInt8], _ tag: Character) -> [UInt8] { Array("\(data.count):".utf8) + data + Array(String(tag).utf8) }
        switch self {
        case .bytes(let value): return item(Array(value.utf8), ",")
        case .text(let value): return item(Array(value.utf8), ";")
        case .int(let value): return item(Array(String(value).utf8), "#")
        case .null: return Array("0:~".utf8)
        case .list(let values): return item(values.flatMap(\.encoded), "]")
        case .dict(let items): return item(items.flatMap { TNet.text($0.0).encoded + $0.1.encoded }, "}")
        case .bytesKeyedDict(let items): return item(items.flatMap { TNet.bytes($0.0).encoded + $0.1.encoded }, "}")
        }
    }

    static func headers(_ pairs: [(String, String)]) -> TNet { .list(pairs.map { .list([.bytes($0.0), .bytes($0.1)]) }) }

    /// An HTTP flow as mitmproxy 11 writes it (format 21), its request built from the arguments.
    static func httpFlow(method: String = "POST", path: String = "/hooks/in", version: String = "HTTP/1.1",
                         authority: String = "", headers: [(String, String)] = [("Content-Type", "application/json")],
                         content: TNet = .bytes("{\"a\":1}"), trailers: TNet = .null, formatVersion: Int = 21,
                         websocket: TNet = .null) -> TNet {
        let request: [(String, TNet)] = [
            ("path", .bytes(path)), ("authority", .bytes(authority)), ("scheme", .bytes("http")), ("method", .bytes(method)),
            ("port", .int(8089)), ("host", .text("127.0.0.1")), ("trailers", trailers), ("content", content),
            ("headers", .headers(headers)), ("http_version", .bytes(version)),
        ]
        return .dict([("websocket", websocket), ("response", .null), ("request", .dict(request)), ("id", .text("f1")),
                      ("type", .text("http")), ("version", .int(formatVersion))])
    }

    static func otherFlow(_ type: String, messages: Int) -> TNet {
        let message = TNet.list([.text("true"), .bytes("ping"), .text("1.0")])
        return .dict([("messages", .list(Array(repeating: message, count: messages))), ("type", .text(type)), ("version", .int(21))])
    }
}
