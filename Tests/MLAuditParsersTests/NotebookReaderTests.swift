import MLAuditParsers
import Testing

@Suite struct NotebookReaderTests {
    let notebook = """
    {
     "cells": [
      {
       "cell_type": "markdown",
       "metadata": {},
       "source": ["# Setup\\n", "!pip install not-code"]
      },
      {
       "cell_type": "code",
       "execution_count": 1,
       "metadata": {},
       "outputs": [],
       "source": [
        "import sys\\n",
        "!pip install \\"torch>=2\\" numpy==1.26.4\\n",
        "%pip install transformers\\n",
        "files = !ls data"
       ]
      },
      {
       "cell_type": "code",
       "execution_count": null,
       "metadata": {},
       "outputs": [],
       "source": "%%bash\\nconda install -y pytorch \\\\\\n  torchvision\\n"
      }
     ],
     "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
     "nbformat": 4,
     "nbformat_minor": 5
    }
    """

    func line(of offset: Int, in text: String) -> Int {
        1 + text.utf8.prefix(offset).filter { $0 == 0x0A }.count
    }

    @Test func readsCellsAndMapsLines() throws {
        let bytes = Array(notebook.utf8)
        let nb = try NotebookReader.read(bytes)
        #expect(nb.format == 4)
        #expect(nb.isPython)
        #expect(nb.cells.count == 3)
        #expect(nb.cells.map(\.number) == [nil, 2, 3], "code cells are numbered among all cells")
        let code = nb.cells[1]
        #expect(code.executionCount == 1)
        #expect(code.lines.map(\.string) == ["import sys", "!pip install \"torch>=2\" numpy==1.26.4", "%pip install transformers", "files = !ls data"])
        #expect(line(of: code.lines[1].fileOffset(of: 0), in: notebook) == 15)
        #expect(nb.cells[2].lines.map(\.string) == ["%%bash", "conda install -y pytorch \\", "  torchvision"])
    }

    @Test func shellRegionsOfCells() throws {
        let nb = try NotebookReader.read(Array(notebook.utf8))
        let regions = nb.shellRegions
        #expect(regions.map(\.origin) == [.notebookShellEscape, .notebookLineMagic, .notebookShellEscape, .notebookCellMagic])
        #expect(regions.map(\.cell) == [2, 2, 2, 3], "cells are numbered among all cells, the markdown one first")
        let pip = regions[0].parse().commands[0].words
        #expect(pip.map(\.text) == ["pip", "install", "torch>=2", "numpy==1.26.4"])
        // `"torch>=2"` starts at the escaped quote `\"` in the raw file.
        let raw = Array(notebook.utf8)
        #expect(raw[pip[2].offset] == UInt8(ascii: "\\"))
        #expect(line(of: pip[2].offset, in: notebook) == 15)
        let conda = regions[3].parse().commands[0].words
        #expect(conda.map(\.text) == ["conda", "install", "-y", "pytorch", "torchvision"])
        #expect(line(of: conda[4].offset, in: notebook) == 25)
    }

    @Test func sourceAsOneStringAndUnicodeEscapes() throws {
        let text = #"{"cells": [{"cell_type": "code", "source": "x = '\u00e9'\n!pip install torch"}], "nbformat": 4, "metadata": {}}"#
        let nb = try NotebookReader.read(Array(text.utf8))
        #expect(nb.cells[0].lines.map(\.string) == ["x = 'é'", "!pip install torch"])
        let words = nb.shellRegions[0].parse().commands[0].words
        let torch = Array("torch".utf8)
        let bytes = Array(text.utf8)
        #expect(Array(bytes[words[2].offset..<(words[2].offset + 5)]) == torch)
    }

    @Test func nonPythonKernelsKeepMagicsOnly() throws {
        let text = #"{"cells": [{"cell_type": "code", "source": ["!pip install x\n", "%pip install y"]}], "metadata": {"kernelspec": {"language": "R", "name": "ir"}}, "nbformat": 4}"#
        let nb = try NotebookReader.read(Array(text.utf8))
        #expect(!nb.isPython)
        #expect(nb.shellRegions.map { $0.text.string } == ["pip install y"])
    }

    @Test func nbformat3() throws {
        let text = #"{"worksheets": [{"cells": [{"cell_type": "code", "language": "python", "input": ["!pip install x"], "prompt_number": 3}]}], "metadata": {}, "nbformat": 3}"#
        let nb = try NotebookReader.read(Array(text.utf8))
        #expect(nb.format == 3)
        #expect(nb.cells[0].executionCount == 3)
        #expect(nb.shellRegions.count == 1)
    }

    @Test(arguments: [
        ("{\"cells\": [", "unexpected end of JSON input"),
        ("{\"cells\": [1, 2", "unterminated JSON array"),
        ("{\"cells\": [}", "where a JSON value was expected"),
        ("{\"cells\": \"x\"}", "'cells' must be a list"),
        ("[1, 2]", "must be a JSON object"),
        ("{\"cells\": [{\"cell_type\": \"code\", \"source\": \"bad \\q\"}]}", "invalid escape"),
        ("{\"cells\": [{\"cell_type\": \"code\", \"source\": \"no end\n", "unterminated JSON string"),
        ("", "unexpected end"),
    ])
    func malformedNotebooksThrowWithAPlace(_ text: String, _ reason: String) {
        do {
            _ = try NotebookReader.read(Array(text.utf8))
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(error.offset != nil)
        }
    }

    @Test func deepNestingDoesNotCrash() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: NotebookError.self) { try NotebookReader.read(Array(text.utf8)) }
    }
}
