/// A Jupyter notebook (nbformat 4, or 3 read leniently), with every source line
/// of every cell mapped back to its place in the raw `.ipynb` file.
public struct Notebook: Sendable {
    /// `nbformat` (4 for current notebooks; 3 for old ones).
    public var format: Int?
    /// The kernel's language, lowercased (`python`, `r`, `julia`), when the metadata says.
    public var language: String?
    /// All cells in order (v3: the cells of every worksheet).
    public var cells: [NotebookCell]
    /// The parsed document, for checks that read more than cells' sources.
    public var root: JSONNode

    /// Whether the kernel runs Python (or the notebook does not say, as many do not).
    public var isPython: Bool {
        guard let language else { return true }
        return language.hasPrefix("python") || language == "ipython" || language.hasPrefix("ipython")
    }

    public var codeCells: [NotebookCell] { cells.filter(\.isCode) }
}

public struct NotebookCell: Sendable {
    /// 0-based position among all cells.
    public var index: Int
    /// `code`, `markdown`, `raw`.
    public var cellType: String
    /// For code cells, the 1-based position among all the notebook's cells (markdown and
    /// raw included), as notebook editors count them ("Cell 5 of 12"); nil for other cells.
    public var number: Int?
    /// Source lines without their line breaks, each mapped to the raw file.
    public var lines: [MappedText]
    /// `execution_count` (v3: `prompt_number`), nil when unexecuted.
    public var executionCount: Int?
    /// The cell's JSON object.
    public var node: JSONNode

    public var isCode: Bool { cellType == "code" }

    /// The cell's source as one string, lines joined with `\n`.
    public var source: String { lines.map(\.string).joined(separator: "\n") }

    /// The file offset of the first byte of the cell's source (or of the cell when it has none).
    public var offset: Int {
        for line in lines where !line.isEmpty { return line.fileOffset(of: 0) }
        return node.offset
    }
}

/// Why a notebook could not be read, and where (a byte offset of the file when known).
public struct NotebookError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int?
    public var message: String
    public var description: String { message }
}

public enum NotebookReader {
    /// Reads a notebook from the bytes of an `.ipynb` file.
    public static func read(_ bytes: [UInt8]) throws(NotebookError) -> Notebook {
        let root: JSONNode
        do {
            root = try JSONScanner.parse(bytes, skippingOutputPayloads: true)
        } catch {
            throw NotebookError(offset: error.offset, message: "invalid notebook JSON: \(error.message)")
        }
        guard root.members != nil else {
            throw NotebookError(offset: root.offset, message: "a notebook must be a JSON object")
        }
        let format = root["nbformat"]?.int
        var cellNodes: [JSONNode] = []
        if let cells = root["cells"] {
            guard let list = cells.array else { throw NotebookError(offset: cells.offset, message: "notebook 'cells' must be a list") }
            cellNodes = list
        } else if let worksheets = root["worksheets"]?.array { // nbformat 3
            for sheet in worksheets { cellNodes += sheet["cells"]?.array ?? [] }
        } else {
            throw NotebookError(offset: root.offset, message: "notebook has no 'cells' list")
        }

        var cells: [NotebookCell] = []
        for (index, node) in cellNodes.enumerated() {
            guard node.members != nil else { throw NotebookError(offset: node.offset, message: "notebook cell \(index + 1) is not a JSON object") }
            let type = node["cell_type"]?.string ?? ""
            var number: Int?
            if type == "code" {
                number = index + 1
            }
            var text = MappedText()
            if let source = node["source"] ?? node["input"] {
                switch source.kind {
                case .string(let s):
                    text.append(s.mappedText(in: bytes))
                case .array(let parts):
                    for part in parts {
                        guard let s = part.jsonString else {
                            throw NotebookError(offset: part.offset, message: "notebook cell source must hold strings")
                        }
                        text.append(s.mappedText(in: bytes))
                    }
                default:
                    throw NotebookError(offset: source.offset, message: "notebook cell source must be a string or a list of strings")
                }
            }
            let count = node["execution_count"]?.int ?? node["prompt_number"]?.int
            cells.append(NotebookCell(index: index, cellType: type, number: number, lines: text.lines(), executionCount: count, node: node))
        }
        return Notebook(format: format, language: kernelLanguage(root), cells: cells, root: root)
    }

    static func kernelLanguage(_ root: JSONNode) -> String? {
        let metadata = root["metadata"]
        if let language = metadata?["kernelspec"]?["language"]?.string, !language.isEmpty { return language.lowercased() }
        if let language = metadata?["language_info"]?["name"]?.string, !language.isEmpty { return language.lowercased() }
        if let language = metadata?["language"]?.string, !language.isEmpty { return language.lowercased() }
        if let name = metadata?["kernelspec"]?["name"]?.string?.lowercased() {
            if name.hasPrefix("python") || name.hasPrefix("conda-") || name.hasPrefix("py") { return "python" }
            if name == "ir" { return "r" }
            if name.hasPrefix("julia") { return "julia" }
        }
        // nbformat 3 cells carry their own language.
        if let first = root["worksheets"]?.array?.first?["cells"]?.array?.first(where: { $0["language"] != nil }) {
            return first["language"]?.string?.lowercased()
        }
        return nil
    }
}
