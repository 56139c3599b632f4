import HookCheckModel

/// Every sender hookcheck knows, in detection order: adding one is its folder and a line here.
public enum SenderRegistry {
    public static let all: [any Sender] = [DriftSender(), SuperOfficeSender(), CopernicaSender(), CloudCXSender()]

    public static func sender(id: String) -> (any Sender)? {
        all.first { $0.id == id }
    }

    /// The senders `sign` can produce a credential for.
    public static var signers: [any Sender] { all.filter { $0.signer != nil } }

    /// Every sender's own options.
    public static var options: [SenderOption] { all.flatMap(\.options) }
}
