import HookCheckCrypto
import HookCheckModel

/// A curl command line: the requests it sends, one per URL of each part between `--next`s.
///
/// What each option does follows curl's manual (docs/cmdline-opts/*.md in curl/curl) and what
/// curl 7.88.1 was seen to send (the fixtures' make-captures.sh): header order Host,
/// Authorization, Range, User-Agent, Accept, Accept-Encoding, Referer, the HTTP/2 upgrade,
/// Cookie, the -H headers, then Content-Length, Content-Type and Expect.
enum CurlCommand {
    enum DataKind { case data, raw, binary, urlencode, json }

    /// The options of one part of the command line (curl starts afresh after `--next`).
    struct Transfer {
        var method: ShellWord?
        var urls: [ShellWord] = []
        var headers: [ShellWord] = []
        var data: [(kind: DataKind, word: ShellWord)] = []
        var queries: [ShellWord] = []
        var get = false, head = false, pathAsIs = false, http10 = false, http2Upgrade = false, globOff = false
        var compressed: ShellWord?
        var user: ShellWord?, userAgent: ShellWord?, referer: ShellWord?, bearer: ShellWord?, range: ShellWord?
        var upload: ShellWord?, requestTarget: ShellWord?, form: ShellWord?
        var cookies: [ShellWord] = []
        var findings: [Finding] = []
    }

    /// The requests of one command, and what is said about it as a whole.
    static func requests(_ words: [ShellWord], stdin: ShellInput?, context: CommandContext)
        -> (requests: [CommandRequest], findings: [Finding]) {
        var parser = CurlOptionParser(context: context)
        parser.parse(words)
        var requests: [CommandRequest] = []
        var loose: [Finding] = []
        for transfer in parser.transfers {
            var findings = transfer.findings
            if transfer.urls.isEmpty {
                findings.append(context.finding(.commandNoURL, "curl is given no URL, so it sends nothing", at: words[0].start))
            }
            if let form = transfer.form {
                findings.append(context.finding(.commandNotRebuilt,
                    "-F sends a multipart/form-data body with a random boundary; the request is not rebuilt", at: form.start))
                loose += findings
                continue
            }
            for url in transfer.urls {
                var builder = CurlRequestBuilder(transfer: transfer, curl: words[0], stdin: stdin, context: context)
                if var request = builder.build(url) {
                    request.findings = findings + request.findings
                    findings = []
                    requests.append(request)
                } else {
                    loose += builder.findings
                }
            }
            loose += findings
        }
        return (requests, loose)
    }
}

/// curl's argument parsing: long options exact (`--data`, `--no-FLAG`), short ones clustered
/// (`-sS`), a short option's value glued (`-XPOST`) or the next word, `--` ends the options, any
/// other word is a URL.
struct CurlOptionParser {
    let context: CommandContext
    var transfers = [CurlCommand.Transfer()]

    init(context: CommandContext) { self.context = context }

    mutating func parse(_ words: [ShellWord]) {
        var index = 1
        var endOfOptions = false
        while index < words.count {
            let word = words[index]
            index += 1
            let bytes = word.bytes
            if endOfOptions || bytes.count < 2 || bytes[0] != UInt8(ascii: "-") {
                transfers[transfers.count - 1].urls.append(word)
                continue
            }
            if bytes == Array("--".utf8) {
                endOfOptions = true
                continue
            }
            if bytes[1] == UInt8(ascii: "-") {
                var name = String(decoding: bytes[2...], as: UTF8.self)
                if name.hasPrefix("expand-") {
                    name.removeFirst(7)
                    note(.commandNotRebuilt, "curl variables in --expand- options are not expanded", word)
                }
                if CurlOptions.withValue.contains(name) {
                    guard index < words.count else { missingValue(word); continue }
                    apply(name, value: words[index], option: word)
                    index += 1
                } else if CurlOptions.flags.contains(name) {
                    flag(name, on: true, option: word)
                } else if name.hasPrefix("no-"), CurlOptions.flags.contains(String(name.dropFirst(3))) {
                    flag(String(name.dropFirst(3)), on: false, option: word)
                } else {
                    note(.commandUnknownOption, "curl has no option \(word.text); it is skipped", word)
                }
                continue
            }
            var at = 1
            while at < bytes.count {
                guard let name = CurlOptions.short[bytes[at]] else {
                    note(.commandUnknownOption, "curl has no option -\(Character(Unicode.Scalar(bytes[at]))); it is skipped", word)
                    break
                }
                if CurlOptions.withValue.contains(name) {
                    if at + 1 < bytes.count {
                        apply(name, value: word.dropFirst(at + 1), option: word)
                    } else if index < words.count {
                        apply(name, value: words[index], option: word)
                        index += 1
                    } else {
                        missingValue(word)
                    }
                    break
                }
                flag(name, on: true, option: word)
                at += 1
            }
        }
    }

