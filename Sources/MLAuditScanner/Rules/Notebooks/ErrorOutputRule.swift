import MLAuditCore
import MLAuditParsers

/// NBK003: a committed output that is an exception traceback.
struct ErrorOutputRule: FileRule {
    let ruleIDs = ["NBK003"]
    func applies(to kind: FileKind) -> Bool { kind == .notebook }

    func check(_ file: FileContext) {
        guard let notebook = file.notebook else { return }
        for cell in notebook.codeCells {
            for output in cell.node["outputs"]?.array ?? [] where output["output_type"]?.string == "error" {
                let key = output.members?.first { $0.key.value == "output_type" }
                let offset = key.map { max(0, $0.key.range.lowerBound - 1) } ?? output.offset
                let name = output["ename"]?.string.map { "`\($0)`" } ?? "an exception"
                file.report("NBK003", atByte: offset,
                            message: "the saved output is \(name) raised by this cell: the notebook did not run cleanly; fix the error (or clear the output) and re-run before committing",
                            cell: cell.number)
            }
        }
    }
}
