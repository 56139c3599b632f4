import Foundation
import Testing
@testable import HookCheckKit

/// Every record hookcheck makes of the files in one folder of samples/ (recursively, hidden files
/// skipped, as the CLI walks folders).
func sampleRecords(_ folder: String, options: InspectOptions = InspectOptions()) throws -> [Record] {
    let root = packageRoot.appendingPathComponent(folder).path
    let files = InputFiles.expand([root]).compactMap { item -> String? in
        if case .file(let path) = item { return path }
        return nil
    }
    #expect(!files.isEmpty, "no sample in \(folder)")
    let inspector = Inspector(options: options)
    var records: [Record] = []
    for path in files {
        records += try InputRequests.all(in: try ByteStream.open(path: path), source: path).map(inspector.analyze)
    }
    return records
}

@Suite("Registries: senders, finding codes, options")
struct RegistryTests {
    @Test("every sender has a sample in samples/<id>/ for every event of its catalogue")
    func samplesCoverCatalogues() throws {
        for sender in SenderRegistry.all {
            let events = try sampleRecords("samples/" + sender.id).filter { $0.vendor == sender.id }.compactMap(\.event)
            #expect(!sender.events.isEmpty, "\(sender.id) catalogues no event")
            for event in sender.events {
                #expect(events.contains { event.matches($0) }, "samples/\(sender.id)/ has no \(event.name)")
            }
        }
    }

    @Test("catalogued names match the events they stand for, and only those")
    func catalogueNames() throws {
        let list = CatalogEvent(name: "list.<name-or-id>.created", kind: "", summary: "", shape: .any)
        #expect(list.matches("list.category.created"))
        #expect(list.matches("list.110.created"))
        #expect(!list.matches("list.created"))
        #expect(!list.matches("list..created"))
        #expect(!list.matches("list.category.changed"))
    }

    @Test("the registry holds every code the sources declare, once each")
    func declaredCodesAreRegistered() throws {
        let registered = FindingCodeRegistry.all.map(\.id)
        #expect(Set(registered).count == registered.count)
        let regex = try NSRegularExpression(pattern: #"FindingCode\("([a-z0-9.-]+)""#)
        var declared: [String] = []
        for file in try SourceFile.all() {
            let text = file.text
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                declared.append(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        #expect(declared.count > 40, "found only \(declared.count) declarations")
        #expect(Set(declared) == Set(registered))
        #expect(declared.count == Set(declared).count, "a code is declared twice")
    }

    @Test("every code has an id, a summary and an explanation worth reading")
    func codesAreDocumented() {
        for code in FindingCodeRegistry.all {
            #expect(code.id.split(separator: ".").count == 2, "\(code.id)")
            #expect(code.summary.hasSuffix(".") && code.summary.count > 15, "\(code.id): \(code.summary)")
            #expect(code.explanation.count > code.summary.count, "\(code.id): the explanation says less than the summary")
        }
    }

    @Test("every code the samples produce is registered, with the registered category")
    func emittedCodesAreRegistered() throws {
        var options = InspectOptions()
        options.publicKey = SecretSource(label: "--public-key sample", value: try fixtureBytes("samples/copernica/.sample-key.pub.pem"))
        options.secrets = [SecretSource(label: "--secret sample", value: Array(try fixture("samples/superoffice/.secret").utf8))]
        var seen = Set<String>()
        for folder in ["samples"] {
            for record in try sampleRecords(folder, options: options) {
                for finding in record.findings {
                    let registered = FindingCodeRegistry.code(id: finding.code.id)
                    #expect(registered != nil, "\(record.source): \(finding.code.id) is not registered")
                    #expect(registered?.category == finding.code.category)
                    seen.insert(finding.code.id)
                }
            }
        }
        // The broken samples alone show a good share of the codes; an empty run proves nothing.
        #expect(seen.count >= 15, "only \(seen.sorted()) seen")
    }

    @Test("a sender reads HOOKCHECK_<ID>_SECRET exactly when its scheme takes a secret")
    func secretVariables() {
        for sender in SenderRegistry.all {
            let variable = "HOOKCHECK_" + sender.id.uppercased().replacingOccurrences(of: "-", with: "_") + "_SECRET"
            if case .secret = sender.auth.keyKind {
                #expect(sender.secretVariables.contains(variable), "\(sender.id)")
            } else {
                #expect(sender.secretVariables.isEmpty, "\(sender.id) takes no secret but reads \(sender.secretVariables)")
            }
        }
    }

    @Test("every option of a command is in its help, and every help entry is an option", arguments: Command.allCases)
    func helpListsOptions(_ command: Command) {
        let help = Help.text(for: command)
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "OPTIONS:") else {
            Issue.record("no OPTIONS: section in help \(command)")
            return
        }
        let entries = lines[(start + 1)...].prefix { !$0.isEmpty }.map { line in
            // "  -H, --header <Name: value>  Add a header..." -> "-H, --header <Name: value>"
            String(line.dropFirst(2)).components(separatedBy: "  ").first ?? ""
        }
        let options = OptionTable.all.filter { $0.commands.contains(command) }.map(\.display)
        #expect(entries == options)
    }

    @Test("explain lists every code, as text and as JSON")
    func explainLists() throws {
        let text = runCLI(["explain"])
        #expect(text.status == 0)
        let rows = text.out.split(separator: "\n").dropFirst()
        #expect(rows.map { String($0.prefix { $0 != " " }) } == FindingCodeRegistry.all.map(\.id))
        let json = runCLI(["explain", "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: String]])
        #expect(list.map { $0["code"] ?? "" } == FindingCodeRegistry.all.map(\.id))
        #expect(list.allSatisfy { Set($0.keys) == ["code", "severity", "category", "summary", "explanation"] })
    }

    @Test("explain CODE explains one; an unknown code is a usage error with the nearest")
    func explainOne() {
        let one = runCLI(["explain", "auth.mismatch"])
        #expect(one.status == 0)
        #expect(one.out.hasPrefix("auth.mismatch (error, auth): The token or signature does not match.\n\n"))
        #expect(one.out.contains("before rotating anything"))
        let typo = runCLI(["explain", "auth.mismatc"])
        #expect(typo.status == 2)
        #expect(typo.err.contains("Unknown finding code 'auth.mismatc'\nDid you mean 'auth.mismatch'?"))
    }

    @Test("the README's table of codes is the registry's")
    func readmeCodes() throws {
        try checkReadmeSection("codes", ReadmeTables.findingCodes(FindingCodeRegistry.all))
    }

    @Test("the README's options are inspect's, as --help prints them")
    func readmeOptions() throws {
        let lines = Help.text(for: .inspect).split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "OPTIONS:"))
        let section = lines[start...].prefix { !$0.isEmpty }.joined(separator: "\n")
        try checkReadmeSection("options", "```\n" + section + "\n```\n")
    }

    @Test("the README's list of input formats is hookcheck help inputs")
    func readmeInputs() throws {
        try checkReadmeSection("inputs", "```\n" + HelpInputs.text() + "```\n")
    }
}
