import HookCheckModel

/// Drift's data models (devdocs.drift.com: Message, Conversation and Contact models).
enum DriftModels {
    static let button: Shape = .object(
        required("label", .string),
        required("value", .string),
        required("type", .enumeration(["reply", "compose", "action", "noop"])),
        optional("style", .enumeration(["primary", "danger"])),
        optional("reaction", .object(
            required("type", .enumeration(["replace", "delete"])),
            optional("message", .string)
        ))
    )

    /// The Message model; `editedMessageId` and `editType` come with `type: edit`.
    static let message: Shape = .object(
        required("id", .int64),
        required("orgId", .integer),
        optional("body", .nullable(.string)),
        required("author", .object(
            required("type", .enumeration(["contact", "user"])),
            required("id", .int64),
            required("bot", .boolean)
        )),
        required("type", .enumeration(["chat", "private_note", "private_prompt", "suggestion", "edit"])),
        required("conversationId", .int64),
        required("createdAt", .milliseconds),
        optional("buttons", .nullable(.array(button))),
        optional("context", .nullable(.object(
            optional("ip", .nullable(.string)),
            optional("userAgent", .nullable(.string)),
            openEnded: true
        ))),
        optional("attributes", .nullable(.map(.any))),
        optional("editedMessageId", .int64),
        optional("editType", .enumeration(["delete", "replace", "replace_body", "replace_buttons"]))
    )

    static let conversation: Shape = .object(
        required("id", .int64),
        required("participants", .array(.int64)),
        required("status", .enumeration(["open", "closed", "pending", "bulk_sent"])),
        required("contactId", .int64),
        required("inboxId", .integer),
        required("createdAt", .milliseconds),
        optional("updatedAt", .milliseconds),
        optional("relatedPlaybookId", .nullable(.oneOf([.integer, .string(.digits)]))),
        optional("conversationTags", .nullable(.array(.object(
            required("color", .string(.hexColor)),
            required("name", .string)
        )))),
        optional("orgId", .integer)
    )

    /// A contact's attributes: a few documented keys, and any custom ones.
    static let contactAttributes: Shape = .object(
        optional("name", .nullable(.string)),
        optional("email", .nullable(.string)),
        optional("phone", .nullable(.string)),
        optional("events", .nullable(.map(.any))),
        optional("socialProfiles", .nullable(.map(.any))),
        // devdocs.drift.com/docs/contact-model: attributes.tags, "List of ContactTags".
        optional("tags", .nullable(.array(.any))),
        // The contact model page writes attributes.externalId as 12341243; creating-a-contact as
        // "your_unique_id".
        optional("externalId", .nullable(.oneOf([.int64, .string]))),
        openEnded: true
    )

    static let contact: Shape = .object(
        required("id", .int64),
        required("createdAt", .milliseconds),
        required("attributes", contactAttributes),
        optional("externalId", .nullable(.oneOf([.int64, .string]))),
        optional("tags", .nullable(.array(.any)))
    )

    static let contactDiff: Shape = .object(
        required("name", .string),
        required("previous", .any),
        required("updated", .any)
    )
}
