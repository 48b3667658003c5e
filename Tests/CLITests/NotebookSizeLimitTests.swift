import Foundation
import MLAuditTestSupport
import Testing

/// Notebooks have their own size limit: a notebook made large by its outputs is
/// still checked, and `max-notebook-size` decides when it is not.
@Suite struct NotebookSizeLimitTests {
    /// A notebook of about 12 MB (above the default max-file-size of 10 MB), nearly
    /// all of it one plot, whose code reads from a home directory.
    static func largeNotebook() throws -> TemporaryTree {
        let plot = String(repeating: "iVBORw0KGgo", count: 1_100_000)
        return try TemporaryTree(files: ["analysis.ipynb": """
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3", "language": "python"}}, "cells": [
         {"cell_type": "code", "execution_count": 1, "metadata": {},
          "outputs": [{"output_type": "display_data", "data": {"image/png": "\(plot)"}, "metadata": {}}],
          "source": ["import pandas as pd\\n", "frame = pd.read_csv(\\"/home/alice/experiments/results.csv\\")\\n"]}
        ]}

        """])
    }

    @Test func aNotebookAboveMaxFileSizeIsStillChecked() throws {
        let tree = try Self.largeNotebook()
        #expect(try FileManager.default.attributesOfItem(atPath: tree.path + "/analysis.ipynb")[.size] as? Int ?? 0 > 10 * 1024 * 1024)
        let run = try CommandRunner.mlaudit(["scan", "--select", "PATH001", "--exit-zero", "--format", "json", "."], in: tree.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"PATH001\""), "no PATH001 finding in \(run.stdout.prefix(2000))")
        #expect(run.stdout.contains("analysis.ipynb"))
    }

    @Test func maxNotebookSizeSkipsLargerNotebooks() throws {
        let tree = try Self.largeNotebook()
        try tree.write("mlaudit.yaml", "max-notebook-size: 1MB\n")
        let run = try CommandRunner.mlaudit(["scan", "--select", "PATH001", "--verbose", "--exit-zero", "."], in: tree.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("PATH001"), "the notebook was read: \(run.stdout)")
        #expect((run.stdout + run.stderr).contains("larger than max-notebook-size"), "no skip diagnostic: \(run.stdout) \(run.stderr)")
    }

    @Test func maxFileSizeNoLongerAppliesToNotebooks() throws {
        let tree = try Self.largeNotebook()
        try tree.write("mlaudit.yaml", "max-file-size: 1MB\n")
        let run = try CommandRunner.mlaudit(["scan", "--select", "PATH001", "--exit-zero", "."], in: tree.url)
        #expect(run.stdout.contains("PATH001"), "\(run.stdout) \(run.stderr)")
    }
}
