import Foundation
import MLAuditTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The malformed-input corpus through the CLI: no crash, no hang, every bad input
/// named (with its line when known) in every report format, the rest still checked.
@Suite struct MalformedCorpusTests {
    static let formats = ["text", "json", "sarif", "junit", "gitlab", "github", "markdown"]
    /// Hang detection only: a debug build on a shared machine is slow, but not this slow.
    static let deadline = 120.0

    @Test func corpusIsReportedInEveryFormatAndTheRestIsChecked() throws {
        let hostile = try HostileTree()
        let reports = try TemporaryTree()
        var arguments = ["scan", "--verbose", "."]
        for format in Self.formats { arguments += ["--output", "\(format):\(reports.path)/report.\(format)"] }
        let run = try CommandRunner.mlaudit(arguments, in: hostile.url, timeout: Self.deadline)
        #expect(!run.timedOut, "scan still running after \(Self.deadline) s")
        #expect(run.result.status == 1, "findings at error level in the good files: \(run.result.stderr)")

        var outputs: [String: String] = [:]
        for format in Self.formats {
            outputs[format] = try String(contentsOfFile: "\(reports.path)/report.\(format)", encoding: .utf8)
        }
        for expected in hostile.expected {
            for format in Self.formats {
                #expect(try Self.names(expected, in: outputs[format]!, format: format), "\(format) report does not name \(expected)")
            }
        }

        let json = try #require(try JSONSerialization.jsonObject(with: Data(outputs["json"]!.utf8)) as? [String: Any])
        let findings = json["findings"] as? [[String: Any]] ?? []
        let found = Set(findings.map { "\($0["rule"] ?? $0["ruleID"] ?? ""):\(($0["location"] as? [String: Any])?["path"] ?? $0["path"] ?? "")" })
        for good in ["PIN001:good/requirements.txt", "RND001:notebooks/source-as-string.ipynb", "RND001:generated/huge-output.ipynb",
                     "RND001:generated/new\nline.py", "RND001:encoding/latin1.py"] {
            #expect(found.contains(good), "missing \(good) among \(found.sorted())")
        }
        #expect(!found.contains { $0.hasSuffix("secret.py") || $0.contains("outside") }, "a file outside the root was checked")
    }

    @Test func problemsAreShownWithoutVerboseAndSkipsAreNot() throws {
        let hostile = try HostileTree()
        let run = try CommandRunner.mlaudit(["scan", "."], in: hostile.url, timeout: Self.deadline)
        #expect(!run.timedOut)
        for expected in hostile.expected {
            let named = run.result.stdout.contains(expected.path + (expected.line.map { ":\($0)" } ?? "") + ":")
            #expect(named == expected.isProblem, "\(expected) \(expected.isProblem ? "missing" : "shown without --verbose")")
        }
    }

    @Test func specialFilesNamedOnTheCommandLineDoNotBlock() throws {
        let hostile = try HostileTree()
        let run = try CommandRunner.mlaudit(["scan", "generated/fifo.py", "generated/socket.py", "good/requirements.txt"],
                                            in: hostile.url, timeout: Self.deadline)
        #expect(!run.timedOut, "opening a FIFO named on the command line blocked")
        #expect(run.result.status == 1)
        #expect(run.result.stdout.contains("generated/fifo.py: unreadable not a regular file"))
        #expect(run.result.stdout.contains("generated/socket.py: unreadable not a regular file"))
        #expect(run.result.stdout.contains("good/requirements.txt:1:1: PIN001"))

        let loop = try CommandRunner.mlaudit(["scan", "generated/loop-a"], in: hostile.url, timeout: Self.deadline)
        #expect(loop.result.status == 2, "a path argument that cannot be read at all is a usage error")
        #expect(loop.result.stderr.contains("generated/loop-a"))
    }

    @Test(.enabled(if: getuid() != 0, "root reads mode-000 files and directories, so there is nothing to test"))
    func unreadableFileAndDirectory() throws {
        let tree = try TemporaryTree(files: ["locked.py": "import random\n", "closed/a.py": "x = 1\n", "requirements.txt": "numpy\n"])
        chmod(tree.url.appendingPathComponent("locked.py").path, 0)
        chmod(tree.url.appendingPathComponent("closed").path, 0)
        defer { chmod(tree.url.appendingPathComponent("closed").path, 0o755) }
        let run = try CommandRunner.mlaudit(["scan", "."], in: tree.url, timeout: Self.deadline)
        #expect(!run.timedOut)
        #expect(run.result.status == 1)
        #expect(run.result.stdout.contains("locked.py: unreadable"))
        #expect(run.result.stdout.contains("closed: unreadable cannot read directory"))
        #expect(run.result.stdout.contains("requirements.txt:1:1: PIN001"))
    }

