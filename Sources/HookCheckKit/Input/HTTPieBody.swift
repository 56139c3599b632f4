import HookCheckModel

/// HTTPie's request items sorted into headers, query parameters and data, and the body they make
/// (httpie/cli/requestitems.py, client.py's make_request_kwargs).
extension HTTPieRequestBuilder {
    struct RequestParts {
        var headers: [Header] = []
        var params: [(key: ShellWord, value: SourcedBytes)] = []
        /// JSON members: a repeated key keeps its first place and takes the last value.
        var json: [(key: ShellWord, value: HTTPieJSON.Value)] = []
        var fields: [(key: ShellWord, value: SourcedBytes)] = []
        /// `@FILE` with no field name: the raw body.
        var fileBody: ShellWord?
    }

    /// The body and what HTTPie's defaults depend on.
    struct Body {
        /// Nil when requests sends no body (none given, or an empty one).
        var bytes: SourcedBytes?
        /// Whether HTTPie's `args.data` is set: it decides the JSON default headers.
        var hasData: Bool
        /// Stdin or --raw text, to check for what an export did to the body.
        var input: (bytes: SourcedBytes, hereString: Bool, anchor: Int)?
        var fileName: [UInt8]?
    }

    mutating func parts(_ items: [HTTPieCommand.Item]) -> RequestParts? {
        var parts = RequestParts()
        for item in items {
            switch item.separator {
            case ":":
                let value = trimmed(item.value.sourced)
                parts.headers.append((item.key, value.isEmpty ? nil : value))
            case ";":
                guard item.value.bytes.isEmpty else {
                    note(.commandItem, "'\(item.word.text)': an empty header is written 'Name;' with nothing after it", at: item.word.start)
                    return nil
                }
                parts.headers.append((item.key, SourcedBytes()))
            case ":@", "==@":
                guard let text = fileText(item) else { return nil }
                var value = Array(text.reversed().drop { $0 == 0x0A }.reversed())
                if item.separator == ":@" { value = Array(value.trimmingASCIIWhitespace) }
                let sourced = SourcedBytes(made: value, at: item.value.start)
                if item.separator == ":@" { parts.headers.append((item.key, sourced)) } else { parts.params.append((item.key, sourced)) }
            case "==":
                parts.params.append((item.key, item.value.sourced))
            case "=", "=@":
                var value = item.value
                if item.separator == "=@" {
                    guard let text = fileText(item) else { return nil }
                    value = ShellWord(sourced: SourcedBytes(made: text, at: item.value.start))
                }
                if form { parts.fields.append((item.key, value.sourced)) } else if !setJSON(&parts, item, .text(value)) { return nil }
            case ":=", ":=@":
                var text = item.value.bytes
                if item.separator == ":=@" {
                    guard let file = fileText(item) else { return nil }
                    text = file
                }
                guard case .success(let document) = JSONParser().parse(text) else {
                    note(.commandItem, "'\(item.word.text)': the value after := is not JSON", at: item.value.start)
                    return nil
                }
                let value = JSONValue(document, document.root)
                if form {
                    guard let field = formScalar(value) else {
                        note(.commandItem, "'\(item.word.text)': --form takes only a string, number or boolean from :=", at: item.value.start)
                        return nil
                    }
                    parts.fields.append((item.key, SourcedBytes(made: field, at: item.value.start)))
                } else if !setJSON(&parts, item, .json(value, anchor: item.value.start)) {
                    return nil
                }
            default: // "@": a file to upload
                if form {
                    note(.commandNotRebuilt, "a file field makes a multipart body with a random boundary; the request is not rebuilt", at: item.word.start)
                    return nil
                }
                guard item.key.bytes.isEmpty, parts.fileBody == nil else {
                    note(.commandItem, "'\(item.word.text)': file fields need --form; the body from a file is '@FILE' alone", at: item.word.start)
                    return nil
                }
                parts.fileBody = item.value
            }
        }
        if arguments.flags.contains("multipart") {
            note(.commandNotRebuilt, "--multipart makes a multipart body with a random boundary; the request is not rebuilt", at: arguments.tool.start)
            return nil
        }
        return parts
    }

