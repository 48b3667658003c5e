import MLAuditCore
import MLAuditParsers

/// NBK001: an executed code cell that ran after an executed cell below it (its count is
/// not lower than that cell's): the cell that was run late is reported, since that is
/// the one whose re-run left the outputs below it stale.
struct OutOfOrderExecutionRule: FileRule {
    let ruleIDs = ["NBK001"]
    func applies(to kind: FileKind) -> Bool { kind == .notebook }

    func check(_ file: FileContext) {
        guard let notebook = file.notebook else { return }
        // The earliest-run cell below the current one, walking up from the bottom.
        var earliestBelow: (count: Int, cell: Int)?
        var late: [(cell: NotebookExecution.Cell, below: (count: Int, cell: Int))] = []
        for cell in NotebookExecution(notebook).executed.reversed() {
            let count = cell.count!
            if let below = earliestBelow, count >= below.count {
                late.append((cell, below))
            }
            if earliestBelow == nil || count < earliestBelow!.count { earliestBelow = (count, cell.number) }
        }
        for (cell, below) in late.reversed() {
            file.report("NBK001", atByte: cell.offset,
                        message: "execution count \(cell.count!) is not lower than count \(below.count) of cell \(below.cell) below it: this cell ran after cells below it, so their saved outputs may come from code that is no longer on the page; restart the kernel and run all cells top to bottom before committing",
                        cell: cell.number)
        }
    }
}
