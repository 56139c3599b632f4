import HookCheckModel

/// One argument as bash hands it to the program, and where each of its bytes came from.
struct ShellWord {
    /// The argument's bytes, quotes removed and escapes applied.
    var bytes: [UInt8] = []
    /// For each byte, the offset in the command file of the character that produced it.
    var offsets: [Int] = []
    /// Offset of the word's first character in the command file (an opening quote included).
    var start: Int
    /// Offset just past its last character.
    var end: Int

    init(start: Int, end: Int? = nil) {
        self.start = start
        self.end = end ?? start
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The offset of byte `index`, or of the word's end for an index past it.
    func offset(_ index: Int) -> Int { index < offsets.count ? offsets[index] : end }

    mutating func append(_ byte: UInt8, at offset: Int) {
        bytes.append(byte)
        offsets.append(offset)
    }

    /// The bytes in `range`, each at its own offset.
    func sourced(_ range: Range<Int>) -> SourcedBytes {
        var out = SourcedBytes()
        out.append(copied: Array(bytes[range]), offsets: Array(offsets[range]))
        return out
    }

    var sourced: SourcedBytes { sourced(0..<bytes.count) }

    /// The word from byte `index` on (a value glued to its option, as in -XPOST).
    func dropFirst(_ count: Int) -> ShellWord {
        var word = ShellWord(start: offset(count), end: end)
        word.bytes = Array(bytes[min(count, bytes.count)...])
        word.offsets = Array(offsets[min(count, offsets.count)...])
        return word
    }
}

/// Where a command's standard input comes from.
enum ShellInput {
    /// `< FILE`.
    case file(ShellWord)
    /// A here-string `<<< WORD` (bash adds a line feed) or a here-document's body.
    case text(ShellWord, hereString: Bool)
}

/// One simple command: its words and its standard input.
struct ShellCommand {
    var words: [ShellWord] = []
    var stdin: ShellInput?
}

/// A command file read as bash reads it: words split on blanks, quotes removed, escapes applied,
/// commands ended by a line feed, `;`, `&`, `|`, `&&` or `||`. Not done: expansions (`$VAR`,
/// `$(...)`, globs, braces, `~`) are kept as written and reported; Windows cmd's `^` line
/// continuations ("Copy as cURL (cmd)") are not read. A CR before a line feed outside quotes is
/// taken as part of the line break, so files saved with CRLF read the same.
struct ShellScript {
    var commands: [ShellCommand] = []
    var findings: [Finding] = []

    init(_ bytes: [UInt8], text: SourceText) {
        var parser = ShellParser(bytes: bytes, text: text)
        parser.run()
        commands = parser.commands.filter { !$0.words.isEmpty }
        findings = parser.findings
    }
}

private let space: UInt8 = 0x20, tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
private let backslash = UInt8(ascii: "\\"), singleQuote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\"")
private let dollar = UInt8(ascii: "$"), backquote = UInt8(ascii: "`")

private struct ShellParser {
    let bytes: [UInt8]
    let text: SourceText
    var index = 0
    var commands: [ShellCommand] = []
    var current = ShellCommand()
    var findings: [Finding] = []
    /// Here-documents opened on the current line, read after its line feed: the command they feed.
    var pendingHeredocs: [(command: Int, delimiter: [UInt8], stripTabs: Bool, expands: Bool)] = []

    init(bytes: [UInt8], text: SourceText) {
        self.bytes = bytes
        self.text = text
    }

    func byte(_ at: Int) -> UInt8? { at < bytes.count ? bytes[at] : nil }

    /// A line break at `at`: LF, or CR LF; its length.
    func lineBreak(_ at: Int) -> Int? {
        if byte(at) == lf { return 1 }
        if byte(at) == cr, byte(at + 1) == lf { return 2 }
        return nil
    }

