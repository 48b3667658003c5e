import MLAuditParsers

/// A `.ipynb` file: the JSON scanner, the notebook model, the code of its cells
/// through the Python front end, and its shell escapes and magics.
enum NotebookTarget {
    static func run(_ bytes: [UInt8]) {
        let notebook: Notebook
        do throws(NotebookError) {
            notebook = try NotebookReader.read(bytes)
        } catch {
            if let offset = error.offset { invariant(offset >= 0 && offset <= bytes.count, "error offset \(offset) of \(bytes.count)") }
            return
        }
        var program: [UInt8] = []
        for cell in notebook.cells {
            for line in cell.lines { ShellCheck.checkMapping(line, fileSize: bytes.count) }
            invariant(cell.offset >= 0 && cell.offset <= bytes.count, "cell \(cell.index) at \(cell.offset) of \(bytes.count)")
            if cell.isCode && notebook.isPython {
                program += cell.source.utf8
                program.append(0x0A)
            }
        }
        PythonLexerTarget.run(program)
        ShellCheck.run(notebook.shellRegions, fileSize: bytes.count)
    }
}
