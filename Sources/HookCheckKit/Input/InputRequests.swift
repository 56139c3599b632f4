import HookCheckModel

/// Every request of one input, whatever its form: captures are recognized by their first bytes and
/// read whole; raw request streams and bare bodies are streamed.
public enum InputRequests {
    /// Calls `body` with each request of the input, in order.
    public static func each(in stream: ByteStream, source: String, extraHeaders: [HTTPHeader] = [], verboseBody: [UInt8]? = nil,
                            verboseBodyPath: String? = nil, _ body: (RequestDump) -> Void) throws(InputError) {
        _ = try stream.require(4096)
        let mayBeCapture = stream.withWindow { Captures.mayBeCapture($0.prefix(4096)) }
        var reader = RequestReader(stream: stream, source: source, extraHeaders: extraHeaders)
        if mayBeCapture {
            try stream.fillToEnd()
            let bytes = stream.copy(stream.available)
            if let requests = try Captures.requests(bytes, source: source, extraHeaders: extraHeaders, verboseBody: verboseBody,
                                                  verboseBodyPath: verboseBodyPath) {
                requests.forEach(body)
                return
            }
            // Not a capture after all: the bytes already read are the whole input.
            reader = RequestReader(stream: ByteStream(bytes: bytes, path: source), source: source, extraHeaders: extraHeaders)
        }
        while let request = try reader.next() { body(request) }
    }

    /// Every request of the input, as a list.
    public static func all(in stream: ByteStream, source: String, extraHeaders: [HTTPHeader] = [],
                           verboseBody: [UInt8]? = nil, verboseBodyPath: String? = nil) throws(InputError) -> [RequestDump] {
        var requests: [RequestDump] = []
        try each(in: stream, source: source, extraHeaders: extraHeaders, verboseBody: verboseBody, verboseBodyPath: verboseBodyPath) {
            requests.append($0)
        }
        return requests
    }
}
