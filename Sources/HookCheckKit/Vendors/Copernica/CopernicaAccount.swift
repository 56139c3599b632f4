import HookCheckModel

/// The account an `X-Copernica-ID` header names. Copernica's pages write it several ways:
/// `account-1234` (Publisher/en/webhook-security.md), `account_<id>` (Publisher/en/callbacks-security.md),
/// `Account_1234` (the id Publisher/nl/signature-header.md hands its library), and SMTPeter's
/// `environment-1234` (SMTPeter/en/webhook-security.md) and `environment_1234` (the same page
/// until Documentation commit a1efa693, June 2019).
struct CopernicaAccount: Equatable {
    /// `account` or `environment`, lower-cased.
    var kind: String
    var number: String
    /// How it was written, the number left out: `account_N`, `Account_N`, `environment-N`.
    var form: String

    init?(_ text: String) {
        let trimmed = text.trimmingBlanks
        guard let separator = trimmed.firstIndex(where: { $0 == "-" || $0 == "_" }) else { return nil }
        let prefix = trimmed[..<separator]
        let number = trimmed[trimmed.index(after: separator)...]
        guard ["account", "environment"].contains(prefix.lowercased()), !number.isEmpty, number.allSatisfy(\.isASCIIDigit) else {
            return nil
        }
        kind = prefix.lowercased()
        self.number = String(number)
        form = "\(prefix)\(trimmed[separator])N"
    }

    /// Whether `--account VALUE` names this account: a bare number matches any form; a written-out
    /// one must also be of the same kind (an account is not an environment).
    func matches(_ expected: String) -> Bool {
        let trimmed = expected.trimmingBlanks
        if !trimmed.isEmpty, trimmed.allSatisfy(\.isASCIIDigit) { return trimmed == number }
        guard let other = CopernicaAccount(trimmed) else { return false }
        return other.kind == kind && other.number == number
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
