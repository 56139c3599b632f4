import HookCheckModel

/// What Copernica's own verification library checks beside the signature; a receiver that skips
/// them accepts requests Copernica's library refuses, so they count as auth.
extension FindingCode {
    static let copernicaKeyId = FindingCode("copernica.key-id", .error, .auth,
        summary: "The signature's keyId is not under .copernica.com.",
        explanation: "Copernica signs with keys published as DKIM TXT records under copernica.com, and its verification library (http-signatures-php) refuses a keyId that does not end in .copernica.com: whatever the key says, the request was not signed by Copernica.")
    static let copernicaCoverage = FindingCode("copernica.coverage", .warning, .auth,
        summary: "The signature does not cover the headers Copernica requires.",
        explanation: "Copernica's library requires the signature to cover (request-target), host, date, content-length, content-type, digest, x-copernica-id and x-nonce; headers left out could be changed without breaking the signature.")
    static let copernicaDate = FindingCode("copernica.date", .error, .auth,
        summary: "The Date header is not an HTTP date.",
        explanation: "The Date header must be an HTTP date (RFC 9110, e.g. 'Tue, 15 Nov 1994 08:12:31 GMT'); Copernica's library refuses others.")
    static let copernicaDateStale = FindingCode("copernica.date-stale", .error, .auth,
        summary: "The Date header is older than allowed.",
        explanation: "Copernica's library (http-signatures-php) refuses requests whose Date is more than 60 seconds before now, to limit replays. Now is the system clock, or --now; --max-age changes the limit.")
    static let copernicaDateFuture = FindingCode("copernica.date-future", .warning, .auth,
        summary: "The Date header is in the future.",
        explanation: "The Date header is later than now (the system clock, or --now) by more than the allowed age: the sender's clock or this one is off.")
    static let copernicaAccount = FindingCode("copernica.account", .error, .auth,
        summary: "X-Copernica-ID is not the expected account.",
        explanation: "The request names another Copernica account than the one given with --account: it was meant for another receiver.")
}

/// What Copernica's bodies say beyond their shape.
extension FindingCode {
    static let copernicaLegacyForm = FindingCode("copernica.legacy-form", .warning, .sender,
        summary: "The body is in a form Copernica used before its current webhooks.",
        explanation: "Copernica's decoded examples named the event `action` until November 2019 and `type` since; Publisher callbacks send only `id`, `action`, `fields` and `interests`. The body is read in that form and checked against it; a receiver written for the current form reads `type`, `profile` and `database`, and finds none.")
}
