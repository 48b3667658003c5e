import Foundation
import MLAuditTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What a scan must never do to the tree it reads: change it, write beside its
/// reports, follow a link out of it, or run anything.
@Suite struct SafetyTests {
    static let deadline = 120.0

    /// The tree with its research project and hostile corpus, and a directory outside it for outputs.
    static func project() throws -> (HostileTree, TemporaryTree) {
        let hostile = try HostileTree()
        let research = PackagePaths.fixtures.appendingPathComponent("research-repo")
        try FileManager.default.copyItem(at: research, to: hostile.url.appendingPathComponent("research-repo"))
        return (hostile, try TemporaryTree())
    }

    @Test func scanBadgeAndSnapshotLeaveTheTreeByteIdentical() throws {
        let (hostile, out) = try Self.project()
        let before = try TreeFingerprint.of(hostile.url)
        var scan = ["scan", "--verbose", "--write-baseline", "\(out.path)/baseline.json", "."]
        for format in MalformedCorpusTests.formats { scan += ["--output", "\(format):\(out.path)/report.\(format)"] }
        let environment = ["PATH": "/usr/bin:/bin", "HOME": out.path, "XDG_CACHE_HOME": out.path + "/cache"]
        let runs = [
            scan,
            ["scan", "--baseline", "\(out.path)/baseline.json", "--format", "sarif", "--output", "\(out.path)/new.sarif", "research-repo"],
            ["scan", "--per-file", "research-repo/train.py", "research-repo/requirements.txt"],
            ["badge", "--output", "\(out.path)/badge.svg", "--endpoint", "\(out.path)/badge.json", "research-repo"],
            ["snapshot", "--no-timestamp", "--data", "research-repo", "--output", "\(out.path)/manifest.json"],
        ]
        for arguments in runs {
            let run = try CommandRunner.mlaudit(arguments, in: hostile.url, environment: environment, timeout: Self.deadline)
            #expect(!run.timedOut, "\(arguments) did not finish")
            #expect([0, 1].contains(run.result.status), "\(arguments): \(run.result.stderr)")
        }
        let after = try TreeFingerprint.of(hostile.url)
        #expect(after == before, "changed: \(TreeFingerprint.difference(before, after))")
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(!written.contains { $0.hasPrefix(".") }, "a temporary file was left beside the outputs: \(written)")
    }

    /// A report replaces its file by renaming a complete temporary file over it: a
    /// second link to the old file keeps the old bytes, and the name gets a new inode.
    @Test(arguments: [
        ["scan", "--output", "json:OUT", "."],
        ["scan", "--format", "sarif", "--output", "OUT", "."],
        ["scan", "--write-baseline", "OUT", "."],
        ["badge", "--output", "OUT", "."],
        ["snapshot", "--no-timestamp", "--skip", "system-packages,accelerators", "--output", "OUT"],
    ])
    func outputsAreReplacedAtomically(_ template: [String]) throws {
        let tree = try TemporaryTree(files: ["requirements.txt": "numpy\n"])
        let out = try TemporaryTree(files: ["report": "old report\n"])
        let target = out.url.appendingPathComponent("report").path
        #expect(link(target, out.url.appendingPathComponent("old-link").path) == 0)
        let inodeBefore = try Self.inode(target)
        let arguments = template.map { $0.replacingOccurrences(of: "OUT", with: target) }
        let run = try CommandRunner.mlaudit(arguments, in: tree.url, environment: ["PATH": "/usr/bin:/bin", "HOME": out.path],
                                            timeout: Self.deadline)
        #expect([0, 1].contains(run.result.status), "\(run.result.stderr)")
        #expect(try Self.inode(target) != inodeBefore, "the report was written in place")
        #expect(try String(contentsOfFile: out.url.appendingPathComponent("old-link").path, encoding: .utf8) == "old report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["old-link", "report"])
    }

    static func inode(_ path: String) throws -> UInt64 {
        var st = stat()
        guard stat(path, &st) == 0 else { throw POSIXError(.ENOENT) }
        return UInt64(st.st_ino)
    }

