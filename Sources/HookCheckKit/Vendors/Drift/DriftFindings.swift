import HookCheckModel

extension FindingCode {
    static let driftOrgMismatch = FindingCode("drift.org-mismatch", .error, .sender,
        summary: "data.orgId differs from the envelope's orgId.",
        explanation: "Drift puts the organization's id on the envelope (orgId) and, for some events, again in data.orgId; both name the same organization. A difference means the payload was assembled from two deliveries or edited by hand.")
}
