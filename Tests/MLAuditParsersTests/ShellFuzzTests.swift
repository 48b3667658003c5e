import MLAuditParsers
import MLAuditTestSupport
import Testing
import Yams

/// Random and truncated input must never crash the shell, Dockerfile, Makefile,
/// notebook and YAML-scalar readers, and every offset they return must lie in the input.
@Suite struct ShellFuzzTests {
    typealias Generator = SeededGenerator

    static let pieces = ["pip", " install", " torch==2.4.1", " -r", " req.txt", "\"", "'", "\\", "\n", "\\\n", "$(", ")", "${", "}", "`",
                         "&&", "||", ";", "|", "(", "<<EOF", "<<-'X'", "EOF", "\t", "#", "$'", "apt-get install -y", " curl", "=",
                         "RUN ", "FROM ", "ARG A=", "${A}", " AS b", "[\"pip\", \"install\"]", "# escape=`\n", "é", "\r\n", ":", "@", "-", "$$"]

    func randomText(_ g: inout Generator, count: Int) -> String {
        (0..<count).map { _ in g.pick(Self.pieces) }.joined()
    }

    func check(_ commands: [ShellCommand], within limit: Int) {
        for command in commands {
            for word in command.words {
                #expect(word.offset >= 0 && word.offset <= limit && word.endOffset <= limit + 1)
            }
            _ = InstallCommandRecognizer.recognize(command, variables: ["A": "pip install x", "PIP": "$PIP"], makeSyntax: true)
        }
    }

    @Test func randomInputNeverCrashes() {
        var g = Generator(state: 42)
        for round in 0..<1500 {
            let text = randomText(&g, count: Int(g.next() % 40))
            let bytes = Array(text.utf8)
            check(ShellSplitter.split(text).commands, within: bytes.count)
            let dockerfile = DockerfileParser.parse(bytes)
            for region in dockerfile.shellRegions { check(region.parse().commands, within: bytes.count) }
            for region in MakefileRecipes.regions(bytes) { check(region.parse().commands, within: bytes.count) }
            for cut in [bytes.count / 2, max(0, bytes.count - 1)] where round % 5 == 0 {
                _ = DockerfileParser.parse(Array(bytes[..<cut]))
                _ = ShellSplitter.split(String(decoding: bytes[..<cut], as: UTF8.self))
            }
        }
    }

    @Test func truncatedNotebooksNeverCrash() {
        let notebook = #"{"cells": [{"cell_type": "code", "source": ["!pip install \"torch\" \\\n", "  numpy\n", "%%bash\n"]}, {"cell_type": "code", "source": "%%sh\nconda install -y x\n"}], "metadata": {"kernelspec": {"language": "python"}}, "nbformat": 4}"#
        let bytes = Array(notebook.utf8)
        for cut in 0...bytes.count {
            if let nb = try? NotebookReader.read(Array(bytes[..<cut])) {
                for region in nb.shellRegions { check(region.parse().commands, within: cut) }
            }
        }
    }

    @Test func yamlScalarsMapInsideTheFile() throws {
        var g = Generator(state: 7)
        let values = ["pip install torch", "a \"b\" c", "x: y", "é\\u00e9", "it's", "line1\nline2"]
        for _ in 0..<300 {
            let value = g.pick(values)
            let yaml = try Yams.serialize(node: Node.mapping(["run": Node.scalar(.init(value, .init(g.pick(["", "!!str"])), g.pick([.plain, .singleQuoted, .doubleQuoted, .literal, .folded])))]))
            let bytes = Array(yaml.utf8)
            guard let node = try Yams.compose(yaml: yaml)?["run"], let scalar = node.scalar else { continue }
            var starts = [0]
            for (i, c) in bytes.enumerated() where c == 0x0A { starts.append(i + 1) }
            let mapped = YAMLScalarText.mappedText(value: scalar.string, style: scalar.style, line: node.mark?.line ?? 1,
                                                   column: node.mark?.column ?? 1, bytes: bytes, lineStarts: starts)
            #expect(mapped.string == scalar.string)
            for k in 0..<mapped.count { #expect(mapped.fileOffset(of: k) <= bytes.count) }
        }
    }
}
