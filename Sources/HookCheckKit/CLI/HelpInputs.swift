import HookCheckModel

/// `hookcheck help inputs`: every input format hookcheck reads, with the tool and the command that
/// makes it. The switch is exhaustive, so a new capture id cannot go unlisted.
enum HelpInputs {
    struct Entry {
        var tool: String
        var command: String
        var keeps: String
    }

    /// The format's entry; nil for an id whose reader is not there yet.
    static func entry(_ kind: CaptureKind) -> Entry? {
        switch kind {
        case .http:
            Entry(tool: "any HTTP/1.x request as sent", command: "nc -l 8080 > request.http; the receiver's raw request log",
                  keeps: "every byte; several requests back to back")
        case .body:
            Entry(tool: "a bare JSON or form body", command: "the payload alone; add headers with -H",
                  keeps: "the body's bytes")
        case .curlVerbose:
            Entry(tool: "curl -v", command: "curl -v --data-binary @body.json URL 2> capture.txt (the body: --body body.json)",
                  keeps: "the request's headers only")
        case .curlTrace:
            Entry(tool: "curl --trace / --trace-ascii", command: "curl --trace capture.txt --data-binary @body.json URL",
                  keeps: "--trace every byte; --trace-ascii prints unprintable bytes as '.'")
        case .har:
            Entry(tool: "HAR 1.2 (browsers, mitmproxy, Charles, Fiddler)", command: "DevTools > Network > Save all as HAR",
                  keeps: "every request; bodies as text or base64")
        case .ndjson:
            Entry(tool: "one JSON body per line", command: "jq -c . bodies/*.json > stream.ndjson",
                  keeps: "the bodies")
        case .pcap:
            Entry(tool: "tcpdump, tshark, Wireshark (pcap and pcapng)", command: "tcpdump -i lo -s 0 -w capture.pcap port 8080",
                  keeps: "every byte of plain-text HTTP/1.x, TCP reassembled; TLS is skipped. A record's line is the packet number, its column the byte in that packet's TCP payload")
        case .mitmproxy:
            Entry(tool: "mitmproxy flow files (mitmproxy 4 to 12)", command: "mitmdump -w flows.mitm",
                  keeps: "every request's bytes as mitmproxy stored them")
        case .tsharkFollow:
            nil
        case .httpie:
            nil
        case .curlCommand:
            Entry(tool: "curl command lines", command: "Copy as cURL (browsers, mitmproxy, Postman), or the command you ran; @file read beside it",
                  keeps: "the request the command would send (multipart bodies are not rebuilt)")
        case .httpieCommand:
            Entry(tool: "HTTPie command lines", command: "http POST URL Name:value field=value field:=json", keeps: "the request the command would send")
        case .textDump:
            nil
        }
    }

    static func text() -> String {
        var lines = ["INPUTS:", "  hookcheck recognizes inputs by their content, not their name. The record's 'capture' is the id below.", ""]
        let rows = CaptureKind.allCases.compactMap { kind in
            entry(kind).map { [kind.rawValue, $0.tool, $0.command, $0.keeps] }
        }
        for row in rows {
            lines.append("  " + row[0].padding(16) + row[1])
            lines.append("  " + "".padding(16) + "made by: " + row[2])
            lines.append("  " + "".padding(16) + "keeps:   " + row[3])
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
