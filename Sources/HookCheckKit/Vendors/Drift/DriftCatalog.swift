import HookCheckModel

/// One Drift event: the shape of its `data` and how it maps onto the normalized record.
public struct DriftEvent: Sendable {
    public var name: String
    public var summary: String
    public var data: Shape
    /// `{entity}.{action}` for the record.
    public var kind: String
    public var entityType: String
    /// The member of `data` holding the entity's id.
    public var entityIdField: String?
    /// The member of `data` holding the event's time, in milliseconds.
    public var timeField: String?
    public var deprecated = false
}

/// The 21 events Drift documents (seeds 000 and 001, and the model pages), and `button_action`,
/// which Drift's own sample app handles.
public enum DriftCatalog {
    static let inactiveData: Shape = .object(
        required("lastUpdated", .milliseconds),
        required("conversationId", .int64)
    )

    static let manualPushData: Shape = .object(
        required("conversationId", .int64),
        required("pushedAt", .milliseconds),
        optional("userId", .nullable(.int64))
    )

    static func meeting(updated: Bool) -> Shape {
        var fields: [Field] = []
        if updated { fields.append(required("eventType", .enumeration(["canceled", "rescheduled"]))) }
        fields += [
            required("agentId", .integer),
            required("orgId", .integer),
        ]
        if !updated { fields.append(required("status", .string)) }
        fields += [
            required("schedulerId", .int64),
            required("eventId", .string),
            required("slug", .string),
            required("slotStart", .milliseconds),
            required("slotEnd", .milliseconds),
            required("scheduledAt", .milliseconds),
            optional("conversationId", .nullable(.int64)),
            // The Meeting model lists these too; they are present once set.
            optional("meetingSource", .nullable(.string)),
            optional("updatedAt", .nullable(.milliseconds)),
            optional("meetingType", .nullable(.string)),
            optional("endUserTimeZone", .nullable(.string)),
            optional("meetingNotes", .nullable(.string)),
            optional("bookedBy", .nullable(.any)),
        ]
        if updated { fields.append(optional("status", .nullable(.string))) }
        return .object(ObjectShape(fields))
    }

