import Foundation
import MLAuditTestSupport
import Testing

/// `mlaudit badge` through the binary, on the demo fixtures.
@Suite struct BadgeCLITests {
    var pinningDemo: String { PackagePaths.fixtures.appendingPathComponent("pinning-demo").path }
    var cleanProject: String { PackagePaths.fixtures.appendingPathComponent("clean-project").path }

    func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func cleanProjectIsAnA() throws {
        let tree = try TemporaryTree(files: [:])
        let result = try CommandRunner.mlaudit(["badge", cleanProject, "--output", "badge.svg", "--endpoint", "badge.json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "the SVG goes to --output")
        let svg = try String(contentsOf: tree.url.appendingPathComponent("badge.svg"), encoding: .utf8)
        #expect(svg.contains("<title>reproducibility: A · 100</title>"))
        #expect(svg.contains("fill=\"#4c1\""))
        let endpoint = try json(tree.url.appendingPathComponent("badge.json"))
        #expect(endpoint["message"] as? String == "A · 100")
        #expect(endpoint["color"] as? String == "brightgreen")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: tree.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func findingsLowerTheGradeButExitZero() throws {
        let tree = try TemporaryTree(files: [:])
        let result = try CommandRunner.mlaudit(["badge", pinningDemo, "--label", "repro", "--endpoint", "e.json"], in: tree.url)
        #expect(result.status == 0, "exit 0 whatever the score: \(result.stderr)")
        #expect(result.stdout.hasPrefix("<?xml"), "the SVG goes to standard output")
        #expect(result.stdout.contains("aria-label=\"repro: "))
        let endpoint = try json(tree.url.appendingPathComponent("e.json"))
        #expect(Set(endpoint.keys) == ["schemaVersion", "label", "message", "color"])
        #expect(endpoint["label"] as? String == "repro")
        let message = try #require(endpoint["message"] as? String)
        #expect(!message.hasPrefix("A"), "pinning-demo has pinning errors: \(message)")
        let again = try CommandRunner.mlaudit(["badge", pinningDemo, "--label", "repro"], in: tree.url)
        #expect(again.stdout == result.stdout, "deterministic")
        if let schemas = PackagePaths.schemas, let python = CommandRunner.which("python3") {
            let check = try CommandRunner.run(python, ["-c", """
                import json, sys
                from jsonschema import validators
                s = json.load(open(sys.argv[1])); c = validators.validator_for(s)
                e = list(c(s).iter_errors(json.load(open(sys.argv[2])))); [print(x.message) for x in e]; sys.exit(1 if e else 0)
                """, schemas.appendingPathComponent("shields-endpoint.schema.json").path, tree.url.appendingPathComponent("e.json").path])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        } else {
            if PackagePaths.isCI { Issue.record("../shared/schemas or python3 missing on CI") }
            print("SKIP endpoint schema check in CLI test: ../shared/schemas or python3 not found")
        }
    }

    @Test func fromAScanReportGivesTheSameBadgeAsScanning() throws {
        let tree = try TemporaryTree(files: [:])
        let scan = try CommandRunner.mlaudit(["scan", pinningDemo, "--format", "json", "--output", "report.json", "--exit-zero"], in: tree.url)
        #expect(scan.status == 0, "\(scan.stderr)")
        let fromReport = try CommandRunner.mlaudit(["badge", "--from", "report.json"], in: tree.url)
        let direct = try CommandRunner.mlaudit(["badge", pinningDemo], in: tree.url)
        #expect(fromReport.status == 0, "\(fromReport.stderr)")
        #expect(fromReport.stdout == direct.stdout)
    }

    @Test(arguments: [("notjson.json", "{oops", "not JSON"), ("other.json", "{\"a\":1}", "not an mlaudit JSON report"),
                      ("future.json", "{\"version\":9,\"findings\":[],\"summary\":{\"files\":1}}", "unsupported report version 9")])
    func badFromInputExitsTwoWithOneLine(name: String, content: String, reason: String) throws {
        let tree = try TemporaryTree(files: [name: content])
        let result = try CommandRunner.mlaudit(["badge", "--from", name, "--output", "b.svg"], in: tree.url)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(name) && result.stderr.contains(reason), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tree.url.appendingPathComponent("b.svg").path))
    }

    @Test func missingFromFileExitsTwo() throws {
        let tree = try TemporaryTree(files: [:])
        let result = try CommandRunner.mlaudit(["badge", "--from", "absent.json"], in: tree.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("absent.json: no such file"))
    }
}
