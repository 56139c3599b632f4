import HookCheckModel

/// CloudCX contact and inbox-ticket webhooks (seed 004, VENDORS.md): JSON, no authentication.
public enum CloudCXCatalog {
    static let uuid: Shape = .string(.uuid)
    static let text: Shape = .nullable(.string)
    static let millisText: Shape = .nullable(.string(.millisecondsString))

    /// A contact, with the current fields and the older ones; most may be null.
    static let contact: Shape = .object(ObjectShape([
        required("id", uuid),
        optional("contactId", text),
        optional("firstName", text), optional("lastName", text), optional("avatarUrl", text),
        optional("email", text), optional("phoneNumber", text), optional("owner", text), optional("ownerName", text),
        optional("leadStage", text),
        optional("tags", .nullable(.array(.object(
            required("id", .string), required("name", .string), optional("color", .nullable(.string(.hexColor)))
        )))),
        optional("notes", text), optional("companyName", text), optional("jobTitle", text), optional("priority", text),
        optional("ip", text), optional("countryRegion", text), optional("province", text), optional("city", text),
        optional("street", text), optional("zipCode", text), optional("language", text),
        optional("facebookUsername", text), optional("telegramUsername", text), optional("instagramUsername", text),
        optional("whatsappNumber", text),
        optional("subscribeEmail", .nullable(.boolean)), optional("subscribeSMS", .nullable(.boolean)),
        optional("subscribeWhatsapp", .nullable(.boolean)),
        optional("lastChannel", text),
        optional("createdTime", millisText), optional("lastUpdatedTime", millisText), optional("lastSeenTime", millisText),
        optional("lastConnectedTime", millisText), optional("lastHeardFromTime", millisText),
        optional("customFields", .nullable(.array(.any))),
        // The older schema's names.
        optional("contactName", text), optional("cellPhone", text), optional("officePhone", text), optional("mail", text),
        optional("facebook", text), optional("instagram", text), optional("sms", text), optional("whatsApp", text),
        optional("telegram", text), optional("country", text), optional("memo", text),
    ]))

    public struct Event: Sendable {
        public var name: String
        public var summary: String
        public var shape: Shape
        public var kind: String
        public var entity: String
    }

    static func ticket(_ extra: Field...) -> Shape {
        .object(ObjectShape([required("event", .string), required("ticketId", uuid)] + extra))
    }

    public static let events: [Event] = [
        Event(name: "ContactCreated", summary: "contacts were created",
              shape: .object(required("event", .string), required("contacts", .array(contact))), kind: "contact.created", entity: "contact"),
        Event(name: "ContactUpdated", summary: "contacts were updated (a full snapshot)",
              shape: .object(required("event", .string), required("contacts", .array(contact))), kind: "contact.updated", entity: "contact"),
        Event(name: "ContactDeleted", summary: "contacts were deleted",
              shape: .object(required("event", .string), required("ids", .array(uuid))), kind: "contact.deleted", entity: "contact"),
        Event(name: "TicketCreated", summary: "an inbox ticket was created", shape: ticket(), kind: "ticket.created", entity: "ticket"),
        Event(name: "TicketFromUserReply", summary: "the customer replied to a ticket",
              shape: ticket(required("messageId", uuid)), kind: "ticket.user_reply", entity: "ticket"),
        Event(name: "TicketAgentReply", summary: "an agent replied to a ticket",
              shape: ticket(required("messageId", uuid)), kind: "ticket.agent_reply", entity: "ticket"),
        Event(name: "TicketAssigneeChanged", summary: "a ticket was assigned to another agent",
              shape: ticket(required("fromAgentId", .nullable(uuid)), required("toAgentId", uuid)), kind: "ticket.updated", entity: "ticket"),
        Event(name: "TicketStatusChanged", summary: "a ticket's status changed",
              shape: ticket(required("beforeTicketStatus", .string), required("afterTicketStatus", .string)), kind: "ticket.updated", entity: "ticket"),
        Event(name: "TicketMoveToRecycleBin", summary: "a ticket was moved to the recycle bin",
              shape: ticket(), kind: "ticket.deleted", entity: "ticket"),
    ]

    /// What every body shares: an object with a string `event`; the rest depends on the event.
    static let envelope: Shape = .object(ObjectShape([required("event", .string)], openEnded: true))
    static let compiledEnvelope = CompiledShape(envelope)

    /// The member a body's event carries, when it has one of the documented shape: `contacts`, an
    /// array of objects; `ids`, an array of strings; `ticketId`, a string.
    static func carriedMember(_ document: JSONDocument) -> String? {
        func array(_ name: String, of kind: JSONKind) -> Bool {
            guard let list = document.member(0, name), document[list].kind == .array else { return false }
            return document.elements(list).allSatisfy { document[$0].kind == kind }
        }
        if array("contacts", of: .object) { return "contacts" }
        if array("ids", of: .string) { return "ids" }
        if let ticket = document.member(0, "ticketId"), document[ticket].kind == .string { return "ticketId" }
        return nil
    }

    /// Those members as messages name them.
    static let membersText = "\"contacts\", \"ids\" or \"ticketId\""

    /// The catalogued name nearest an unknown one, for "did you mean".
    static func suggestion(for name: String) -> String? {
        Spelling.nearest(name, in: events.map(\.name), limit: 3).flatMap { $0 == name ? nil : $0 }
    }

    static let byName: [String: Event] = Dictionary(uniqueKeysWithValues: events.map { ($0.name, $0) })
    static let compiled: [String: CompiledShape] = Dictionary(uniqueKeysWithValues: events.map { ($0.name, CompiledShape($0.shape)) })
}
