import HookCheckModel

/// Plain-text tables: columns padded to their widest cell, two spaces apart, the last column unpadded.
public enum TextTable {
    public static func lines(_ rows: [[String]]) -> [String] {
        var widths = [Int](repeating: 0, count: rows.map(\.count).max() ?? 0)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(widths[column])
            }.joined(separator: "  ")
        }
    }
}
