import HookCheckModel

/// Codes any sender's validation may emit.
extension FindingCode {
    public static let unknownEvent = FindingCode("vendor.unknown-event", .warning, .sender,
        summary: "An event the vendor does not document.",
        explanation: "The sender was recognized, but its event name is not in the catalogue ('hookcheck vendors SENDER' lists them): a typo in a fixture, or an event added after the documentation hookcheck follows. The payload is checked only against what every event shares.")
    public static let deprecatedEvent = FindingCode("vendor.deprecated-event", .info, .sender,
        summary: "An event the vendor has deprecated.",
        explanation: "The sender still sends this event but documents a replacement; the message names it.")

    /// The codes shared by every sender's validation.
    public static let senderCodes: [FindingCode] = [.unknownEvent, .deprecatedEvent]
}
