import HookCheckModel

/// The codes of reading packet captures (libpcap and pcapng files from tcpdump, tshark, Wireshark).
extension FindingCode {
    public static let captureTruncatedFile = FindingCode("capture.truncated-file", .warning, .capture,
        summary: "The capture file ends inside a packet record.",
        explanation: "The last record of the file is cut short: the capture was copied while tcpdump was still writing, or tcpdump was killed before it flushed its buffer. Every complete packet before the cut is read; requests whose packets came later are not in the file. Stop the capture with Ctrl-C (or tcpdump -c N) and copy the file once it is closed.")
    public static let captureMalformed = FindingCode("capture.malformed", .error, .capture,
        summary: "The capture file is damaged or is not a libpcap or pcapng file.",
        explanation: "A header holds a value no capture tool writes: an unknown magic number, a record longer than any packet (over 256 KiB), a pcapng block whose length is not a multiple of 4 or does not match its trailer. Nothing after the damage can be trusted, so reading stops there; the packets before it are read. Write the capture again with tcpdump -w or tshark -w, and copy it as binary (not through a text editor or a terminal).")
    public static let captureLinkType = FindingCode("capture.link-type", .warning, .capture,
        summary: "Packets of a link type hookcheck cannot read are skipped.",
        explanation: "hookcheck reads packets captured on Ethernet (with 802.1Q VLAN tags), on the loopback interface (BSD null/loopback or Ethernet), as raw IP, and from Linux's \"any\" device (cooked v1 and v2). Packets of other link types (Wi-Fi radio headers, PPP, USB...) are skipped. Capture on the interface the webhook arrives on, or on \"any\" (tcpdump -i any).")
    public static let captureFragment = FindingCode("capture.fragment", .warning, .capture,
        summary: "A fragment of an IP packet is skipped.",
        explanation: "The packet is one fragment of a larger IP datagram; hookcheck does not reassemble IP fragments, so the TCP bytes it carries are missing from their stream (which then shows a gap). TCP normally avoids fragmentation; capture where the datagrams are whole (on the receiving host), or turn off the tunnel or MTU setting that fragments them.")
    public static let captureSnaplen = FindingCode("capture.snaplen", .warning, .capture,
        summary: "A packet was cut to the capture's snap length.",
        explanation: "The capture kept only the first bytes of the packet (its snap length): tcpdump -s 64 or 128, or an old default of 68 or 96 bytes. The rest of the request is not in the file, so its body cannot be checked and its signature cannot be verified. Capture again with the whole packet: tcpdump -s 0 (the default since tcpdump 4.0), or without -s.")
    public static let captureTCPGap = FindingCode("capture.tcp-gap", .warning, .capture,
        summary: "Bytes of a TCP stream are missing from the capture.",
        explanation: "The sequence numbers show that the client sent bytes the capture does not hold: the kernel dropped packets (tcpdump prints \"packets dropped by kernel\"), the capture started or stopped in the middle of a request, or a filter left some packets out. The stream is read up to the gap; after it, reading resumes at the next packet that starts a request. Capture again with a larger buffer (tcpdump -B 16384) and a filter on the port only.")
    public static let captureTCPOverlap = FindingCode("capture.tcp-overlap", .warning, .capture,
        summary: "A TCP segment resends bytes with different content.",
        explanation: "Two segments of one connection carry the same sequence numbers but different bytes. Retransmissions resend the same bytes; different ones come from a broken middlebox, a capture that merged two connections reusing one port pair, or deliberate evasion. The bytes received first are kept, as most receivers do; the request may not be what the server read.")
    public static let captureTLS = FindingCode("capture.tls", .info, .capture,
        summary: "Encrypted (TLS) traffic is skipped.",
        explanation: "The connection starts with a TLS handshake, so its requests are encrypted and cannot be read from the packets without the session keys. Capture the plain HTTP behind the TLS terminator (the load balancer's upstream, or the app's port), or use a proxy that shows the decrypted request, such as mitmproxy.")
    public static let captureNotHTTP = FindingCode("capture.not-http", .info, .capture,
        summary: "A TCP connection carries no HTTP/1.x request.",
        explanation: "No packet the client sent on this connection starts with an HTTP/1.x request line (METHOD target HTTP/1.1): it is another protocol (a database, SSH, HTTP/2), or the capture began in the middle of a request. Only HTTP/1.x requests are read from packet captures; filter the capture on the webhook's port.")

    /// The codes the packet capture reader emits.
    public static let packetCaptureCodes: [FindingCode] = [.captureTruncatedFile, .captureMalformed, .captureLinkType,
                                                          .captureFragment, .captureSnaplen, .captureTCPGap,
                                                          .captureTCPOverlap, .captureTLS, .captureNotHTTP]
}
