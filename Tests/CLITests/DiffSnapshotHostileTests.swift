import Foundation
import MLAuditTestSupport
import Testing

/// Hostile recordings and data paths, as a pull request could commit them: no hang,
/// no crash, nothing read or hashed outside the tree, no environment leaked.
@Suite struct DiffSnapshotHostileTests {
    static let deadline = 120.0
    static let planted = "PLANTED-ENVIRONMENT-SECRET-7731"

    func run(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> CommandResult {
        var env = ProcessInfo.processInfo.environment
        for (key, value) in extra { env[key] = value }
        env["MLAUDIT_PLANTED"] = Self.planted
        let result = try CommandRunner.run(PackagePaths.binary, arguments, in: directory, environment: env, timeout: Self.deadline)
        #expect(!result.timedOut, "\(arguments) did not finish")
        #expect([0, 1, 2].contains(result.result.status), "\(arguments): exit \(result.result.status)")
        #expect(!result.result.stdout.contains(Self.planted) && !result.result.stderr.contains(Self.planted), "the environment leaked")
        return result.result
    }

    @Test func runFolderFilesLinkedOutOfTheFolderAreNotRead() throws {
        let tree = try TemporaryTree(files: [
            "wandb/run-1/files/wandb-metadata.json": #"{"os": "Linux-6.1.0-x86_64-with-glibc2.36", "python": "3.11.7", "startedAt": "x"}"#,
            "model/MLmodel": "flavors:\n  python_function:\n    python_version: 3.11.7\n",
            "new.txt": "six==1.17.0\n",
        ])
        for link in ["wandb/run-1/files/requirements.txt", "model/requirements.txt"] {
            try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent(link).path, withDestinationPath: "/proc/self/environ")
        }
        for recording in ["wandb/run-1", "model"] {
            for format in ["text", "json", "sarif"] {
                let result = try run(["diff", recording, "new.txt", "--format", format], in: tree.url)
                #expect(result.status != 2 || result.stderr.contains("leads outside"), "\(recording): \(result.stderr)")
                #expect((result.stdout + result.stderr).contains("link that leads outside its folder"), "\(recording) \(format): said why")
            }
        }
        // The recording itself named on the command line, as a committed link.
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("requirements-old.txt").path,
                                                   withDestinationPath: "/proc/self/environ")
        let named = try run(["diff", "requirements-old.txt", "new.txt"], in: tree.url)
        #expect(named.status == 2)
        #expect(named.stderr.contains("requirements-old.txt: is a link that leads outside the current directory"))
    }

    @Test func snapshotDataNeverHangsOnFIFOsOrDevices() throws {
        let tree = try TemporaryTree(files: ["data/ok.csv": "a\n"])
        #expect(mkfifo(tree.url.appendingPathComponent("data/pipe").path, 0o600) == 0)
        #expect(mkfifo(tree.url.appendingPathComponent("pipe").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("data/kmsg").path, withDestinationPath: "/proc/kmsg")
        let result = try run(["snapshot", "--no-timestamp", "--skip", "system_packages,python,git", "--no-data-cache",
                              "--data", "data", "pipe", "/proc/kmsg", "/dev/zero"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try Self.dataEntries(result.stdout)
        #expect(entries["pipe"]?["kind"] as? String == "error")
        #expect(entries["data"]?["file_count"] as? Int == 1, "only the regular file is hashed")
        #expect(entries["/proc/kmsg"]?["sha256"] == nil && entries["/dev/zero"]?["sha256"] == nil)
    }

    @Test func snapshotDataStaysInsideTheProject() throws {
        let tree = try TemporaryTree(files: ["project/data/a.csv": "a\n", "outside/secret.txt": "secret\n"])
        let project = tree.url.appendingPathComponent("project")
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("root").path, withDestinationPath: "/")
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("data/escape.txt").path,
                                                   withDestinationPath: tree.url.appendingPathComponent("outside/secret.txt").path)
        let secretDigest = try Self.sha256(tree.url.appendingPathComponent("outside/secret.txt").path)
        let result = try run(["snapshot", "--no-timestamp", "--skip", "system_packages,python,git", "--no-data-cache",
                              "--data", "data", "/etc/passwd", "../../../../../../etc/group", "root/etc/passwd", "../outside/secret.txt"],
                             in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try Self.dataEntries(result.stdout)
        for path in ["/etc/passwd", "../../../../../../etc/group", "root/etc/passwd", "../outside/secret.txt"] {
            #expect(entries[path]?["kind"] as? String == "error", "\(path): \(entries.keys.sorted())")
            #expect(entries[path]?["sha256"] == nil, "\(path) was hashed")
        }
        let data = try #require(entries["data"])
        #expect((data["files"] as? [[String: Any]])?.map { $0["path"] as? String } == ["a.csv"])
        #expect("\(data["errors"] ?? "")".contains("escape.txt"), "the link out is named")
        #expect(!result.stdout.contains(secretDigest))
        // A manifest naming data outside the tree: the live capture of `diff` does not hash it either.
        let manifest = #"{"meta": {"schema_version": 1, "mlaudit_version": "0.1.0", "project_root": "/x", "command_line": []}, "#
            + #""data": {"status": "ok", "entries": [{"path": "/etc/passwd", "kind": "file", "sha256": "00"}, "#
            + #"{"path": "root/etc/passwd", "kind": "file", "sha256": "00"}]}}"#
        try manifest.write(to: project.appendingPathComponent("old.json"), atomically: true, encoding: .utf8)
        let live = try run(["diff", "old.json", "--only", "data", "--format", "json"], in: project)
        #expect(live.status == 1, "\(live.stderr)")
        #expect(!live.stdout.contains(try Self.sha256("/etc/passwd")))
    }

    @Test func hugeAndOverflowingNumbersInAManifestDoNotCrash() throws {
        let url = PackagePaths.fixtures.appendingPathComponent("diff/manifest/old.json")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: #""logical_cores": "#, with: #""logical_cores": 1e30, "x_cores": "#)
        text = text.replacingOccurrences(of: #""total_bytes": "#, with: #""total_bytes": 1e400, "x_bytes": "#)
        let tree = try TemporaryTree(files: [
            "numbers.json": text,
            "version.json": #"{"meta": {"schema_version": 1e400, "mlaudit_version": "0.1.0"}}"#,
            "wandb-metadata.json": #"{"os": "Linux", "python": "3.11.7", "cpu_count": 1e30, "gpu_count": 1e400, "memory": {"total": "1e400"}}"#,
        ])
        for pair in [["numbers.json", "numbers.json"], ["version.json", "numbers.json"], ["wandb-metadata.json", "numbers.json"]] {
            let result = try run(["diff"] + pair, in: tree.url)
            #expect(result.status != 2 || pair[0] == "version.json", "\(pair): \(result.stderr)")
        }
        let version = try run(["diff", "version.json", "numbers.json"], in: tree.url)
        #expect(version.status == 2)
        #expect(version.stderr.contains("version.json"))
    }

    @Test func everyDiffInputHasASizeLimit() throws {
        let tree = try TemporaryTree(files: ["new.txt": "six==1.17.0\n"])
        let big = tree.url.appendingPathComponent("requirements.txt").path
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 101 << 20) == 0, "a sparse 101 MB file")
        let result = try run(["diff", "requirements.txt", "new.txt"], in: tree.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("requirements.txt: is larger than the 100 MB limit"))
        #expect(mkfifo(tree.url.appendingPathComponent("fifo.txt").path, 0o600) == 0)
        let fifo = try run(["diff", "fifo.txt", "new.txt", "--old-format", "pip-freeze"], in: tree.url)
        #expect(fifo.status == 2)
        #expect(fifo.stderr.contains("fifo.txt: is not a regular file"))
    }

    static func dataEntries(_ manifest: String) throws -> [String: [String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any])
        let entries = (root["data"] as? [String: Any])?["entries"] as? [[String: Any]] ?? []
        var byPath: [String: [String: Any]] = [:]
        for entry in entries { if let path = entry["path"] as? String { byPath[path] = entry } }
        return byPath
    }

    static func sha256(_ path: String) throws -> String {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["sha256sum", path])
        return String(result.stdout.prefix(64))
    }
}
