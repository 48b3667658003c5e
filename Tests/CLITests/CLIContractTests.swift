import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

/// The command-line contract of DESIGN.md: exit codes, error lines, listings.
@Suite struct CLIContractTests {
    @Test func missingPathExitsTwoWithOneLine() throws {
        let result = try CommandRunner.mlaudit(["scan", "does-not-exist"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 2)
        #expect(result.stderr == "mlaudit: does-not-exist: no such file or directory\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func badConfigurationExitsTwoNamingFileAndLine() throws {
        let tree = try TemporaryTree(files: ["mlaudit.yaml": "select: [PIN]\nseverity:\n  PIN001: loud\n", "requirements.txt": "numpy\n"])
        let result = try CommandRunner.mlaudit(["scan", "."], in: tree.url)
        #expect(result.status == 2)
        #expect(result.stderr == "mlaudit: mlaudit.yaml:3: severity of PIN001 must be error, warning or note\n")
    }

    @Test func explicitConfigFileThatDoesNotExist() throws {
        let tree = try TemporaryTree(files: ["a.py": "x = 1\n"])
        let result = try CommandRunner.mlaudit(["scan", "--config", "nope.yaml", "."], in: tree.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("nope.yaml: no such configuration file"))
    }

    @Test func unknownSelectorIsAUsageError() throws {
        let result = try CommandRunner.mlaudit(["scan", "--select", "XYZ9", "."], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("'XYZ9' names no rule"))
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try CommandRunner.mlaudit(["scan", "--format", "yaml"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 2)
    }

    @Test func emptyProjectIsClean() throws {
        let tree = try TemporaryTree(files: ["README.md": "# nothing\n"])
        let result = try CommandRunner.mlaudit(["scan"], in: tree.url)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("No findings"))
    }

    @Test func rulesJSONListsEveryCatalogueID() throws {
        let result = try CommandRunner.mlaudit(["rules", "--format", "json"])
        #expect(result.status == 0)
        let listed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        let ids = listed.compactMap { $0["id"] as? String }
        #expect(ids == Catalogue.rules.map(\.id))
        #expect(ids.count >= 30)
        for entry in listed {
            #expect(["stable", "planned"].contains(entry["status"] as? String ?? ""))
        }
    }

    @Test func rulesExplainsOneRule() throws {
        let result = try CommandRunner.mlaudit(["rules", "PIN001"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# PIN001: requirement-not-pinned"))
        #expect(result.stdout.contains("## How to fix"))
    }

    @Test func rulesRejectsUnknownID() throws {
        let result = try CommandRunner.mlaudit(["rules", "ZZZ001"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no rule matches 'ZZZ001'"))
    }

    @Test func helpAndVersionExitZero() throws {
        let help = try CommandRunner.mlaudit(["scan", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--fail-on"))
        let version = try CommandRunner.mlaudit(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == MLAuditVersion.current)
    }

    /// The release binary carries the catalogue: it works when copied anywhere.
    @Test func releaseBinaryIsSelfContained() throws {
        let release = PackagePaths.root.appendingPathComponent(".build/release/mlaudit")
        guard FileManager.default.isExecutableFile(atPath: release.path) else {
            if PackagePaths.isCI { Issue.record(".build/release/mlaudit missing on CI: .ci/run builds it first") }
            print("SKIP releaseBinaryIsSelfContained: no release build (run `swift build -c release`)")
            return
        }
        let dir = try TemporaryTree()
        let copy = dir.url.appendingPathComponent("mlaudit")
        try FileManager.default.copyItem(at: release, to: copy)
        let result = try CommandRunner.run(copy, ["rules", "--format", "json"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"PIN001\""))
    }
}
