// Text formats for RSA public keys: PEM (RFC 7468), DKIM key records (RFC 6376
// section 3.6.1) and bare base64 DER, plus detection of which one an input is.

extension RSAPublicKey {
    /// Reads a public key from text in any supported format, detected from its shape:
    /// PEM (`-----BEGIN PUBLIC KEY-----` or `-----BEGIN RSA PUBLIC KEY-----`),
    /// a DKIM TXT record (plain or as quoted strings the way `dig` prints them),
    /// or bare base64 of DER (SubjectPublicKeyInfo or PKCS #1).
    public static func parse(_ text: String) -> Result<RSAPublicKey, KeyError> {
        let trimmed = RSAKeyText.trimmed(RSAKeyText.withoutByteOrderMark(text))
        if trimmed.isEmpty { return .failure(.unrecognizedFormat("the input is empty")) }
        if trimmed.contains("-----BEGIN") { return parsePEM(text) }
        if RSAKeyText.looksLikeDKIMRecord(trimmed) { return parseDKIMRecord(String(trimmed)) }
        guard let der = Base64.decode(trimmed, options: .ignoreWhitespace) else {
            return .failure(.unrecognizedFormat("expected PEM, a DKIM key record or base64 DER"))
        }
        return parseDER(der)
    }

    /// Reads a public key from bytes: DER when the first byte starts a SEQUENCE (0x30),
    /// otherwise UTF-8 text in any format `parse(_:)` for strings accepts.
    public static func parse(_ bytes: [UInt8]) -> Result<RSAPublicKey, KeyError> {
        if bytes.first == DERReader.Tag.sequence { return parseDER(bytes) }
        return parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Reads the first `PUBLIC KEY` (SubjectPublicKeyInfo) or `RSA PUBLIC KEY` (PKCS #1)
    /// block of PEM text (RFC 7468). Text outside the blocks, blocks with other labels,
    /// indentation and CRLF line ends are ignored.
    public static func parsePEM(_ text: String) -> Result<RSAPublicKey, KeyError> {
        let blocks: [RSAKeyText.PEMBlock]
        switch RSAKeyText.pemBlocks(String(RSAKeyText.withoutByteOrderMark(text))) {
        case .success(let found): blocks = found
        case .failure(let error): return .failure(error)
        }
        guard !blocks.isEmpty else { return .failure(.malformedPEM("no -----BEGIN line")) }
        guard let block = blocks.first(where: { $0.label == "PUBLIC KEY" || $0.label == "RSA PUBLIC KEY" }) else {
            return .failure(.unsupportedPEMLabel(blocks.map(\.label)))
        }
        guard let der = Base64.decode(block.body, options: .ignoreWhitespace) else {
            return .failure(.invalidBase64("the body of the PEM \(block.label) block"))
        }
        guard !der.isEmpty else { return .failure(.malformedPEM("the \(block.label) block is empty")) }
        return block.label == "PUBLIC KEY" ? parseSubjectPublicKeyInfo(der: der) : parsePKCS1(der: der)
    }

    /// Reads the RSA key of a DKIM key record (RFC 6376 section 3.6.1), e.g.
    /// `v=DKIM1; k=rsa; p=MIIB...`; see `DKIMKeyRecord.parse` for the rules.
    public static func parseDKIMRecord(_ text: String) -> Result<RSAPublicKey, KeyError> {
        DKIMKeyRecord.parse(text).map(\.key)
    }
}

/// A parsed DKIM public key record (RFC 6376 section 3.6.1) holding an RSA key.
public struct DKIMKeyRecord: Sendable, Equatable {
    /// Every tag of the record by name, values with surrounding whitespace removed.
    public let tags: [String: String]
    /// The public key from the p= tag.
    public let key: RSAPublicKey

    /// The hash algorithms allowed by the h= tag (e.g. ["sha256"]), or nil when all are allowed.
    public var acceptableHashAlgorithms: [String]? {
        tags["h"].map(DKIMKeyRecord.colonList)
    }

    /// The flags of the t= tag, e.g. ["y"] for a domain testing DKIM.
    public var flags: [String] {
        tags["t"].map(DKIMKeyRecord.colonList) ?? []
    }

    /// Whether the t= tag has the `y` flag: the domain is testing DKIM and failures should not be acted on.
    public var isTesting: Bool { flags.contains("y") }

    private static func colonList(_ value: String) -> [String] {
        value.split(separator: ":").map { String(RSAKeyText.trimmed($0)) }.filter { !$0.isEmpty }
    }

    /// Parses a DKIM key record.
    ///
    /// The record is a tag list: `name=value` pairs separated by `;`, with whitespace
    /// allowed around names and values (RFC 6376 section 3.2); empty entries are
    /// skipped and a repeated tag name is an error. If present, v= must come first
    /// and be `DKIM1`; k= defaults to `rsa`, the only type accepted; p= holds base64
    /// (whitespace inside is ignored) of a SubjectPublicKeyInfo or PKCS #1 key, and an
    /// empty p= means the key was revoked. The record may also be given as the quoted
    /// strings a DNS tool prints (`"v=DKIM1; k=rsa; " "p=MIIB..."`), optionally after
    /// the owner name, class and `TXT`; the strings are joined before parsing.
    public static func parse(_ text: String) -> Result<DKIMKeyRecord, KeyError> {
        let record: String
        switch RSAKeyText.joinQuotedStrings(String(RSAKeyText.withoutByteOrderMark(text))) {
        case .success(let joined): record = joined
        case .failure(let error): return .failure(error)
        }

        var tags: [String: String] = [:]
        var order: [String] = []
        for entry in record.split(separator: ";", omittingEmptySubsequences: false) {
            let trimmedEntry = RSAKeyText.trimmed(entry)
            if trimmedEntry.isEmpty { continue }
            guard let equals = trimmedEntry.firstIndex(of: "=") else {
                return .failure(.malformedDKIMRecord("\"\(trimmedEntry)\" is not of the form name=value"))
            }
            let name = String(RSAKeyText.trimmed(trimmedEntry[..<equals]))
            let value = String(RSAKeyText.trimmed(trimmedEntry[trimmedEntry.index(after: equals)...]))
            guard RSAKeyText.isTagName(name) else {
                return .failure(.malformedDKIMRecord("\"\(name)\" is not a valid tag name"))
            }
            guard tags[name] == nil else {
                return .failure(.malformedDKIMRecord("the tag \(name)= appears more than once"))
            }
            tags[name] = value
            order.append(name)
        }

        if let version = tags["v"] {
            guard order.first == "v" else { return .failure(.malformedDKIMRecord("v= must be the first tag")) }
            guard version == "DKIM1" else { return .failure(.unsupportedDKIMVersion(version)) }
        }
        let keyType = tags["k"] ?? "rsa"
        guard keyType == "rsa" else { return .failure(.unsupportedDKIMKeyType(keyType)) }
        guard let encodedKey = tags["p"] else { return .failure(.missingDKIMPublicKey) }
        guard encodedKey.contains(where: { !RSAKeyText.isWhitespace($0) }) else { return .failure(.revokedDKIMKey) }
        guard let der = Base64.decode(encodedKey, options: .ignoreWhitespace) else {
            return .failure(.invalidBase64("the DKIM p= value"))
        }
        return RSAPublicKey.parseDER(der).map { DKIMKeyRecord(tags: tags, key: $0) }
    }
}

/// Text helpers shared by the key formats.
enum RSAKeyText {
    /// One `-----BEGIN label-----` ... `-----END label-----` block.
    struct PEMBlock {
        let label: String
        let body: String
    }

    /// The text without a leading UTF-8 byte order mark, which some editors add.
    static func withoutByteOrderMark(_ text: String) -> Substring {
        text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
    }

    static func isWhitespace(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\n" || character == "\r" || character == "\r\n"
    }

    static func trimmed(_ text: Substring) -> Substring {
        guard let first = text.firstIndex(where: { !isWhitespace($0) }),
              let last = text.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        return text[first...last]
    }

    /// A DKIM tag name: a letter followed by letters, digits and underscores (RFC 6376 section 3.2).
    static func isTagName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Whether text reads as a DKIM record: quoted strings, a `;`, or a leading `name=`.
    static func looksLikeDKIMRecord(_ text: Substring) -> Bool {
        if text.contains("\"") || text.contains(";") { return true }
        guard let equals = text.firstIndex(of: "=") else { return false }
        let name = String(trimmed(text[..<equals]))
        // In bare base64 an `=` is padding at the very end, after hundreds of
        // characters, so a short tag name before the first `=` means a record.
        return isTagName(name) && name.count < 16
    }

    /// Splits PEM text into its blocks.
    static func pemBlocks(_ text: String) -> Result<[PEMBlock], KeyError> {
        var blocks: [PEMBlock] = []
        var openLabel: String? = nil
        var body = ""
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            let line = trimmed(rawLine)
            if let label = boundaryLabel(line, kind: "BEGIN") {
                if let open = openLabel {
                    return .failure(.malformedPEM("BEGIN \(label) inside the \(open) block"))
                }
                openLabel = label
                body = ""
            } else if let label = boundaryLabel(line, kind: "END") {
                guard let open = openLabel else {
                    return .failure(.malformedPEM("END \(label) without a BEGIN line"))
                }
                guard open == label else {
                    return .failure(.malformedPEM("the \(open) block ends with END \(label)"))
                }
                blocks.append(PEMBlock(label: label, body: body))
                openLabel = nil
            } else if openLabel != nil {
                body += line
            }
        }
        if let open = openLabel { return .failure(.malformedPEM("the \(open) block has no END line")) }
        return .success(blocks)
    }

    /// The label of a `-----BEGIN label-----` or `-----END label-----` line.
    private static func boundaryLabel(_ line: Substring, kind: String) -> String? {
        let prefix = "-----" + kind + " "
        guard line.hasPrefix(prefix), line.hasSuffix("-----"), line.count >= prefix.count + 5 else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(5))
    }

