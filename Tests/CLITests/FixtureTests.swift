import Foundation
import MLAuditTestSupport
import Testing

/// Scans the fixture projects through the CLI and compares every report format
/// with its golden file in fixtures/expected/. Set UPDATE_GOLDENS=1 to rewrite them.
@Suite struct FixtureTests {
    static let formats = ["text", "json", "sarif"]

    static func golden(_ name: String, _ format: String) -> URL {
        PackagePaths.fixtures.appendingPathComponent("expected/\(name).\(format == "text" ? "txt" : format)")
    }

    /// Absolute paths differ between machines: SARIF's %SRCROOT% is replaced by a placeholder.
    static func normalize(_ output: String) -> String {
        output.replacingOccurrences(of: "file://" + PackagePaths.fixtures.path + "/", with: "file:///FIXTURES/")
    }

    @Test(arguments: formats)
    func pinningDemoMatchesGolden(_ format: String) throws {
        let result = try CommandRunner.mlaudit(["scan", "pinning-demo", "--format", format, "--no-color"], in: PackagePaths.fixtures)
        #expect(result.status == 1, "findings at error level exit 1")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let actual = Self.normalize(result.stdout)
        let url = Self.golden("pinning-demo", format)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] != nil {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "output differs from \(url.lastPathComponent); rerun with UPDATE_GOLDENS=1 after checking the change")
    }

    @Test func cleanProjectHasNoFindings() throws {
        let result = try CommandRunner.mlaudit(["scan", "clean-project", "--fail-on", "note"], in: PackagePaths.fixtures)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("No findings. "), "\(result.stdout)")
    }

    @Test func everyPinRuleFiresOnTheDemo() throws {
        let result = try CommandRunner.mlaudit(["scan", "pinning-demo", "--format", "json"], in: PackagePaths.fixtures)
        let doc = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = doc?["findings"] as? [[String: Any]] ?? []
        let rules = Set(findings.compactMap { $0["rule"] as? String })
        for id in (1...9).map({ "PIN00\($0)" }) {
            #expect(rules.contains(id), "\(id) should fire on fixtures/pinning-demo")
        }
    }

    @Test func failOnAndExitZero() throws {
        let never = try CommandRunner.mlaudit(["scan", "pinning-demo", "--fail-on", "never", "--quiet"], in: PackagePaths.fixtures)
        #expect(never.status == 0)
        #expect(never.stdout.hasPrefix("Found "))
        #expect(never.stdout.split(separator: "\n").count == 1)
        let zero = try CommandRunner.mlaudit(["scan", "pinning-demo", "--exit-zero", "--quiet"], in: PackagePaths.fixtures)
        #expect(zero.status == 0)
        let warnOnly = try CommandRunner.mlaudit(["scan", "pinning-demo", "--select", "PIN009", "--quiet"], in: PackagePaths.fixtures)
        #expect(warnOnly.status == 0, "PIN009 is a note: below the default fail level")
        let noteFails = try CommandRunner.mlaudit(["scan", "pinning-demo", "--select", "PIN009", "--fail-on", "note", "--quiet"], in: PackagePaths.fixtures)
        #expect(noteFails.status == 1)
    }

    @Test func selectAndIgnoreNarrowTheRun() throws {
        let result = try CommandRunner.mlaudit(["scan", "pinning-demo", "--select", "PIN", "--ignore", "PIN001,PIN002", "--format", "json"], in: PackagePaths.fixtures)
        let doc = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let rules = Set((doc?["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
        #expect(!rules.isEmpty)
        #expect(!rules.contains("PIN001") && !rules.contains("PIN002"))
    }

    @Test func severalOutputsInOneRun() throws {
        let dir = try TemporaryTree()
        let sarif = dir.url.appendingPathComponent("out.sarif").path
        let json = dir.url.appendingPathComponent("out.json").path
        let result = try CommandRunner.mlaudit(["scan", "pinning-demo", "--output", "sarif:\(sarif)", "-o", "json:\(json)", "--no-color"], in: PackagePaths.fixtures)
        #expect(result.status == 1)
        #expect(result.stdout.contains("pinning-demo/requirements.txt:"), "the terminal report is kept")
        #expect(FileManager.default.fileExists(atPath: sarif))
        #expect(FileManager.default.fileExists(atPath: json))
        let untyped = dir.url.appendingPathComponent("report.txt").path
        let quiet = try CommandRunner.mlaudit(["scan", "pinning-demo", "--output", untyped], in: PackagePaths.fixtures)
        #expect(quiet.stdout.isEmpty, "an untyped --output replaces standard output")
        #expect(try String(contentsOfFile: untyped, encoding: .utf8).contains("PIN001"))
    }

    @Test func explicitFileIsCheckedAlone() throws {
        let result = try CommandRunner.mlaudit(["scan", "pinning-demo/requirements-dev.txt", "--format", "json"], in: PackagePaths.fixtures)
        let doc = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let paths = Set((doc?["findings"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths == ["pinning-demo/requirements-dev.txt"])
    }

    @Test func suppressionsInFixtureHold() throws {
        let result = try CommandRunner.mlaudit(["scan", "pinning-demo", "--format", "json"], in: PackagePaths.fixtures)
        #expect(!result.stdout.contains("\"message\" : \"wandb"), "wandb is suppressed inline in requirements.txt")
    }
}
