extension Notebook {
    /// Shell text run by code cells: `!cmd` escapes and `var = !cmd` (Python kernels
    /// only), the `%pip`, `%conda`, `%mamba`, `%micromamba`, `%sx`, `%system` line
    /// magics, and the bodies of `%%bash`, `%%sh`, `%%script bash|sh` cells and of
    /// Databricks `%sh` cells (any kernel). A line ending in `\` continues.
    public var shellRegions: [ShellRegion] {
        var regions: [ShellRegion] = []
        for cell in cells where cell.isCode {
            regions += Self.shellRegions(of: cell, python: isPython)
        }
        return regions
    }

    static let lineMagics: Set<String> = ["pip", "conda", "mamba", "micromamba", "sx", "system", "uv"]
    static let shellCellMagics: Set<String> = ["bash", "sh", "zsh"]
    static let pythonCellMagics: Set<String> = ["capture", "time", "timeit", "prun", "debug"]

    static func shellRegions(of cell: NotebookCell, python: Bool) -> [ShellRegion] {
        let lines = cell.lines
        guard let first = lines.first else { return [] }
        var body = lines[...]
        let firstText = first.string.blankTrimmed
        if firstText.hasPrefix("%%") {
            let words = firstText.dropFirst(2).split(separator: " ", omittingEmptySubsequences: true)
            let magic = words.first.map(String.init) ?? ""
            let isShell = shellCellMagics.contains(magic)
                || (magic == "script" && words.count > 1 && shellCellMagics.contains(String(words[1].split(separator: "/").last ?? "")))
            if isShell {
                return [ShellRegion(origin: .notebookCellMagic, text: joined(lines.dropFirst()), cell: cell.number)]
            }
            guard pythonCellMagics.contains(magic) else { return [] }
            body = lines.dropFirst()
        } else if firstText == "%sh" || firstText.hasPrefix("%sh ") { // Databricks shell cell
            let indent = first.bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? 0
            var text = first.slice((indent + 3)..<first.count)
            text.appendSynthetic(0x0A, fileOffset: first.fileOffset(of: first.count))
            text.append(joined(lines.dropFirst()))
            return [ShellRegion(origin: .notebookCellMagic, text: text, cell: cell.number)]
        }

        var regions: [ShellRegion] = []
        var k = body.startIndex
        while k < body.endIndex {
            let line = body[k]
            k += 1
            guard let (start, origin) = shellStart(line, python: python) else { continue }
            var text = line.slice(start..<line.count)
            var last = line
            while last.bytes.last == 0x5C, k < body.endIndex { // `\` continues the command
                text.appendSynthetic(0x0A, fileOffset: last.fileOffset(of: last.count))
                last = body[k]
                text.append(last)
                k += 1
            }
            regions.append(ShellRegion(origin: origin, text: text, cell: cell.number))
        }
        return regions
    }

    /// Where the shell text of a line starts, if the line runs a shell command.
    static func shellStart(_ line: MappedText, python: Bool) -> (Int, ShellRegion.Origin)? {
        let b = line.bytes
        var i = 0
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        guard i < b.count else { return nil }
        if b[i] == 0x21 { // !cmd, !!cmd
            guard python else { return nil }
            while i < b.count, b[i] == 0x21 { i += 1 }
            return (i, .notebookShellEscape)
        }
        if b[i] == 0x25, i + 1 < b.count, b[i + 1] != 0x25 { // %magic
            var j = i + 1
            while j < b.count, b[j] != 0x20 && b[j] != 0x09 { j += 1 }
            let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
            guard lineMagics.contains(name) else { return nil }
            if name == "sx" || name == "system" { return (j, .notebookShellEscape) }
            return (i + 1, .notebookLineMagic) // `pip install …` as a command
        }
        // files = !ls
        guard python else { return nil }
        var j = i
        while j < b.count, PackageArguments.isAlnum(b[j]) || b[j] == 0x5F || b[j] == 0x2E { j += 1 }
        guard j > i else { return nil }
        while j < b.count, b[j] == 0x20 { j += 1 }
        guard j < b.count, b[j] == 0x3D, j + 1 < b.count, b[j + 1] != 0x3D else { return nil }
        j += 1
        while j < b.count, b[j] == 0x20 { j += 1 }
        guard j < b.count, b[j] == 0x21 else { return nil }
        while j < b.count, b[j] == 0x21 { j += 1 }
        return (j, .notebookShellEscape)
    }

    static func joined(_ lines: ArraySlice<MappedText>) -> MappedText {
        var text = MappedText()
        for line in lines {
            text.append(line)
            text.appendSynthetic(0x0A, fileOffset: line.fileOffset(of: line.count))
        }
        return text
    }
}
