import HookCheckModel

/// Turns the paths on the command line into the inputs to read, in a stable order.
enum InputFiles {
    enum Item: Equatable {
        case standardInput
        case file(String)
        case unreadable(String, String)
    }

    /// Files as given; directories walked recursively in sorted order, hidden entries skipped.
    static func expand(_ paths: [String]) -> [Item] {
        var items: [Item] = []
        for path in paths {
            if path == "-" {
                items.append(.standardInput)
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                items.append(.unreadable(path, systemError()))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var found: [String] = []
                walk(path, depth: 0, into: &found)
                items += found.sorted().map(Item.file)
            } else {
                items.append(.file(path))
            }
        }
        return items
    }

    /// Every regular file below `directory`, hidden entries skipped.
    static func walkAll(_ directory: String, depth: Int, into found: inout [String]) {
        walk(directory, depth: depth, into: &found)
    }

    private static func walk(_ directory: String, depth: Int, into found: inout [String]) {
        // Symbolic-link loops cannot recurse forever.
        guard depth < 64, let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            // The directory entry usually says what it is; stat only when it does not (links, some filesystems).
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG):
                found.append(path)
                continue
            case Int32(DT_DIR):
                walk(path, depth: depth + 1, into: &found)
                continue
            default:
                break
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                found.append(path)  // reported as unreadable when opened
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(path, depth: depth + 1, into: &found)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                found.append(path)
            }
        }
    }
}
