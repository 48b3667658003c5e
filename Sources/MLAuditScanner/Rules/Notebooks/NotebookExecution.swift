import MLAuditParsers

/// The executed and unexecuted code cells of a notebook, with where each cell's
/// `"execution_count"` key sits in the raw file (the place NBK001/NBK002 report).
struct NotebookExecution {
    struct Cell {
        var number: Int
        var count: Int?
        var isBlank: Bool
        /// Count 0 in a notebook whose count-0 cells hold outputs: the tool that ran it
        /// keeps no counts, so 0 says nothing about whether the cell ran.
        var ranUncounted: Bool
        /// Byte offset of the `"execution_count"` key (or of the cell when it has none).
        var offset: Int
    }

    var cells: [Cell] = []

    init(_ notebook: Notebook) {
        var zeroCounted: [Int] = []
        for cell in notebook.codeCells {
            let key = cell.node.members?.first { $0.key.value == "execution_count" || $0.key.value == "prompt_number" }
            let offset = key.map { max(0, $0.key.range.lowerBound - 1) } ?? cell.node.offset
            let blank = cell.lines.allSatisfy { line in line.bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
            // IPython counts from 1; a 0 written by some tools means no count was kept
            // (the cell never ran, or ran where counts are not saved: then it has outputs).
            let count = cell.executionCount == 0 ? nil : cell.executionCount
            let outputs = cell.executionCount == 0 ? cell.node.members?.first { $0.key.value == "outputs" }?.value.array ?? [] : []
            cells.append(Cell(number: cell.number ?? 0, count: count, isBlank: blank, ranUncounted: !outputs.isEmpty, offset: offset))
            if cell.executionCount == 0 { zeroCounted.append(cells.count - 1) }
        }
        if zeroCounted.contains(where: { cells[$0].ranUncounted }) {
            for i in zeroCounted { cells[i].ranUncounted = true }
        }
    }

    var executed: [Cell] { cells.filter { $0.count != nil } }
}
