import HookCheckModel

/// What SuperOffice (NetServer webhooks) sends: one body shape for every event, and the event
/// families of its documentation (docs/en/automation/webhook/ in SuperOfficeDocs/superoffice-docs).
public enum SuperOfficeCatalog {
    /// The WebhookPayload members (dev/notification.md). Some documented delete examples lack
    /// `EventId` and `Changes`; `ContextIdentifier` is "not used for On-site installations"
    /// (notification.md, dev/notification.md). Open-ended: a webhook's `Properties` are added to
    /// every request (index.md, dev/index.md), and are reported apart, as such.
    static func payload(entity: Field) -> Shape {
        .object(ObjectShape([
            optional("EventId", .string(.uuid)),
            required("Timestamp", .string(.utcDateTime)),
            optional("Changes", .nullable(.array(.string))),
            required("Event", .string),
            required("PrimaryKey", .int64),
            entity,
            optional("ContextIdentifier", .nullable(.string)),
            required("ChangedByAssociateId", .int64),
            optional("WebhookName", .nullable(.string)),
            optional("FieldValues", .nullable(.map(.any))),
            optional("Values", .nullable(.map(.any))),
        ], openEnded: true))
    }

    /// The body every event shares.
    public static let body: Shape = payload(entity: required("Entity", .string))
    /// A webhook state event's body: reference/state-events.md shows none with `Entity`.
    public static let stateBody: Shape = payload(entity: optional("Entity", .string))

    static let compiledBody = CompiledShape(body)
    static let compiledStateBody = CompiledShape(stateBody)

    /// The members SuperOffice documents; any other top-level member is a webhook property.
    static let documentedMembers: Set<String> = {
        guard case .object(let object) = body else { return [] }
        return Set(object.fields.map(\.name))
    }()

    /// One family of events: an entity and the actions it is documented with.
    public struct Family: Sendable {
        public var entity: String
        public var actions: [String]
        public var summary: String
    }

    /// dev/event-details.md lists the names; each family's reference/<entity>-events.md page its actions.
    public static let families: [Family] = [
        Family(entity: "contact", actions: ["created", "changed", "deleted", "softdeleted"], summary: "a company (SuperOffice calls companies contacts)"),
        // reference/person-events.md: person.softdeleted, "when deleted in the user interface".
        Family(entity: "person", actions: ["created", "changed", "deleted", "softdeleted", "consented", "unconsented"], summary: "a person"),
        Family(entity: "sale", actions: ["created", "changed", "deleted", "completed", "lost", "sold"], summary: "a sale"),
        Family(entity: "project", actions: ["created", "changed", "deleted"], summary: "a project"),
        Family(entity: "projectmember", actions: ["created", "changed", "deleted"], summary: "a project member"),
        Family(entity: "activity", actions: ["created", "changed", "deleted"], summary: "an activity (appointment, task)"),
        Family(entity: "associate", actions: ["created", "changed", "deleted"], summary: "an associate (a user)"),
        Family(entity: "relation", actions: ["created", "changed", "deleted"], summary: "a relation between contacts or persons"),
        Family(entity: "salestakeholder", actions: ["created", "changed", "deleted"], summary: "a sale stakeholder"),
        Family(entity: "document", actions: ["created", "changed", "deleted", "edited"], summary: "a document"),
        Family(entity: "chatsession", actions: ["created", "changed", "message"], summary: "a chat session"),
        Family(entity: "quote", actions: ["approved", "rejected", "sent", "ordered"], summary: "a quote"),
        Family(entity: "ticket", actions: ["created", "changed"], summary: "a Service ticket"),
        Family(entity: "webhook", actions: ["started", "stopped", "errors"], summary: "the webhook itself changed state"),
    ]

    /// List events: `list.<name-or-id>.<action>` (reference/list-events.md).
    public static let listActions = ["created", "changed", "softdeleted"]
    /// Extra tables (`y_...`): `<table>.<action>` (reference/extratable-events.md).
    public static let extraTableActions = ["created", "changed", "deleted"]
    /// The webhook state events' actions.
    static let stateActions = families.first { $0.entity == "webhook" }?.actions ?? []

    /// How an event name reads: its entity and action, and whether the documentation knows it.
    public enum EventName: Equatable, Sendable {
        case known(entity: String, action: String)
        /// The registration test event.
        case test
        /// An entity or action the documentation does not list.
        case unknown(entity: String, action: String?)
    }

    public static func classify(_ event: String) -> EventName {
        if event == "test" { return .test }
        let parts = event.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, let action = parts.last, !action.isEmpty else {
            return .unknown(entity: event, action: nil)
        }
        let entity = parts.dropLast().joined(separator: ".")
        if parts[0] == "list", parts.count == 3, !parts[1].isEmpty {
            return listActions.contains(action) ? .known(entity: entity, action: action) : .unknown(entity: entity, action: action)
        }
        if parts.count == 2, let family = families.first(where: { $0.entity == entity }) {
            return family.actions.contains(action) ? .known(entity: entity, action: action) : .unknown(entity: entity, action: action)
        }
        // Extra tables are named y_... by SuperOffice's conventions.
        if parts.count == 2, entity.hasPrefix("y_"), extraTableActions.contains(action) {
            return .known(entity: entity, action: action)
        }
        return .unknown(entity: entity, action: action)
    }

    /// A state event as the X-SuperOffice-Event header names it: `webhook{webhookId}.started`,
    /// while the body's `Event` is `webhook.started` (reference/state-events.md).
    public struct StateEvent: Equatable, Sendable {
        /// The webhook's id; nil when the header holds something else (the documentation's own
        /// placeholder `{webhookId}`).
        public var webhookId: String?
        public var action: String
        /// The body's `Event` for it.
        public var event: String { "webhook." + action }
    }

    /// The header's state event, or nil when the header names no webhook state event.
    public static func stateEvent(header: String) -> StateEvent? {
        guard header.hasPrefix("webhook"), let dot = header.lastIndex(of: ".") else { return nil }
        let id = header[header.index(header.startIndex, offsetBy: 7)..<dot]
        let action = String(header[header.index(after: dot)...])
        guard !id.isEmpty, !id.contains("."), stateActions.contains(action) else { return nil }
        return StateEvent(webhookId: id.allSatisfy { $0.isASCII && $0.isNumber } ? String(id) : nil, action: action)
    }

    /// The documented name nearest an unknown one, for "did you mean": the actions of its own
    /// entity first (a list's, an extra table's), else every documented name.
    public static func suggestion(for event: String) -> String? {
        let parts = event.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var candidates = families.flatMap { family in family.actions.map { family.entity + "." + $0 } } + ["test"]
        if parts.count >= 2 {
            let entity = parts.dropLast().joined(separator: ".")
            if parts[0] == "list", parts.count == 3 {
                candidates = listActions.map { entity + "." + $0 }
            } else if parts.count == 2, entity.hasPrefix("y_") {
                candidates = extraTableActions.map { entity + "." + $0 }
            }
        }
        return Spelling.nearest(event, in: candidates, limit: 3).flatMap { $0 == event ? nil : $0 }
    }
}
