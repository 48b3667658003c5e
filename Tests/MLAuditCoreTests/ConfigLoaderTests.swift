import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

@Suite struct ConfigLoaderTests {
    @Test func readsEveryKey() throws {
        let yaml = """
        select: [PIN, DEC001]
        ignore: [PIN009]
        severity:
          PIN005: error
        per-file-ignores:
          "scripts/*.sh": [PIN002]
        exclude: [third_party/, "*.generated.py"]
        project-kind: library
        max-file-size: 2MB
        max-notebook-size: 50MB
        large-file-threshold: 10MiB
        import-map:
          mypkg: [my-distribution]
        data:
          - path: data/train.csv
            source: https://example.org/train.csv
            sha256: \(String(repeating: "a", count: 64))
            size: 1KB
        """
        let config = try ConfigLoader.parse(yaml: yaml, file: "mlaudit.yaml")
        #expect(config.select == ["PIN", "DEC001"])
        #expect(config.isEnabled("PIN001"))
        #expect(!config.isEnabled("PIN009"))
        #expect(!config.isEnabled("RND001"))
        #expect(config.severityOverrides["PIN005"] == .error)
        #expect(config.isIgnored(ruleID: "PIN002", inFile: "scripts/setup.sh"))
        #expect(!config.isIgnored(ruleID: "PIN002", inFile: "setup.sh"))
        #expect(config.isExcluded("third_party", isDirectory: true))
        #expect(config.isExcluded("src/a.generated.py", isDirectory: false))
        #expect(config.projectKind == .library)
        #expect(config.maxFileSize == 2_000_000)
        #expect(config.maxNotebookSize == 50_000_000)
        #expect(config.largeFileThreshold == 10 * 1024 * 1024)
        #expect(config.importMap["mypkg"] == ["my-distribution"])
        #expect(config.data.first?.size == 1000)
        #expect(config.data.first?.line == 15)
    }

    struct BadConfig: Sendable, CustomStringConvertible {
        var yaml: String
        var line: Int?
        var fragment: String
        var description: String { fragment }
    }

    static let badConfigs: [BadConfig] = [
        BadConfig(yaml: "select: [PIN]\nignroe: [PIN001]\n", line: 2, fragment: "unknown key 'ignroe' (did you mean 'ignore'?)"),
        BadConfig(yaml: "select: [NOPE]\n", line: 1, fragment: "'NOPE' in 'select' names no rule"),
        BadConfig(yaml: "project-kind: service\n", line: 1, fragment: "'project-kind' must be application or library"),
        BadConfig(yaml: "severity:\n  PIN001: fatal\n", line: 2, fragment: "severity of PIN001 must be error, warning or note"),
        BadConfig(yaml: "max-file-size: lots\n", line: 1, fragment: "'max-file-size' must be a size"),
        BadConfig(yaml: "data:\n  - source: x\n", line: 2, fragment: "a 'data' entry needs a 'path'"),
        BadConfig(yaml: "select: [PIN\n", line: 2, fragment: "invalid YAML"),
        BadConfig(yaml: "- just\n- a list\n", line: 1, fragment: "must be a mapping"),
    ]

    @Test(arguments: badConfigs)
    func rejectsBadConfiguration(_ bad: BadConfig) {
        do {
            _ = try ConfigLoader.parse(yaml: bad.yaml, file: "mlaudit.yaml")
            Issue.record("accepted: \(bad.yaml)")
        } catch let error as ConfigError {
            #expect(error.file == "mlaudit.yaml")
            #expect(error.line == bad.line, "\(error)")
            #expect(error.reason.contains(bad.fragment), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func readsToolTableOfPyproject() throws {
        let tree = try TemporaryTree(files: [
            "pyproject.toml": """
            [project]
            name = "demo"

            [tool.mlaudit]
            ignore = ["PIN009"]
            project-kind = "library"

            [tool.mlaudit.severity]
            PIN005 = "note"
            """,
        ])
        let config = try #require(try ConfigLoader.discover(in: tree.url))
        #expect(config.projectKind == .library)
        #expect(config.ignore == ["PIN009"])
        #expect(config.severityOverrides["PIN005"] == .note)
        #expect(config.sourcePath == "pyproject.toml")
    }

    @Test func unknownKeyInPyprojectNamesItsLine() throws {
        let tree = try TemporaryTree(files: ["pyproject.toml": "[project]\nname = \"x\"\n\n[tool.mlaudit]\nselect = [\"PIN\"]\nexlude = [\"a\"]\n"])
        #expect(throws: ConfigError(file: "pyproject.toml", line: 6, reason: "unknown key 'exlude' (did you mean 'exclude'?)")) {
            try ConfigLoader.discover(in: tree.url)
        }
    }

    @Test func yamlFileWinsOverPyproject() throws {
        let tree = try TemporaryTree(files: [
            "pyproject.toml": "[tool.mlaudit]\nproject-kind = \"library\"\n",
            ".mlaudit.yaml": "project-kind: application\n",
        ])
        let config = try #require(try ConfigLoader.discover(in: tree.url))
        #expect(config.projectKind == .application)
        #expect(config.sourcePath == ".mlaudit.yaml")
    }

    @Test func byteSizes() {
        #expect(ByteSize.parse("5MB") == 5_000_000)
        #expect(ByteSize.parse("512KiB") == 524_288)
        #expect(ByteSize.parse("1.5GB") == 1_500_000_000)
        #expect(ByteSize.parse("42") == 42)
        #expect(ByteSize.parse("-1") == nil)
        #expect(ByteSize.parse("MB") == nil)
    }
}
