import HookCheckModel

/// One client-to-server byte stream recovered from a capture made by another tool (a TCP
/// connection in a pcap, a flow in a mitmproxy file, the request side of a text dump, the request
/// a command line would send): the bytes as sent, or as near as the format allows, and where each
/// stands in the capture file. `Captures` reads the requests in it with `RequestReader`.
public struct CapturedBytes {
    /// The request bytes, one or more HTTP/1.x requests back to back.
    public var bytes: [UInt8]
    /// From an offset in `bytes` to its line and column in the capture file.
    public var map: PositionMap
    /// What reading the capture found about these bytes (a gap, a cut packet), placed in the file.
    public var findings: [Finding]
    /// Why the bytes may differ from what was sent (unprintable bytes shown as dots, packets cut
    /// to the snap length); nil when they are exact. A signature that does not match them is then
    /// unverifiable, not invalid.
    public var loss: String?

    public init(bytes: [UInt8], map: PositionMap, findings: [Finding] = [], loss: String? = nil) {
        self.bytes = bytes
        self.map = map
        self.findings = findings
        self.loss = loss
    }
}
