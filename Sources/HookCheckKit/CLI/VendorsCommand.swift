/// `hookcheck vendors [VENDOR [EVENT]]`: the catalogue of vendors, their events and fields.
struct VendorsCommand {
    let settings: RunSettings
    let io: CLIEnvironment

    func run() -> Int32 {
        let vendors = VendorRegistry.all.compactMap { $0 as? any Cataloged }
        let json = settings.format == "json"
        guard let vendorName = settings.paths.first else {
            if json {
                io.out(JSONOutput(pretty: true).string(.array(vendors.map { vendor in
                    .object([("id", .string(vendor.id)), ("name", .string(vendor.displayName)), ("auth", .string(vendor.authScheme)),
                             ("authSummary", .string(vendor.authSummary)), ("events", .array(vendor.events.map { .string($0.name) }))])
                })) + "\n")
            } else {
                io.out(table([["VENDOR", "NAME", "EVENTS", "AUTH"]] + vendors.map { [$0.id, $0.displayName, String($0.events.count), $0.authScheme] }))
            }
            return CLI.exitValid
        }
        guard let vendor = vendors.first(where: { $0.id == vendorName }) else {
            return CLI.usageFailure(UsageError(message: "Unknown vendor '\(vendorName)'; known: \(vendors.map(\.id).joined(separator: ", "))",
                                               suggestion: nil), command: .vendors, io: io)
        }
        guard settings.paths.count > 1 else {
            if json {
                io.out(JSONOutput(pretty: true).string(.object([
                    ("id", .string(vendor.id)), ("name", .string(vendor.displayName)), ("auth", .string(vendor.authScheme)),
                    ("authSummary", .string(vendor.authSummary)),
                    ("events", .array(vendor.events.map { .object([("name", .string($0.name)), ("kind", .string($0.kind)), ("summary", .string($0.summary))]) })),
                ])) + "\n")
            } else {
                io.out("\(vendor.displayName) (\(vendor.id)), auth: \(vendor.authSummary)\n\n")
                io.out(table([["EVENT", "KIND", "WHAT HAPPENED"]] + vendor.events.map { [$0.name, $0.kind, $0.summary] }))
            }
            return CLI.exitValid
        }
        let eventName = settings.paths[1]
        guard let event = vendor.events.first(where: { $0.name == eventName }) else {
            let near = vendor.events.map(\.name).min { ArgumentParser.editDistance($0, eventName) < ArgumentParser.editDistance($1, eventName) }
            return CLI.usageFailure(UsageError(message: "\(vendor.displayName) has no event '\(eventName)'",
                                               suggestion: near.flatMap { ArgumentParser.editDistance($0, eventName) <= 4 ? $0 : nil }),
                                    command: .vendors, io: io)
        }
        let fields = event.shape.catalogFields()
        if json {
            io.out(JSONOutput(pretty: true).string(.object([
                ("vendor", .string(vendor.id)), ("event", .string(event.name)), ("kind", .string(event.kind)), ("summary", .string(event.summary)),
                ("auth", .string(vendor.authScheme)),
                ("fields", .array(fields.map { .object([("name", .string($0.name)), ("type", .string($0.type)), ("required", .bool($0.required))]) })),
            ])) + "\n")
        } else {
            io.out("\(vendor.displayName) \(event.name) → \(event.kind): \(event.summary)\nauth: \(vendor.authSummary)\n\n")
            io.out(table([["FIELD", "TYPE", "REQUIRED"]] + fields.map { [$0.name, $0.type, $0.required ? "yes" : "no"] }))
        }
        return CLI.exitValid
    }

    private func table(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows.map(\.count).max() ?? 0)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        return rows.map { row in
            row.enumerated().map { $0.offset == row.count - 1 ? $0.element : $0.element.padding(widths[$0.offset]) }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
