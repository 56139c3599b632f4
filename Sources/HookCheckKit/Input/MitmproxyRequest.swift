import HookCheckModel

/// Rebuilds the request of one HTTP flow as HTTP/1.1 bytes, as mitmproxy assembles a request
/// (mitmproxy/net/http/http1/assemble.py: `_assemble_request_line`, `assemble_body`) and converts
/// an HTTP/2 or HTTP/3 one for an HTTP/1.1 server (mitmproxy/proxy/layers/http/_http1.py), with a
/// map from every rebuilt byte to the flow file: the body's bytes to where `content` stands, the
/// request line to the method, target and version, each header line to the header's value.
struct MitmproxyRequest {
    let document: TNetDocument
    let file: SourceText
    let number: Int
    let request: Int
    private(set) var bytes: [UInt8] = []
    let map = PositionMap()
    var findings: [Finding] = []
    /// Why the bytes may differ from what the client sent.
    private(set) var loss: String?

    /// A header or trailer as stored: name and value bytes, and where the value stands in the file.
    private struct StoredField {
        var name: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        var valueOffset: Int

        func named(_ other: String) -> Bool { ASCII.equalsIgnoringCase(name, other.utf8) }
    }

    private static let crlf: [UInt8] = [0x0D, 0x0A]

    init(document: TNetDocument, file: SourceText, number: Int, request: Int) {
        self.document = document
        self.file = file
        self.number = number
        self.request = request
    }

    private func member(_ key: String) -> Int? { document.member(request, key) }

    /// Builds the request; false, with a finding as the last one, when the flow lacks a method or
    /// a target.
    mutating func build() -> Bool {
        let requestStart = document[request].start
        guard let methodIndex = member("method"), let method = document.blob(methodIndex), !method.isEmpty,
              method.allSatisfy({ ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 == UInt8(ascii: "-") }) else {
            return fail("the request's method is missing or not an upper-case token", at: requestStart)
        }
        let authorityIndex = member("authority")
        let versionIndex = member("http_version")
        let version = versionIndex.flatMap(document.blob) ?? []
        let converted = version.starts(with: "HTTP/2".utf8) || version.starts(with: "HTTP/3".utf8)
        guard writeRequestLine(method: methodIndex, authority: converted ? nil : authorityIndex) else { return false }
        if !converted, version.count == 8, version.starts(with: "HTTP/".utf8), let versionIndex {
            appendStored(document[versionIndex].data)
        } else {
            mark(versionIndex.map { document[$0].data.lowerBound } ?? requestStart, stride: 0)
            bytes += Array("HTTP/1.1".utf8)
        }
        bytes += Self.crlf

        let contentIndex = member("content")
        let content = contentIndex.flatMap { document.blob($0) == nil ? nil : document[$0].data }
        let contentOffset = content?.lowerBound ?? contentIndex.map { document[$0].start } ?? requestStart
        let trailers = fields("trailers")
        var notes: [String] = []
        let chunkedBody = writeHeaders(host: converted ? authorityIndex : nil, content: content, contentOffset: contentOffset,
                                       hasTrailers: !trailers.isEmpty, notes: &notes)
        mark(contentOffset, stride: 0)
        bytes += Self.crlf

        if chunkedBody {
            writeChunked(content, trailers: trailers, at: contentOffset)
        } else if let content {
            appendStored(content)
        }
        if content == nil {
            findings.append(Finding(.mitmproxyNoBody,
                "flow \(number): mitmproxy did not keep the request's body (content is null: it was streamed); the request is rebuilt without it",
                at: file.position(ofOffset: contentOffset)))
            loss = "mitmproxy did not keep the body (it streamed it): the capture holds the headers only"
        }
        if converted {
            let name = String(decoding: version, as: UTF8.self)
            findings.append(Finding(.mitmproxyConverted,
                "flow \(number) was \(name): rebuilt as HTTP/1.1" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"),
                at: versionIndex.map { file.position(ofOffset: document[$0].data.lowerBound) }))
        }
        return true
    }

