import Foundation
import Testing
@testable import HookCheckKit

@Suite("Command lines: curl and HTTPie")
struct CommandLineCaptureTests {
    /// One request as the table writes it: head lines (joined with CRLF) and the body.
    struct Expected: Sendable {
        var head: [String]
        var body = ""
    }

    struct RequestCase: Sendable, CustomTestStringConvertible {
        var name: String
        /// The command file; `{PORT}` stands for 8089 here and for the listener's port live.
        var command: String
        var files: [String: String] = [:]
        var requests: [Expected]
        /// Every finding code, of the file and of its requests, in order.
        var codes: [String] = []
        /// Whether the installed tool is run on it too (no TLS, no network).
        var live = true
        var testDescription: String { name }
    }

    static let fixtures = "Tests/HookCheckKitTests/Fixtures/captures/"

    static func rebuild(_ text: String, files: [String: String] = [:], port: String = "8089")
        -> (requests: [CapturedBytes], kind: CaptureKind, findings: [Finding])? {
        let command = text.replacingOccurrences(of: "{PORT}", with: port)
        return CommandLineCapture.requests(Array(command.utf8), source: "commands.txt") { files[$0].map { Array($0.utf8) } }
    }

    static func expected(_ request: CapturedBytes) -> Expected {
        let text = String(decoding: request.bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return Expected(head: [text]) }
        return Expected(head: text[..<split.lowerBound].components(separatedBy: "\r\n"), body: String(text[split.upperBound...]))
    }

    static func codes(_ result: (requests: [CapturedBytes], kind: CaptureKind, findings: [Finding])) -> [String] {
        (result.findings + result.requests.flatMap(\.findings)).map(\.code.id)
    }

    // MARK: - Fixtures made with the real tools

    static let fixtureFiles = ["curl-commands.txt", "chrome-copy-as-curl-drift.txt", "chrome-copy-as-curl-superoffice.txt",
                               "httpie-commands.txt", "mitmproxy8-export-curl.txt", "mitmproxy8-export-httpie.txt",
                               "mitmproxy11-export-curl.txt", "mitmproxy11-export-httpie.txt"]

    /// The sample bodies the commands name as KEY.body, as samplebits.py writes them.
    static func sampleFiles(_ path: String) -> [UInt8]? {
        guard path.hasSuffix(".body") else { return nil }
        return try? SampleRequest.load(String(path.dropLast(5))).body
    }

    @Test("each fixture command sends the sample's exact body and sender headers", arguments: fixtureFiles)
    func fixtureRequests(file: String) throws {
        let text = try fixture(Self.fixtures + file)
        let result = try #require(CommandLineCapture.requests(Array(text.utf8), source: file, readFile: Self.sampleFiles))
        #expect(result.kind == (file.contains("httpie") ? .httpieCommand : .curlCommand))
        #expect(result.findings.isEmpty, "\(result.findings)")
        // One request per URL on the command lines (comments aside).
        let urls = text.components(separatedBy: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.components(separatedBy: "http://").count - 1 + $0.components(separatedBy: "https://").count - 1 }.reduce(0, +)
        #expect(result.requests.count == urls)
        for request in result.requests {
            let rebuilt = Self.expected(request)
            let key = try #require(rebuilt.head.first?.split(separator: " ").dropFirst().first?.split(separator: "/").last.map(String.init))
            let sample = try SampleRequest.load(key)
            // The sender's headers; Host only where make-captures.sh keeps it (Copernica signs it).
            let senderHeaders = sample.headers.filter { $0.name.lowercased() != "content-length" && (key == "copernica" || $0.name.lowercased() != "host") }
            for header in senderHeaders.map({ "\($0.name): \($0.value)" }) {
                #expect(rebuilt.head.contains(header), "\(file) \(key): no '\(header)' in \(rebuilt.head)")
            }
            let body = Array(rebuilt.body.utf8)
            #expect(rebuilt.head.contains("Content-Length: \(body.count)"))
            if request.loss == nil {
                #expect(body == sample.body, "\(file) \(key): the body differs from the sample's")
            } else {
                // mitmproxy's exports: control characters spelt \xHH, and bash's line feed after <<<.
                var sent = Array(String(decoding: sample.body, as: UTF8.self).replacingOccurrences(of: "\n", with: "\\x0a").utf8)
                if text.contains("<<<") { sent.append(0x0A) }
                #expect(body == sent, "\(file) \(key): the body is not the one the command sends")
                #expect(file.hasPrefix("mitmproxy") && request.findings.contains { $0.code == .commandBodyChanged })
            }
            let reader = RequestReader(stream: ByteStream(bytes: request.bytes, path: file), source: file, locator: request.map,
                                       capture: result.kind)
            let dump = try #require(try reader.next())
            #expect(dump.body == body)
            #expect(dump.findings.isEmpty, "\(dump.findings)")
        }
    }

    /// The `>` lines of `curl -v`, one array per request.
    static func curlVerboseHeads(_ text: String) -> [[String]] {
        var heads: [[String]] = []
        // Split as bytes: a Character holds CR and LF together.
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map({ String(decoding: $0, as: UTF8.self) }) {
            let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
            if let start = trimmed.range(of: "> POST ") ?? trimmed.range(of: "> GET ") {
                heads.append([String(trimmed[trimmed.index(start.lowerBound, offsetBy: 2)...])])
            } else if trimmed.hasPrefix("> "), !heads.isEmpty, heads[heads.count - 1].last != "" {
                heads[heads.count - 1].append(String(trimmed.dropFirst(2)))
            } else if trimmed == ">", !heads.isEmpty {
                heads[heads.count - 1].append("")
            }
        }
        return heads.map { $0.filter { !$0.isEmpty } }
    }

