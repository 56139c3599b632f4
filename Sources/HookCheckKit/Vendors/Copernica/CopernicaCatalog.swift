import HookCheckModel

/// What Copernica posts (seed 003, VENDORS.md, and Copernica's own pages in the repository
/// CopernicaMarketingSoftware/Documentation). On the wire every value is a string; the decoded
/// JSON form the documentation shows has numbers: both pass.
public enum CopernicaCatalog {
    static let id: Shape = .oneOf([.string(.digits), .int64])
    static let dateTime: Shape = .string(.sqlDateTime)
    static let unixSeconds: Shape = .oneOf([.string(.digits), .int64])
    static let values: Shape = .map(.any)
    static let interests: Shape = .oneOf([.array(.string), .map(.any)])
    /// A message id: the pages give no format.
    static let messageId: Shape = .oneOf([.string, .int64])
    /// "The tags that you associated with the mail": no format given; a list vanishes from a form when empty.
    static let tags: Shape = .oneOf([.string, .array(.string), .map(.any)])
    /// An SMTP status code, a string on the wire.
    static let smtpCode: Shape = .oneOf([.string, .integer])

    /// One shape of Copernica's: the event, its kind, and its fields.
    public struct Event: Sendable {
        public var name: String
        /// `{entity}.{action}` for the record.
        public var kind: String
        public var summary: String
        public var shape: Shape
    }

    /// The `type` of profile and subprofile events (Publisher/en/webhook-creates.md, -updates.md, -deletes.md).
    static let profileActions = ["create", "update", "delete"]
    static let pastTense = ["create": "created", "update": "updated", "delete": "deleted"]

    /// A (sub)profile event's fields; `action` names the member that holds the action (`type`, or
    /// `action` in the decoded examples before November 2019).
    static func fields(subprofile: Bool, delete: Bool, action: String = "type") -> Shape {
        var list: [Field] = [
            required(action, .enumeration(profileActions)),
            required("timestamp", dateTime),
            optional("time", unixSeconds),
            required("profile", id),
            // Publisher/en/webhook-deletes.md: the subprofile example has no database.
            subprofile && delete ? optional("database", id) : required("database", id),
            // Empty groups vanish from a form body, so fields and parameters may be absent.
            optional("fields", values),
            // The documentation's decoded examples carry an id too.
            optional("id", id),
        ]
        if !delete {
            list += [
                optional("parameters", values),
                required("created", dateTime),
                required("modified", dateTime),
            ]
        }
        if subprofile {
            list += [required("subprofile", id), required("collection", id)]
        } else if !delete {
            list.append(optional("interests", interests))
        }
        return .object(ObjectShape(list))
    }

    static let profileEvents: [Event] = ["profile", "subprofile"].flatMap { entity in
        profileActions.map { action in
            let what = entity == "profile" ? "a profile" : "a subprofile"
            return Event(name: "\(entity).\(action)", kind: "\(entity).\(pastTense[action]!)", summary: "\(what) was \(pastTense[action]!)",
                         shape: fields(subprofile: entity == "subprofile", delete: action == "delete"))
        }
    }

    /// A message event: `id` and `type`, then its own fields, then the mail's tags.
    static func message(_ types: [String], _ own: [Field]) -> Shape {
        .object(ObjectShape([required("id", messageId), required("type", .enumeration(types))] + own + [optional("tags", tags)]))
    }

    /// The REST API's other webhook triggers (Publisher/en/restv4/rest-post-webhooks.md: click,
    /// delivery, open, bounce, failure), with the variables the Marketing Suite pages
    /// (Publisher/en/webhook-*.md) and SMTPeter's (SMTPeter/en/webhook-*.md) list for each.
    static let messageEvents: [Event] = [
        // webhook-clicks.md: useragent and referer are "optional".
        Event(name: "click", kind: "message.clicked", summary: "a link in a mail was clicked", shape: message(["click"], [
            required("timestamp", dateTime), required("time", unixSeconds), required("recipient", .string),
            required("ip", .string), required("original", .string),
            optional("useragent", .string), optional("referer", .string),
        ])),
        // webhook-opens.md: SMTPeter's list has no timestamp.
        Event(name: "open", kind: "message.opened", summary: "a mail was opened (its images loaded)", shape: message(["open"], [
            optional("timestamp", dateTime), required("time", unixSeconds), required("recipient", .string),
            required("ip", .string), optional("useragent", .string), optional("referer", .string),
        ])),
        Event(name: "bounce", kind: "message.bounced", summary: "a mail came back to the envelope address", shape: message(["bounce"], [
            required("timestamp", dateTime), required("time", unixSeconds), required("recipient", .string),
            required("envelope", .string), required("mime", .string),
        ])),
        // webhook-failures.md: action is 'failure' or 'failed'; code, extended and description are optional.
        Event(name: "failure", kind: "message.failed", summary: "a mail could not be delivered", shape: message(["failure"], [
            required("timestamp", dateTime), required("time", unixSeconds), required("recipient", .string),
            required("action", .enumeration(["failure", "failed"])), required("state", .string),
            optional("code", smtpCode), optional("extended", .string), optional("description", .string),
        ])),
        // The Marketing Suite's webhook-deliveries.md says type 'open' (and no ip); SMTPeter's says
        // 'delivery' and adds code, extended and description.
        Event(name: "delivery", kind: "message.delivered", summary: "a mail was delivered", shape: message(["delivery", "open"], [
            required("timestamp", dateTime), required("time", unixSeconds), required("recipient", .string),
            optional("code", smtpCode), optional("extended", .string), optional("description", .string),
        ])),
        // SMTPeter/en/webhook-abuses.md.
        Event(name: "abuse", kind: "message.abuse_reported", summary: "a recipient reported a mail as abuse (SMTPeter)",
              shape: message(["abuse"], [required("emailfrom", .string), required("mime", .string)])),
    ]

    public static let events: [Event] = profileEvents + messageEvents

    /// Every `type` Copernica documents, for detection and spelling suggestions.
    static let types = profileActions + messageEvents.map(\.name)

    static let compiled: [String: CompiledShape] = Dictionary(uniqueKeysWithValues: events.map { ($0.name, CompiledShape($0.shape)) })

    static func event(named name: String) -> Event? {
        events.first { $0.name == name }
    }

    /// The (sub)profile events with `action` for `type`, as the decoded examples had it until November 2019.
    static let compiledBefore2019: [String: CompiledShape] = Dictionary(uniqueKeysWithValues: profileEvents.map { event in
        (event.name, CompiledShape(fields(subprofile: event.name.hasPrefix("subprofile"), delete: event.name.hasSuffix("delete"), action: "action")))
    })

    /// A Publisher callback (Publisher/en/callbacks-variables.md): the same variables for every action.
    static let compiledCallback = CompiledShape(.object(
        required("id", id),
        required("action", .enumeration(profileActions)),
        optional("fields", values),
        optional("interests", interests)
    ))

    /// What every Copernica event shares, for a `type` the documentation does not describe.
    static let compiledUndocumented = CompiledShape(.object(
        required("type", .string),
        optional("timestamp", dateTime),
        optional("time", unixSeconds),
        openEnded: true
    ))
}
