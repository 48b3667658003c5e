import MLAuditParsers

/// The executed and unexecuted code cells of a notebook, with where each cell's
/// `"execution_count"` key sits in the raw file (the place NBK001/NBK002 report).
struct NotebookExecution {
    struct Cell {
        var number: Int
        var count: Int?
        var isBlank: Bool
        /// Byte offset of the `"execution_count"` key (or of the cell when it has none).
        var offset: Int
    }

    var cells: [Cell] = []

    init(_ notebook: Notebook) {
        for cell in notebook.codeCells {
            let key = cell.node.members?.first { $0.key.value == "execution_count" || $0.key.value == "prompt_number" }
            let offset = key.map { max(0, $0.key.range.lowerBound - 1) } ?? cell.node.offset
            let blank = cell.lines.allSatisfy { line in line.bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
            // IPython counts from 1; a 0 written by some tools means the cell never ran.
            let count = cell.executionCount == 0 ? nil : cell.executionCount
            cells.append(Cell(number: cell.number ?? 0, count: count, isBlank: blank, offset: offset))
        }
    }

    var executed: [Cell] { cells.filter { $0.count != nil } }
}
