import HookCheckModel

/// `hookcheck help inputs`: every input format hookcheck reads, with the tool and the command that
/// makes it. The switch is exhaustive, so a new capture id cannot go unlisted.
enum HelpInputs {
    struct Entry {
        var tool: String
        var command: String
        var keeps: String
    }

    static func entry(_ kind: CaptureKind) -> Entry {
        switch kind {
        case .http:
            Entry(tool: "any HTTP/1.x request as sent", command: "nc -l 8080 > request.http; the receiver's raw request log",
                  keeps: "every byte; several requests back to back")
        case .body:
            Entry(tool: "a bare JSON or form body", command: "the payload alone; add headers with -H",
                  keeps: "the body's bytes")
        case .curlVerbose:
            Entry(tool: "curl -v", command: "curl -v --data-binary @body.json URL > capture.txt 2>&1 (the body: --body body.json)",
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
            Entry(tool: "tshark follow", command: "tshark -r capture.pcap -qz follow,tcp,hex,0 (or ascii, raw)",
                  keeps: "hex and raw every byte; ascii prints unprintable bytes as '.'")
        case .httpie:
            Entry(tool: "HTTPie output", command: "http -v POST URL < body.json > capture.txt (or --print=HBhb)",
                  keeps: "the request as HTTPie prints it: values and body exact, header order as HTTPie prepared it")
        case .curlCommand:
            Entry(tool: "curl command lines", command: "Copy as cURL (browsers, mitmproxy, Postman), or the command you ran; @file read beside it",
                  keeps: "the request the command would send (multipart bodies are not rebuilt)")
        case .httpieCommand:
            Entry(tool: "HTTPie command lines", command: "http POST URL Name:value field=value field:=json", keeps: "the request the command would send")
        case .textDump:
            Entry(tool: "text dumps", command: "tcpdump -A / -X, tcpflow -c, ngrep -W byline, socat -v / -x, python http.client debuglevel, requests-toolbelt dump_all, mitmdump --flow-detail 4",
                  keeps: "-X, tcpflow, socat -x and the debug logs every byte; a '.' for an unprintable byte makes the others lossy, and says so")
        }
    }

    static func text() -> String {
        var lines = ["INPUTS:", "  hookcheck recognizes inputs by their content, not their name. The record's 'capture' is the id below.", ""]
        let rows = CaptureKind.allCases.map { kind in
            let entry = entry(kind)
            return [kind.rawValue, entry.tool, entry.command, entry.keeps]
        }
        for row in rows {
            lines.append("  " + row[0].padding(16) + row[1])
            lines.append("  " + "".padding(16) + "made by: " + row[2])
            lines.append("  " + "".padding(16) + "keeps:   " + row[3])
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
