import Foundation

/// A file under the package root, read as UTF-8; throws when it is missing, so a moved sample
/// fails the test instead of turning into an empty input.
func fixture(_ path: String) throws -> String {
    try String(contentsOf: Binary.root.appendingPathComponent(path), encoding: .utf8)
}

/// The files `hookcheck` reads in a sample folder: regular, non-hidden, recursively, sorted.
func sampleFiles(_ folder: String) throws -> [String] {
    let base = Binary.root.appendingPathComponent(folder)
    guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                                      options: [.skipsHiddenFiles]) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: base.path])
    }
    var files: [String] = []
    for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        files.append(folder + "/" + url.path.dropFirst(base.path.count + 1))
    }
    guard !files.isEmpty else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: base.path]) }
    return files.sorted()
}
