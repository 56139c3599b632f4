/// How a request reached hookcheck: the input's format, a stable lower-case id (`capture` in the
/// record; `hookcheck help inputs` lists them with the tool that makes each).
public enum CaptureKind: String, Sendable, CaseIterable {
    case http, body
    case curlVerbose = "curl-verbose"
    case curlTrace = "curl-trace"
    case har, ndjson
    /// tcpdump, tshark or Wireshark: libpcap and pcapng files.
    case pcap
    /// mitmproxy flow files (`mitmdump -w`).
    case mitmproxy
    /// `tshark -z follow,tcp,ascii|hex|raw`.
    case tsharkFollow = "tshark-follow"
    /// HTTPie's `-v` / `--print` output.
    case httpie
    /// A curl command line (mitmproxy's and browsers' "Copy as cURL").
    case curlCommand = "curl-command"
    /// An HTTPie command line (`http POST url Name:value field=value`).
    case httpieCommand = "httpie-command"
    /// Text dumps of packets or streams: tcpdump -A/-X, tcpflow -c, ngrep, socat -v, python
    /// http.client debug output, requests-toolbelt dump_all, mitmdump console output.
    case textDump = "text-dump"
}
