import HookCheckModel

/// The codes of reading inputs: HTTP/1.x framing, and what captures made by other tools keep.
extension FindingCode {
    public static let httpTruncated = FindingCode("http.truncated", .error, .syntax,
        summary: "The request ends before its declared body does.",
        explanation: "Content-Length or the chunked framing promises more bytes than the input holds: the capture was cut off, or copied from a terminal that dropped the end. Capture it again whole (curl --trace, or the raw bytes from the receiver).")
    public static let httpContentLength = FindingCode("http.content-length", .error, .syntax,
        summary: "Content-Length does not match the body.",
        explanation: "The Content-Length header differs from the bytes that follow, or is not a number. A hand-edited fixture usually forgets to update it; a proxy that re-encodes the body may too. Signatures cover the bytes as sent, so a wrong length often explains a failed signature.")
    public static let httpChunked = FindingCode("http.chunked", .error, .syntax,
        summary: "The chunked body is malformed.",
        explanation: "A chunk size is not hex, a chunk is not followed by CRLF, or the last chunk is missing (RFC 9112, section 7.1). The body is read as far as the framing allows.")
    public static let httpHeader = FindingCode("http.header", .warning, .syntax,
        summary: "A header line is malformed.",
        explanation: "A header line has no colon, an empty name, or characters a field name may not have (RFC 9110, section 5.1). The line is skipped; if it carried a signature, the signature is then missing.")
    public static let httpTransferEncoding = FindingCode("http.transfer-encoding", .error, .syntax,
        summary: "Transfer-Encoding does not end in chunked, or names an unknown coding.",
        explanation: "A request's Transfer-Encoding must end in chunked (RFC 9112 §6.3); otherwise its length cannot be known and a server must refuse it. Unknown codings, identity (no longer a coding) and chunked applied twice are reported too. Request smuggling relies on such disagreements: fix the sender or the proxy that rewrote the header.")
    public static let httpVersion = FindingCode("http.version", .warning, .syntax,
        summary: "The request line names an HTTP version other than 1.0 or 1.1.",
        explanation: "hookcheck reads HTTP/1.x messages; a request line with another version (HTTP/2.0 as some tools print HTTP/2 requests, HTTP/0.9, a typo) is read as HTTP/1.1. Capture the request as HTTP/1.1 (curl --http1.1) if the framing matters.")
    public static let captureResponse = FindingCode("capture.response", .info, .capture,
        summary: "An HTTP response follows the request and is skipped.",
        explanation: "Tools such as http -v, tshark's follow view and proxy logs print the server's response after the request. The request's Content-Length says where its body ends, so the response is skipped rather than read as part of the body.")
    public static let extraHeader = FindingCode("input.extra-header", .info, .input,
        summary: "A header given with -H was added to the request, or not added because the request has it.",
        explanation: "-H adds a header to bare bodies, which have none, and to request dumps that lack it. A dump that already has the header keeps its own: what was received is never overwritten. Remove the header from the dump, or -H from the command, to say which one you mean.")
    public static let inputEmpty = FindingCode("input.empty", .error, .input,
        summary: "The input is empty.",
        explanation: "There is nothing to check: the file is empty, or a capture holds no request. Check the path, or that the tool that made the capture saw the request.")
    public static let inputUnrecognized = FindingCode("input.unrecognized", .error, .input,
        summary: "The input is neither an HTTP request nor a JSON or form body.",
        explanation: "hookcheck recognizes inputs by content: raw HTTP/1.x requests, bare JSON or form bodies, and captures (curl --trace, --trace-ascii and -v, HAR, NDJSON). This input starts like none of them; 'hookcheck help inputs' lists what is read.")
    public static let inputUnreadable = FindingCode("input.unreadable", .error, .input,
        summary: "The file cannot be read.",
        explanation: "Opening or reading the file failed (permissions, a broken link, a directory that vanished). The system's reason is given with it.")
    public static let captureLossy = FindingCode("capture.lossy", .info, .capture,
        summary: "The capture does not keep every byte of the request.",
        explanation: "curl --trace-ascii prints every byte outside printable ASCII as '.', so line breaks and non-ASCII text are lost. Signatures over the body are checked against the bodies the capture may stand for; curl --trace keeps the exact bytes.")
    public static let captureRebuilt = FindingCode("capture.rebuilt", .info, .capture,
        summary: "The body was rebuilt from a lossy capture.",
        explanation: "In a --trace-ascii capture, a '.' where JSON allows only whitespace can only have been a line break, and is read as one; a '.' inside a string is kept, since it may stand for another byte.")
    public static let captureNoBody = FindingCode("capture.no-body", .warning, .capture,
        summary: "The capture shows the request's headers but not its body.",
        explanation: "curl -v prints the request's headers only. Pass the body that was sent with --body PATH (the file given to curl --data-binary @PATH), or capture with curl --trace, which keeps both.")
    public static let captureBodyFile = FindingCode("capture.body-file", .info, .capture,
        summary: "The body comes from the file given with --body.",
        explanation: "The capture had no body, so the one from --body is used; positions in it are lines and columns of that file.")
    public static let captureHAR = FindingCode("capture.har", .warning, .capture,
        summary: "A HAR entry cannot be read as a request.",
        explanation: "A HAR 1.2 entry has no request object, or one without the fields a request needs. Export the HAR again from the browser or proxy.")
    public static let captureNotADelivery = FindingCode("capture.not-a-delivery", .info, .capture,
        summary: "A captured request without a body: not a webhook delivery.",
        explanation: "HAR files and proxy captures also record page loads and other requests; a request without a body cannot be a webhook delivery and is reported, not judged.")

    /// The codes this layer emits.
    public static let inputCodes: [FindingCode] = [.httpTruncated, .httpContentLength, .httpChunked, .httpHeader,
                                                   .httpTransferEncoding, .httpVersion, .captureResponse,
                                                   .extraHeader, .inputEmpty, .inputUnrecognized, .inputUnreadable,
                                                   .captureLossy, .captureRebuilt, .captureNoBody, .captureBodyFile,
                                                   .captureHAR, .captureNotADelivery]
}
