import Foundation
import MLAuditTestSupport
import Testing

/// SARIF output is checked against the official 2.1.0 schema and GitHub's
/// code-scanning rules by ../shared/schemas/check_sarif.py.
@Suite struct SARIFValidationTests {
    func check(_ sarif: String) throws {
        guard let schemas = PackagePaths.schemas else {
            if PackagePaths.isCI { Issue.record("../shared/schemas is missing on CI") }
            print("SKIP SARIF validation: ../shared/schemas not found beside the repository")
            return
        }
        guard let python = CommandRunner.which("python3") else {
            Issue.record("python3 is needed to validate SARIF")
            return
        }
        let dir = try TemporaryTree()
        let file = dir.url.appendingPathComponent("report.sarif")
        try sarif.write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(python, [schemas.appendingPathComponent("check_sarif.py").path, file.path])
        #expect(result.status == 0, "check_sarif.py: \(result.stdout)\(result.stderr)")
    }

    @Test func findingsReportIsValid() throws {
        let result = try CommandRunner.mlaudit(["scan", "pinning-demo", "--format", "sarif"], in: PackagePaths.fixtures)
        #expect(result.stdout.contains("\"ruleId\""))
        try check(result.stdout)
    }

    @Test func cleanReportIsValid() throws {
        let result = try CommandRunner.mlaudit(["scan", "clean-project", "--format", "sarif"], in: PackagePaths.fixtures)
        #expect(result.stdout.contains("\"results\" : ["))
        try check(result.stdout)
    }

    @Test func parseProblemsBecomeNotifications() throws {
        let tree = try TemporaryTree(files: ["environment.yml": "name: x\ndependencies:\n  - numpy\n  - [unclosed\n", "requirements.txt": "torch\n"])
        let result = try CommandRunner.mlaudit(["scan", ".", "--format", "sarif"], in: tree.url)
        #expect(result.stdout.contains("toolExecutionNotifications"))
        #expect(result.stdout.contains("invalid YAML"))
        #expect(result.stdout.contains("requirements.txt"), "the other file is still checked")
        try check(result.stdout)
    }
}