    static func isOperator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "<"), UInt8(ascii: ">"),
             UInt8(ascii: "("), UInt8(ascii: ")"): true
        default: false
        }
    }

    mutating func run() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == space || byte == tab {
                index += 1
            } else if let length = lineBreak(index) {
                index += length
                endCommand()
                readHeredocBodies()
            } else if byte == backslash, let length = lineBreak(index + 1) {
                index += 1 + length
            } else if byte == UInt8(ascii: "#") {
                while index < bytes.count, lineBreak(index) == nil { index += 1 }
            } else if byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                        || (byte == UInt8(ascii: "&") && self.byte(index + 1) == UInt8(ascii: ">")) {
                redirection()
            } else if Self.isOperator(byte) {
                while index < bytes.count, Self.isOperator(bytes[index]), bytes[index] != UInt8(ascii: "<"),
                      bytes[index] != UInt8(ascii: ">") { index += 1 }
                endCommand()
            } else if let digitsEnd = fdPrefix() {
                index = digitsEnd
                redirection()
            } else {
                guard let word = readWord() else { return }
                current.words.append(word)
            }
        }
        endCommand()
    }

    mutating func endCommand() {
        commands.append(current)
        current = ShellCommand()
    }

    /// Digits right before `<` or `>` name a file descriptor (`2>/dev/null`): where they end.
    func fdPrefix() -> Int? {
        var at = index
        while let byte = byte(at), ASCII.isDigit(byte) { at += 1 }
        guard at > index, let next = byte(at), next == UInt8(ascii: "<") || next == UInt8(ascii: ">") else { return nil }
        return at
    }

    mutating func redirection() {
        func starts(_ text: String) -> Bool {
            let op = Array(text.utf8)
            return index + op.count <= bytes.count && Array(bytes[index..<index + op.count]) == op
        }
        if starts("<<<") {
            index += 3
            guard var word = target() else { return }
            word.append(lf, at: max(word.start, word.end - 1))
            current.stdin = .text(word, hereString: true)
        } else if starts("<<") {
            let stripTabs = starts("<<-")
            index += stripTabs ? 3 : 2
            let rawStart = index
            guard let word = target() else { return }
            let raw = bytes[rawStart..<index]
            let quoted = raw.contains(singleQuote) || raw.contains(doubleQuote) || raw.contains(backslash)
            pendingHeredocs.append((commands.count, word.bytes, stripTabs, !quoted))
        } else if starts("<&") || starts(">&") || starts("<>") {
            index += 2
            _ = target()
        } else if starts("<") {
            index += 1
            if let word = target() { current.stdin = .file(word) }
        } else {
            // Output: >, >>, >|, &>, &>>; the target is not needed.
            while let byte = byte(index), byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "|") {
                index += 1
            }
            _ = target()
        }
    }

    /// The word a redirection names.
    mutating func target() -> ShellWord? {
        while let byte = byte(index), byte == space || byte == tab { index += 1 }
        guard let byte = byte(index), lineBreak(index) == nil, !Self.isOperator(byte) else { return nil }
        return readWord()
    }

    mutating func readHeredocBodies() {
        let pending = pendingHeredocs
        pendingHeredocs = []
        for heredoc in pending {
            var body = ShellWord(start: index)
            while index < bytes.count {
                var lineStart = index
                var lineEnd = index
                while lineEnd < bytes.count, bytes[lineEnd] != lf { lineEnd += 1 }
                let next = min(lineEnd + 1, bytes.count)
                if heredoc.stripTabs { while lineStart < lineEnd, bytes[lineStart] == tab { lineStart += 1 } }
                var content = bytes[lineStart..<lineEnd]
                if content.last == cr { content = content.dropLast() }
                if Array(content) == heredoc.delimiter {
                    index = next
                    break
                }
                for at in lineStart..<next { body.append(bytes[at], at: at) }
                index = next
            }
            body.end = index
            if heredoc.expands, let at = body.bytes.firstIndex(where: { $0 == dollar || $0 == backquote }) {
                expansionFinding(at: body.offsets[at])
            }
            if heredoc.command < commands.count { commands[heredoc.command].stdin = .text(body, hereString: false) }
        }
    }

    // MARK: Words

    /// One word, up to an unquoted blank, line break or operator; nil when a quote is never closed.
    mutating func readWord() -> ShellWord? {
        var word = ShellWord(start: index)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == space || byte == tab || lineBreak(index) != nil || Self.isOperator(byte) { break }
            switch byte {
            case singleQuote:
                guard singleQuoted(&word) else { return nil }
            case doubleQuote:
                guard doubleQuoted(&word) else { return nil }
            case dollar where self.byte(index + 1) == singleQuote:
                guard ansiCQuoted(&word) else { return nil }
            case dollar where self.byte(index + 1) == doubleQuote:
                // $"..." is translated by the locale; without a catalogue it is "...".
                index += 1
                guard doubleQuoted(&word) else { return nil }
            case dollar:
                expansion(&word)
            case backquote:
                guard commandSubstitution(&word) else { return nil }
            case backslash:
                if let length = lineBreak(index + 1) {
                    index += 1 + length
                } else if index + 1 < bytes.count {
                    word.append(bytes[index + 1], at: index + 1)
                    index += 2
                } else {
                    word.append(byte, at: index)
                    index += 1
                }
            default:
                word.append(byte, at: index)
                index += 1
            }
        }
        word.end = index
        return word
    }

    mutating func unbalanced(_ open: Int, _ kind: String) -> Bool {
        findings.append(Finding(.commandQuote,
            "the \(kind) opened here is never closed; this command and the rest of the file are not read",
            at: text.position(ofOffset: open)))
        current = ShellCommand()
        pendingHeredocs = []
        index = bytes.count
        return false
    }

    mutating func singleQuoted(_ word: inout ShellWord) -> Bool {
        let open = index
        guard let close = bytes[(open + 1)...].firstIndex(of: singleQuote) else { return unbalanced(open, "single quote") }
        for at in (open + 1)..<close { word.append(bytes[at], at: at) }
        index = close + 1
        return true
    }

    mutating func doubleQuoted(_ word: inout ShellWord) -> Bool {
        let open = index
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case doubleQuote:
                index += 1
                return true
            case backslash:
                // Inside double quotes a backslash escapes only $ ` " \ and the line break.
                if let length = lineBreak(index + 1) {
                    index += 1 + length
                } else if let next = self.byte(index + 1), [dollar, backquote, doubleQuote, backslash].contains(next) {
                    word.append(next, at: index + 1)
                    index += 2
                } else {
                    word.append(byte, at: index)
                    index += 1
                }
            case dollar:
                expansion(&word)
            case backquote:
                guard commandSubstitution(&word) else { return false }
            default:
                word.append(byte, at: index)
                index += 1
            }
        }
        return unbalanced(open, "double quote")
    }

    /// bash's `$'...'`: backslash escapes as in C, `\xHH`, `\uHHHH`, `\UHHHHHHHH`, `\NNN` octal, `\cX`.
    mutating func ansiCQuoted(_ word: inout ShellWord) -> Bool {
        let open = index
        index += 2
        while index < bytes.count {
            let byte = bytes[index]
            if byte == singleQuote {
                index += 1
                return true
            }
            guard byte == backslash, let escape = self.byte(index + 1) else {
                word.append(byte, at: index)
                index += 1
                continue
            }
            let at = index
            index += 2
            for out in ansiCEscape(escape) { word.append(out, at: at) }
        }
        return unbalanced(open, "$'...' quote")
    }

    /// The bytes one `$'...'` escape stands for; `index` is just past the escape letter.
    mutating func ansiCEscape(_ escape: UInt8) -> [UInt8] {
        switch escape {
        case UInt8(ascii: "a"): return [0x07]
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "e"), UInt8(ascii: "E"): return [0x1B]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "n"): return [lf]
        case UInt8(ascii: "r"): return [cr]
        case UInt8(ascii: "t"): return [tab]
        case UInt8(ascii: "v"): return [0x0B]
        case backslash, singleQuote, doubleQuote, UInt8(ascii: "?"): return [escape]
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = UInt32(escape - 0x30)
            for _ in 0..<2 {
                guard let digit = byte(index), digit >= 0x30, digit <= 0x37 else { break }
                value = value * 8 + UInt32(digit - 0x30)
                index += 1
            }
            return [UInt8(truncatingIfNeeded: value)]
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let limit = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            var digits = 0
            while digits < limit, let next = byte(index), let digit = ASCII.hexValue(next) {
                value = value << 4 | UInt32(digit)
                index += 1
                digits += 1
            }
            guard digits > 0 else { return [backslash, escape] }
            if escape == UInt8(ascii: "x") { return [UInt8(value)] }
            guard let scalar = Unicode.Scalar(value) else { return [backslash, escape] }
            return Array(String(Character(scalar)).utf8)
        case UInt8(ascii: "c"):
            guard let next = byte(index) else { return [backslash, escape] }
            index += 1
            return [next & 0x1F]
        default:
            return [backslash, escape]
        }
    }

    /// `$NAME`, `${...}`, `$(...)`, `$((...))`: kept as written, and reported.
    mutating func expansion(_ word: inout ShellWord) {
        let start = index
        var end = index + 1
        if let next = byte(end) {
            if next == UInt8(ascii: "{") || next == UInt8(ascii: "(") {
                let close = next == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
                var depth = 0
                var at = end
                while at < bytes.count {
                    if bytes[at] == next { depth += 1 } else if bytes[at] == close { depth -= 1; if depth == 0 { break } }
                    at += 1
                }
                end = at < bytes.count ? at + 1 : end
            } else if next == UInt8(ascii: "_") || ASCII.lowercased(next) &- 0x61 < 26 {
                while let byte = byte(end), byte == UInt8(ascii: "_") || ASCII.isDigit(byte) || ASCII.lowercased(byte) &- 0x61 < 26 {
                    end += 1
                }
            } else if Array("@*#?$!-0123456789".utf8).contains(next) {
                end += 1
            }
        }
        for at in start..<end { word.append(bytes[at], at: at) }
        if end > start + 1 { expansionFinding(at: start) }
        index = end
    }

    /// `` `command` ``: kept as written, and reported.
    mutating func commandSubstitution(_ word: inout ShellWord) -> Bool {
        let open = index
        guard let close = bytes[(open + 1)...].firstIndex(of: backquote) else { return unbalanced(open, "backquote") }
        for at in open...close { word.append(bytes[at], at: at) }
        expansionFinding(at: open)
        index = close + 1
        return true
    }

    mutating func expansionFinding(at offset: Int) {
        findings.append(Finding(.commandExpansion, "the shell would expand this; it is kept as written",
                                at: text.position(ofOffset: offset)))
    }
}
