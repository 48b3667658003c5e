import Foundation
import MLAuditCore
import MLAuditParsers

/// The Python code of a file, analysed once and shared by every Python rule: a `.py`
/// file as it is, or the code cells of a Python notebook joined into one program
/// (magics and shell escapes blanked out, so the lexer never sees them). Byte offsets
/// of the tokens, calls and strings are offsets of `bytes`; `place(ofByte:)` maps them
/// back to the raw file's line and column and, for notebooks, the cell.
public final class PythonSource: @unchecked Sendable {
    public let bytes: [UInt8]
    private let parse: PythonParse
    public var tokens: [PythonToken] { parse.tokens }
    public let imports: [PythonImport]
    /// Calls, assignments, strings and functions: built on first use, since some
    /// checks (imports for DEC001, say) need only the tokens and imports.
    public var summary: PythonCallSummary {
        summaryLock.lock()
        defer { summaryLock.unlock() }
        if let summaryCache { return summaryCache }
        let built = PythonCalls.analyze(parse, bytes, imports)
        summaryCache = built
        return built
    }
    private var summaryCache: PythonCallSummary?
    private let summaryLock = NSLock()
    /// For notebooks: where each virtual byte came from in the `.ipynb` file.
    private let mapping: MappedText?
    /// For notebooks: (first virtual byte, code cell number), sorted.
    private let cellStarts: [(offset: Int, cell: Int)]

    init(bytes: [UInt8], mapping: MappedText?, cellStarts: [(offset: Int, cell: Int)]) {
        self.bytes = bytes
        self.mapping = mapping
        self.cellStarts = cellStarts
        parse = PythonParse(bytes)
        imports = PythonImports.extract(parse, bytes)
    }

    public var isNotebook: Bool { mapping != nil }
    public var calls: [PythonCall] { summary.calls }

    /// The raw file's byte offset of a byte of `bytes`.
    public func fileOffset(ofByte offset: Int) -> Int {
        mapping?.fileOffset(of: offset) ?? offset
    }

    /// The notebook code cell holding a byte (nil for plain Python files).
    public func cell(ofByte offset: Int) -> Int? {
        guard !cellStarts.isEmpty else { return nil }
        var lo = 0
        var hi = cellStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if cellStarts[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
        }
        return cellStarts[lo].cell
    }

    /// Builds the program of a notebook's code cells.
    static func notebookProgram(_ notebook: Notebook) -> PythonSource {
        var text = MappedText()
        var starts: [(offset: Int, cell: Int)] = []
        for cell in notebook.codeCells {
            starts.append((text.count, cell.number ?? 0))
            var skipCell = false
            for (i, line) in cell.lines.enumerated() {
                let kind = NotebookLine.classify(line.bytes, isFirst: i == 0)
                if kind == .cellMagic { skipCell = true }
                if !skipCell {
                    switch kind {
                    case .python: text.append(line)
                    case .assignedEscape(let keep): text.append(line.slice(0..<keep))
                    case .escape, .cellMagic, .runsPythonCellMagic: break
                    }
                }
                text.appendSynthetic(0x0A, fileOffset: line.fileOffset(of: line.count))
            }
            // Each cell ends its last statement, whatever it left open.
            text.appendSynthetic(0x0A, fileOffset: cell.offset)
        }
        return PythonSource(bytes: text.bytes, mapping: text, cellStarts: starts)
    }
}

/// How a notebook source line is treated when the cells are read as Python.
enum NotebookLine: Equatable {
    case python
    /// `!cmd`, `%magic`, `obj?`: not Python.
    case escape
    /// `files = !ls`: the assignment's target is kept (the first `keep` bytes).
    case assignedEscape(keep: Int)
    /// `%%bash` and other cell magics that run something other than Python: the cell is skipped.
    case cellMagic
    /// `%%time`, `%%capture`: the magic line is skipped, the rest of the cell is Python.
    case runsPythonCellMagic

    static let pythonCellMagics: Set<String> = ["time", "timeit", "capture", "prun", "debug", "python", "python3", "ipython"]

    static func classify(_ line: [UInt8], isFirst: Bool) -> NotebookLine {
        var i = 0
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        guard i < line.count else { return .python }
        let c = line[i]
        if c == UInt8(ascii: "%"), i + 1 < line.count, line[i + 1] == UInt8(ascii: "%") {
            guard isFirst else { return .escape }
            var end = i + 2
            while end < line.count, line[end] != 0x20, line[end] != 0x09 { end += 1 }
            let name = String(decoding: line[(i + 2)..<end], as: UTF8.self)
            return pythonCellMagics.contains(name) ? .runsPythonCellMagic : .cellMagic
        }
        if c == UInt8(ascii: "!") || c == UInt8(ascii: "%") { return .escape }
        // `x = !cmd` / `x = %magic`
        var j = i
        while j < line.count, line[j] == UInt8(ascii: "_") || line[j] == UInt8(ascii: ".") || (line[j] | 0x20 >= 0x61 && line[j] | 0x20 <= 0x7A) || (line[j] >= 0x30 && line[j] <= 0x39) { j += 1 }
        if j > i {
            var k = j
            while k < line.count, line[k] == 0x20 { k += 1 }
            if k < line.count, line[k] == UInt8(ascii: "="), k + 1 < line.count, line[k + 1] != UInt8(ascii: "=") {
                var m = k + 1
                while m < line.count, line[m] == 0x20 { m += 1 }
                if m < line.count, line[m] == UInt8(ascii: "!") || line[m] == UInt8(ascii: "%") {
                    return .assignedEscape(keep: j)
                }
            }
        }
        // Help: `obj?`, `obj??`, `?obj` (not inside a string or comment: the line must end with it).
        if c == UInt8(ascii: "?") { return .escape }
        var end = line.count
        while end > i, line[end - 1] == 0x20 || line[end - 1] == 0x09 || line[end - 1] == 0x0D { end -= 1 }
        if end > i, line[end - 1] == UInt8(ascii: "?"), !line[i..<end].contains(UInt8(ascii: "#")),
           !line[i..<end].contains(UInt8(ascii: "\"")), !line[i..<end].contains(UInt8(ascii: "'")) {
            return .escape
        }
        return .python
    }
}

extension FileContext {
    /// The file's Python code: for `.py` files and notebooks whose kernel runs Python.
    public var python: PythonSource? {
        artifact("python") { file -> PythonSource? in
            switch file.kind {
            case .python, .setupPy:
                return PythonSource(bytes: file.bytes, mapping: nil, cellStarts: [])
            case .notebook:
                guard let notebook = file.notebook, notebook.isPython else { return nil }
                return PythonSource.notebookProgram(notebook)
            default:
                return nil
            }
        }
    }

    /// Reports at a byte of the file's Python code (a call, a string), naming the cell in notebooks.
    public func report(_ ruleID: String, in source: PythonSource, atByte offset: Int, message: String, severity: Severity? = nil) {
        report(ruleID, atByte: source.fileOffset(ofByte: offset), message: message, severity: severity,
               cell: source.cell(ofByte: offset))
    }
}