    mutating func note(_ code: FindingCode, _ message: String, _ word: ShellWord) {
        transfers[transfers.count - 1].findings.append(context.finding(code, message, at: word.start))
    }

    mutating func missingValue(_ word: ShellWord) {
        note(.commandOptionValue, "\(word.text) needs a value and the command ends; curl would stop here", word)
    }

    mutating func flag(_ name: String, on: Bool, option: ShellWord) {
        let last = transfers.count - 1
        switch name {
        case "get": transfers[last].get = on
        case "head": transfers[last].head = on
        case "compressed": transfers[last].compressed = on ? option : nil
        case "path-as-is": transfers[last].pathAsIs = on
        case "globoff": transfers[last].globOff = on
        case "http1.0": transfers[last].http10 = on; transfers[last].http2Upgrade = false
        case "http1.1", "http2-prior-knowledge", "http3", "http3-only": transfers[last].http10 = false; transfers[last].http2Upgrade = false
        case "http2": transfers[last].http10 = false; transfers[last].http2Upgrade = on
        case "next": transfers.append(CurlCommand.Transfer())
        default:
            if on, let missing = CurlOptions.notRebuilt[name] { note(.commandNotRebuilt, missing, option) }
        }
    }

    mutating func apply(_ name: String, value: ShellWord, option: ShellWord) {
        let last = transfers.count - 1
        switch name {
        case "request": transfers[last].method = value
        case "header": transfers[last].headers += headerWords(value)
        case "data", "data-ascii": transfers[last].data.append((.data, value))
        case "data-raw": transfers[last].data.append((.raw, value))
        case "data-binary": transfers[last].data.append((.binary, value))
        case "data-urlencode": transfers[last].data.append((.urlencode, value))
        case "json": transfers[last].data.append((.json, value))
        case "url-query": transfers[last].queries.append(value)
        case "form", "form-string": transfers[last].form = transfers[last].form ?? option
        case "user": transfers[last].user = value
        case "user-agent": transfers[last].userAgent = value
        case "referer": transfers[last].referer = value
        case "cookie": transfers[last].cookies.append(value)
        case "url": transfers[last].urls.append(value)
        case "oauth2-bearer": transfers[last].bearer = value
        case "range": transfers[last].range = value
        case "upload-file": transfers[last].upload = value
        case "request-target": transfers[last].requestTarget = value
        default:
            if let missing = CurlOptions.notRebuilt[name] { note(.commandNotRebuilt, missing, option) }
        }
    }

    /// `-H @FILE` adds one header per line of the file (curl 7.55.0 and later).
    mutating func headerWords(_ value: ShellWord) -> [ShellWord] {
        guard value.bytes.first == UInt8(ascii: "@") else { return [value] }
        var findings: [Finding] = []
        defer { transfers[transfers.count - 1].findings += findings }
        guard let bytes = context.read(Array(value.bytes.dropFirst()), at: value.start, findings: &findings) else { return [] }
        return bytes.split(separator: 0x0A).map { line in
            var word = ShellWord(start: value.start, end: value.end)
            for byte in line where byte != 0x0D { word.append(byte, at: value.start) }
            return word
        }
    }
}
