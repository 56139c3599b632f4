import HookCheckModel

/// The README's tables, generated from the registries so they cannot fall out of step with the code.
public enum ReadmeTables {
    /// One table of events per sender: the README's list of supported events.
    public static func senders(_ senders: [any Sender]) -> String {
        var out = ""
        for vendor in senders {
            out += "**\(vendor.displayName)** (`\(vendor.id)`, \(vendor.events.count) events; auth `\(vendor.auth.id)`)\n\n"
            out += "| event | kind | what happened |\n|---|---|---|\n"
            for event in vendor.events {
                out += "| `\(event.name)` | `\(event.kind)` | \(event.summary) |\n"
            }
            out += "\n"
        }
        return out
    }

    /// Every finding code: the README's table of codes.
    public static func findingCodes(_ codes: [FindingCode]) -> String {
        var out = "| code | severity | category | meaning |\n|---|---|---|---|\n"
        for code in codes {
            out += "| `\(code.id)` | \(code.severity.rawValue) | \(code.category.rawValue) | \(code.summary) |\n"
        }
        return out
    }
}
