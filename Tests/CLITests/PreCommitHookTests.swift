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
                passFilenames: values["pass_filenames"] != "false", fields: Set(values.keys)
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
        }
        #expect(hooks.first?.passFilenames == false, "the whole-project hook must not receive batches of files")
    }

    @Test func wholeProjectHookFailsOnFindingsAndPassesWhenClean() throws {
        let hook = try #require(try Self.hooks().first { $0.id == "mlaudit" })
        let dirty = try run(hook, in: "pinning-demo", files: ["requirements.txt"])
        #expect(dirty.status == 1)
        #expect(dirty.stdout.contains("docker/Dockerfile:"), "the whole tree is scanned whatever pre-commit passes")
        let clean = try run(hook, in: "clean-project", files: [])
        #expect(clean.status == 0, "\(clean.stdout)")
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
