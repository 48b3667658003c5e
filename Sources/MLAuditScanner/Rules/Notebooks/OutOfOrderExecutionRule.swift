import MLAuditCore
import MLAuditParsers

/// NBK001: an executed code cell whose count is not higher than that of every
/// executed cell above it: the notebook's outputs came from another order of runs.
struct OutOfOrderExecutionRule: FileRule {
    let ruleIDs = ["NBK001"]
    func applies(to kind: FileKind) -> Bool { kind == .notebook }

    func check(_ file: FileContext) {
        guard let notebook = file.notebook else { return }
        var highest: (count: Int, cell: Int)?
        for cell in NotebookExecution(notebook).executed {
            let count = cell.count!
            if let top = highest, count <= top.count {
                file.report("NBK001", atByte: cell.offset,
                            message: "execution count \(count) comes after count \(top.count) of cell \(top.cell) above it: the cells ran out of order; restart the kernel and run all cells top to bottom before committing",
                            cell: cell.number)
            } else {
                highest = (count, cell.number)
            }
        }
    }
}
