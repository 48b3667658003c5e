import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

/// The data fixtures through the CLI: DVC, Git LFS and manifest declarations, a
/// git-ignored CSV, a notebook reading a URL, and a clean twin. Goldens live in
/// fixtures/expected/data-<fixture>.{txt,json}; UPDATE_GOLDENS=1 rewrites them.
@Suite struct DataFixtureTests {
    static let fixtures = ["dvc-project", "lfs-project", "manifest-project", "ignored-csv-project"]

    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var format: String
        var testDescription: String { "\(fixture) \(format)" }
    }

    static let cases = fixtures.flatMap { fixture in ["text", "json"].map { Case(fixture: fixture, format: $0) } }

    static func scan(_ path: String, _ extra: [String] = [], in directory: URL = PackagePaths.fixtures.appendingPathComponent("data"))
        throws -> (status: Int32, findings: [[String: Any]], stdout: String) {
        let result = try CommandRunner.mlaudit(["scan", path, "--select", "DAT", "--format", "json"] + extra, in: directory)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result.status, document?["findings"] as? [[String: Any]] ?? [], result.stdout)
    }

    static func places(_ findings: [[String: Any]]) -> [String] {
        findings.map { "\($0["rule"] as? String ?? "") \($0["path"] as? String ?? ""):\($0["line"] as? Int ?? 0)" }.sorted()
    }

    @Test(arguments: cases)
    func matchesGolden(_ testCase: Case) throws {
        let result = try CommandRunner.mlaudit(["scan", testCase.fixture, "--select", "DAT", "--verify-data", "--format", testCase.format, "--no-color"],
                                               in: PackagePaths.fixtures.appendingPathComponent("data"))
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let url = FixtureTests.golden("data-\(testCase.fixture)", testCase.format)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] != nil {
            try result.stdout.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(result.stdout == expected, "output differs from \(url.lastPathComponent); rerun with UPDATE_GOLDENS=1 after checking the change")
    }

    @Test func eachFixtureShowsItsRules() throws {
        #expect(Self.places(try Self.scan("dvc-project", ["--verify-data"]).findings) == [
            "DAT001 dvc-project/src/train.py:13", "DAT005 dvc-project/data/train.csv.dvc:5", "DAT006 dvc-project/data/labels.csv.dvc:2",
        ])
        #expect(Self.places(try Self.scan("lfs-project").findings) == [
            "DAT001 lfs-project/src/infer.py:9", "DAT004 lfs-project/weights/encoder.pth:1",
        ])
        #expect(Self.places(try Self.scan("manifest-project", ["--verify-data"]).findings) == [
            "DAT001 manifest-project/evaluate.py:10", "DAT005 manifest-project/mlaudit.yaml:15", "DAT006 manifest-project/mlaudit.yaml:8",
        ])
    }

    @Test func helpNamesVerifyData() throws {
        let help = try CommandRunner.mlaudit(["scan", "--help"])
        #expect(help.stdout.contains("--verify-data"))
        #expect(help.stdout.contains("DAT006"))
    }

    @Test func checksumsAreOnlyVerifiedWhenAsked() throws {
        let rules = try Self.scan("manifest-project").findings.compactMap { $0["rule"] as? String }
        #expect(!rules.contains("DAT006"))
        #expect(rules.contains("DAT005"))
    }

    @Test func cleanTwinHasNoFindings() throws {
        let result = try CommandRunner.mlaudit(["scan", "clean-project", "--select", "DAT", "--verify-data", "--fail-on", "note"],
                                               in: PackagePaths.fixtures.appendingPathComponent("data"))
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("No findings. "), "\(result.stdout)")
    }

    @Test func aNotebookReadingAURLDeclaresNothingMissing() throws {
        let result = try Self.scan("notebook-remote-url")
        #expect(result.status == 0)
        #expect(result.findings.isEmpty, "\(result.stdout)")
    }

    /// Outside a git work tree, a present but git-ignored file is undeclared.
    @Test func ignoredCSVIsUndeclaredWithoutGit() throws {
        let tree = try Self.copyOfIgnoredCSVProject()
        let result = try Self.scan(".", in: tree.url)
        let messages = result.findings.filter { $0["path"] as? String == "train.py" }.compactMap { $0["message"] as? String }
        #expect(messages.count == 1)
        #expect(messages.first?.contains("`data/train.csv` is here but git-ignored") == true, "\(messages)")
    }

    /// In a git work tree the index decides: the ignored CSV is untracked, the code and configuration are tracked.
    @Test func ignoredCSVIsUndeclaredInAGitWorkTree() throws {
        let tree = try Self.copyOfIgnoredCSVProject()
        guard try Self.git(["init", "-q"], in: tree.url), try Self.git(["add", "."], in: tree.url) else { return }
        let result = try Self.scan(".", in: tree.url)
        #expect(Self.places(result.findings) == ["DAT001 configs/train.yaml:1", "DAT001 train.py:7"])
        let message = result.findings.first { $0["path"] as? String == "train.py" }?["message"] as? String ?? ""
        #expect(message.contains("`data/train.csv` is here but git does not track it"), "\(message)")

        // Adding the file to the index (`git add -f`) declares it.
        guard try Self.git(["add", "-f", "data/train.csv"], in: tree.url) else { return }
        #expect(Self.places(try Self.scan(".", in: tree.url).findings) == ["DAT001 configs/train.yaml:1"])
    }

    @Test func aCorruptIndexIsADiagnosticAndTheScanGoesOn() throws {
        let tree = try Self.copyOfIgnoredCSVProject()
        try tree.write(".git/index", "DIRC\u{0}\u{0}\u{0}\u{2}\u{0}\u{0}\u{0}\u{9}truncated")
        let result = try CommandRunner.mlaudit(["scan", ".", "--select", "DAT", "--format", "json"], in: tree.url)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let diagnostics = document?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.contains { ($0["path"] as? String) == ".git/index" && (($0["message"] as? String)?.contains("unreadable git index") ?? false) },
                "\(diagnostics)")
        // The fallback (ignore rules) still finds the ignored CSV.
        let findings = document?["findings"] as? [[String: Any]] ?? []
        #expect(Self.places(findings).contains("DAT001 train.py:7"))
    }

    static func copyOfIgnoredCSVProject() throws -> TemporaryTree {
        let source = PackagePaths.fixtures.appendingPathComponent("data/ignored-csv-project")
        var files: [String: String] = [:]
        for name in [".gitignore", "train.py", "configs/train.yaml"] {
            files[name] = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
        }
        files["data/train.csv"] = "customer_id,tenure,churned\n1001,12,0\n1002,3,1\n"
        return try TemporaryTree(files: files)
    }

    /// Runs git in a test repository; false (and the test skipped) when git is not installed.
    static func git(_ arguments: [String], in directory: URL) throws -> Bool {
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": directory.path,
                           "GIT_CONFIG_NOSYSTEM": "1"]
        guard let result = try? CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, in: directory, environment: environment) else {
            return false
        }
        #expect(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.status == 0
    }
}
