import MLAuditCore
import MLAuditParsers

extension FileContext {
    /// The notebook, for `.ipynb` files; nil (after one diagnostic naming the line
    /// and reason) when the JSON is malformed or is not a notebook.
    public var notebook: Notebook? {
        artifact("notebook") { file -> Notebook? in
            guard file.kind == .notebook else { return nil }
            let limit = file.configuration.limits.maxNestingDepth
            if let line = NestingDepth.firstLineDeeperThan(limit, json: file.bytes) {
                file.diagnose(line: line, "notebook not read: JSON nested deeper than \(limit) levels (max-nesting-depth)")
                return nil
            }
            do throws(NotebookError) {
                return try NotebookReader.read(file.bytes)
            } catch {
                if let offset = error.offset {
                    let position = file.position(ofByte: offset)
                    file.diagnose(line: position.line, column: position.column, error.message)
                } else {
                    file.diagnose(error.message)
                }
                return nil
            }
        }
    }
}
