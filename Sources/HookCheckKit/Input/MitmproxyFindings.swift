import HookCheckModel

/// The codes of reading mitmproxy flow files (`mitmdump -w`).
extension FindingCode {
    public static let mitmproxySyntax = FindingCode("capture.mitmproxy-syntax", .error, .capture,
        summary: "The mitmproxy flow file is malformed or cut short.",
        explanation: "A flow file is a run of tnetstrings (LENGTH:DATA and a type tag, as mitmproxy/io/tnetstring.py writes them). Here a length is not a number or runs past the end of the file, a type tag is unknown, a dictionary lacks a value, or nesting is deeper than any flow needs. Most often the file was cut: mitmdump was killed while writing, or the file was copied before it finished. Every whole flow before the damage is still read; capture again, stopping mitmdump with Ctrl-C so it finishes the file.")
    public static let mitmproxySkipped = FindingCode("capture.mitmproxy-skipped", .info, .capture,
        summary: "A flow that holds no HTTP request was skipped.",
        explanation: "mitmproxy also records TCP, UDP and DNS flows, and the messages of a WebSocket connection after its HTTP handshake. None of them is a webhook delivery, so they are named and passed over; the HTTP flows around them are read.")
    public static let mitmproxyFlow = FindingCode("capture.mitmproxy-flow", .warning, .capture,
        summary: "An HTTP flow lacks what a request needs.",
        explanation: "The flow says it is HTTP, but its request has no method or path, or a header that is not a [name, value] pair of strings. The file was edited by hand or written by a tool other than mitmproxy; the flow (or the header) is left out. Save the flows again from mitmproxy (mitmdump -w, or 'w' in the console).")
    public static let mitmproxyContentLength = FindingCode("capture.mitmproxy-content-length", .warning, .capture,
        summary: "Content-Length disagrees with the body mitmproxy stored.",
        explanation: "mitmproxy stores the body it holds when the flow is saved, which is the body as received unless an addon, a script or the 'decode' command changed it (decoding gzip, say) without updating Content-Length. The stored bytes are used and Content-Length is set to their count, but they may not be what the sender signed: a signature that does not match them is reported as unverifiable. Capture again without addons that rewrite bodies.")
    public static let mitmproxyNoBody = FindingCode("capture.mitmproxy-no-body", .warning, .capture,
        summary: "mitmproxy did not keep the request's body.",
        explanation: "The flow's content is null: mitmproxy streamed the body to the server without keeping it, as it does for bodies larger than the stream_large_bodies option unless store_streamed_bodies is set. Capture again with --set store_streamed_bodies=true, or a larger stream_large_bodies.")
    public static let mitmproxyConverted = FindingCode("capture.mitmproxy-converted", .info, .capture,
        summary: "An HTTP/2 or HTTP/3 request was rebuilt as HTTP/1.1.",
        explanation: "HTTP/2 and HTTP/3 carry the host as the :authority pseudo-header and may end a body with trailers. The request is rebuilt the way mitmproxy itself sends such a request to an HTTP/1.1 server (mitmproxy/proxy/layers/http/_http1.py): a Host header from the authority when there is none, chunked framing when there are trailers. The body bytes are the ones stored.")
    public static let mitmproxyVersion = FindingCode("capture.mitmproxy-version", .info, .capture,
        summary: "The flow was written in a format version hookcheck does not know.",
        explanation: "mitmproxy 4 to 12 write flow format versions 7 to 21 (mitmproxy/version.py, FLOW_FORMAT_VERSION; mitmproxy 8 writes 15 to 17, 11 and 12 write 21), and their requests have one shape. A newer or much older version is read as if it had that shape; if a request comes out wrong, export the flows from that mitmproxy as HAR (--set hardump=FILE) and check the HAR instead.")

    /// The codes `MitmproxyFlows` emits.
    public static let mitmproxyCodes: [FindingCode] = [.mitmproxySyntax, .mitmproxySkipped, .mitmproxyFlow,
                                                       .mitmproxyContentLength, .mitmproxyNoBody,
                                                       .mitmproxyConverted, .mitmproxyVersion]
}
