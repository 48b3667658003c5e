import Foundation
import MLAuditTestSupport
import Testing

/// The dependency fixtures (fixtures/dependencies/) through the CLI: each project
/// gives exactly the declaration and lockfile findings listed here.
@Suite struct DependencyFixtureTests {
    static let expected: [String: [String]] = [
        "poetry-stale": ["LCK002 pyproject.toml:10", "LCK002 pyproject.toml:11"],
        "uv-in-sync": [],
        "pip-tools": [],
        "conda-unlocked": ["LCK001 environment.yml:1"],
        "conda-locked": [],
        "notebooks": ["DEC001 eda.ipynb:12", "DEC001 embeddings.ipynb:11", "DEC001 embeddings.ipynb:12"],
        "src-layout": [],
    ]

    @Test(arguments: expected.keys.sorted())
    func fixtureFindings(_ name: String) throws {
        let dir = "dependencies/\(name)"
        let result = try CommandRunner.mlaudit(["scan", dir, "--select", "DEC,LCK", "--format", "json"], in: PackagePaths.fixtures)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = doc?["findings"] as? [[String: Any]] ?? []
        let actual = findings.compactMap { finding -> String? in
            guard let rule = finding["rule"] as? String, let path = finding["path"] as? String, let line = finding["line"] as? Int else { return nil }
            return "\(rule) \(path.dropFirst(dir.count + 1)):\(line)"
        }.sorted()
        #expect(actual == Self.expected[name]!, "\(name): \(actual)")
    }
}
