import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

/// Runs the hooks of .pre-commit-hooks.yaml the way pre-commit would: the entry,
/// then file names when `pass_filenames` is not false, from the project root.
@Suite struct PreCommitHookTests {
    struct Hook {
        var id: String
        var entry: [String]
        var passFilenames: Bool
        var language: String
        var fields: Set<String>
    }

    static func hooks() throws -> [Hook] {
        let text = try String(contentsOf: PackagePaths.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        guard case .sequence(let items, _) = try #require(try ConfigNode.fromYAML(text, file: ".pre-commit-hooks.yaml")) else {
            Issue.record(".pre-commit-hooks.yaml must be a list")
            return []
        }
        return items.compactMap { item in
            guard case .mapping(let pairs, _) = item else { return nil }
            var values: [String: String] = [:]
            for (key, _, value) in pairs { values[key] = value.scalar ?? "" }
            return Hook(
                id: values["id"] ?? "", entry: (values["entry"] ?? "").split(separator: " ").map(String.init),
                passFilenames: values["pass_filenames"] != "false", language: values["language"] ?? "", fields: Set(values.keys)
            )
        }
    }

    func run(_ hook: Hook, in project: String, files: [String]) throws -> CommandResult {
        #expect(hook.entry.first == "mlaudit", "the entry names the built executable")
        let arguments = Array(hook.entry.dropFirst()) + (hook.passFilenames ? files : [])
        return try CommandRunner.mlaudit(arguments + ["--no-color"], in: PackagePaths.fixtures.appendingPathComponent(project))
    }

    @Test func hooksDeclareWhatPreCommitRequires() throws {
        let hooks = try Self.hooks()
        #expect(hooks.map(\.id) == ["mlaudit", "mlaudit-files"])
        for hook in hooks {
            #expect(hook.fields.isSuperset(of: ["id", "name", "entry", "language"]), "\(hook.id)")
            #expect(hook.language == "python", "\(hook.id) installs the wheel, not a Swift build")
        }
        #expect(hooks.first?.passFilenames == false, "the whole-project hook must not receive batches of files")
    }

    /// Findings as `path:line:col: ID`, from text output.
    static func findings(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, parts[0].hasSuffix(":"), parts[0].contains(":") else { return nil }
            return "\(parts[0]) \(parts[1])"
        }
    }

    @Test func theTwoHooksNeverReportTheSameFinding() throws {
        let hooks = try Self.hooks()
        let files = ["requirements.txt", "requirements-dev.txt", "environment.yml", "pyproject.toml", "Makefile", "docker/Dockerfile",
                     "docker-compose.yml", "src/demo/train.py", "configs/train.yaml", "notebooks/explore.ipynb"]
        let project = try run(try #require(hooks.first { $0.id == "mlaudit" }), in: "pinning-demo", files: files)
        let perFile = try run(try #require(hooks.first { $0.id == "mlaudit-files" }), in: "pinning-demo", files: files)
        let whole = try CommandRunner.mlaudit(["scan", "--no-color"], in: PackagePaths.fixtures.appendingPathComponent("pinning-demo"))
        let (a, b) = (Self.findings(project.stdout), Self.findings(perFile.stdout))
        #expect(!b.isEmpty)
        #expect(Set(a).isDisjoint(with: b), "printed by both hooks: \(Set(a).intersection(b))")
        #expect(!a.isEmpty)
        #expect(Set(a).isSubset(of: Self.findings(whole.stdout)), "the project hook reports what a scan of the tree reports")
    }

    @Test(.enabled(if: CommandRunner.which("git") != nil, "skipped: no git on PATH"))
    func wholeProjectHookIgnoresUntrackedFiles() throws {
        let hook = try #require(try Self.hooks().first { $0.id == "mlaudit" })
        let tree = try TemporaryTree()
        try FileManager.default.removeItem(at: tree.url)
        try FileManager.default.copyItem(at: PackagePaths.fixtures.appendingPathComponent("clean-project"), to: tree.url)
        let git = try #require(CommandRunner.which("git"))
        for arguments in [["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "clean"]] {
            #expect(try CommandRunner.run(git, arguments, in: tree.url).status == 0)
        }
        let arguments = Array(hook.entry.dropFirst()) + ["--no-color"]
        #expect(try CommandRunner.mlaudit(arguments, in: tree.url).status == 0)

        // A scratch script nobody added: an undeclared import, the kind of finding the project-wide rules make.
        try tree.write("scratch.py", "import sklearn\nimport numpy as np\nprint(np.random.rand())\n")
        let untracked = try CommandRunner.mlaudit(arguments, in: tree.url)
        #expect(untracked.status == 0, "\(untracked.stdout)")
        #expect(try CommandRunner.mlaudit(["scan", "--no-color"], in: tree.url).status == 1, "a plain scan does report the scratch file")

        #expect(try CommandRunner.run(git, ["add", "scratch.py"], in: tree.url).status == 0)
        let staged = try CommandRunner.mlaudit(arguments, in: tree.url)
        #expect(staged.status == 1, "a staged file is part of the commit: \(staged.stdout)")
        #expect(staged.stdout.contains("scratch.py:"))
    }

    @Test func changedFilesHookChecksOnlyThoseFiles() throws {
        let hook = try #require(try Self.hooks().first { $0.id == "mlaudit-files" })
        let files = ["requirements-dev.txt", "Makefile", "docker/Dockerfile", "src/demo/train.py", "configs/train.yaml"]
        let result = try run(hook, in: "pinning-demo", files: files)
        #expect(result.status == 1)
        let reported = Set(result.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("Found") else { return nil }
            return String(line[..<colon])
        })
        #expect(reported == ["requirements-dev.txt", "Makefile", "docker/Dockerfile", "src/demo/train.py"])
    }
}
