import MLAuditCore
import MLAuditParsers

/// NBK003: a committed output that is an exception traceback. An error the notebook
/// shows on purpose is accepted by tagging its cell `raises-exception` (the tag nbval,
/// nbconvert's `--allow-errors` users and Jupyter Book already read).
struct ErrorOutputRule: FileRule {
    let ruleIDs = ["NBK003"]
    func applies(to kind: FileKind) -> Bool { kind == .notebook }

    static let acceptingTags: Set<String> = ["raises-exception"]

    func check(_ file: FileContext) {
        guard let notebook = file.notebook else { return }
        for cell in notebook.codeCells {
            let errors = (cell.node["outputs"]?.array ?? []).filter { $0["output_type"]?.string == "error" }
            guard !errors.isEmpty, !Self.isTaggedAsRaising(cell) else { continue }
            for output in errors {
                let key = output.members?.first { $0.key.value == "output_type" }
                let offset = key.map { max(0, $0.key.range.lowerBound - 1) } ?? output.offset
                let name = output["ename"]?.string.map { "`\($0)`" } ?? "an exception"
                file.report("NBK003", atByte: offset,
                            message: "the saved output is \(name) raised by this cell: the notebook did not run cleanly; fix the error (or clear the output) and re-run before committing, or tag the cell raises-exception if the error is the point",
                            cell: cell.number)
            }
        }
    }

    static func isTaggedAsRaising(_ cell: NotebookCell) -> Bool {
        let tags = cell.node["metadata"]?["tags"]?.array ?? []
        return tags.contains { $0.string.map(acceptingTags.contains) ?? false }
    }
}