    /// A JSON member; keys with HTTPie 3's nested-JSON syntax (`a[b]`, `a[]`) are not rebuilt.
    mutating func setJSON(_ parts: inout RequestParts, _ item: HTTPieCommand.Item, _ value: HTTPieJSON.Value) -> Bool {
        if item.key.bytes.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "\\") }) {
            note(.commandNotRebuilt, "'\(item.key.text)' uses HTTPie's nested-JSON key syntax, which is not rebuilt", at: item.key.start)
            return false
        }
        if let index = parts.json.firstIndex(where: { $0.key.bytes == item.key.bytes }) {
            parts.json[index].value = value
        } else {
            parts.json.append((item.key, value))
        }
        return true
    }

    /// What Python's `str()` makes of a scalar JSON value, as --form sends it.
    func formScalar(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .number(let text): HTTPieJSON.number(text)
        case .bool(let flag): flag ? "True" : "False"
        case .null, .array, .object: nil
        }
    }

    mutating func fileText(_ item: HTTPieCommand.Item) -> [UInt8]? {
        context.read(item.value.bytes, at: item.value.start, findings: &findings, otherwise: "HTTPie stops here")
    }

    /// Python's `str.strip()` on a header value.
    func trimmed(_ value: SourcedBytes) -> SourcedBytes {
        let bytes = value.bytes
        let isSpace = { (byte: UInt8) in byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return SourcedBytes()
        }
        let word = ShellWord(sourced: value)
        return word.sourced(first..<last + 1)
    }

    /// The body from the one source HTTPie allows: --raw, standard input, `@FILE`, or the items.
    mutating func body(_ parts: inout RequestParts, method: String, at anchor: Int) -> Body? {
        let hasItems = !parts.json.isEmpty || !parts.fields.isEmpty
        let raw = arguments.options["raw"]
        if (raw != nil || stdin != nil) && (hasItems || parts.fileBody != nil) || (raw != nil && stdin != nil) {
            note(.commandItem, "HTTPie refuses a body from standard input, --raw or @FILE together with data items; pass --ignore-stdin to keep the items",
                 at: parts.json.first?.key.start ?? parts.fields.first?.key.start ?? (raw ?? parts.fileBody)?.start ?? anchor)
            return nil
        }
        if let file = parts.fileBody {
            guard let bytes = context.read(file.bytes, at: file.start, findings: &findings, otherwise: "HTTPie stops here") else { return nil }
            note(.commandBodyFile, "the body comes from '\(file.text)'; positions in it point at this argument", at: file.start)
            return Body(bytes: bytes.isEmpty ? nil : SourcedBytes(made: bytes, at: file.start), hasData: true, fileName: file.bytes)
        }
        if let raw {
            return Body(bytes: raw.bytes.isEmpty ? nil : raw.sourced, hasData: !raw.bytes.isEmpty, input: (raw.sourced, false, raw.start))
        }
        if stdin != nil {
            guard let input = context.standardInput(stdin, at: anchor, findings: &findings) else { return nil }
            return Body(bytes: input.bytes.isEmpty ? nil : input.bytes, hasData: true, input: (input.bytes, input.hereString, input.anchor))
        }
        if form {
            var encoded = SourcedBytes()
            for (index, field) in grouped(parts.fields).enumerated() {
                if index > 0 { encoded.append(made: "&", at: field.key.start) }
                encoded.append(formEncode(field.key.sourced))
                encoded.append(made: "=", at: field.key.end)
                encoded.append(formEncode(field.value))
            }
            return Body(bytes: encoded.isEmpty ? nil : encoded, hasData: !parts.fields.isEmpty)
        }
        guard let first = parts.json.first else { return Body(bytes: nil, hasData: false) }
        return Body(bytes: HTTPieJSON.object(parts.json, at: first.key.start), hasData: true)
    }
}
