import Foundation
import MLAuditTestSupport
import Testing

/// `--write-baseline` then `--baseline`: accepted findings stay hidden across line
/// shifts, new ones are reported, fixed ones are counted.
@Suite struct BaselineTests {
    @Test func baselineSurvivesLineShiftsAndReportsOnlyNewFindings() throws {
        let tree = try TemporaryTree(files: [
            "requirements.txt": "torch>=2.1\ntransformers\nnumpy==1.26.4\n",
            "Dockerfile": "FROM python:3.11\nRUN pip install accelerate\n",
        ])
        let write = try CommandRunner.mlaudit(["scan", ".", "--write-baseline", "baseline.json", "--quiet"], in: tree.url)
        #expect(write.status == 1, "writing a baseline does not hide the current findings")
        let baseline = try String(contentsOf: tree.url.appendingPathComponent("baseline.json"), encoding: .utf8)
        #expect(baseline.contains("\"version\" : 1"))
        #expect(baseline.contains("\"rule\" : \"PIN001\""))

        let accepted = try CommandRunner.mlaudit(["scan", ".", "--baseline", "baseline.json"], in: tree.url)
        #expect(accepted.status == 0, "\(accepted.stdout)")
        #expect(accepted.stdout.contains("No findings"))
        #expect(accepted.stdout.contains("4 findings accepted by the baseline not shown."))

        // Lines move, one problem is fixed (transformers pinned), one is new (datasets).
        try tree.write("requirements.txt", "# runtime\n\ntorch>=2.1\ntransformers==4.41.2\ndatasets\nnumpy==1.26.4\n")
        let later = try CommandRunner.mlaudit(["scan", ".", "--baseline", "baseline.json", "--format", "json"], in: tree.url)
        #expect(later.status == 1)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(later.stdout.utf8)) as? [String: Any])
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.map { "\($0["path"]!):\($0["line"]!)" } == ["requirements.txt:5"])
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(summary["baselineAccepted"] as? Int == 3)
        #expect(summary["baselineFixed"] as? Int == 1)
    }

    @Test func aSecondCopyOfAnAcceptedProblemIsNew() throws {
        let tree = try TemporaryTree(files: ["requirements.txt": "torch\n"])
        _ = try CommandRunner.mlaudit(["scan", ".", "--write-baseline", "b.json", "--quiet"], in: tree.url)
        try tree.write("requirements-gpu.txt", "torch\n")
        let result = try CommandRunner.mlaudit(["scan", ".", "--baseline", "b.json", "--quiet"], in: tree.url)
        #expect(result.status == 1, "same line in another file is another finding")
    }

    @Test func unreadableBaselineExitsTwo() throws {
        let tree = try TemporaryTree(files: ["requirements.txt": "torch\n", "b.json": "{\"findings\": 3}\n"])
        let missing = try CommandRunner.mlaudit(["scan", ".", "--baseline", "nope.json"], in: tree.url)
        #expect(missing.status == 2)
        #expect(missing.stderr == "mlaudit: nope.json: cannot read the baseline file\n")
        let bad = try CommandRunner.mlaudit(["scan", ".", "--baseline", "b.json"], in: tree.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("mlaudit: b.json: not an mlaudit baseline"))
    }

    @Test func junitFlagsReachTheReport() throws {
        let tree = try TemporaryTree(files: ["requirements.txt": "torch\n", "requirements-dev.txt": "pytest==8.2.0\n"])
        let lean = try CommandRunner.mlaudit(["scan", ".", "--select", "PIN001", "--format", "junit"], in: tree.url)
        let full = try CommandRunner.mlaudit(["scan", ".", "--select", "PIN001", "--format", "junit", "--junit-passing", "--junit-flavor", "gitlab"], in: tree.url)
        #expect(!lean.stdout.contains("name=\"requirements-dev.txt\""))
        #expect(full.stdout.contains("name=\"requirements-dev.txt\""), "the clean file is a passing testcase")
        #expect(full.stdout.contains("file=\"requirements.txt\""))
    }
}
