import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

/// `mlaudit init`: the configuration it writes loads with the real loader, it never
/// replaces a configuration unasked, and the set-ups it suggests match the hooks and the action.
@Suite struct InitCLITests {
    static let libraryPyproject = """
    [project]
    name = "Vision-Tools"
    version = "1.0"

    [build-system]
    requires = ["hatchling"]
    build-backend = "hatchling.build"

    """

    static func copy(of fixture: String) throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try FileManager.default.removeItem(at: tree.url)
        try FileManager.default.copyItem(at: PackagePaths.fixtures.appendingPathComponent(fixture), to: tree.url)
        return tree
    }

    static func read(_ tree: TemporaryTree, _ path: String) throws -> String {
        try String(contentsOf: tree.url.appendingPathComponent(path), encoding: .utf8)
    }

    /// The scan of `tree` with the written configuration: it must load without a configuration error.
    static func expectScanLoadsConfiguration(_ tree: TemporaryTree, from file: String) throws {
        let scan = try CommandRunner.mlaudit(["scan", "--fail-on", "never", "--format", "json"], in: tree.url)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(scan.stderr.isEmpty)
        let configuration = try #require(try ConfigLoader.discover(in: tree.url))
        #expect(configuration.sourcePath == file)
    }

    @Test func writesYAMLThatTheScanLoads() throws {
        let tree = try Self.copy(of: "clean-project")
        let result = try CommandRunner.mlaudit(["init"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("Wrote mlaudit.yaml (project-kind application: pyproject.toml is missing or does not parse)."))
        let text = try Self.read(tree, "mlaudit.yaml")
        #expect(text == ConfigTemplate.yaml(projectKind: ProjectKindGuess(kind: .application, reason: "pyproject.toml is missing or does not parse")))
        try Self.expectScanLoadsConfiguration(tree, from: "mlaudit.yaml")
        let clean = try CommandRunner.mlaudit(["scan"], in: tree.url)
        #expect(clean.status == 0, "the starter configuration changes no outcome: \(clean.stdout)")
    }

    @Test func appendsATableToPyproject() throws {
        let tree = try Self.copy(of: "pinning-demo")
        let before = try Self.read(tree, "pyproject.toml")
        let result = try CommandRunner.mlaudit(["init"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Added a [tool.mlaudit] table to pyproject.toml (project-kind application: pyproject.toml has no [build-system])."))
        let after = try Self.read(tree, "pyproject.toml")
        #expect(after.hasPrefix(before + "\n# mlaudit configuration"), "the existing text is kept as it was")
        #expect(after.contains("\n[tool.mlaudit]\n"))
        #expect(!FileManager.default.fileExists(atPath: tree.url.appendingPathComponent("mlaudit.yaml").path))
        try Self.expectScanLoadsConfiguration(tree, from: "pyproject.toml")
    }

    @Test func guessesALibraryOnlyWhenItsPackageIsThere() throws {
        let flat = try TemporaryTree(files: ["pyproject.toml": Self.libraryPyproject, "vision_tools/__init__.py": ""])
        let srcLayout = try TemporaryTree(files: ["pyproject.toml": Self.libraryPyproject, "src/other/__init__.py": ""])
        let noPackage = try TemporaryTree(files: ["pyproject.toml": Self.libraryPyproject, "train.py": ""])
        let noBuild = try TemporaryTree(files: ["pyproject.toml": "[project]\nname = \"vision-tools\"\n", "vision_tools/__init__.py": ""])
        let expectations = [
            (flat, "project-kind = \"library\"", "builds the package in vision_tools/"),
            (srcLayout, "project-kind = \"library\"", "builds the package in src/other/"),
            (noPackage, "project-kind = \"application\"", "no package directory with an __init__.py was found"),
            (noBuild, "project-kind = \"application\"", "pyproject.toml has no [build-system]"),
        ]
        for (tree, setting, reason) in expectations {
            let result = try CommandRunner.mlaudit(["init", "--stdout"], in: tree.url)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("\n\(setting)\n"), "\(reason)")
            #expect(result.stdout.contains(reason))
        }
        let yaml = try CommandRunner.mlaudit(["init", "--format", "yaml"], in: flat.url)
        #expect(yaml.status == 0)
        #expect(try Self.read(flat, "mlaudit.yaml").contains("\nproject-kind: library\n"))
        #expect(try ConfigLoader.discover(in: flat.url)?.projectKind == .library)
    }

    @Test func neverReplacesAConfigurationUnasked() throws {
        let tree = try TemporaryTree(files: ["mlaudit.yaml": "ignore: [PIN009]\n"])
        let refused = try CommandRunner.mlaudit(["init"], in: tree.url)
        #expect(refused.status == 2)
        #expect(refused.stderr == "mlaudit: mlaudit.yaml: already exists; mlaudit init does not replace a configuration (--force replaces this file)\n")
        #expect(refused.stdout.isEmpty)
        #expect(try Self.read(tree, "mlaudit.yaml") == "ignore: [PIN009]\n")

        let forced = try CommandRunner.mlaudit(["init", "--force"], in: tree.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.hasPrefix("Replaced mlaudit.yaml"))
        #expect(try Self.read(tree, "mlaudit.yaml").hasPrefix("# mlaudit configuration"))
    }

    @Test func forceReplacesTheYAMLFileInUse() throws {
        let tree = try TemporaryTree(files: [".mlaudit.yml": "select: [PIN]\n", "pyproject.toml": Self.libraryPyproject])
        let result = try CommandRunner.mlaudit(["init", "--force"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.read(tree, ".mlaudit.yml").hasPrefix("# mlaudit configuration"))
        #expect(!FileManager.default.fileExists(atPath: tree.url.appendingPathComponent("mlaudit.yaml").path))
        #expect(try Self.read(tree, "pyproject.toml") == Self.libraryPyproject)
        let intoPyproject = try CommandRunner.mlaudit(["init", "--format", "pyproject", "--force"], in: tree.url)
        #expect(intoPyproject.status == 2)
        #expect(intoPyproject.stderr.hasPrefix("mlaudit: .mlaudit.yml: already configures mlaudit and takes precedence over pyproject.toml"))
    }

    @Test func anExistingToolTableIsLeftAlone() throws {
        let pyproject = Self.libraryPyproject + "[tool.mlaudit]\nignore = [\"PIN009\"]\n"
        let tree = try TemporaryTree(files: ["pyproject.toml": pyproject])
        for arguments in [["init"], ["init", "--force"], ["init", "--format", "yaml", "--force"]] {
            let result = try CommandRunner.mlaudit(arguments, in: tree.url)
            #expect(result.status == 2)
            #expect(result.stderr == "mlaudit: pyproject.toml:8: mlaudit is already configured in [tool.mlaudit]; edit that table instead\n")
        }
        #expect(try Self.read(tree, "pyproject.toml") == pyproject)
        #expect(!FileManager.default.fileExists(atPath: tree.url.appendingPathComponent("mlaudit.yaml").path))
    }

    @Test func formatChoosesTheFile() throws {
        let tree = try TemporaryTree(files: ["pyproject.toml": Self.libraryPyproject])
        let yaml = try CommandRunner.mlaudit(["init", "--format", "yaml"], in: tree.url)
        #expect(yaml.status == 0)
        #expect(FileManager.default.fileExists(atPath: tree.url.appendingPathComponent("mlaudit.yaml").path))
        #expect(try Self.read(tree, "pyproject.toml") == Self.libraryPyproject)

        let empty = try TemporaryTree()
        let missing = try CommandRunner.mlaudit(["init", "--format", "pyproject"], in: empty.url)
        #expect(missing.status == 2)
        #expect(missing.stderr == "mlaudit: pyproject.toml: not found; use --format yaml to write mlaudit.yaml instead\n")
        let unknown = try CommandRunner.mlaudit(["init", "--format", "toml"], in: empty.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("toml"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.path).isEmpty)
    }

    @Test func aBrokenPyprojectIsNamedWithItsLine() throws {
        let broken = "[project]\nname = \"x\"\nversion = \n"
        let tree = try TemporaryTree(files: ["pyproject.toml": broken])
        let refused = try CommandRunner.mlaudit(["init"], in: tree.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("mlaudit: pyproject.toml:3: invalid TOML"), "\(refused.stderr)")
        #expect(refused.stderr.hasSuffix("; fix it, or use --format yaml\n"))
        #expect(try Self.read(tree, "pyproject.toml") == broken)

        let yaml = try CommandRunner.mlaudit(["init", "--format", "yaml"], in: tree.url)
        #expect(yaml.status == 0)
        #expect(yaml.stderr.hasPrefix("mlaudit: warning: pyproject.toml:3: invalid TOML"), "\(yaml.stderr)")
        #expect(yaml.stderr.hasSuffix("(project-kind guessed without it)\n"))
        #expect(try ConfigLoader.discover(in: tree.url)?.sourcePath == "mlaudit.yaml")
    }

    @Test func keepsWindowsLineEndingsAndFileMode() throws {
        let tree = try TemporaryTree(files: ["pyproject.toml": "[project]\r\nname = \"x\"\r\n"])
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: tree.url.appendingPathComponent("pyproject.toml").path)
        let result = try CommandRunner.mlaudit(["init"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try Self.read(tree, "pyproject.toml")
        #expect(text.replacingOccurrences(of: "\r\n", with: "").contains("\n") == false)
        let mode = try FileManager.default.attributesOfItem(atPath: tree.url.appendingPathComponent("pyproject.toml").path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test func stdoutPrintsInsteadOfWriting() throws {
        let tree = try TemporaryTree(files: ["pyproject.toml": Self.libraryPyproject])
        let table = try CommandRunner.mlaudit(["init", "--stdout"], in: tree.url)
        #expect(table.status == 0)
        #expect(table.stdout.contains("\n[tool.mlaudit]\n"))
        #expect(try Self.read(tree, "pyproject.toml") == Self.libraryPyproject)
        let yaml = try CommandRunner.mlaudit(["init", "--stdout", "--format", "yaml"], in: tree.url)
        #expect(yaml.status == 0)
        #expect(try ConfigLoader.parse(yaml: yaml.stdout, file: "stdout").projectKind == .application)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tree.path) == ["pyproject.toml"])
    }

    @Test func aMissingDirectoryIsAnError() throws {
        let tree = try TemporaryTree()
        let result = try CommandRunner.mlaudit(["init", "nowhere"], in: tree.url)
        #expect(result.status == 2)
        #expect(result.stderr == "mlaudit: nowhere: not a directory\n")
    }

    @Test func namesTheFileUnderTheDirectoryGiven() throws {
        let tree = try TemporaryTree(files: ["project/mlaudit.yaml": "select: [PIN]\n"])
        let result = try CommandRunner.mlaudit(["init", "project"], in: tree.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("mlaudit: project/mlaudit.yaml: already exists"))
    }

    @Test func everyDocumentedKeyIsInTheTemplates() throws {
        let keys = try Self.documentedKeys()
        #expect(keys.count == 21, "\(keys)")
        let kind = ProjectKindGuess(kind: .application, reason: "test")
        let yaml = ConfigTemplate.yaml(projectKind: kind)
        let toml = ConfigTemplate.pyprojectTable(projectKind: kind)
        for key in keys {
            #expect(yaml.range(of: "\\n(# )?[ -]*\(key):", options: .regularExpression) != nil, "\(key) in the YAML template")
            #expect(toml.range(of: "\\n(# )?(\(key) =|\\[\\[?tool\\.mlaudit\\.\(key)\\]\\]?)", options: .regularExpression) != nil,
                    "\(key) in the pyproject template")
        }
    }

    @Test func everyExampleLoadsOnceUncommented() throws {
        let kind = ProjectKindGuess(kind: .library, reason: "test")
        let fromYAML = try ConfigLoader.parse(yaml: ConfigTemplate.yaml(projectKind: kind, examplesEnabled: true), file: "mlaudit.yaml")
        let node = try #require(try ConfigNode.fromPyproject(ConfigTemplate.pyprojectTable(projectKind: kind, examplesEnabled: true), file: "pyproject.toml"))
        let fromTOML = try ConfigLoader.interpret(node, file: "pyproject.toml")
        for configuration in [fromYAML, fromTOML] {
            #expect(configuration.projectKind == .library)
            #expect(configuration.select == ["ALL"])
            #expect(configuration.ignore == ["PIN009"])
            #expect(configuration.exclude.count == 2)
            #expect(configuration.maxFileSize == 10_000_000)
            #expect(configuration.largeFileThreshold == 5_000_000)
            #expect(configuration.severityOverrides == ["PIN005": .error])
            #expect(configuration.perFileIgnores.map(\.rules) == [["PIN002", "RND"]])
            #expect(configuration.importMap == ["mycompany_utils": ["mycompany-utils"]])
            #expect(configuration.data.count == 1)
            #expect(configuration.data.first?.license == "CC-BY-4.0")
        }
        #expect(ConfigTemplate.yaml(projectKind: kind).components(separatedBy: "\n").filter { !$0.isEmpty && !$0.hasPrefix("#") } == ["project-kind: library"])
    }

    @Test func suggestedSetupsMatchTheHooksAndTheAction() throws {
        let tree = try TemporaryTree()
        let result = try CommandRunner.mlaudit(["init"], in: tree.url)
        #expect(result.stdout.contains(IntegrationSnippets.preCommit))
        #expect(result.stdout.contains(IntegrationSnippets.githubActions))

        let preCommit = try #require(try ConfigNode.fromYAML(IntegrationSnippets.preCommit, file: "pre-commit"))
        var hookIDs: [String] = []
        func collectIDs(_ node: ConfigNode) {
            switch node {
            case .scalar: break
            case .sequence(let items, _): items.forEach(collectIDs)
            case .mapping(let pairs, _):
                for (key, _, value) in pairs {
                    if key == "id", let id = value.scalar { hookIDs.append(id) }
                    collectIDs(value)
                }
            }
        }
        collectIDs(preCommit)
        #expect(hookIDs == (try PreCommitHookTests.hooks().map(\.id)))

        let inputs = Set(try CompositeAction.load().inputs.keys)
        let passed = CompositeAction.withKeys(ofUses: "mlaudit/mlaudit@", in: IntegrationSnippets.githubActions)
        #expect(!passed.isEmpty)
        #expect(Set(passed).isSubset(of: inputs))
    }

    @Test func helpDescribesTheOptions() throws {
        let help = try CommandRunner.mlaudit(["init", "--help"])
        #expect(help.status == 0)
        for text in ["USAGE: mlaudit init [<directory>] [--format <format>] [--force] [--stdout]", "values: yaml, pyproject",
                     "[tool.mlaudit]", "never replaced"] {
            #expect(help.stdout.contains(text), "\(text)")
        }
        let root = try CommandRunner.mlaudit(["--help"])
        #expect(root.stdout.contains("  init "))
    }

    /// Every key named in the tables of docs/configuration.md (top level and data entries).
    static func documentedKeys() throws -> [String] {
        let text = try String(contentsOf: PackagePaths.root.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        var keys: [String] = []
        var inKeyTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { inKeyTable = false; continue }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.first == "key" { inKeyTable = true; continue }
            guard inKeyTable, let first = cells.first else { continue }
            keys += first.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        return keys
    }
}