    /// The header lines, in the stored order, and the framing the body needs: Host from the
    /// authority of an HTTP/2 or HTTP/3 request that has none (`host`), Content-Length checked
    /// against the stored body, chunked framing for trailers. Returns whether the body is chunked.
    private mutating func writeHeaders(host: Int?, content: Range<Int>?, contentOffset: Int, hasTrailers: Bool,
                                       notes: inout [String]) -> Bool {
        let headers = fields("headers")
        if let host, document.blob(host)?.isEmpty == false, !headers.contains(where: { $0.named("Host") }) {
            appendHeader(Array("Host".utf8), document.blob(host) ?? [], valueAt: document[host].data.lowerBound)
            notes.append("Host from :authority")
        }
        let chunked = headers.contains { $0.named("Transfer-Encoding") && HTTPSyntax.framing(String(decoding: $0.value, as: UTF8.self).split(separator: ",").map { $0.trimmingBlanks.lowercased() }).chunked }
        let chunkForTrailers = !chunked && hasTrailers
        var hasLength = false
        for header in headers {
            guard header.named("Content-Length"), !chunked else {
                appendHeader(header.name, header.value, valueAt: header.valueOffset)
                continue
            }
            // HTTP/1.1 has no Content-Length beside chunked framing (RFC 9112, section 6.1).
            if chunkForTrailers { continue }
            hasLength = true
            writeContentLength(header, content: content)
        }
        if chunkForTrailers {
            appendHeader(Array("Transfer-Encoding".utf8), Array("chunked".utf8), valueAt: contentOffset, valueStride: 0)
            notes.append("its trailers after a chunked body")
        } else if !chunked, !hasLength, let content, !content.isEmpty {
            appendHeader(Array("Content-Length".utf8), Array(String(content.count).utf8), valueAt: content.lowerBound, valueStride: 0)
            notes.append("Content-Length added")
        }
        return chunked || chunkForTrailers
    }

