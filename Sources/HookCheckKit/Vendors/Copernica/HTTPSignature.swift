import HookCheckCrypto
import HookCheckModel

/// The `Signature` header of draft-cavage-http-signatures: `keyId`, `algorithm`, `headers` and
/// `signature` parameters, comma-separated, values in double quotes.
public struct HTTPSignatureHeader: Sendable, Equatable {
    public var keyId: String?
    public var algorithm: String?
    /// Lower-cased names, in signing order; `date` when the parameter is absent (the draft's default).
    public var headers: [String]
    public var signature: String?

    public init?(_ text: String) {
        var parameters: [String: String] = [:]
        var rest = Substring(text)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingBlanks
            rest = rest[rest.index(after: equals)...]
            var value: String
            if rest.first == "\"" {
                rest = rest.dropFirst()
                guard let close = rest.firstIndex(of: "\"") else { return nil }
                value = String(rest[..<close])
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = String(rest[..<end]).trimmingBlanks
                rest = rest[end...]
            }
            parameters[name] = value
            value = ""
        }
        guard !parameters.isEmpty else { return nil }
        keyId = parameters["keyId"]
        algorithm = parameters["algorithm"]
        signature = parameters["signature"]
        headers = (parameters["headers"] ?? "date").split(separator: " ").map { $0.lowercased() }
    }

    /// The signing string: one `name: value` line per covered header, joined by LF.
    /// `(request-target)` is the lower-cased method and the request target.
    public static func signingString(headers names: [String], request: RequestDump) -> Result<String, SigningStringError> {
        var lines: [String] = []
        for name in names {
            if name == "(request-target)" {
                guard let method = request.method, let target = request.target else {
                    return .failure(SigningStringError(message: "the signature covers (request-target), but the input has no request line"))
                }
                lines.append("(request-target): \(method.lowercased()) \(target)")
                continue
            }
            let values = request.headerValues(name)
            guard !values.isEmpty else {
                return .failure(SigningStringError(message: "the signature covers the \(name) header, which the request does not have"))
            }
            lines.append("\(name): " + values.map { $0.trimmingBlanks }.joined(separator: ", "))
        }
        return .success(lines.joined(separator: "\n"))
    }
}

/// Why a signing string cannot be built.
public struct SigningStringError: Error, Sendable, Equatable {
    public var message: String
}

/// RFC 3230 `Digest: SHA-256=<base64>[, SHA-512=<base64>]`.
public enum InstanceDigest {
    public enum Outcome: Equatable, Sendable {
        case matches(algorithm: String)
        case mismatch(algorithm: String)
        /// No algorithm hookcheck knows.
        case unsupported(String)
        case malformed
    }

    public static func check(_ header: String, body: [UInt8]) -> Outcome {
        var outcome: Outcome = .malformed
        for part in header.split(separator: ",") {
            let item = part.trimmingBlanks
            // The value is base64 and may itself contain '=': split at the first one only.
            guard let equals = item.firstIndex(of: "=") else { continue }
            let algorithm = String(item[..<equals])
            let value = String(item[item.index(after: equals)...])
            let digest: [UInt8]
            switch algorithm.uppercased() {
            case "SHA-256": digest = SHA256.hash(body)
            case "SHA-512": digest = SHA512.hash(body)
            case "SHA": digest = SHA1.hash(body)
            default:
                if case .malformed = outcome { outcome = .unsupported(algorithm) }
                continue
            }
            guard let expected = Base64.decode(value) else {
                outcome = .mismatch(algorithm: algorithm)
                continue
            }
            if !ConstantTime.equals(digest, expected) { return .mismatch(algorithm: algorithm) }
            outcome = .matches(algorithm: algorithm)
        }
        return outcome
    }
}

/// `Date` header values: IMF-fixdate (RFC 9110), RFC 850, asctime, and RFC 822's numeric zones
/// and two-digit years.
public enum HTTPDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Milliseconds since 1970, or nil.
    public static func parse(_ text: String) -> Int64? {
        let words = text.replacingAll(",", with: " ").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var day: Int?, month: Int?, year: Int?, time: (Int, Int, Int)?, offset = 0
        for word in words {
            let lower = word.lowercased()
            if let index = months.firstIndex(of: String(lower.prefix(3))), lower.count >= 3, Int(lower) == nil,
               lower.count == 3 || lower.hasPrefix(months[index]) {
                month = index + 1
            } else if lower.contains("-"), lower.split(separator: "-").count == 3, !lower.hasPrefix("-") {
                // RFC 850: 06-Nov-94
                let parts = lower.split(separator: "-")
                day = Int(parts[0])
                month = months.firstIndex(of: String(parts[1].prefix(3))).map { $0 + 1 }
                year = Int(parts[2])
            } else if lower.contains(":") {
                let parts = lower.split(separator: ":").compactMap { Int($0) }
                guard parts.count == 3, parts.allSatisfy({ $0 >= 0 }) else { return nil }
                time = (parts[0], parts[1], parts[2])
            } else if (lower.hasPrefix("+") || lower.hasPrefix("-")), lower.count == 5, let value = Int(lower.dropFirst()) {
                guard value / 100 <= 14, value % 100 < 60 else { return nil }
                offset = (value / 100 * 60 + value % 100) * 60 * (lower.hasPrefix("-") ? -1 : 1)
            } else if let number = Int(lower) {
                if lower.count == 4 {
                    year = number
                } else if day == nil {
                    day = number
                } else {
                    year = number
                }
            }
        }
        guard let day, let month, var year, let (hour, minute, second) = time, (0...9999).contains(year),
              hour < 24, minute < 60, second < 61, day >= 1, day <= Timestamps.daysInMonth(year < 100 ? year + 2000 : year, month) else {
            return nil
        }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        let seconds = Timestamps.daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Int64(seconds) * 1000
    }
}
