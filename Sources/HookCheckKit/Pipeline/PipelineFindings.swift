import HookCheckModel

/// Codes of the pipeline itself: which sender, what body, how old, what was expected.
extension FindingCode {
    public static let unknownSender = FindingCode("vendor.unknown", .error, .sender,
        summary: "No known sender matched.",
        explanation: "Neither the headers nor the body's shape match a sender hookcheck knows ('hookcheck vendors' lists them). Name the sender with --vendor ID to validate the payload as that sender's.")
    public static let emptyBody = FindingCode("body.empty", .error, .syntax,
        summary: "The request has no body.",
        explanation: "Every webhook delivery carries a payload. An empty body usually means the capture lost it (curl -v shows headers only) or the request was not a delivery.")
    public static let unrecognizedBody = FindingCode("body.unrecognized", .error, .syntax,
        summary: "The body is neither JSON nor a form.",
        explanation: "The senders hookcheck knows post JSON or application/x-www-form-urlencoded bodies; this body is neither (binary data, XML, plain text).")
    public static let staleDelivery = FindingCode("delivery.stale", .warning, .sender,
        summary: "The event is older than --max-age.",
        explanation: "The event's own time is further before --now (or the clock) than --max-age allows: a replayed or long-delayed delivery, or an old fixture checked with --max-age.")
    public static let futureDelivery = FindingCode("delivery.future", .warning, .sender,
        summary: "The event is later than --now.",
        explanation: "The event's time is more than --max-age after --now: the sender's clock or the --now given is off.")
    public static let duplicateDelivery = FindingCode("delivery.duplicate", .warning, .sender,
        summary: "Two files in one lint run carry the same delivery id.",
        explanation: "Senders give every delivery its own id (an EventId in the body, a webhook-id or X-GitHub-Delivery header). Two fixtures with one id were usually copied from one delivery and edited; the case the copy was meant to cover may be missing. Give each fixture its own delivery, or its own id.")
    public static let expectVendor = FindingCode("lint.expect-vendor", .error, .expectation,
        summary: "The request is not from the vendor --expect-vendor names.",
        explanation: "lint --expect-vendor ID requires every request to be detected as that sender's; this one was detected as another's, or as none.")
    public static let expectEvent = FindingCode("lint.expect-event", .error, .expectation,
        summary: "The request is not the event --expect-event names.",
        explanation: "lint --expect-event NAME requires every request to be that event; this one is another event, or has none.")

    /// The codes the pipeline emits.
    public static let pipelineCodes: [FindingCode] = [.unknownSender, .emptyBody, .unrecognizedBody, .staleDelivery, .futureDelivery,
                                                      .duplicateDelivery, .expectVendor, .expectEvent]
}
