import MLAuditCore
import MLAuditParsers

/// NBK002: executions missing from the notebook (counts that skip or do not start
/// at 1) and unexecuted cells between executed ones: the outputs depend on state
/// the notebook does not show.
struct HiddenStateRule: FileRule {
    let ruleIDs = ["NBK002"]
    func applies(to kind: FileKind) -> Bool { kind == .notebook }

    func check(_ file: FileContext) {
        guard let notebook = file.notebook else { return }
        let execution = NotebookExecution(notebook)
        let executed = execution.executed
        guard !executed.isEmpty else { return }
        let counts = Set(executed.compactMap(\.count))
        var flagged = Set<Int>()
        for cell in executed {
            let count = cell.count!
            guard count > 1, !counts.contains(count - 1) else { continue }
            flagged.insert(cell.number)
            let what = count == executed.compactMap(\.count).min() ? "the first execution shown is \(count), not 1" : "no cell shows execution \(count - 1)"
            file.report("NBK002", atByte: cell.offset,
                        message: "\(what): code that ran before this cell is missing from the notebook; restart the kernel and run all cells before committing",
                        cell: cell.number)
        }
        guard let first = execution.cells.firstIndex(where: { $0.count != nil }),
              let last = execution.cells.lastIndex(where: { $0.count != nil }), first < last else { return }
        for cell in execution.cells[first...last] where cell.count == nil && !cell.isBlank && !cell.ranUncounted && !flagged.contains(cell.number) {
            file.report("NBK002", atByte: cell.offset,
                        message: "this cell was not run although cells around it were: the outputs below it may depend on a state it never produced; run all cells before committing",
                        cell: cell.number)
        }
    }
}
