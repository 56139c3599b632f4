import HookCheckModel

/// What SuperOffice (NetServer webhooks) sends: one body shape for every event, and the event
/// families of its documentation.
public enum SuperOfficeCatalog {
    /// The body every event shares. Some documented delete examples lack `EventId` and `Changes`.
    public static let body: Shape = .object(
        optional("EventId", .string(.uuid)),
        required("Timestamp", .string(.utcDateTime)),
        optional("Changes", .nullable(.array(.string))),
        required("Event", .string),
        required("PrimaryKey", .int64),
        required("Entity", .string),
        required("ContextIdentifier", .string),
        required("ChangedByAssociateId", .int64),
        optional("WebhookName", .nullable(.string)),
        optional("FieldValues", .nullable(.map(.any))),
        optional("Values", .nullable(.map(.any)))
    )

    static let compiledBody = CompiledShape(body)

    /// One family of events: an entity and the actions it is documented with.
    public struct Family: Sendable {
        public var entity: String
        public var actions: [String]
        public var summary: String
    }

    public static let families: [Family] = [
        Family(entity: "contact", actions: ["created", "changed", "deleted", "softdeleted"], summary: "a company (SuperOffice calls companies contacts)"),
        Family(entity: "person", actions: ["created", "changed", "deleted", "consented", "unconsented"], summary: "a person"),
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

    /// List events: `list.<name-or-id>.<action>`.
    public static let listActions = ["created", "changed", "softdeleted"]
    /// Extra tables (`y_...`): `<table>.<action>`.
    public static let extraTableActions = ["created", "changed", "deleted"]

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
}
