import Foundation
import Testing
@testable import HookCheckKit

/// `FieldValues`: typed strings decoded for display, and the new value of a changed column.
@Suite("SuperOffice: FieldValues")
struct SuperOfficeFieldValuesTests {
    @Test("typed strings decode as api/globalization-and-localization/culturedataformatter.md lists their monikers", arguments: [
        // reference/extratable-events.md's own values.
        ("[I:6]", JSONValue?.some(.number("6"))),
        ("[I:-1]", .number("-1")),
        ("[I:123]", .number("123")),
        ("[DT:09/16/2025 14:22:14.0000000]", .string("2025-09-16T14:22:14")),
        ("[DT:01/01/0001 00:00:00.0000000]", .string("0001-01-01T00:00:00")),
        // culturedataformatter.md's examples, and the fractions DT may carry.
        ("[DT:11/09/2017 14:53:18]", .string("2017-11-09T14:53:18")),
        ("[DT:12/31/2013 23:59:59.1250000]", .string("2013-12-31T23:59:59.125")),
        ("[F:123.4]", .number("123.4")),
        ("[F:12345.6789]", .number("12345.6789")),
        ("[M:123.45]", .number("123.45")),
        ("[A:3,4,5]", .array([.number("3"), .number("4"), .number("5")])),
        ("[TS:500]", .number("500")),
        ("[T:14:52]", .string("14:52")),
        // A Date's day and month order is not documented: slashes read as DT's, dots as sent.
        ("[D:09/16/2025]", .string("2025-09-16")),
        ("[D:09.11.2017]", .string("09.11.2017")),
        ("[B:X98…]", .string("X98…")),
        // Not typed strings, or not well formed: shown as sent.
        ("2025-09-12T14:33:37", nil),
        ("[X:1]", nil),
        ("[I:abc]", nil),
        ("[F:1,5]", nil),
        ("[DT:13/01/2025 10:00:00]", nil),
        ("[DT:09/16/2025]", nil),
        ("[A:3,,5]", nil),
        ("[I:6", nil),
    ] as [(String, JSONValue?)])
    func decode(_ text: String, _ expected: JSONValue?) {
        #expect(SuperOfficeFieldValue.decodeTyped(text) == expected)
        #expect(SuperOfficeFieldValue.decode(.string(text)) == expected ?? .string(text))
    }

    @Test("values that are not strings pass through", arguments: [JSONValue.number("3"), .bool(false), .null, .array([])])
    func passThrough(_ value: JSONValue) {
        #expect(SuperOfficeFieldValue.decode(value) == value)
    }

    struct ChangedValues: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String
        /// Each Changes name, and the value the changes table shows as updated (nil: none).
        var changes: [(String, JSONValue?)]
        var testDescription: String { name }
    }

    static let changed: [ChangedValues] = [
        ChangedValues(name: "reference/extratable-events.md y_table.created: typed strings, decoded; x_string (a dbString) is not in FieldValues",
                      file: "samples/superoffice/doc-extratable-events-y_table.created.http",
                      changes: [("id", .number("6")), ("last_changed", .string("2025-09-16T14:22:14")), ("x_int", .number("123")), ("x_string", nil)]),
        ChangedValues(name: "reference/extratable-events.md y_table.changed",
                      file: "samples/superoffice/doc-extratable-events-y_table.changed.json",
                      changes: [("id", .number("6")), ("x_int", .number("123")), ("last_changed", .string("2025-09-16T14:27:20")), ("x_string", nil)]),
        ChangedValues(name: "reference/extratable-events.md y_table.deleted: FieldValues but no Changes, so no changes",
                      file: "samples/superoffice/doc-extratable-events-y_table.deleted.json", changes: []),
        ChangedValues(name: "reference/sale-events.md Sale.Changed: FieldValues holds some of the changed columns",
                      file: "samples/superoffice/doc-sale-events-sale.changed.json",
                      changes: [("sale_id", nil), ("earning", nil), ("probability", nil), ("earning_percent", nil), ("amount", nil),
                                ("probability_idx", .number("1")), ("updated", .string("2025-05-14T15:56:39.5450964+02:00")),
                                ("updated_associate_id", .number("5")), ("updatedCount", nil)]),
        ChangedValues(name: "reference/person-events.md: person.softdeleted, made by .make-samples.py",
                      file: "samples/superoffice/person.softdeleted.http",
                      changes: [("DeletedDate", .string("2026-03-10T08:21:47")), ("updated", .string("2026-03-10T09:21:47.5170000+01:00")),
                                ("updated_associate_id", .number("316")), ("updatedCount", nil)]),
        ChangedValues(name: "dev/notification.md: no FieldValues, names only",
                      file: "samples/superoffice/doc-person-events-person.changed.json",
                      changes: ["person_id", "year_of_birth", "person_number", "position_idx", "title", "updated", "updated_associate_id", "updatedCount"]
                        .map { ($0, nil) }),
    ]

    @Test("a changed column's FieldValues entry is its updated value", arguments: changed)
    func updated(_ row: ChangedValues) throws {
        let record = try #require(try analyzeSample(row.file).first)
        #expect(record.changes.map(\.field) == row.changes.map(\.0))
        #expect(record.changes.map(\.updated) == row.changes.map(\.1))
        #expect(record.changes.allSatisfy { $0.previous == nil })
    }

    @Test("the text view's changes table shows the decoded values")
    func table() throws {
        let result = runCLIAtRoot(["samples/superoffice/doc-extratable-events-y_table.created.http"])
        let lines = result.out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("FIELD         UPDATED"), "\(result.out)")
        #expect(lines.contains("last_changed  \"2025-09-16T14:22:14\""), "\(result.out)")
        #expect(lines.contains("x_int         123"), "\(result.out)")
    }
}
