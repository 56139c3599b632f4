import HookCheckModel

extension FindingCode {
    static let driftOrgMismatch = FindingCode("drift.org-mismatch", .error, .sender,
        summary: "data.orgId differs from the envelope's orgId.",
        explanation: "Drift puts the organization's id on the envelope (orgId) and, for some events, again in data.orgId; both name the same organization. A difference means the payload was assembled from two deliveries or edited by hand.")
    static let driftEventAlias = FindingCode("drift.event-alias", .warning, .sender,
        summary: "An event named as one of Drift's pages names it, not as Drift sends it.",
        explanation: "Drift's deprecation page calls conversation_status_updated 'conversation_status_change'. The request is read as the event Drift documents; a receiver that matches the name Drift sends would not recognize it.")
}
