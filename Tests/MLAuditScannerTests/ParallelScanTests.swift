import Foundation
import MLAuditCore
import MLAuditScanner
import MLAuditTestSupport
import Testing

/// File rules and project rules run on several threads when jobs allow; the report
/// must be the one a single thread gives, findings of project rules included.
@Suite struct ParallelScanTests {
    static func project() throws -> TemporaryTree {
        var files: [String: String] = [
            "requirements.txt": "numpy==1.26.4\n",
            "train.py": """
                import numpy as np
                import requests

                def main():
                    data = np.random.rand(3)
                    return open("/home/alice/data/train.csv")

                if __name__ == "__main__":
                    main()

                """,
        ]
        // Files of very different sizes, so the threads take them in another order than the index.
        for i in 0..<24 {
            let body = String(repeating: "value_\(i) = compute(\(i), scale=2.0)\n", count: 1 + (i * 37) % 400)
            files["pkg/module_\(i).py"] = "import numpy as np\nimport torch\n\(body)noise = np.random.randn(\(i))\n"
        }
        return try TemporaryTree(files: files)
    }

    static func scan(_ tree: TemporaryTree, jobs: Int) throws -> ScanResult {
        var options = ScanOptions(paths: ["."], baseDirectory: tree.url)
        options.jobs = jobs
        return try Scanner.scan(options)
    }

    @Test func manyThreadsReportWhatOneDoes() throws {
        let tree = try Self.project()
        let single = try Self.scan(tree, jobs: 1)
        let rules = Set(single.findings.map(\.ruleID))
        // One file rule and two project rules at least, or the comparison proves little.
        #expect(rules.isSuperset(of: ["PATH001", "RND001", "DEC001"]), "rules found: \(rules.sorted())")
        for jobs in [2, 4] {
            let parallel = try Self.scan(tree, jobs: jobs)
            #expect(parallel.findings == single.findings, "jobs \(jobs)")
            #expect(parallel.diagnostics == single.diagnostics, "jobs \(jobs)")
            #expect(parallel.checkedFiles == single.checkedFiles, "jobs \(jobs)")
        }
    }
}