    public static let events: [DriftEvent] = [
        DriftEvent(name: "contact_identified", summary: "a contact added their email in chat",
                   data: DriftModels.contact, kind: "contact.identified", entityType: "contact",
                   entityIdField: "id", timeField: nil),
        DriftEvent(name: "new_message", summary: "a new message was created",
                   data: DriftModels.message, kind: "message.created", entityType: "message",
                   entityIdField: "id", timeField: "createdAt"),
        DriftEvent(name: "new_command_message", summary: "a new command message (starting with /) was received",
                   data: DriftModels.message, kind: "message.created", entityType: "message",
                   entityIdField: "id", timeField: "createdAt"),
        DriftEvent(name: "new_conversation", summary: "a new conversation was started",
                   data: DriftModels.conversation, kind: "conversation.created", entityType: "conversation",
                   entityIdField: "id", timeField: "createdAt"),
        DriftEvent(name: "conversation_status_updated", summary: "a conversation's status changed (deprecated)",
                   data: .object(
                       required("conversationId", .int64),
                       required("status", .enumeration(["open", "closed", "pending"])),
                       required("changedAt", .milliseconds)
                   ),
                   kind: "conversation.updated", entityType: "conversation",
                   entityIdField: "conversationId", timeField: "changedAt", deprecated: true),
        DriftEvent(name: "conversation_inactive", summary: "a conversation saw no activity for a configured time",
                   data: inactiveData, kind: "conversation.inactive", entityType: "conversation",
                   entityIdField: "conversationId", timeField: "lastUpdated"),
        DriftEvent(name: "conversation_manual_push", summary: "a user pushed a conversation to other applications",
                   data: manualPushData, kind: "conversation.manual_push", entityType: "conversation",
                   entityIdField: "conversationId", timeField: "pushedAt"),
        DriftEvent(name: "conversation_push", summary: "a conversation is ready for consumption (inactive or manual push)",
                   data: .object(
                       required("source", .enumeration(["conversation_inactive", "conversation_manual_push"])),
                       required("data", .object(ObjectShape([], openEnded: true)))
                   ),
                   kind: "conversation.push", entityType: "conversation",
                   entityIdField: nil, timeField: nil),
        DriftEvent(name: "conversation_participant_added", summary: "participants were added to a conversation",
                   data: .object(
                       required("conversationId", .int64),
                       required("addedParticipants", .array(.integer)),
                       required("changedAt", .milliseconds)
                   ),
                   kind: "conversation.participant_added", entityType: "conversation",
                   entityIdField: "conversationId", timeField: "changedAt"),
        DriftEvent(name: "conversation_participant_removed", summary: "participants were removed from a conversation",
                   data: .object(
                       required("conversationId", .int64),
                       required("removedParticipants", .array(.integer)),
                       required("changedAt", .milliseconds)
                   ),
                   kind: "conversation.participant_removed", entityType: "conversation",
                   entityIdField: "conversationId", timeField: "changedAt"),
        DriftEvent(name: "button_clicked", summary: "a button was clicked in a conversation",
                   data: DriftModels.message, kind: "message.button_clicked", entityType: "message",
                   entityIdField: "id", timeField: "createdAt"),
        // Driftt/babel-bot (index.js, README.md): subscribed to button_action, it reads
        // data.button.value and data.conversationId; Drift documents nothing more of it.
        DriftEvent(name: "button_action", summary: "an action button was clicked (handled by Drift's sample app babel-bot)",
                   data: .object(
                       required("conversationId", .int64),
                       required("button", .object(required("value", .string), openEnded: true)),
                       openEnded: true
                   ),
                   kind: "conversation.button_action", entityType: "conversation",
                   entityIdField: "conversationId", timeField: nil),
        DriftEvent(name: "playbook_goal_met", summary: "a known contact met a playbook goal",
                   data: .object(
                       required("conversationId", .int64),
                       required("playbookId", .integer),
                       required("contactId", .int64),
                       required("goalId", .string),
                       required("goalName", .string),
                       required("playbookName", .string),
                       required("contactEmail", .nullable(.string))
                   ),
                   kind: "playbook.goal_met", entityType: "playbook",
                   entityIdField: "playbookId", timeField: nil),
        DriftEvent(name: "user_unsubscribed", summary: "someone opted out of all emails",
                   data: DriftModels.contact, kind: "contact.unsubscribed", entityType: "contact",
                   entityIdField: "id", timeField: nil),
        DriftEvent(name: "new_meeting", summary: "a meeting was booked",
                   data: meeting(updated: false), kind: "meeting.created", entityType: "meeting",
                   entityIdField: "eventId", timeField: "scheduledAt"),
        DriftEvent(name: "meeting_updated", summary: "a booked meeting was rescheduled or canceled",
                   data: meeting(updated: true), kind: "meeting.updated", entityType: "meeting",
                   entityIdField: "eventId", timeField: nil),
        DriftEvent(name: "contact_updated", summary: "a contact record was updated",
                   data: .object(
                       required("endUserId", .int64),
                       required("timestamp", .milliseconds),
                       optional("orgId", .integer),
                       required("diff", .array(DriftModels.contactDiff))
                   ),
                   kind: "contact.updated", entityType: "contact",
                   entityIdField: "endUserId", timeField: "timestamp"),
        DriftEvent(name: "gdpr_delete_requested", summary: "a GDPR deletion of a contact was requested",
                   data: .object(
                       required("email", .string),
                       required("requesterId", .integer)
                   ),
                   kind: "contact.gdpr_delete_requested", entityType: "contact",
                   entityIdField: "email", timeField: nil),
        DriftEvent(name: "app_disconnected", summary: "an organization disconnected the app",
                   data: .object(
                       required("appId", .string),
                       required("timestamp", .milliseconds)
                   ),
                   kind: "app.disconnected", entityType: "app",
                   entityIdField: "appId", timeField: "timestamp"),
        DriftEvent(name: "user_availability_updated", summary: "a Drift user's availability changed",
                   data: .object(
                       required("userId", .integer),
                       required("updatedAt", .milliseconds),
                       required("availability", .enumeration(["ONLINE", "AWAY", "AVAILABLE"]))
                   ),
                   kind: "user.updated", entityType: "user",
                   entityIdField: "userId", timeField: "updatedAt"),
        DriftEvent(name: "phone_captured", summary: "a phone number was given in a conversation",
                   data: .object(
                       required("conversationId", .int64),
                       required("authorId", .int64),
                       required("authorType", .enumeration(["contact", "user"])),
                       required("phoneNumber", .string)
                   ),
                   kind: "conversation.phone_captured", entityType: "conversation",
                   entityIdField: "conversationId", timeField: nil),
        DriftEvent(name: "chat_to_call", summary: "a Drift user completed a Chat to Call call",
                   data: .object(
                       required("agentId", .integer),
                       required("endUserId", .int64),
                       required("orgId", .integer),
                       required("eventId", .string),
                       required("conversationId", .int64),
                       required("startedAt", .milliseconds),
                       required("endedAt", .milliseconds),
                       required("updatedAt", .milliseconds),
                       optional("bridgedAt", .nullable(.milliseconds)),
                       required("instantMeetingSource", .nullable(.string)),
                       required("status", .string),
                       required("agentPhone", .nullable(.string)),
                       required("endUserPhone", .nullable(.string)),
                       required("type", .enumeration(["PHONE_BRIDGE", "BROWSER_CALL"]))
                   ),
                   kind: "call.completed", entityType: "call",
                   entityIdField: "eventId", timeField: "endedAt"),
    ]

    private static let byName: [String: DriftEvent] = Dictionary(uniqueKeysWithValues: events.map { ($0.name, $0) })

    /// Names Drift's own pages give a catalogued event, and the page that does.
    static let aliases: [String: (event: String, page: String)] = [
        // devdocs.drift.com/docs/webhooks-deprecating-conversation-status: "Users of the Drift Developer
        // Platform often subscribe to the conversation_status_change webhook".
        "conversation_status_change": ("conversation_status_updated", "Drift's page \"Webhooks: Deprecating Conversation Status\""),
    ]

    public static func event(named name: String) -> DriftEvent? {
        byName[name]
    }

    /// Each event's envelope, compiled once.
    static let compiledEnvelopes: [String: CompiledShape] =
        Dictionary(uniqueKeysWithValues: events.map { ($0.name, CompiledShape(envelope(data: $0.data))) })
    /// The envelope of an event whose data is unknown.
    static let compiledAnyEnvelope = CompiledShape(envelope(data: .any))
    /// The data of conversation_push's source events, compiled once.
    static let compiledData: [String: CompiledShape] =
        Dictionary(uniqueKeysWithValues: events.map { ($0.name, CompiledShape($0.data)) })

    /// The envelope every event shares, around a `data` shape.
    public static func envelope(data: Shape) -> Shape {
        .object(
            required("type", .string),
            required("orgId", .integer),
            required("data", data),
            optional("token", .string)
        )
    }
}
