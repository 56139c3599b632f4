import HookCheckModel

/// The codes of reading text captures (tshark follow, tcpdump, socat, debug output...).
extension FindingCode {
    public static let captureDamaged = FindingCode("capture.damaged", .warning, .capture,
        summary: "The text capture is damaged where it was read.",
        explanation: "A length line is not a number, the file ends before the bytes a length announced, an escape in a printed bytes literal is not one the tool writes, or a hex line is out of step with its offset. Reading stops there: the requests before the damage are read, the one it cuts is reported as cut. Capture again, or copy the whole output (a terminal's scrollback often drops the start or the end).")

    /// The codes reading text captures emits (beside `inputCodes`).
    public static let textDumpCodes: [FindingCode] = [.captureDamaged]
}
