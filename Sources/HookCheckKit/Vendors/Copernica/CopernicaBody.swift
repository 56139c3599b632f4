import HookCheckModel

/// What a Copernica body says it is: which member names the event, in which form, and the
/// catalogued event it stands for.
struct CopernicaBody {
    /// The form the body comes in.
    enum Form: Equatable {
        /// `type` names the event, as Copernica sends it now.
        case current
        /// `action` instead of `type`: Copernica's decoded examples until November 2019
        /// (Documentation commit 297c959d, "Change 'action' to 'type' in decoded webhooks JSON").
        case actionBefore2019
        /// A Publisher callback: `id`, `action`, `fields`, `interests` (Publisher/en/callbacks-variables.md).
        case publisherCallback
    }

    var form: Form = .current
    /// The member that names the event (`type` or `action`), when it is a string.
    var typeIndex: Int?
    var type: String?
    /// The record's event: `profile.update`, `click`; for a `type` Copernica does not document,
    /// that type (after the entity, when the body has one).
    var eventName: String?
    /// The catalogued event, when the type is one Copernica documents.
    var event: CopernicaCatalog.Event?
    /// The entity and the member that holds its id.
    var entity: String?
    var idField: String?
    /// A delivery sent with `type: open`, as the Marketing Suite's deliveries page documents it.
    var deliveryAsOpen = false

    init(_ document: JSONDocument) {
        func string(_ name: String) -> (index: Int, value: String)? {
            guard let index = document.member(0, name), document[index].kind == .string else { return nil }
            return (index, document.string(index))
        }
        func has(_ name: String) -> Bool { document.member(0, name) != nil }

        let hasEntity = has("profile") || has("subprofile")
        if let type = string("type") {
            (typeIndex, self.type) = (type.index, type.value)
        } else if let action = string("action"), CopernicaCatalog.profileActions.contains(action.value) {
            // A failure event has both: its type names the event, its action the SMTP outcome.
            (typeIndex, type) = (action.index, action.value)
            form = hasEntity ? .actionBefore2019 : .publisherCallback
        }

        if let type, CopernicaCatalog.profileActions.contains(type) {
            if form == .publisherCallback {
                // A profile's callback carries fields and interests; the Dutch page gives a
                // subprofile's as fields alone (the English one says interests alone).
                entity = has("interests") && has("fields") ? "profile" : "subprofile"
                idField = "id"
            } else {
                entity = has("subprofile") ? "subprofile" : "profile"
                idField = entity
            }
            eventName = "\(entity!).\(type)"
        } else if var type, CopernicaCatalog.types.contains(type) {
            if type == "open", !has("ip") {
                // Publisher/en/webhook-deliveries.md gives a delivery's type as 'open' and no ip;
                // an open always has one (webhook-opens.md).
                type = "delivery"
                deliveryAsOpen = true
            }
            entity = "message"
            idField = "id"
            eventName = type
        } else if let type {
            entity = has("subprofile") ? "subprofile" : has("profile") ? "profile" : nil
            idField = entity
            eventName = entity.map { "\($0).\(type)" } ?? type
        } else {
            // No type at all: checked as the update of the entity it has.
            entity = has("subprofile") ? "subprofile" : "profile"
            idField = entity
        }
        event = eventName.flatMap(CopernicaCatalog.event(named:))
    }

    /// The shape to check the body against.
    var shape: CompiledShape {
        switch form {
        case .current:
            if let event { return CopernicaCatalog.compiled[event.name]! }
            if type != nil { return CopernicaCatalog.compiledUndocumented }
            return CopernicaCatalog.compiled["\(entity ?? "profile").update"]!
        case .actionBefore2019:
            return CopernicaCatalog.compiledBefore2019[eventName ?? ""] ?? CopernicaCatalog.compiledUndocumented
        case .publisherCallback:
            return CopernicaCatalog.compiledCallback
        }
    }

    /// The record's kind: `profile.updated`, `message.clicked`.
    var kind: String? {
        if let event { return event.kind }
        guard let entity, let type else { return nil }
        return "\(entity).\(CopernicaCatalog.pastTense[type] ?? type)"
    }
}