    @Test func limitsAreConfigurable() throws {
        let tree = try TemporaryTree(files: [
            "mlaudit.yaml": "max-nesting-depth: 5\nmax-yaml-nodes: 10\n",
            "config/deep.yaml": "a: [[[[[[['/home/alice/x']]]]]]]\n",
            "config/aliases.yaml": "a: &a ['/home/alice/x', '/home/alice/y']\nb: [*a, *a, *a, *a, *a, *a]\n",
            "config/fine.yaml": "a: [['/home/alice/z']]\n",
        ])
        let run = try CommandRunner.mlaudit(["scan", "."], in: tree.url, timeout: Self.deadline)
        #expect(run.result.stdout.contains("config/deep.yaml:1: parse-error YAML not read: nested deeper than 5 levels (max-nesting-depth)"))
        #expect(run.result.stdout.contains("config/aliases.yaml: parse-error YAML not read: aliases expand to more than 10 nodes (max-yaml-nodes)"))
        #expect(run.result.stdout.contains("config/fine.yaml:1:"), "a file within the limits is still checked")
    }

    @Test func aliasBombInTheConfigurationIsAnErrorNotAHang() throws {
        let bomb = try String(contentsOf: PackagePaths.fixtures.appendingPathComponent("malformed/yaml/bomb/.github/workflows/laughs.yml"), encoding: .utf8)
        let tree = try TemporaryTree(files: ["mlaudit.yaml": bomb, "requirements.txt": "numpy\n"])
        let run = try CommandRunner.mlaudit(["scan", "."], in: tree.url, timeout: Self.deadline)
        #expect(!run.timedOut)
        #expect(run.result.status == 2)
        #expect(run.result.stderr.contains("mlaudit.yaml: YAML aliases expand to more than"))
    }

    @Test func hundredThousandEmptyFiles() throws {
        let tree = try TemporaryTree(files: ["requirements.txt": "numpy\n"])
        for d in 0..<100 {
            let dir = tree.url.appendingPathComponent("pkg\(d)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for f in 0..<1000 { FileManager.default.createFile(atPath: dir.appendingPathComponent("m\(f).py").path, contents: nil) }
        }
        let run = try CommandRunner.mlaudit(["scan", "--format", "json", "."], in: tree.url, timeout: Self.deadline)
        #expect(!run.timedOut, "100,000 empty files took more than \(Self.deadline) s")
        #expect(run.result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.result.stdout.utf8)) as? [String: Any])
        let summary = json["summary"] as? [String: Any] ?? [:]
        #expect(summary["files"] as? Int == 100_001, "\(summary)")
    }

    /// Whether a report names the file (and the line when known), as that format writes them.
    static func names(_ expected: HostileTree.Expected, in output: String, format: String) throws -> Bool {
        let path = expected.path
        switch format {
        case "text":
            return output.contains(PathTextForTests.escaped(path) + (expected.line.map { ":\($0)" } ?? "") + ":")
        case "markdown":
            return output.contains("`" + PathTextForTests.escaped(path) + (expected.line.map { ":\($0)" } ?? "") + "`")
        case "json":
            let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
            return diagnostics.contains { $0["path"] as? String == path && $0["line"] as? Int == expected.line }
        case "gitlab":
            let issues = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
            return issues.contains { issue in
                let location = issue["location"] as? [String: Any]
                let begin = (location?["lines"] as? [String: Any])?["begin"] as? Int
                return location?["path"] as? String == path && begin == (expected.line ?? 1)
            }
        case "sarif":
            let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            let run = (object?["runs"] as? [[String: Any]])?.first
            let invocation = (run?["invocations"] as? [[String: Any]])?.first
            let notifications = invocation?["toolExecutionNotifications"] as? [[String: Any]] ?? []
            return notifications.contains { note in
                let text = (note["message"] as? [String: Any])?["text"] as? String ?? ""
                let location = (note["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
                let line = (location?["region"] as? [String: Any])?["startLine"] as? Int
                return text.hasPrefix(path + ": ") && line == expected.line
            }
        case "junit":
            return output.contains(expected.isProblem ? path + (expected.line.map { ":\($0)" } ?? "") + ": " : "name=\"\(path)\"")
        case "github":
            let file = "file=" + path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
            return output.split(separator: "\n").contains { line in
                line.contains(file + ",") && (expected.line.map { line.contains("line=\($0),") } ?? !line.contains("line="))
            }
        default:
            return false
        }
    }
}

enum PathTextForTests {
    static func escaped(_ path: String) -> String { path.replacingOccurrences(of: "\n", with: "\\n") }
}
