import HookCheckModel

/// The codes of reading curl and HTTPie command lines: the shell words, the options, and what the
/// rebuilt request cannot know.
extension FindingCode {
    public static let commandQuote = FindingCode("command.quote", .error, .syntax,
        summary: "A quote in the command line is never closed.",
        explanation: "A single quote, double quote or $'...' quote opens here and the file ends before it closes, so bash would wait for more input and run nothing. The commands before it are read; this one and the rest are not. Close the quote, or copy the command again whole (a terminal often cuts long pasted lines).")
    public static let commandOptionValue = FindingCode("command.option-value", .error, .syntax,
        summary: "An option of the command line has no value.",
        explanation: "The option takes a value (curl -H, -d, -X, -u; HTTPie --raw, --auth) but the command ends right after it, so the tool would refuse to run. Give the value, quoted if it holds spaces.")
    public static let commandNoURL = FindingCode("command.no-url", .error, .syntax,
        summary: "The command line names no URL.",
        explanation: "curl and HTTPie need the URL the request goes to; without one the tool stops with an error and sends nothing. Add the URL (curl also takes it as --url).")
    public static let commandURL = FindingCode("command.url", .error, .syntax,
        summary: "The tool would refuse this URL.",
        explanation: "The URL holds a space or another byte the tool does not accept, or uses a scheme other than http and https, so no HTTP request is sent. Percent-encode the byte (a space is %20), or quote the part that was meant as another argument.")
    public static let commandUnknownOption = FindingCode("command.unknown-option", .warning, .capture,
        summary: "An option of the command line is not one the tool knows.",
        explanation: "The option is not in curl's or HTTPie's list, so the tool itself would stop with an error; hookcheck skips it and rebuilds the request from the rest. If the option takes a value, that value is read as the next argument (a URL or a request item). Check the spelling, or the tool's version.")
    public static let commandNotRebuilt = FindingCode("command.not-rebuilt", .warning, .capture,
        summary: "The command uses an option whose effect on the request is not rebuilt.",
        explanation: "Some options change the request in ways hookcheck does not reproduce: multipart forms (curl -F, HTTPie --multipart or file fields), digest, NTLM and AWS authentication, proxies, config files, time conditions, nested JSON keys. A multipart request is not rebuilt at all (its boundary is random); for the others the request is rebuilt without the option's effect. Capture the request as sent instead (curl --trace, a HAR file, or a proxy).")
    public static let commandFile = FindingCode("command.file", .error, .capture,
        summary: "A file the command reads cannot be found.",
        explanation: "The command reads data, headers or standard input from a file (curl -d @FILE, -H @FILE, HTTPie field=@FILE, < FILE) that is not where the command says, relative to the folder of the command file. The tool would stop with an error. Put the file beside the command file, or fix the path.")
    public static let commandStdin = FindingCode("command.stdin", .warning, .capture,
        summary: "The command reads its body from standard input, which the command file does not hold.",
        explanation: "curl -d @- or HTTPie with a piped body reads what another program writes to it; the command file says nothing about it. The request is rebuilt with an empty body. Write the body to a file and use -d @FILE, a < FILE redirection, or a here-document.")
    public static let commandExpansion = FindingCode("command.expansion", .warning, .capture,
        summary: "The shell would replace part of the command before the tool sees it.",
        explanation: "A $VARIABLE, ${...}, $(command) or `command` outside single quotes is expanded by the shell; hookcheck keeps the text as written, so the rebuilt request holds it literally. Replace it with its value, or single-quote it if it was meant literally.")
    public static let commandSkipped = FindingCode("command.skipped", .info, .capture,
        summary: "A command that is neither curl nor HTTPie was skipped.",
        explanation: "A command file may hold other commands (cd, export, a pipe into jq); only curl and HTTPie commands send requests that can be rebuilt. The command is read past and ignored.")
    public static let commandDefaultHeader = FindingCode("command.default-header", .info, .capture,
        summary: "A header of the rebuilt request is the tool's default, which depends on its version.",
        explanation: "curl sends User-Agent: curl/VERSION and HTTPie sends User-Agent: HTTPie/VERSION (and its Accept-Encoding depends on the Python modules installed) unless the command sets them. The version of the tool that ran the command is unknown, so the rebuilt request says just `curl` or `HTTPie`. Set the header in the command (-H 'User-Agent: ...', User-Agent:...) to fix it.")
    public static let commandBodyFile = FindingCode("command.body-file", .info, .capture,
        summary: "The body comes from a file the command names.",
        explanation: "The body was read from a file (curl --data-binary @FILE, HTTPie @FILE or < FILE), so a position inside the body points at the argument that names the file, not into the file itself.")
    public static let commandBodyChanged = FindingCode("command.body-changed", .warning, .capture,
        summary: "The command sends a body that differs from the request it was exported from.",
        explanation: "Some exports change the body on the way into the command: mitmproxy writes control characters (line feeds, tabs) as the text \\x0a, which curl -d and HTTPie send as four characters, and bash adds a line feed after a <<< here-string. The rebuilt request holds the bytes the command sends; a signature made over the original body cannot be checked against them. Export the flow as a raw request or HAR instead.")
    public static let commandVersionDependent = FindingCode("command.version-dependent", .info, .capture,
        summary: "What the tool sends here depends on its version.",
        explanation: "curl changed how it reads some inputs between versions: before 8.7.0, -d @FILE cut each line at a carriage return or a zero byte instead of dropping those bytes; curl's URL parser writes the percent-escapes of a -G query in lower case (7.x to 8.19) or upper case (8.20 and later). The rebuilt request follows the documented, current behaviour.")
    public static let commandItem = FindingCode("command.item", .error, .syntax,
        summary: "HTTPie refuses a request item of the command.",
        explanation: "HTTPie stops with an error and sends nothing: a `:=` value that is not JSON, a `Name;value` item (an empty header is `Name;`), a file field without --form, or a body from standard input, --raw or @FILE together with key=value items. Fix the item, or pass --ignore-stdin when the body should come from the items.")
    public static let commandHeaderDropped = FindingCode("command.header-dropped", .warning, .capture,
        summary: "The tool sends no header for this argument.",
        explanation: "curl sends a -H argument only when it has a colon after a name and a value after the colon ('Name: value'), or ends in a semicolon ('Name;' sends an empty header); 'Name:' with nothing after it removes a header instead. This argument is none of these, so curl drops it silently.")

    /// The codes reading command lines emits.
    public static let commandLineCodes: [FindingCode] = [
        .commandQuote, .commandOptionValue, .commandNoURL, .commandURL, .commandUnknownOption, .commandNotRebuilt,
        .commandFile, .commandStdin, .commandExpansion, .commandSkipped, .commandDefaultHeader, .commandBodyFile,
        .commandBodyChanged, .commandVersionDependent, .commandItem, .commandHeaderDropped,
    ]
}
