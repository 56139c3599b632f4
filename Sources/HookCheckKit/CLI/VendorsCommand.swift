import HookCheckModel

/// `hookcheck vendors [VENDOR [EVENT]]`: the catalogue of vendors, their events and fields.
struct VendorsCommand {
    let settings: RunSettings
    let io: CLIEnvironment

    func run() throws(UsageError) -> ExitStatus {
        let vendors = SenderRegistry.all
        let json = settings.format == .json
        guard settings.paths.count <= 2 else {
            throw UsageError(message: "vendors takes a vendor and an event; unexpected '\(settings.paths[2])'", suggestion: nil)
        }
        guard let vendorName = settings.paths.first else {
            if json {
                io.out(JSONOutput(pretty: true).string(.array(vendors.map { vendor in
                    .object([("id", .string(vendor.id)), ("name", .string(vendor.displayName)), ("auth", .string(vendor.auth.id)),
                             ("authSummary", .string(vendor.auth.summary)), ("events", .array(vendor.events.map { .string($0.name) }))])
                })) + "\n")
            } else {
                io.out(table([["VENDOR", "NAME", "EVENTS", "AUTH"]] + vendors.map { [$0.id, $0.displayName, String($0.events.count), $0.auth.id] }))
            }
            return .valid
        }
        // Ids are lower-case; a display name or any case names the same sender.
        guard let vendor = vendors.first(where: { $0.id == vendorName.lowercased() || asciiCaseInsensitiveEquals($0.displayName, vendorName) }) else {
            throw UsageError(message: "Unknown vendor '\(vendorName)'; known: \(vendors.map(\.id).joined(separator: ", "))",
                             suggestion: Spelling.nearest(vendorName.lowercased(), in: vendors.map(\.id), limit: 3))
        }
        guard settings.paths.count > 1 else {
            if json {
                io.out(JSONOutput(pretty: true).string(.object([
                    ("id", .string(vendor.id)), ("name", .string(vendor.displayName)), ("auth", .string(vendor.auth.id)),
                    ("authSummary", .string(vendor.auth.summary)),
                    ("events", .array(vendor.events.map { .object([("name", .string($0.name)), ("kind", .string($0.kind)), ("summary", .string($0.summary))]) })),
                ])) + "\n")
            } else {
                io.out("\(vendor.displayName) (\(vendor.id)), auth: \(vendor.auth.summary)\n\n")
                io.out(table([["EVENT", "KIND", "WHAT HAPPENED"]] + vendor.events.map { [$0.name, $0.kind, $0.summary] }))
            }
            return .valid
        }
        let eventName = settings.paths[1]
        // A catalogued name with a <...> part stands for every list or table it names.
        guard let event = vendor.events.first(where: { $0.name == eventName }) ?? vendor.events.first(where: { $0.matches(eventName) }) else {
            throw UsageError(message: "\(vendor.displayName) has no event '\(eventName)'",
                             suggestion: Spelling.nearest(eventName, in: vendor.events.map(\.name), limit: 4))
        }
        let fields = event.shape.catalogFields()
        if json {
            io.out(JSONOutput(pretty: true).string(.object([
                ("vendor", .string(vendor.id)), ("event", .string(event.name)), ("kind", .string(event.kind)), ("summary", .string(event.summary)),
                ("auth", .string(vendor.auth.id)),
                ("fields", .array(fields.map { .object([("name", .string($0.name)), ("type", .string($0.type)), ("required", .bool($0.required))]) })),
            ])) + "\n")
        } else {
            io.out("\(vendor.displayName) \(event.name) → \(event.kind): \(event.summary)\nauth: \(vendor.auth.summary)\n\n")
            io.out(table([["FIELD", "TYPE", "REQUIRED"]] + fields.map { [$0.name, $0.type, $0.required ? "yes" : "no"] }))
        }
        return .valid
    }

    private func table(_ rows: [[String]]) -> String {
        TextTable.lines(rows).joined(separator: "\n") + "\n"
    }
}