    /// Joins DNS-style quoted strings (`"a" "b"` -> `ab`), handling `\"`, `\\` and `\DDD`
    /// escapes, with whitespace and zone-file parentheses allowed between them. Text that
    /// neither starts with a quote nor is a `... TXT "..."` answer line is returned
    /// unchanged (a quote may appear inside a plain record, e.g. in its n= notes).
    static func joinQuotedStrings(_ text: String) -> Result<String, KeyError> {
        let scalars = Array(text.unicodeScalars)
        guard let firstQuote = scalars.firstIndex(of: "\"") else { return .success(text) }
        let prefix = String(String.UnicodeScalarView(scalars[..<firstQuote]))
        let prefixWords = prefix.split(whereSeparator: { isWhitespace($0) || $0 == "(" })
        let isAnswerLine = prefixWords.last.map { $0.uppercased() == "TXT" } ?? false
        guard prefixWords.isEmpty || isAnswerLine else { return .success(text) }

        var output = String.UnicodeScalarView()
        var index = firstQuote
        var inside = false
        while index < scalars.count {
            let scalar = scalars[index]
            if inside {
                if scalar == "\"" {
                    inside = false
                } else if scalar == "\\" {
                    index += 1
                    guard index < scalars.count else { break }
                    let next = scalars[index]
                    if ("0"..."9").contains(next) {
                        // \DDD: a byte given as three decimal digits.
                        guard index + 2 < scalars.count,
                              let value = UInt8(String(String.UnicodeScalarView(scalars[index...(index + 2)]))) else {
                            return .failure(.malformedDKIMRecord("bad \\DDD escape in a quoted string"))
                        }
                        output.append(Unicode.Scalar(value))
                        index += 2
                    } else {
                        output.append(next)
                    }
                } else {
                    output.append(scalar)
                }
            } else if scalar == "\"" {
                inside = true
            } else if !(isWhitespace(Character(scalar)) || scalar == "(" || scalar == ")") {
                return .failure(.malformedDKIMRecord("text outside the quoted strings"))
            }
            index += 1
        }
        if inside { return .failure(.malformedDKIMRecord("a quoted string is not closed")) }
        return .success(String(output))
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self)
    }
}
