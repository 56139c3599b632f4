import Foundation
import Testing

/// `action.yml`: a composite action that builds hookcheck and lints the caller's paths.
@Suite("Layout: the GitHub Action")
struct GitHubActionTests {
    /// The action as JSON, parsed by PyYAML; nil when python3 or PyYAML is absent.
    static func parsed() throws -> [String: Any]? {
        guard let python = toolPath("python3") else { return nil }
        let script = "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))"
        let result = try runTool(python, ["-c", script, packageRoot.appendingPathComponent("action.yml").path])
        if result.err.contains("No module named 'yaml'") { return nil }
        #expect(result.status == 0, "action.yml does not parse: \(result.err)")
        return try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any]
    }

    @Test("action.yml parses as YAML, with the documented inputs and defaults (skipped without PyYAML)")
    func inputs() throws {
        guard let action = try Self.parsed() else { return }
        let inputs = try #require(action["inputs"] as? [String: [String: Any]])
        #expect(Set(inputs.keys) == ["paths", "format", "sarif", "args"])
        #expect(inputs["paths"]?["default"] as? String == ".")
        #expect(inputs["format"]?["default"] as? String == "github")
        #expect(inputs["sarif"]?["default"] as? String == "false")
        for (name, input) in inputs { #expect(input["description"] is String, "\(name) has no description") }
    }

    @Test("its steps build hookcheck in the action's folder, upload SARIF and run lint (skipped without PyYAML)")
    func steps() throws {
        guard let action = try Self.parsed() else { return }
        let runs = try #require(action["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        let steps = try #require(runs["steps"] as? [[String: Any]])
        let build = try #require(steps.first)
        #expect(build["run"] as? String == "swift build -c release --product hookcheck")
        #expect(build["working-directory"] as? String == "${{ github.action_path }}")
        #expect(steps.contains { ($0["uses"] as? String)?.hasPrefix("github/codeql-action/upload-sarif@") == true })
        let last = try #require(steps.last?["run"] as? String)
        #expect(last.contains("hookcheck\" lint --format \"$HOOKCHECK_FORMAT\""))
        for step in steps where step["run"] != nil {
            #expect(step["shell"] as? String == "bash", "a composite run step needs its shell")
        }
    }

    @Test("the README shows the action in a workflow")
    func readme() throws {
        let readme = try fixture("README.md")
        #expect(readme.contains("uses: OWNER/hookcheck@main"))
    }
}
