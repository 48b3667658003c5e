import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

/// The research-project fixture exercises every Python, notebook, path and data-source
/// rule through the CLI; its clean twin shows the fixes silence them all.
@Suite struct ResearchRepoFixtureTests {
    static let rules = ["RND001", "RND002", "RND003", "RND004", "RND005", "NBK001", "NBK002", "NBK003", "DAT002", "DAT003"]
        + ["PATH001", "PATH002", "PATH003"]

    static func scanJSON(_ dir: String, _ extra: [String] = []) throws -> (status: Int32, findings: [[String: Any]]) {
        let result = try CommandRunner.mlaudit(["scan", dir, "--format", "json"] + extra, in: PackagePaths.fixtures)
        let doc = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result.status, doc?["findings"] as? [[String: Any]] ?? [])
    }

    @Test(arguments: ["text", "sarif"])
    func matchesGolden(_ format: String) throws {
        let result = try CommandRunner.mlaudit(["scan", "research-repo", "--format", format, "--no-color"], in: PackagePaths.fixtures)
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let actual = FixtureTests.normalize(result.stdout)
        let url = FixtureTests.golden("research-repo", format)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "output differs from \(url.lastPathComponent); rerun with UPDATE_GOLDENS=1 after checking the change")
    }

    @Test func everyRuleFires() throws {
        let found = Set(try Self.scanJSON("research-repo").findings.compactMap { $0["rule"] as? String })
        for id in Self.rules where Catalogue.rule(id)?.status == .stable {
            #expect(found.contains(id), "\(id) should fire on fixtures/research-repo")
        }
    }

    @Test func cleanTwinHasNoFindings() throws {
        let result = try CommandRunner.mlaudit(["scan", "research-repo-clean", "--fail-on", "note"], in: PackagePaths.fixtures)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("No findings. "), "\(result.stdout)")
    }

    /// Notebook findings point at the raw .ipynb line holding the code and name the cell.
    @Test func notebookFindingsPointAtTheRawLine() throws {
        let notebook = PackagePaths.fixtures.appendingPathComponent("research-repo/notebooks/explore.ipynb")
        let lines = try String(contentsOf: notebook, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let findings = try Self.scanJSON("research-repo").findings.filter { ($0["path"] as? String)?.hasSuffix("explore.ipynb") == true }
        #expect(!findings.isEmpty)
        let text = try CommandRunner.mlaudit(["scan", "research-repo/notebooks", "--no-color"], in: PackagePaths.fixtures).stdout
        #expect(text.contains("RND001 [error] cell 4 [5]: `np.random.choice`"), "\(text)")
        let anchors = ["RND001": "np.random.choice", "DAT002": "!wget", "DAT003": "pipeline(", "NBK001": "\"execution_count\"",
                       "NBK002": "\"execution_count\"", "NBK003": "\"output_type\": \"error\"", "PATH001": "/Users/alice"]
        for finding in findings {
            let rule = finding["rule"] as? String ?? ""
            let line = finding["line"] as? Int ?? 0
            let column = finding["column"] as? Int ?? 0
            // Findings about the whole project (DEC002, DEC003) sit at line 1 of a file, outside any cell.
            if rule == "DEC002" || rule == "DEC003" { continue }
            #expect(finding["cell"] as? Int != nil, "\(rule) at line \(line) names its cell")
            guard let anchor = anchors[rule], line >= 1, line <= lines.count else { continue }
            let text = lines[line - 1]
            #expect(text.contains(anchor), "\(rule) at line \(line) should point at `\(anchor)`: \(text)")
            if rule == "RND001" || rule == "DAT003" {
                let start = text.index(text.startIndex, offsetBy: max(0, column - 1), limitedBy: text.endIndex) ?? text.endIndex
                #expect(text[start...].hasPrefix(anchor.prefix(2)), "\(rule) column \(column) should point at the call in: \(text)")
            }
        }
    }

    /// RND001 follows the import graph: seeding in the shared helper covers PyTorch in
    /// the modules the entry point imports, but not Python's random module.
    @Test func seedingReachesImportedModulesPerFramework() throws {
        let findings = try Self.scanJSON("research-repo", ["--select", "RND001"]).findings
        let places = Set(findings.map { "\($0["path"] as? String ?? ""):\($0["line"] as? Int ?? 0)" })
        #expect(places.contains("research-repo/utils/data.py:17"), "\(places)")
        #expect(places.contains("research-repo/train.py:25"), "\(places)")
        #expect(!places.contains { $0.contains("seeding.py") })
        #expect(findings.allSatisfy { ($0["message"] as? String)?.contains("PyTorch") == false }, "torch is seeded by set_seed")
    }
}
