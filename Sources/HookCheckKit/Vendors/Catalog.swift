/// One event in the catalogue `hookcheck vendors` prints.
public struct CatalogEvent: Sendable {
    public var name: String
    public var kind: String
    public var summary: String
    /// The shape of what the event carries (Drift: its `data`; others: the whole body).
    public var shape: Shape
}

/// One field of an event's shape, flattened: nested members get dotted names, array elements `[]`.
public struct CatalogField: Sendable, Equatable {
    public var name: String
    public var type: String
    public var required: Bool
}

/// What a vendor documents, for `hookcheck vendors`.
public protocol Cataloged: Vendor {
    var events: [CatalogEvent] { get }
    /// One line on how requests are authenticated.
    var authSummary: String { get }
}

extension Shape {
    /// The fields of an object shape, nested objects and arrays of objects flattened, to a depth of 4.
    public func catalogFields(prefix: String = "", depth: Int = 0) -> [CatalogField] {
        guard depth < 4 else { return [] }
        var fields: [CatalogField] = []
        func unwrap(_ shape: Shape) -> ObjectShape? {
            switch shape {
            case .object(let object): object
            case .nullable(let inner), .array(let inner): unwrap(inner)
            default: nil
            }
        }
        guard let object = unwrap(self) else { return [] }
        for field in object.fields {
            let name = prefix + field.name
            fields.append(CatalogField(name: name, type: field.shape.summary, required: field.isRequired))
            let isArray: Bool = {
                if case .array = field.shape { return true }
                if case .nullable(.array) = field.shape { return true }
                return false
            }()
            fields += field.shape.catalogFields(prefix: name + (isArray ? "[]." : "."), depth: depth + 1)
        }
        return fields
    }
}

extension DriftVendor: Cataloged {
    public var events: [CatalogEvent] {
        DriftCatalog.events.map { CatalogEvent(name: $0.name, kind: $0.kind, summary: $0.summary, shape: DriftCatalog.envelope(data: $0.data)) }
    }
    public var authSummary: String {
        "drift-token: a static verification token sent as the X-Verification-Token header and the body's token; both copies must agree and equal the configured token"
    }
}

extension SuperOfficeVendor: Cataloged {
    public var events: [CatalogEvent] {
        var events: [CatalogEvent] = []
        for family in SuperOfficeCatalog.families {
            for action in family.actions {
                events.append(CatalogEvent(name: "\(family.entity).\(action)", kind: "\(family.entity).\(action == "changed" ? "updated" : action)",
                                           summary: "\(family.summary): \(action)", shape: SuperOfficeCatalog.body))
            }
        }
        for action in SuperOfficeCatalog.listActions {
            events.append(CatalogEvent(name: "list.<name-or-id>.\(action)", kind: "list.<name-or-id>.\(action == "changed" ? "updated" : action)",
                                       summary: "a list item: \(action)", shape: SuperOfficeCatalog.body))
        }
        for action in SuperOfficeCatalog.extraTableActions {
            events.append(CatalogEvent(name: "<y_table>.\(action)", kind: "<y_table>.\(action == "changed" ? "updated" : action)",
                                       summary: "an extra table row: \(action)", shape: SuperOfficeCatalog.body))
        }
        events.append(CatalogEvent(name: "test", kind: "webhook.test", summary: "the registration test event (X-Hook-Test: true)",
                                   shape: SuperOfficeCatalog.body))
        return events
    }
    public var authSummary: String {
        "superoffice-hmac-sha256: X-SuperOffice-Signature = base64(HMAC-SHA256(secret, raw body)); no timestamp, so no replay protection"
    }
}

extension CopernicaVendor: Cataloged {
    public var events: [CatalogEvent] {
        CopernicaCatalog.events.map { event in
            let action = ["create": "created", "update": "updated", "delete": "deleted"][String(event.name.split(separator: ".").last ?? "")] ?? ""
            return CatalogEvent(name: event.name, kind: "\(event.name.split(separator: ".").first ?? "").\(action)",
                                summary: event.summary, shape: event.shape)
        }
    }
    public var authSummary: String {
        "copernica-http-signature: draft-cavage HTTP Signatures, RSASSA-PKCS1-v1_5 SHA-256 over the covered headers (key: DKIM TXT record at keyId), and an RFC 3230 Digest of the body"
    }
}

extension CloudCXVendor: Cataloged {
    public var events: [CatalogEvent] {
        CloudCXCatalog.events.map { CatalogEvent(name: $0.name, kind: $0.kind, summary: $0.summary, shape: $0.shape) }
    }
    public var authSummary: String { "none: CloudCX documents no signature, token or secret" }
}

/// The catalogue as Markdown tables, one per vendor: the README's list of supported events.
public enum CatalogMarkdown {
    public static func tables() -> String {
        var out = ""
        for vendor in VendorRegistry.all.compactMap({ $0 as? any Cataloged }) {
            out += "**\(vendor.displayName)** (`\(vendor.id)`, \(vendor.events.count) events; auth `\(vendor.authScheme)`)\n\n"
            out += "| event | kind | what happened |\n|---|---|---|\n"
            for event in vendor.events {
                out += "| `\(event.name)` | `\(event.kind)` | \(event.summary) |\n"
            }
            out += "\n"
        }
        return out
    }
}
