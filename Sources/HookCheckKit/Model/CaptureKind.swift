/// How a request reached hookcheck.
public enum CaptureKind: String, Sendable {
    case http, body
    case curlVerbose = "curl-verbose"
    case curlTrace = "curl-trace"
    case har, ndjson
}