    /// HTTPie's `-v` / `--print=H` request head: the lines before the first blank one.
    static func httpieVerboseHead(_ text: String) -> [String] {
        Array(text.components(separatedBy: "\r\n").prefix { !$0.isEmpty })
    }

    /// The command in a commands file made for `output`, under its `# for OUTPUT` comment.
    static func command(for output: String, in file: String) throws -> String {
        let lines = try fixture(fixtures + file).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("# for \(output)") })
        return lines[index + 1]
    }

    @Test("curl's header lines equal what curl -v printed for the same run", arguments: ["curl-v.txt", "curl-v-next.txt"])
    func curlVerbose(output: String) throws {
        let printed = Self.curlVerboseHeads(try fixture(Self.fixtures + output))
        let result = try #require(CommandLineCapture.requests(Array(try Self.command(for: output, in: "curl-commands.txt").utf8),
                                                              source: output, readFile: Self.sampleFiles))
        #expect(result.requests.count == printed.count)
        for (request, head) in zip(result.requests, printed) {
            // The rebuilt User-Agent is curl's without its version, which the command does not give.
            let rebuilt = Self.expected(request).head.map { $0 == "User-Agent: curl" ? "User-Agent: curl/7.88.1" : $0 }
            #expect(rebuilt == head)
        }
    }

    @Test("HTTPie's header lines equal what HTTPie printed for the same run", arguments: ["httpie-v.txt", "httpie-print-HBhb.txt"])
    func httpieVerbose(output: String) throws {
        let printed = Self.httpieVerboseHead(try fixture(Self.fixtures + output))
        let command = try Self.command(for: output, in: "httpie-commands.txt")
        let result = try #require(CommandLineCapture.requests(Array(command.utf8), source: output, readFile: Self.sampleFiles))
        let request = try #require(result.requests.first)
        let rebuilt = Self.expected(request).head
        #expect(rebuilt.first == printed.first)
        // HTTPie prints a Host it did not set last; http.client sends it first.
        let hostGiven = command.contains("Host:")
        let onWire = hostGiven ? Array(printed.dropFirst()) : [printed.last!] + printed.dropFirst().dropLast()
        #expect(Array(rebuilt.dropFirst()) == onWire)
    }

    // MARK: - Shell words

    struct WordsCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        /// The words of each command.
        var commands: [[String]]
        var stdin: String?
        var testDescription: String { name }
    }

    static let wordsCases: [WordsCase] = [
        WordsCase(name: "blanks split words", input: "curl  -s\tx", commands: [["curl", "-s", "x"]]),
        WordsCase(name: "single quotes keep everything", input: #"curl 'a "b" \n $X'"#, commands: [["curl", #"a "b" \n $X"#]]),
        WordsCase(name: "double quotes escape only the quote, backslash, dollar and backquote", input: #"curl "a \"b\" \\ \$x \` \n""#, commands: [["curl", #"a "b" \ $x ` \n"#]]),
        WordsCase(name: "quotes join into one word", input: #"curl a'b c'"d e"f"#, commands: [["curl", "ab cd ef"]]),
        WordsCase(name: "ANSI-C quoting", input: #"curl $'a\nb\r\t\\\'\"\x41\u00e9\101\e\cA'"#,
                  commands: [["curl", "a\nb\r\t\\'\"A\u{e9}A\u{1B}\u{01}"]]),
        WordsCase(name: "an unknown ANSI-C escape is kept", input: #"curl $'\q\x'"#, commands: [["curl", #"\q\x"#]]),
        WordsCase(name: "a backslash escapes one byte outside quotes", input: #"curl a\ b \$x \'"#, commands: [["curl", "a b", "$x", "'"]]),
        WordsCase(name: "backslash-newline continues the line", input: "curl a \\\n  -s \\\r\n  b", commands: [["curl", "a", "-s", "b"]]),
        WordsCase(name: "a comment starts a word, not inside one", input: "# first\ncurl a#b # rest\n", commands: [["curl", "a#b"]]),
        WordsCase(name: "newlines, ; and && separate commands", input: "curl a\n\ncurl b; curl c && curl d | jq .", commands: [["curl", "a"], ["curl", "b"], ["curl", "c"], ["curl", "d"], ["jq", "."]]),
        WordsCase(name: "redirections are not words", input: "curl a > out.txt 2>&1 -s 2>/dev/null", commands: [["curl", "a", "-s"]]),
        WordsCase(name: "< FILE is standard input", input: "http POST a < body.json", commands: [["http", "POST", "a"]], stdin: "file body.json"),
        WordsCase(name: "a here-string ends with a line feed", input: "http a <<< 'x y'", commands: [["http", "a"]], stdin: "text x y\n"),
        WordsCase(name: "a here-document is standard input", input: "curl -d @- a <<'EOF'\n{\"k\": 1}\n$x\nEOF\ncurl b",
                  commands: [["curl", "-d", "@-", "a"], ["curl", "b"]], stdin: "text {\"k\": 1}\n$x\n"),
        WordsCase(name: "<<- strips leading tabs", input: "curl a <<-END\n\tone\n\tEND\n", commands: [["curl", "a"]], stdin: "text one\n"),
        WordsCase(name: "expansions are kept as written", input: #"curl "$HOST/x" ${A} $(date) `id`"#, commands: [["curl", "$HOST/x", "${A}", "$(date)", "`id`"]]),
        WordsCase(name: "CRLF line ends read as line ends", input: "curl a\r\ncurl b\r\n", commands: [["curl", "a"], ["curl", "b"]]),
    ]

    @Test("shell words as bash reads them", arguments: wordsCases)
    func shellWords(_ row: WordsCase) {
        let bytes = Array(row.input.utf8)
        let script = ShellScript(bytes, text: SourceText(bytes))
        #expect(script.commands.map { $0.words.map(\.text) } == row.commands)
        #expect(!script.findings.contains { $0.code == .commandQuote })
        let stdin = script.commands.first { $0.stdin != nil }?.stdin
        switch stdin {
        case .file(let word)?: #expect(row.stdin == "file " + word.text)
        case .text(let word, _)?: #expect(row.stdin == "text " + word.text)
        case nil: #expect(row.stdin == nil)
        }
        // Every byte of every word comes from a byte of the input.
        for word in script.commands.flatMap(\.words) {
            #expect(word.offsets.count == word.bytes.count)
            #expect(word.offsets.allSatisfy { $0 >= word.start && $0 < max(word.end, word.start + 1) })
        }
    }
}

extension CommandLineCaptureTests {
    // MARK: - curl

    static let url = "http://127.0.0.1:{PORT}"
    static let host = "Host: 127.0.0.1:8089"
    static let curlDefaults = [host, "User-Agent: curl", "Accept: */*"]
    static let form = "Content-Type: application/x-www-form-urlencoded"
    static let lines = ["body.txt": "line1\r\nline2\nend\n"]

    static let curlCases: [RequestCase] = [
        RequestCase(name: "GET with curl's own headers; output options change nothing",
                    command: "curl -sS -o /dev/null -k -v \(url)/a?b=1#frag",
                    requests: [Expected(head: ["GET /a?b=1 HTTP/1.1"] + curlDefaults)], codes: ["command.default-header"]),
        RequestCase(name: "-d, --data and --data-ascii join with &", command: "curl -d 'a=1' --data 'b=2' --data-ascii c \(url)/p",
                    requests: [Expected(head: ["POST /p HTTP/1.1"] + curlDefaults + ["Content-Length: 9", form], body: "a=1&b=2&c")],
                    codes: ["command.default-header"]),
        RequestCase(name: "-d @FILE drops CR and LF", command: "curl -d @body.txt \(url)/f", files: lines,
                    requests: [Expected(head: ["POST /f HTTP/1.1"] + curlDefaults + ["Content-Length: 13", form], body: "line1line2end")],
                    codes: ["command.body-file", "command.default-header"]),
        RequestCase(name: "--data-binary @FILE keeps every byte", command: "curl --data-binary @body.txt \(url)/f", files: lines,
                    requests: [Expected(head: ["POST /f HTTP/1.1"] + curlDefaults + ["Content-Length: 17", form], body: "line1\r\nline2\nend\n")],
                    codes: ["command.body-file", "command.default-header"]),
        RequestCase(name: "--data-raw takes @ as a letter", command: "curl --data-raw @body.txt \(url)/r", files: lines,
                    requests: [Expected(head: ["POST /r HTTP/1.1"] + curlDefaults + ["Content-Length: 9", form], body: "@body.txt")],
                    codes: ["command.default-header"]),
        RequestCase(name: "--data-urlencode: content, =content, name=content, @file, name@file",
                    command: "curl --data-urlencode 'a b' --data-urlencode '=x&y' --data-urlencode 'n=ä/+~*' --data-urlencode @u.txt --data-urlencode f@u.txt \(url)/u",
                    files: ["u.txt": "x y\n"],
                    requests: [Expected(head: ["POST /u HTTP/1.1"] + curlDefaults + ["Content-Length: 44", form],
                                        body: "a+b&x%26y&n=%C3%A4%2F%2B~%2A&x+y%0A&f=x+y%0A")],
                    codes: ["command.default-header"]),
        RequestCase(name: "--json sets the type and Accept, and joins without &", command: #"curl --json '{"a":' --json '1}' \#(url)/j"#,
                    requests: [Expected(head: ["POST /j HTTP/1.1", host, "User-Agent: curl", "Content-Type: application/json",
                                               "Accept: application/json", "Content-Length: 7"], body: #"{"a":1}"#)],
                    codes: ["command.default-header"]),
        RequestCase(name: "-H replaces, removes and empties headers; one without a colon is dropped",
                    command: "curl -H 'Accept: text/plain' -H 'User-Agent:' -H 'X-Empty;' -H 'X-Spaced:   v  ' -H 'Content-Type:' -H NoColon -d x \(url)/h",
                    requests: [Expected(head: ["POST /h HTTP/1.1", host, "Accept: text/plain", "X-Empty:", "X-Spaced:   v  ", "Content-Length: 1"],
                                        body: "x")],
                    codes: ["command.header-dropped"]),
        RequestCase(name: "-H Host takes the place of curl's", command: "curl -H 'X-A: 1' -H 'host:h.example' \(url)/x",
                    requests: [Expected(head: ["GET /x HTTP/1.1", "Host:h.example", "User-Agent: curl", "Accept: */*", "X-A: 1"])],
                    codes: ["command.default-header"]),
        RequestCase(name: "-u, -A, -e, -b and --compressed",
                    command: "curl -u 'user:pa:ss' -A 'agent/1' -e 'http://ref.example/;auto' -b 'a=b' -b 'c=d' --compressed \(url)/c",
                    requests: [Expected(head: ["GET /c HTTP/1.1", host, "Authorization: Basic dXNlcjpwYTpzcw==", "User-Agent: agent/1", "Accept: */*",
                                               "Accept-Encoding: deflate, gzip, br, zstd", "Referer: http://ref.example/", "Cookie: a=b;c=d"])],
                    codes: ["command.default-header"]),
        RequestCase(name: "-G puts the data in the query", command: "curl -G -d 'a=1' --data-urlencode 'q=x y' '\(url)/s?z=0'",
                    requests: [Expected(head: ["GET /s?z=0&a=1&q=x+y HTTP/1.1"] + curlDefaults)], codes: ["command.default-header"]),
        RequestCase(name: "-X changes the method word only", command: "curl -X PATCH -d x \(url)/m",
                    requests: [Expected(head: ["PATCH /m HTTP/1.1"] + curlDefaults + ["Content-Length: 1", form], body: "x")],
                    codes: ["command.default-header"]),
        RequestCase(name: "-I sends HEAD", command: "curl -I \(url)/h",
                    requests: [Expected(head: ["HEAD /h HTTP/1.1"] + curlDefaults)], codes: ["command.default-header"]),
        RequestCase(name: "each URL, bare or --url, is a request with the same options", command: "curl --url \(url)/one \(url)/two -d z",
                    requests: [Expected(head: ["POST /one HTTP/1.1"] + curlDefaults + ["Content-Length: 1", form], body: "z"),
                               Expected(head: ["POST /two HTTP/1.1"] + curlDefaults + ["Content-Length: 1", form], body: "z")],
                    codes: ["command.default-header", "command.default-header"]),
        RequestCase(name: "--next starts the options afresh", command: "curl \(url)/a -H 'X-A: 1' --next \(url)/b -d q",
                    requests: [Expected(head: ["GET /a HTTP/1.1"] + curlDefaults + ["X-A: 1"]),
                               Expected(head: ["POST /b HTTP/1.1"] + curlDefaults + ["Content-Length: 1", form], body: "q")],
                    codes: ["command.default-header", "command.default-header"]),
        RequestCase(name: "short options cluster, and take a glued value", command: "curl -sSLkXPUT -HX-B:2 -d@body.txt \(url)/s", files: lines,
                    requests: [Expected(head: ["PUT /s HTTP/1.1"] + curlDefaults + ["X-B:2", "Content-Length: 13", form], body: "line1line2end")],
                    codes: ["command.body-file", "command.default-header"]),
        RequestCase(name: "credentials in the URL; dot segments resolved", command: "curl 'http://u%40x:p%3A@127.0.0.1:{PORT}/a/b/../c/.'",
                    requests: [Expected(head: ["GET /a/c/ HTTP/1.1", host, "Authorization: Basic dUB4OnA6", "User-Agent: curl", "Accept: */*"])],
                    codes: ["command.default-header"]),
        RequestCase(name: "--oauth2-bearer", command: "curl --oauth2-bearer tok \(url)/o",
                    requests: [Expected(head: ["GET /o HTTP/1.1", host, "Authorization: Bearer tok", "User-Agent: curl", "Accept: */*"])],
                    codes: ["command.default-header"]),
        RequestCase(name: "-T uploads with PUT and asks to continue", command: "curl -T body.txt \(url)/up/", files: lines,
                    requests: [Expected(head: ["PUT /up/body.txt HTTP/1.1"] + curlDefaults + ["Content-Length: 17", "Expect: 100-continue"],
                                        body: "line1\r\nline2\nend\n")],
                    codes: ["command.body-file", "command.default-header"]),
        RequestCase(name: "--http1.0", command: "curl --http1.0 -d x \(url)/o",
                    requests: [Expected(head: ["POST /o HTTP/1.0"] + curlDefaults + ["Content-Length: 1", form], body: "x")],
                    codes: ["command.default-header"]),
        RequestCase(name: "-r, --url-query (encoded, or as given after +)", command: "curl -r 0-99 --url-query 'a=b c' --url-query '+x=%41' \(url)/q",
                    requests: [Expected(head: ["GET /q?a=b+c&x=%41 HTTP/1.1", host, "Range: bytes=0-99", "User-Agent: curl", "Accept: */*"])],
                    codes: ["command.default-header"]),
        RequestCase(name: "a URL glob is read as written, and said", command: "curl '\(url)/{a,b}'",
                    requests: [Expected(head: ["GET /{a,b} HTTP/1.1"] + curlDefaults)], codes: ["command.not-rebuilt", "command.default-header"],
                    live: false),
        RequestCase(name: "-d '' is an empty POST", command: "curl -d '' \(url)/e",
                    requests: [Expected(head: ["POST /e HTTP/1.1"] + curlDefaults + ["Content-Length: 0", form])], codes: ["command.default-header"]),
        RequestCase(name: "comments, a variable assignment, two commands", command: "# a note\nLANG=C curl \(url)/a; curl \(url)/b # done\n",
                    requests: [Expected(head: ["GET /a HTTP/1.1"] + curlDefaults), Expected(head: ["GET /b HTTP/1.1"] + curlDefaults)],
                    codes: ["command.default-header", "command.default-header"]),
        RequestCase(name: "--http2 over http asks to upgrade", command: "curl --http2 -d x \(url)/u",
                    requests: [Expected(head: ["POST /u HTTP/1.1"] + curlDefaults + ["Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c",
                                                                                     "HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA", "Content-Length: 1", form], body: "x")],
                    codes: ["command.default-header", "command.version-dependent"]),
        RequestCase(name: "--data-binary @- reads a here-document", command: "curl --data-binary @- \(url)/d <<'EOF'\n{\"a\": 1}\nEOF\n",
                    requests: [Expected(head: ["POST /d HTTP/1.1"] + curlDefaults + ["Content-Length: 9", form], body: "{\"a\": 1}\n")],
                    codes: ["command.default-header"]),
        RequestCase(name: "-d @- drops a here-string's line feed", command: "curl -d @- \(url)/d <<< 'a=1'",
                    requests: [Expected(head: ["POST /d HTTP/1.1"] + curlDefaults + ["Content-Length: 3", form], body: "a=1")],
                    codes: ["command.default-header"]),
        RequestCase(name: "--data-binary @- keeps a here-string's line feed, and says so", command: "curl --data-binary @- \(url)/d <<< 'a=1'",
                    requests: [Expected(head: ["POST /d HTTP/1.1"] + curlDefaults + ["Content-Length: 4", form], body: "a=1\n")],
                    codes: ["command.default-header", "command.body-changed"]),
        RequestCase(name: "-H @FILE adds a header per line", command: "curl -H @h.txt \(url)/h", files: ["h.txt": "X-One: 1\r\nX-Two: 2\n"],
                    requests: [Expected(head: ["GET /h HTTP/1.1"] + curlDefaults + ["X-One: 1", "X-Two: 2"])], codes: ["command.default-header"]),
        RequestCase(name: "$'...' data as Chrome's Copy as cURL writes it", command: #"curl \#(url)/c --data-raw $'{\n  "k": "\u00e9\\\\"\n}'"#,
                    requests: [Expected(head: ["POST /c HTTP/1.1"] + curlDefaults + ["Content-Length: 17", form], body: "{\n  \"k\": \"é\\\\\"\n}")],
                    codes: ["command.default-header"]),
    ]

    @Test("curl options rebuild the request curl sends", arguments: curlCases)
    func curlOptions(_ row: RequestCase) throws {
        let result = try #require(Self.rebuild(row.command, files: row.files))
        #expect(result.kind == .curlCommand)
        #expect(result.requests.map { Self.expected($0).head } == row.requests.map(\.head))
        #expect(result.requests.map { Self.expected($0).body } == row.requests.map(\.body))
        #expect(Self.codes(result) == row.codes)
    }

    // MARK: - HTTPie

    static let encoding = "Accept-Encoding: gzip, deflate, br"
    static let json = ["Accept: application/json, */*;q=0.5", "Content-Type: application/json"]
    static let httpieDefaults = ["command.default-header", "command.default-header"]

    static let httpieCases: [RequestCase] = [
        RequestCase(name: "GET with HTTPie's own headers; a URL without a scheme is http", command: "http --ignore-stdin 127.0.0.1:{PORT}/a",
                    requests: [Expected(head: ["GET /a HTTP/1.1", host, encoding, "Accept: */*", "Connection: keep-alive", "User-Agent: HTTPie"])],
                    codes: httpieDefaults),
        RequestCase(name: "data items make a JSON body as json.dumps writes it",
                    command: #"http --ignore-stdin 127.0.0.1:{PORT}/j a=b n:=1.10 'list:=[1, "é", {"x": 1e2}]' 't=é"\\' a=c"#,
                    requests: [Expected(head: ["POST /j HTTP/1.1", host, encoding, "Connection: keep-alive", "Content-Length: 78", "User-Agent: HTTPie"] + json,
                                        body: #"{"a": "c", "n": 1.1, "list": [1, "\u00e9", {"x": 100.0}], "t": "\u00e9\"\\\\"}"#)],
                    codes: httpieDefaults),
        RequestCase(name: "query items, header items, a removed and an empty header",
                    command: "http --ignore-stdin '127.0.0.1:{PORT}/q?x=1' 'q==x%y&' 'X-A:  1 ' 'Accept:' 'Semi;'",
                    requests: [Expected(head: ["GET /q?x=1&q=x%25y%26 HTTP/1.1", host, encoding, "Connection: keep-alive", "User-Agent: HTTPie",
                                               "X-A: 1", "Semi: "])],
                    codes: httpieDefaults),
        RequestCase(name: "--form makes a form body, repeated fields together",
                    command: "http --ignore-stdin -f 127.0.0.1:{PORT}/f a=b 'c=d e&ü' n:=2 a=z",
                    requests: [Expected(head: ["POST /f HTTP/1.1", host, encoding, "Accept: */*", "Connection: keep-alive", "Content-Length: 26",
                                               "User-Agent: HTTPie", "Content-Type: application/x-www-form-urlencoded; charset=utf-8"],
                                        body: "a=b&a=z&c=d+e%26%C3%BC&n=2")],
                    codes: httpieDefaults),
        RequestCase(name: "a METHOD in lower case; :PORT is localhost", command: "http --ignore-stdin put :{PORT}/p x=1",
                    requests: [Expected(head: ["PUT /p HTTP/1.1", "Host: localhost:8089", encoding, "Connection: keep-alive", "Content-Length: 10",
                                               "User-Agent: HTTPie"] + json, body: #"{"x": "1"}"#)],
                    codes: httpieDefaults),
        RequestCase(name: "--raw is the body", command: "http --ignore-stdin --raw 'hello' 127.0.0.1:{PORT}/r",
                    requests: [Expected(head: ["POST /r HTTP/1.1", host, encoding, "Connection: keep-alive", "Content-Length: 5", "User-Agent: HTTPie"] + json,
                                        body: "hello")],
                    codes: httpieDefaults),
        RequestCase(name: "< FILE is the body, exact", command: "http POST 127.0.0.1:{PORT}/s 'Content-Type:text/plain' < body.txt", files: lines,
                    requests: [Expected(head: ["POST /s HTTP/1.1", host, encoding, "Connection: keep-alive", "Content-Length: 17", "User-Agent: HTTPie",
                                               "Accept: application/json, */*;q=0.5", "Content-Type: text/plain"], body: "line1\r\nline2\nend\n")],
                    codes: ["command.body-file"] + httpieDefaults),
        RequestCase(name: "@FILE is the body, typed by its name", command: "http --ignore-stdin 127.0.0.1:{PORT}/b @data.json",
                    files: ["data.json": #"{"a": 1}"#],
                    requests: [Expected(head: ["POST /b HTTP/1.1", host, encoding, "Connection: keep-alive", "Content-Length: 8", "User-Agent: HTTPie"] + json,
                                        body: #"{"a": 1}"#)],
                    codes: ["command.body-file"] + httpieDefaults),
        RequestCase(name: "--auth: Basic", command: "http --ignore-stdin -a 'user:pa:ss' 127.0.0.1:{PORT}/a",
                    requests: [Expected(head: ["GET /a HTTP/1.1", host, encoding, "Accept: */*", "Connection: keep-alive",
                                               "Authorization: Basic dXNlcjpwYTpzcw==", "User-Agent: HTTPie"])],
                    codes: httpieDefaults),
        RequestCase(name: "--auth-type bearer", command: "http --ignore-stdin -A bearer -a tok 127.0.0.1:{PORT}/b",
                    requests: [Expected(head: ["GET /b HTTP/1.1", host, encoding, "Accept: */*", "Connection: keep-alive",
                                               "Authorization: Bearer tok", "User-Agent: HTTPie"])],
                    codes: httpieDefaults),
        RequestCase(name: "credentials in the URL", command: "http --ignore-stdin 'http://u:p@127.0.0.1:{PORT}/x'",
                    requests: [Expected(head: ["GET /x HTTP/1.1", host, encoding, "Accept: */*", "Connection: keep-alive",
                                               "Authorization: Basic dTpw", "User-Agent: HTTPie"])],
                    codes: httpieDefaults),
        RequestCase(name: "<<< adds a line feed, and says so", command: #"http POST 127.0.0.1:{PORT}/h <<< '{"a": 1}'"#,
                    requests: [Expected(head: ["POST /h HTTP/1.1", host, encoding, "Connection: keep-alive", "Content-Length: 9", "User-Agent: HTTPie"] + json,
                                        body: "{\"a\": 1}\n")],
                    codes: httpieDefaults + ["command.body-changed"]),
        RequestCase(name: "field=@FILE, field:=@FILE, name==@FILE and an escaped separator",
                    command: #"http --ignore-stdin 127.0.0.1:{PORT}/e 'note=@note.txt' 'obj:=@obj.json' 'q==@q.txt' 'a\:b=1'"#,
                    files: ["note.txt": "hi\n", "obj.json": #"{"z": [true, null, -0, 2E1]}"#, "q.txt": "v w\n"],
                    requests: [Expected(head: ["POST /e?q=v+w HTTP/1.1", host, encoding, "Connection: keep-alive", "Content-Length: 65", "User-Agent: HTTPie"] + json,
                                        body: #"{"note": "hi\n", "obj": {"z": [true, null, 0, 20.0]}, "a:b": "1"}"#)],
                    codes: httpieDefaults),
        RequestCase(name: "Header:@FILE", command: "http --ignore-stdin 127.0.0.1:{PORT}/h X-Sig:@sig.txt", files: ["sig.txt": "abc\n"],
                    requests: [Expected(head: ["GET /h HTTP/1.1", host, encoding, "Accept: */*", "Connection: keep-alive", "User-Agent: HTTPie",
                                               "X-Sig: abc"])],
                    codes: httpieDefaults),
        RequestCase(name: "the https command makes https URLs", command: "https --ignore-stdin Example.com/x",
                    requests: [Expected(head: ["GET /x HTTP/1.1", "Host: example.com", encoding, "Accept: */*", "Connection: keep-alive", "User-Agent: HTTPie"])],
                    codes: httpieDefaults, live: false),
    ]

    @Test("HTTPie items and options rebuild the request HTTPie sends", arguments: httpieCases)
    func httpieItems(_ row: RequestCase) throws {
        let result = try #require(Self.rebuild(row.command, files: row.files))
        #expect(result.kind == .httpieCommand)
        #expect(result.requests.map { Self.expected($0).head } == row.requests.map(\.head))
        #expect(result.requests.map { Self.expected($0).body } == row.requests.map(\.body))
        #expect(Self.codes(result) == row.codes)
    }

    // MARK: - The installed tools agree with the tables

    /// Runs the row's command with the real tool against a local listener and compares what
    /// arrived with the rebuilt request (the tool's version aside).
    static func compareLive(_ row: RequestCase, agent: String) throws {
        let listener = try #require(RecordingListener())
        let port = String(listener.port)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, content) in row.files { try content.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try runShell(row.command.replacingOccurrences(of: "{PORT}", with: port), in: directory)
        let rebuilt = try #require(rebuild(row.command, files: row.files, port: port)).requests.map { String(decoding: $0.bytes, as: UTF8.self) }
        let sent = listener.requests.map { String(decoding: $0, as: UTF8.self) }
            .map { $0.replacingOccurrences(of: #"User-Agent: \#(agent)/[0-9.]+"#, with: "User-Agent: \(agent)", options: .regularExpression) }
        #expect(rebuilt == sent)
    }

    @Test("the installed curl 7.88 sends what the curl table says", .enabled(if: curl788Available), arguments: curlCases.filter { $0.live })
    func curlLive(_ row: RequestCase) throws {
        try Self.compareLive(row, agent: "curl")
    }

    @Test("the installed HTTPie 3.2 sends what the HTTPie table says", .enabled(if: httpie32Available), arguments: httpieCases.filter { $0.live })
    func httpieLive(_ row: RequestCase) throws {
        try Self.compareLive(row, agent: "HTTPie")
    }
}

extension CommandLineCaptureTests {
    // MARK: - Positions

    struct PositionCase: Sendable, CustomTestStringConvertible {
        var name: String
        /// The command file, with ⌖ where the first byte of `needle` must point.
        var command: String
        var needle: String
        var files: [String: String] = [:]
        var testDescription: String { name }
    }

    static let positionCases: [PositionCase] = [
        PositionCase(name: "the request target at the URL's path", command: "curl http://h⌖/a?b=1", needle: "/a?b=1"),
        PositionCase(name: "Host at the URL's host", command: "curl http://⌖hooks.example:8080/", needle: "hooks.example:8080"),
        PositionCase(name: "the method at -X's value", command: "curl -X ⌖PATCH http://h/", needle: "PATCH"),
        PositionCase(name: "a header at its -H argument, after a continuation", command: "curl http://h/ \\\n  -H '⌖X-A: 1'", needle: "X-A: 1"),
        PositionCase(name: "the body after an escape of $'...'", command: #"curl http://h/ --data-raw $'{\n  "k": ⌖1}'"#, needle: "1}"),
        PositionCase(name: "the body on the second line of a quoted argument", command: "curl http://h/ -d 'one\n⌖two'", needle: "two"),
        PositionCase(name: "a default header at the tool's name", command: "x=1 ⌖curl http://h/", needle: "User-Agent: curl"),
        PositionCase(name: "Content-Length at the data argument", command: "curl -d ⌖x http://h/", needle: "Content-Length: 1"),
        PositionCase(name: "a body file's content at the argument naming it", command: "curl --data-binary ⌖@body.txt http://h/",
                     needle: "line1", files: lines),
        PositionCase(name: "an HTTPie header item", command: "http --ignore-stdin http://h/ ⌖X-A:1", needle: "X-A: 1"),
        PositionCase(name: "an HTTPie header value", command: "http --ignore-stdin http://h/ X-A:⌖value", needle: "value"),
        PositionCase(name: "an HTTPie JSON value", command: "http --ignore-stdin http://h/ key=⌖abc", needle: "abc"),
        PositionCase(name: "an HTTPie here-document body", command: "http POST http://h/ <<'EOF'\n{\"a\":\n ⌖2}\nEOF\n", needle: "2}"),
    ]

    @Test("each piece of the request points where it came from in the command file", arguments: positionCases)
    func positions(_ row: PositionCase) throws {
        let (bytes, offset) = marked(row.command)
        let markerOffset = try #require(offset)
        let expected = SourceText(bytes).position(ofOffset: markerOffset)
        let result = try #require(CommandLineCapture.requests(bytes, source: "commands.txt") { row.files[$0].map { Array($0.utf8) } })
        let request = try #require(result.requests.first)
        let needle = Array(row.needle.utf8)
        let at = try #require(request.bytes.indices.first { request.bytes[$0...].starts(with: needle) })
        #expect(request.map.position(at) == expected)
        // A header's position as the request reader reports it, for findings about that header.
        if let colon = row.needle.firstIndex(of: ":"), row.needle.contains(": ") {
            let reader = RequestReader(stream: ByteStream(bytes: request.bytes), source: "commands.txt", locator: request.map, capture: result.kind)
            let dump = try #require(try reader.next())
            #expect(dump.position(ofHeader: String(row.needle[..<colon])) == expected)
        }
    }

    // MARK: - Bad input

    struct BadCase: Sendable, CustomTestStringConvertible {
        var name: String
        /// The command file, with ⌖ where the finding must point (none: a finding about the file).
        var command: String
        var code: String
        var requests: Int
        var files: [String: String] = [:]
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "an unbalanced single quote: the commands before it are read",
                command: "curl http://h/a\ncurl -H ⌖'X-A: 1 http://h/b\ncurl http://h/c", code: "command.quote", requests: 1),
        BadCase(name: "an unbalanced double quote", command: "curl -d ⌖\"abc http://h/", code: "command.quote", requests: 0),
        BadCase(name: "an unbalanced $'...' quote", command: "curl --data-raw ⌖$'abc\\' http://h/", code: "command.quote", requests: 0),
        BadCase(name: "curl: a missing @FILE (curl 7 sends the data empty)", command: "curl -d ⌖@missing.json http://h/", code: "command.file", requests: 1),
        BadCase(name: "HTTPie: a missing @FILE", command: "http --ignore-stdin http://h/ @⌖missing.json", code: "command.file", requests: 0),
        BadCase(name: "a missing < FILE", command: "http POST http://h/ < ⌖missing.json", code: "command.file", requests: 0),
        BadCase(name: "curl: an option missing its value", command: "curl http://h/ ⌖-H", code: "command.option-value", requests: 1),
        BadCase(name: "HTTPie: an option missing its value", command: "http --ignore-stdin http://h/ ⌖--raw", code: "command.option-value", requests: 1),
        BadCase(name: "an empty file", command: "", code: "input.empty", requests: 0),
        BadCase(name: "a file of comments", command: "# nothing to run\n\n", code: "input.empty", requests: 0),
        BadCase(name: "an option curl does not have", command: "curl ⌖--frobnicate http://h/", code: "command.unknown-option", requests: 1),
        BadCase(name: "an option HTTPie does not have", command: "http --ignore-stdin ⌖--frobnicate http://h/", code: "command.unknown-option", requests: 1),
        BadCase(name: "no URL", command: "⌖curl -d x", code: "command.no-url", requests: 0),
        BadCase(name: "not an http URL", command: "curl ⌖ftp://h/f", code: "command.url", requests: 0),
        BadCase(name: "a space in the URL", command: "curl 'http://h/a⌖ b'", code: "command.url", requests: 0),
        BadCase(name: "a := value that is not JSON", command: "http --ignore-stdin http://h/ 'a:=⌖{bad'", code: "command.item", requests: 0),
        BadCase(name: "a body from stdin with data items", command: "http http://h/ ⌖a=b <<< x", code: "command.item", requests: 0),
        BadCase(name: "a file field without --form", command: "http --ignore-stdin http://h/ ⌖f@x.txt", code: "command.item", requests: 0),
        BadCase(name: "-F is not rebuilt", command: "curl ⌖-F a=b http://h/", code: "command.not-rebuilt", requests: 0),
        BadCase(name: "--digest is not rebuilt", command: "curl ⌖--digest -u a:b http://h/", code: "command.not-rebuilt", requests: 1),
        BadCase(name: "a nested JSON key is not rebuilt", command: "http --ignore-stdin http://h/ ⌖a[b]=1", code: "command.not-rebuilt", requests: 0),
        BadCase(name: "a shell variable", command: "curl -H \"X-T: ⌖$TOKEN\" http://h/", code: "command.expansion", requests: 1),
        BadCase(name: "another command is skipped", command: "⌖cd /tmp\ncurl http://h/", code: "command.skipped", requests: 1),
        BadCase(name: "httpie is HTTPie's manager", command: "curl http://h/\n⌖httpie plugins list", code: "command.skipped", requests: 1),
        BadCase(name: "standard input the file does not hold", command: "curl -d ⌖@- http://h/", code: "command.stdin", requests: 1),
        BadCase(name: "a -H curl drops", command: "curl -H ⌖'X-A;junk' http://h/", code: "command.header-dropped", requests: 1),
        BadCase(name: "a carriage return inside a -d @FILE line", command: "curl -d ⌖@cr.txt http://h/", code: "command.version-dependent",
                requests: 1, files: ["cr.txt": "a\rb\n"]),
        BadCase(name: "mitmproxy's \\xHH text in a body", command: #"curl http://h/ -d ⌖'{\x0a}'"#, code: "command.body-changed", requests: 1),
    ]

    @Test("bad input is a finding with its position, never a trap", arguments: badCases)
    func badInput(_ row: BadCase) throws {
        let (bytes, offset) = marked(row.command)
        let result = try #require(CommandLineCapture.requests(bytes, source: "commands.txt") { row.files[$0].map { Array($0.utf8) } })
        #expect(result.requests.count == row.requests)
        let findings = result.findings + result.requests.flatMap(\.findings)
        let finding = try #require(findings.first { $0.code.id == row.code }, "\(findings.map(\.code.id))")
        #expect(finding.position == offset.map { SourceText(bytes).position(ofOffset: $0) })
        #expect(finding.severity == finding.code.severity)
    }

    // MARK: - Recognition and codes

    @Test("a command file is recognized by its first command", arguments: [
        ("curl http://x", true), ("  # a note\n\ncurl.exe -s x", true), ("http POST x a=b", true), ("https x", true),
        ("/usr/bin/curl x", true), ("httpie cli", true), ("curl\n", true), ("curlx y", false), ("http://x/y", false),
        ("POST /x HTTP/1.1\r\nHost: x\r\n\r\n", false), (#"{"curl": 1}"#, false), ("", false), ("# only a comment\n", false),
    ])
    func recognition(text: String, isCommand: Bool) {
        #expect(CommandLineCapture.looksLikeCommand(Array(text.utf8)) == isCommand)
        if !isCommand, !text.isEmpty, !text.hasPrefix("#") {
            #expect(CommandLineCapture.requests(Array(text.utf8), source: "x") { _ in nil } == nil)
        }
    }

    @Test("the command-line codes are declared once, explained and registered")
    func codes() {
        let codes = FindingCode.commandLineCodes
        #expect(Set(codes.map(\.id)).count == codes.count)
        for code in codes {
            #expect(code.id.hasPrefix("command."))
            #expect(code.summary.hasSuffix(".") && code.explanation.count > code.summary.count, "\(code.id)")
            #expect(code.category == .capture || code.category == .syntax, "\(code.id)")
            #expect(FindingCodeRegistry.code(id: code.id) != nil, "\(code.id) is not in the registry")
        }
        let emitted = Set(Self.badCases.map(\.code) + Self.curlCases.flatMap(\.codes) + Self.httpieCases.flatMap(\.codes))
        #expect(Set(codes.map(\.id)).subtracting(emitted).isEmpty, "codes no test emits: \(Set(codes.map(\.id)).subtracting(emitted))")
    }
}
