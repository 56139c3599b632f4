import HookCheckCrypto
import HookCheckModel

/// HAR 1.2 files (browsers, mitmproxy, Charles, Insomnia): each entry's request becomes a request,
/// its body `postData.text` (base64 when `encoding` says so) or `postData.params` for form posts.
enum HARCapture {
    static func requests(_ bytes: [UInt8], source: String) -> [RequestDump]? {
        guard case .success(let document) = JSONParser().parse(bytes), document[0].kind == .object,
              let log = document.member(0, "log"), document[log].kind == .object,
              let entries = document.member(log, "entries"), document[entries].kind == .array else { return nil }
        let text = SourceText(bytes)
        var requests: [RequestDump] = []
        for (index, entry) in document.elements(entries).enumerated() {
            guard document[entry].kind == .object, let request = document.member(entry, "request"), document[request].kind == .object else {
                var dump = Captures.emptyCapture(source, .har, "")
                dump.findings = [Finding(.warning, .captureHAR, "entry \(index) has no request", at: text.position(ofOffset: Int(document[entry].start)))]
                dump.index = index
                requests.append(dump)
                continue
            }
            requests.append(build(document, request, index: index, source: source, text: text))
        }
        return requests
    }

    private static func string(_ document: JSONDocument, _ object: Int, _ name: String) -> String? {
        document.member(object, name).flatMap { document[$0].kind == .string ? document.string($0) : nil }
    }

    private static func build(_ document: JSONDocument, _ request: Int, index: Int, source: String, text: SourceText) -> RequestDump {
        let map = PositionMap()
        let method = string(document, request, "method") ?? "GET"
        let url = string(document, request, "url") ?? "/"
        let target = WebhookURL(url)?.path ?? url
        var raw = Array("\(method) \(target) HTTP/1.1\r\n".utf8)
        map.add(start: 0, line: text.position(ofOffset: Int(document[request].start)).line,
                column: text.position(ofOffset: Int(document[request].start)).column, stride: 0)
        var hasContentType = false
        if let headers = document.member(request, "headers"), document[headers].kind == .array {
            for header in document.elements(headers) where document[header].kind == .object {
                guard let name = string(document, header, "name"), let value = string(document, header, "value") else { continue }
                // HTTP/2 pseudo-headers and a stale length are not part of an HTTP/1.1 dump.
                if name.hasPrefix(":") || asciiCaseInsensitiveEquals(name, "content-length") { continue }
                if asciiCaseInsensitiveEquals(name, "content-type") { hasContentType = true }
                let position = text.position(ofOffset: Int(document[header].start))
                map.add(start: raw.count, line: position.line, column: position.column, stride: 0)
                raw += Array("\(name): \(value)\r\n".utf8)
            }
        }
        var body: [UInt8] = []
        var bodyRuns: [(body: Int, raw: Int)] = []
        var bodyStride = 1
        if let post = document.member(request, "postData"), document[post].kind == .object {
            if let textIndex = document.member(post, "text"), document[textIndex].kind == .string {
                if string(document, post, "encoding")?.lowercased() == "base64" {
                    body = Base64.decode(document.string(textIndex), options: [.ignoreWhitespace]) ?? Array(document.string(textIndex).utf8)
                    bodyRuns = [(0, Int(document[textIndex].start))]
                    bodyStride = 0
                } else {
                    (body, bodyRuns) = decodeWithOffsets(document, textIndex)
                }
            } else if let params = document.member(post, "params"), document[params].kind == .array {
                let pairs = document.elements(params).compactMap { param -> String? in
                    guard let name = string(document, param, "name") else { return nil }
                    return formEncode(name) + "=" + formEncode(string(document, param, "value") ?? "")
                }
                body = Array(pairs.joined(separator: "&").utf8)
                bodyRuns = [(0, Int(document[params].start))]
                bodyStride = 0
            }
            if !hasContentType, let mime = string(document, post, "mimeType"), !mime.isEmpty {
                raw += Array("Content-Type: \(mime)\r\n".utf8)
            }
        }
        if !body.isEmpty { raw += Array("Content-Length: \(body.count)\r\n".utf8) }
        raw += [0x0D, 0x0A]
        let bodyStart = raw.count
        raw += body
        for run in bodyRuns {
            let position = text.position(ofOffset: run.raw)
            map.add(start: bodyStart + run.body, line: position.line, column: position.column, stride: bodyStride)
        }
        let head = text.position(ofOffset: Int(document[request].start))
        var dump = RequestDump(source: source, index: index, capture: .har, method: method, target: target, version: "HTTP/1.1",
                               headers: [], text: SourceText(raw, baseLine: head.line), bodyStorage: raw,
                               bodyRange: bodyStart..<raw.count, bodySegments: [], findings: [])
        // Headers are read back from the rebuilt bytes, so lookups and positions work as for a dump.
        if let parsed = try? RequestReader(stream: ByteStream(bytes: raw), source: source).next() {
            dump.headers = parsed.headers
        }
        dump.locator = map
        if body.isEmpty || ["GET", "HEAD", "OPTIONS"].contains(method.uppercased()) {
            dump.isDelivery = false
        }
        return dump
    }

    /// A JSON string's value, and for each run of bytes where it came from in the file.
    private static func decodeWithOffsets(_ document: JSONDocument, _ index: Int) -> ([UInt8], [(body: Int, raw: Int)]) {
        let token = document[index]
        var out: [UInt8] = []
        var runs: [(body: Int, raw: Int)] = []
        var position = Int(token.start) + 1
        let end = Int(token.end) - 1
        let bytes = document.bytes
        var plainRun = false
        while position < end {
            if bytes[position] == UInt8(ascii: "\\") {
                // An escape: its decoded bytes all point at the backslash.
                var escapeEnd = position + 2
                if position + 1 < end, bytes[position + 1] == UInt8(ascii: "u") {
                    escapeEnd = position + 6
                    // A high surrogate takes its low half along.
                    let high = position + 2 < end ? bytes[position + 2] | 0x20 : 0
                    let next = position + 3 < end ? bytes[position + 3] | 0x20 : 0
                    if high == UInt8(ascii: "d"), [UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(next),
                       escapeEnd + 1 < end, bytes[escapeEnd] == UInt8(ascii: "\\"), bytes[escapeEnd + 1] == UInt8(ascii: "u") {
                        escapeEnd += 6
                    }
                }
                escapeEnd = min(escapeEnd, end)
                runs.append((out.count, position))
                out += Array(JSONEscapes.unescape(bytes[position..<escapeEnd]).utf8)
                position = escapeEnd
                plainRun = false
                continue
            }
            if !plainRun {
                runs.append((out.count, position))
                plainRun = true
            }
            out.append(bytes[position])
            position += 1
        }
        return (out, runs)
    }

    private static func formEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "["), UInt8(ascii: "]"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case 0x20: out += "+"
            default: out += "%" + ASCII.hex2(byte)
            }
        }
        return out
    }
}
