import Foundation
import Testing

/// The test folders' own layout: one suite per file, the file named after the suite's struct;
/// a file without a suite holds helpers and is named `…Support.swift`.
@Suite("Layout: test files")
struct TestFileLayoutTests {
    struct TestFile: CustomTestStringConvertible, Sendable {
        var path: String
        var text: String
        var testDescription: String { path }
        var name: String { fileName(path) }
    }

    static func testFiles() throws -> [TestFile] {
        var files: [TestFile] = []
        for folder in ["Tests/HookCheckKitTests", "Tests/EndToEndTests"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent(folder).path)
            for name in names where name.hasSuffix(".swift") {
                files.append(TestFile(path: folder + "/" + name, text: try fixture(folder + "/" + name)))
            }
        }
        #expect(files.count > 20, "found only \(files.count) test files")
        return files.sorted { $0.path < $1.path }
    }

    /// The names of the structs marked `@Suite` at the start of a line, in order.
    static func suites(in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: #"(?m)^@Suite\b[^\n]*\n(?:@[^\n]*\n)*(?:(?:public|internal|final) )*struct ([A-Za-z_][A-Za-z0-9_]*)"#)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test("each suite is alone in a file named after its struct; other files are …Support.swift")
    func oneSuitePerFile() throws {
        for file in try Self.testFiles() {
            let markers = file.text.components(separatedBy: "\n@Suite").count - 1 + (file.text.hasPrefix("@Suite") ? 1 : 0)
            let suites = try Self.suites(in: file.text)
            #expect(suites.count == markers, "\(file.path): a @Suite not followed by its struct")
            switch suites.count {
            case 0:
                #expect(file.name.hasSuffix("Support.swift"), "\(file.path) holds no suite, so its name must end in Support.swift")
                #expect(!file.text.contains("@Test"), "\(file.path) has tests outside a suite")
            case 1:
                #expect(file.name == suites[0] + ".swift", "\(file.path) holds the suite \(suites[0])")
            default:
                Issue.record("\(file.path) holds \(suites.count) suites: \(suites.joined(separator: ", ")); give each its own file")
            }
        }
    }

    @Test("the suite finder finds what it should")
    func finder() throws {
        #expect(try Self.suites(in: "@Suite(\"a\")\nstruct ATests {}\n\n@Suite(\"b\", .serialized)\nstruct BTests {}\n") == ["ATests", "BTests"])
        #expect(try Self.suites(in: "/// Not one: @Suite\nstruct C {}\n").isEmpty)
    }
}
