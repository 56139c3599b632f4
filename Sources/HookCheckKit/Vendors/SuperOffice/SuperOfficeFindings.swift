import HookCheckModel

extension FindingCode {
    static let superOfficeEventMismatch = FindingCode("superoffice.event-mismatch", .error, .sender,
        summary: "The X-SuperOffice-Event header differs from the body's Event.",
        explanation: "SuperOffice names the event twice, in the X-SuperOffice-Event header and the body's Event; they agree on every delivery, but for the webhook state events, whose header names the subscription (webhook123.started) and whose Event is webhook.started. A difference means the headers and the body come from two deliveries.")
    static let superOfficeEventIdMismatch = FindingCode("superoffice.eventid-mismatch", .warning, .sender,
        summary: "The X-SuperOffice-EventId header differs from the body's EventId.",
        explanation: "The X-SuperOffice-EventId header and the body's EventId identify the same delivery; deduplicate on the body's EventId. SuperOffice's own documented examples show two different ids on the test event, relation, list and extra table pages, so a difference is a warning, not proof of a forgery.")
    static let superOfficeEntityMismatch = FindingCode("superoffice.entity-mismatch", .error, .sender,
        summary: "Event does not start with Entity and a dot.",
        explanation: "SuperOffice's event names are the entity, a dot and the action (contact.changed for Entity contact); the two fields disagree.")
    static let superOfficeTestEvent = FindingCode("superoffice.test-event", .info, .sender,
        summary: "The registration test event without X-Hook-Test.",
        explanation: "SuperOffice sends the event 'test' when a webhook is registered, with the header X-Hook-Test: true. Without the header this is a hand-made test.")
    static let superOfficeWebhookProperty = FindingCode("superoffice.webhook-property", .info, .sender,
        summary: "A body member that is not a WebhookPayload field: a webhook property.",
        explanation: "A webhook definition may carry Properties, custom values SuperOffice adds to every request of that webhook (and Headers, custom headers). hookcheck notes such members instead of reporting them as unknown fields; a misspelt documented field shows up here too, beside a schema.required for the right name.")
}
