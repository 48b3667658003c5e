import Foundation
import MLAuditTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Output bombs and quadratic inputs: findings are capped per rule and file, long
/// lines and many patterns stay linear, and every file steering a scan is bounded.
@Suite struct HostileLimitsTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func findingsPerRuleAndFileAreCappedWithOneDiagnostic() throws {
        var text = ""
        for i in 0 ..< 100_000 { text += "package\(i)\n" }
        let project = try HostileProject(["requirements.txt": text])
        let run = try HostileRun(["scan", "--select", "PIN001", "--format", "json", "."], in: project.url)
        #expect(run.status == 1)
        let report = try Self.json(run.stdout)
        let findings = report["findings"] as? [[String: Any]] ?? []
        #expect(findings.count == 100, "\(findings.count) findings")
        let diagnostics = report["diagnostics"] as? [[String: Any]] ?? []
        let messages = diagnostics.compactMap { $0["message"] as? String }
        #expect(messages.contains("99900 more findings of PIN001 in requirements.txt not shown (max-findings-per-rule: 100)"), "\(messages)")

        let text2 = try HostileRun(["scan", "--select", "PIN001", "."], in: project.url)
        #expect(text2.stdout.contains("requirements.txt: truncated 99900 more findings of PIN001"), "\(text2.stdout.suffix(400))")
    }

    @Test func findingCapIsConfigurableUpToACeiling() throws {
        let names = (0 ..< 50).map { "package\($0)\n" }.joined()
        let project = try HostileProject(["requirements.txt": names, "mlaudit.yaml": "max-findings-per-rule: 5\n"])
        let run = try HostileRun(["scan", "--select", "PIN001", "--format", "json", "."], in: project.url)
        #expect((try Self.json(run.stdout)["findings"] as? [[String: Any]])?.count == 5)

        try project.tree.write("mlaudit.yaml", "max-findings-per-rule: 20000\n")
        let high = try HostileRun(["scan", "."], in: project.url)
        #expect(high.status == 2)
        #expect(high.stderr.contains("'max-findings-per-rule' may be at most 10000"), "\(high.stderr)")
    }

    @Test(arguments: [
        ("max-file-size: 9223372036854775807KB", "'max-file-size' must be a size"),
        ("max-file-size: 1e400MB", "'max-file-size' must be a size"),
        ("max-file-size: 2GiB", "'max-file-size' may be at most 1073741824 bytes"),
        ("max-notebook-size: 5GB", "'max-notebook-size' may be at most"),
        ("max-nesting-depth: 100000", "'max-nesting-depth' may be at most 1000"),
        ("max-yaml-nodes: 99999999999", "'max-yaml-nodes' may be at most 100000000"),
        ("max-nesting-depth: 99999999999999999999999", "'max-nesting-depth' must be a positive whole number"),
    ])
    func configurationCannotRaiseLimitsPastTheirCeiling(_ line: String, _ message: String) throws {
        let project = try HostileProject(["requirements.txt": "numpy\n", "mlaudit.yaml": line + "\n"])
        let run = try HostileRun(["scan", "."], in: project.url)
        #expect(run.status == 2, "\(line): \(run.output)")
        #expect(run.stderr.contains(message), "\(line): \(run.stderr)")
    }

    @Test func requirementLineWithManyHashesIsLinear() throws {
        func line(_ count: Int) -> String {
            "numpy==1.26.4 " + (0 ..< count).map { String(format: "--hash=sha256:%064x", $0) }.joined(separator: " ") + "\n"
        }
        let small = try HostileProject(["requirements.txt": line(5_000)])
        let large = try HostileProject(["requirements.txt": line(20_000)])
        let first = try HostileRun(["scan", "--select", "PIN", "."], in: small.url)
        let second = try HostileRun(["scan", "--select", "PIN", "."], in: large.url)
        #expect(first.status == 0 && second.status == 0, "\(first.output) \(second.output)")
        // Four times the options: far less than sixteen times the time (start-up dominates the small run).
        #expect(second.seconds < max(first.seconds, 0.5) * 10, "\(first.seconds) s, then \(second.seconds) s")
    }

    /// 20,000 patterns over 20,000 files: each path is tried against the patterns that can match it.
    @Test func manyIgnorePatternsOnManyFilesAreFast() throws {
        var ignore = "# generated\n"
        for i in 0 ..< 20_000 {
            switch i % 4 {
            case 0: ignore += "build\(i)\n"
            case 1: ignore += "*.tmp\(i)\n"
            case 2: ignore += "/out\(i)/\n"
            default: ignore += i % 100 == 3 ? "cache\(i)*\n" : "name\(i).log\n"
            }
        }
        ignore += "*-ignored.py\n!keep-ignored.py\n"
        let project = try HostileProject([".gitignore": ignore])
        for i in 0 ..< 20_000 {
            let name = i % 1000 == 0 ? "f\(i)-ignored.py" : "f\(i).py"
            FileManager.default.createFile(atPath: project.url.appendingPathComponent(name).path, contents: Data("x = 1\n".utf8))
        }
        try project.tree.write("keep-ignored.py", "x = 1\n")
        let run = try HostileRun(["scan", "--verbose", "--select", "RND001", "--format", "json", "."], in: project.url, deadline: 240)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.seconds < 120, "\(run.seconds) s")
        let report = try Self.json(run.stdout)
        let summary = report["summary"] as? [String: Any]
        #expect(summary?["files"] as? Int == 19_981, "\(String(describing: summary))")
    }

    /// FIFOs where a scan reads its steering files: none may block.
    @Test func specialFilesAsGitAndIgnoreMetadataDoNotBlock() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n", "sub/x.py": "import numpy\n", "data.dvc": "outs:\n- path: data.bin\n  md5: 0123456789abcdef0123456789abcdef\n"])
        try FileManager.default.createDirectory(at: project.url.appendingPathComponent(".git/info"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: project.url.appendingPathComponent(".dvc"), withIntermediateDirectories: true)
        for name in [".gitignore", "sub/.gitignore", ".ignore", ".gitattributes", ".git/index", ".git/info/exclude", ".git/config", ".dvc/config"] {
            #expect(mkfifo(project.url.appendingPathComponent(name).path, 0o644) == 0, "\(name)")
        }
        for arguments in [["scan", "."], ["scan", "--tracked-only", "."], ["scan", "--verify-data", "."]] {
            let run = try HostileRun(arguments, in: project.url, deadline: 60)
            #expect([0, 1].contains(run.status), "\(arguments): \(run.output)")
        }
    }

    /// A .gitignore linked to a file outside the tree is not read: its patterns ignore nothing.
    @Test func ignoreFileLinkedOutOfTheTreeIsNotRead() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        try project.writeOutside("ignore", "requirements.txt\n")
        try project.link(".gitignore", to: project.outside.path + "/ignore")
        let run = try HostileRun(["scan", "--select", "PIN001", "."], in: project.url)
        #expect(run.status == 1, "\(run.output)")
    }

    /// A version 4 index whose path-compression varint runs past any length: malformed, not an overflow trap.
    @Test func overflowingVarintInAGitIndexIsMalformed() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        var index: [UInt8] = Array("DIRC".utf8) + [0, 0, 0, 4, 0, 0, 0, 1]
        index += [UInt8](repeating: 0, count: 24) + [0, 0, 0x81, 0xA4] + [UInt8](repeating: 0, count: 12 + 20) + [0, 8]
        // Nine bytes: 63 bits, which wrapped negative and made `removeLast` trap.
        index += [UInt8](repeating: 0xFF, count: 8) + [0x7F] + Array("requirements.txt".utf8) + [0]
        index += [UInt8](repeating: 0, count: 20)
        try project.tree.write(".git/index", Data(index))
        for arguments in [["scan", "."], ["scan", "--tracked-only", "."]] {
            let run = try HostileRun(arguments, in: project.url)
            #expect([0, 1].contains(run.status), "\(arguments): exit \(run.status) \(run.stderr)")
        }
    }

    @Test func oversizedGitIndexIsNotRead() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        try FileManager.default.createDirectory(at: project.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let path = project.url.appendingPathComponent(".git/index").path
        let fd = open(path, O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        _ = "DIRC".withCString { write(fd, $0, 4) }
        #expect(ftruncate(fd, 300_000_000) == 0)
        close(fd)
        // Not through HostileRun: fingerprinting the tree would read the 300 MB file.
        let run = try CommandRunner.mlaudit(["scan", "--tracked-only", "--verbose", "."], in: project.url, timeout: 60)
        #expect(!run.timedOut)
        #expect([0, 1].contains(run.result.status), "\(run.result.stderr)")
        #expect(run.result.stdout.contains("larger than 256000000 bytes"), "\(run.result.stdout)")
    }
}