    /// `METHOD target `: origin form, absolute form when the flow has an authority (an HTTP/1.x
    /// request sent to a proxy), authority form for CONNECT; before format 9, absolute form is
    /// `first_line_format` "absolute" with `scheme`, `host` and `port`.
    private mutating func writeRequestLine(method: Int, authority: Int?) -> Bool {
        appendStored(document[method].data)
        bytes.append(0x20)
        let isConnect = document.blob(method)?.elementsEqual("CONNECT".utf8) ?? false
        let authorityBytes = authority.flatMap(document.blob) ?? []
        let path = member("path")
        let pathBytes = path.flatMap(document.blob) ?? []
        let targetBytes = isConnect ? authorityBytes : pathBytes
        guard !targetBytes.isEmpty, targetBytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            return fail("the request's \(isConnect ? "authority" : "path") is missing or holds a space or a control byte",
                        at: (isConnect ? authority : path).map { document[$0].start } ?? document[request].start)
        }
        if isConnect, let authority {
            appendStored(document[authority].data)
        } else if let path {
            if let authority, !authorityBytes.isEmpty {
                writeOrigin(authority: authority)
            } else if authority == nil, let format = member("first_line_format").flatMap(document.text), format == "absolute" {
                writeOrigin(authority: nil)
            }
            appendStored(document[path].data)
        }
        bytes.append(0x20)
        return true
    }

    /// `scheme://authority`, or `scheme://host[:port]` for a flow older than format 9.
    private mutating func writeOrigin(authority: Int?) {
        let scheme = member("scheme")
        if let scheme, let value = document.blob(scheme), !value.isEmpty {
            appendStored(document[scheme].data)
        } else {
            mark(authority.map { document[$0].data.lowerBound } ?? document[request].start, stride: 0)
            bytes += Array("http".utf8)
        }
        bytes += Array("://".utf8)
        if let authority {
            appendStored(document[authority].data)
            return
        }
        if let host = member("host"), document.blob(host) != nil {
            appendStored(document[host].data)
        }
        if let port = member("port"), let number = document.integer(port) {
            let schemeName = scheme.flatMap(document.text) ?? "http"
            if number != (schemeName == "https" ? 443 : 80) {
                mark(document[port].data.lowerBound, stride: 0)
                bytes += Array(":\(number)".utf8)
            }
        }
    }

    /// A Content-Length header as stored, or set to the stored body's size when it disagrees.
    private mutating func writeContentLength(_ header: StoredField, content: Range<Int>?) {
        guard let content else {
            appendHeader(header.name, header.value, valueAt: header.valueOffset)
            return
        }
        let actual = Array(String(content.count).utf8)
        let declared = header.value.trimmingASCIIWhitespace
        if declared.elementsEqual(actual) {
            appendHeader(header.name, header.value, valueAt: header.valueOffset)
            return
        }
        let said = String(decoding: declared, as: UTF8.self)
        findings.append(Finding(.mitmproxyContentLength,
            "flow \(number): Content-Length says \(said) but mitmproxy stored \(content.count) bytes of body (decoded or changed after it arrived?); the stored bytes are used",
            at: file.position(ofOffset: header.valueOffset)))
        loss = "mitmproxy stored \(content.count) bytes of body where Content-Length says \(said): the body may have been decoded or changed after it arrived"
        appendHeader(header.name, actual, valueAt: header.valueOffset, valueStride: 0)
    }

    /// The stored body as one chunk, the last chunk and the trailers (assemble.py, `assemble_body`).
    private mutating func writeChunked(_ content: Range<Int>?, trailers: [StoredField], at offset: Int) {
        if let content, !content.isEmpty {
            mark(content.lowerBound, stride: 0)
            bytes += Array(String(content.count, radix: 16).utf8) + Self.crlf
            appendStored(content)
            mark(content.upperBound, stride: 0)
            bytes += Self.crlf
        }
        mark(content?.upperBound ?? offset, stride: 0)
        bytes += Array("0".utf8) + Self.crlf
        for trailer in trailers { appendHeader(trailer.name, trailer.value, valueAt: trailer.valueOffset) }
        mark(content?.upperBound ?? offset, stride: 0)
        bytes += Self.crlf
    }

    /// The [name, value] pairs of `headers` or `trailers`; a pair that is not a field name and a
    /// one-line value is left out, with a finding.
    private mutating func fields(_ key: String) -> [StoredField] {
        guard let list = member(key), document[list].kind == .list else { return [] }
        var out: [StoredField] = []
        for (index, pair) in document.children(list).enumerated() {
            let parts = document[pair].kind == .list ? document.children(pair) : []
            guard parts.count == 2, let name = document.blob(parts[0]), let value = document.blob(parts[1]), !name.isEmpty,
                  name.allSatisfy(HTTPSyntax.isTokenByte), !value.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0 }) else {
                findings.append(Finding(.mitmproxyFlow,
                    "flow \(number): \(key) entry \(index + 1) is not a [name, value] pair of a field name and a one-line value; left out",
                    at: file.position(ofOffset: document[pair].start)))
                continue
            }
            out.append(StoredField(name: name, value: value, valueOffset: document[parts[1]].data.lowerBound))
        }
        return out
    }

    private mutating func fail(_ message: String, at offset: Int) -> Bool {
        findings.append(Finding(.mitmproxyFlow, "flow \(number): \(message); skipped", at: file.position(ofOffset: offset)))
        return false
    }

    // MARK: Bytes and their positions

    /// The bytes appended next stand from file offset `offset` on, `stride` columns apart.
    private func mark(_ offset: Int, stride: Int) {
        let position = file.position(ofOffset: offset)
        map.add(start: bytes.count, line: position.line, column: position.column, stride: stride)
    }

    /// `Name: value` and CRLF, the whole line mapped to where the value stands in the file.
    private mutating func appendHeader(_ name: some Collection<UInt8>, _ value: some Collection<UInt8>, valueAt offset: Int, valueStride: Int = 1) {
        mark(offset, stride: 0)
        bytes += name
        bytes += [UInt8(ascii: ":"), 0x20]
        mark(offset, stride: valueStride)
        bytes += value
        bytes += Self.crlf
    }

    /// Bytes copied as they stand in the file, with a new run at each line start (an LF is a line
    /// break in the file even inside binary data).
    private mutating func appendStored(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let base = bytes.count - range.lowerBound
        mark(range.lowerBound, stride: 1)
        var line = file.position(ofOffset: range.lowerBound).line
        for index in range where document.bytes[index] == 0x0A {
            line += 1
            if index + 1 < range.upperBound { map.add(start: base + index + 1, line: line, column: 1) }
        }
        bytes += document.bytes[range]
    }
}