    /// Programs a scan might be tempted to run, placed first on PATH; each records that it ran.
    static func decoys(marker: String) throws -> TemporaryTree {
        let bin = try TemporaryTree()
        for name in ["git", "python", "python3", "pip", "pip3", "sh", "bash", "conda", "mamba", "uv", "poetry", "pipenv",
                     "docker", "make", "nvidia-smi", "nvcc", "dpkg", "dpkg-query", "rpm", "apk", "ldconfig", "uname", "which", "env"] {
            let path = bin.url.appendingPathComponent(name).path
            try bin.write(name, "#!/bin/sh\necho \"\(name) $*\" >> '\(marker)'\n")
            chmod(path, 0o755)
        }
        return bin
    }

    @Test func scanRunsNoProgram() throws {
        let (hostile, out) = try Self.project()
        let marker = out.url.appendingPathComponent("ran").path
        let bin = try Self.decoys(marker: marker)
        let environment = ["PATH": "\(bin.path):/usr/bin:/bin", "HOME": out.path]
        let scan = try CommandRunner.mlaudit(["scan", "--format", "json", "."], in: hostile.url, environment: environment, timeout: Self.deadline)
        #expect([0, 1].contains(scan.result.status))
        #expect(!FileManager.default.fileExists(atPath: marker), "scan ran: \((try? String(contentsOfFile: marker, encoding: .utf8)) ?? "")")

        // The decoys work: snapshot's probes (the only programs mlaudit runs) find them.
        _ = try CommandRunner.mlaudit(["snapshot", "--no-timestamp", "--output", out.path + "/m.json"], in: hostile.url,
                                      environment: environment, timeout: Self.deadline)
        #expect(FileManager.default.fileExists(atPath: marker), "the decoys were never run, so the check above proves nothing")
    }

    @Test(.enabled(if: SafetyTests.straceWorks, "strace is missing or cannot trace here"))
    func scanExecutesNothingUnderStrace() throws {
        let (hostile, out) = try Self.project()
        let log = out.url.appendingPathComponent("execve.log").path
        let strace = try #require(CommandRunner.which("strace"))
        let arguments = ["-f", "-qq", "-e", "trace=execve", "-o", log, PackagePaths.binary.path, "scan", "--format", "json", "."]
        let result = try CommandRunner.run(strace, arguments, in: hostile.url)
        #expect([0, 1].contains(result.status), "\(result.stderr)")
        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains("execve(") }
        #expect(calls.count == 1, "only mlaudit itself is executed: \(calls)")
        #expect(calls.first?.contains(PackagePaths.binary.path) == true)
    }

    static let straceWorks: Bool = {
        guard let strace = CommandRunner.which("strace"), let truePath = CommandRunner.which("true") else { return false }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("mlaudit-strace-\(getpid()).log").path
        defer { unlink(log) }
        guard let result = try? CommandRunner.run(strace, ["-f", "-qq", "-e", "trace=execve", "-o", log, truePath.path], in: nil),
              result.status == 0, let text = try? String(contentsOfFile: log, encoding: .utf8) else { return false }
        return text.contains("execve(")
    }()
}

/// Everything about a tree a scan could change: each entry's type, mode, size,
/// modification time and content (link targets for links; FIFOs and sockets are never opened).
enum TreeFingerprint {
    static func of(_ root: URL) throws -> [String: String] {
        var entries: [String: String] = [:]
        try walk(root.path, relative: "", into: &entries)
        return entries
    }

    static func difference(_ a: [String: String], _ b: [String: String]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    private static func walk(_ path: String, relative: String, into entries: inout [String: String]) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            // A name that is not UTF-8 comes back repaired from Foundation and names no file.
            entries[relative] = "unnamable"
            return
        }
        let type = st.st_mode & S_IFMT
        var description = "mode=\(st.st_mode) size=\(st.st_size) mtime=\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        if type == S_IFLNK {
            description += " -> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")
        } else if type == S_IFREG, let data = FileManager.default.contents(atPath: path) {
            description += " fnv=\(fnv1a(data))"
        }
        entries[relative.isEmpty ? "." : relative] = description
        guard type == S_IFDIR else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            try walk(path + "/" + name, relative: relative.isEmpty ? name : relative + "/" + name, into: &entries)
        }
    }

    private static func fnv1a(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
