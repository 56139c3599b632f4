import Foundation
import Testing
@testable import HookCheckKit

/// The layers of `Sources/HookCheckKit`, bottom to top (README, "Layout"). A folder may use what
/// is declared in a folder of a lower rank, never of its own rank or above (siblings are
/// independent). Model and Crypto are modules of their own, so there the compiler enforces it
/// too; this test covers the folders that share one module.
let layers: [(folder: String, rank: Int)] = [
    ("Model", 0), ("Crypto", 1), ("Syntax", 1), ("Input", 2), ("Schema", 2),
    ("Vendors", 3), ("Pipeline", 4), ("Report", 5), ("CLI", 6),
]

/// One Swift source file of the library, its code without comments and string literals.
struct SourceFile: CustomTestStringConvertible, Sendable {
    var path: String
    var folder: String
    var text: String
    var code: String
    var testDescription: String { path }

    static let library = packageRoot.appendingPathComponent("Sources/HookCheckKit")

    static func all() throws -> [SourceFile] {
        let walker = try #require(FileManager.default.enumerator(at: library, includingPropertiesForKeys: nil))
        var files: [SourceFile] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let relative = String(url.path.dropFirst(library.path.count + 1))
            let text = try String(contentsOf: url, encoding: .utf8)
            files.append(SourceFile(path: relative, folder: String(relative.split(separator: "/").first ?? ""), text: text,
                                    code: stripped(text)))
        }
        #expect(files.count > 50, "found only \(files.count) sources under \(library.path)")
        return files.sorted { $0.path < $1.path }
    }

    /// The code without `//` comments and without the contents of string literals.
    static func stripped(_ text: String) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var inString = false
            var escaped = false
            var previous: Character = " "
            for character in line {
                if inString {
                    if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false; out.append("\"") }
                    continue
                }
                if character == "/", previous == "/" {
                    out.removeLast()
                    break
                }
                out.append(character)
                if character == "\"" { inString = true }
                previous = character
            }
            out.append("\n")
        }
        return out
    }

    /// Names this file declares at the top level: types, functions, and `FindingCode` members.
    var declarations: Set<String> {
        var names = Set<String>()
        let patterns = [#"(?m)^(?:public |package |internal |private |fileprivate |final |indirect )*(?:struct|enum|class|protocol|typealias|func|actor) +([A-Za-z_][A-Za-z0-9_]*)"#,
                        #"static let ([A-Za-z_][A-Za-z0-9_]*) = FindingCode\("#]
        for pattern in patterns {
            let regex = try! NSRegularExpression(pattern: pattern)
            for match in regex.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
                if let range = Range(match.range(at: 1), in: code) { names.insert(String(code[range])) }
            }
        }
        return names
    }

    /// Every identifier the code mentions.
    var identifiers: Set<String> {
        var names = Set<String>()
        var current = ""
        for character in code {
            if character.isLetter || character.isNumber || character == "_" {
                current.append(character)
            } else {
                if !current.isEmpty, !(current.first?.isNumber ?? true) { names.insert(current) }
                current = ""
            }
        }
        return names
    }
}

@Suite("Layout: layers and sender folders")
struct LayoutTests {
    @Test("every folder of the library has a layer")
    func foldersHaveLayers() throws {
        let folders = Set(try SourceFile.all().map(\.folder)).subtracting(["Exports.swift"])
        #expect(folders == Set(layers.map(\.folder)))
    }

    @Test("no folder uses a name declared in a folder of its rank or above")
    func layersRunOneWay() throws {
        let files = try SourceFile.all()
        let rank = Dictionary(uniqueKeysWithValues: layers.map { ($0.folder, $0.rank) })
        var declaredIn: [String: String] = [:]
        for file in files where rank[file.folder] != nil {
            for name in file.declarations { declaredIn[name] = declaredIn[name] ?? file.folder }
        }
        for file in files {
            guard let mine = rank[file.folder] else { continue }
            for name in file.identifiers.sorted() {
                guard let home = declaredIn[name], home != file.folder, let theirs = rank[home] else { continue }
                #expect(theirs < mine, "\(file.path) uses \(name), declared in \(home)/, which is not below \(file.folder)/")
            }
        }
    }

    @Test("outside Vendors/ no line names a sender")
    func senderNamesStayInTheirFolders() throws {
        let names = SenderRegistry.all.flatMap { [$0.id, $0.displayName] }.map { $0.lowercased() }
        #expect(!names.isEmpty)
        for file in try SourceFile.all() where file.folder != "Vendors" {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let lower = line.lowercased()
                for name in names where lower.contains(name) {
                    Issue.record("\(file.path):\(number + 1) names the sender \(name): \(line)")
                }
            }
        }
    }

    @Test("each sender lives in one folder of Vendors/, its type declared there")
    func senderFolders() throws {
        let files = try SourceFile.all()
        for sender in SenderRegistry.all {
            let typeName = String(describing: type(of: sender))
            let homes = files.filter { $0.declarations.contains(typeName) }
            #expect(homes.count == 1, "\(typeName) is declared in \(homes.map(\.path))")
            guard let home = homes.first else { continue }
            let parts = home.path.split(separator: "/")
            #expect(parts.count == 3 && parts[0] == "Vendors", "\(typeName) lives in \(home.path), not in a folder of Vendors/")
        }
    }

    @Test("the C library is imported in one place")
    func platformImports() throws {
        for file in try SourceFile.all() where file.path != "Model/Platform.swift" {
            for module in ["Glibc", "Musl", "Darwin"] {
                #expect(!file.code.contains("import \(module)"), "\(file.path) imports \(module)")
            }
        }
    }
}
