import Foundation
import MLAuditTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Outputs are written through temporary files no one can predict or redirect, and a
/// device or FIFO named as an output is written to, never replaced.
@Suite(.serialized) struct HostileOutputTests {
    static let writers: [[String]] = [
        ["scan", "--output", "json:OUT", "."],
        ["scan", "--write-baseline", "OUT", "."],
        ["badge", "--output", "OUT", "."],
        ["snapshot", "--no-timestamp", "--skip", "system-packages,accelerators", "--output", "OUT"],
    ]

    static func arguments(_ template: [String], _ target: String) -> [String] {
        template.map { $0.replacingOccurrences(of: "OUT", with: target) }
    }

    /// Links planted at every name the old `.<name>.<pid>.tmp` scheme could use for
    /// the next pids: none may be followed, the report must still land.
    @Test(arguments: writers)
    func plantedTemporaryLinksAreNotFollowed(_ template: [String]) throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        let out = try TemporaryTree()
        try project.writeOutside("victim.txt", "untouched\n")
        let victim = project.outside.url.appendingPathComponent("victim.txt").path
        let last = Int((try? String(contentsOfFile: "/proc/sys/kernel/ns_last_pid", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? Int(getpid())
        for pid in last ..< last + 400 {
            symlink(victim, out.url.appendingPathComponent(".report.\(pid).tmp").path)
        }
        let target = out.url.appendingPathComponent("report").path
        let run = try HostileRun(Self.arguments(template, target), in: project.url)
        #expect([0, 1].contains(run.status), "\(run.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "untouched\n", "a planted link was followed")
        let report = try String(contentsOfFile: target, encoding: .utf8)
        #expect(!report.isEmpty)
        var st = stat()
        #expect(lstat(target, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(names.count == 401, "a temporary file was left: \(names.filter { !$0.hasSuffix(".tmp") })")
    }

    /// A FIFO with a reader gets the report through the FIFO and stays a FIFO.
    @Test(arguments: writers)
    func fifoOutputIsWrittenNotReplaced(_ template: [String]) throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        let out = try TemporaryTree()
        let fifo = out.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { received = handle.readDataToEndOfFile() }
        }
        reader.start()
        let run = try HostileRun(Self.arguments(template, fifo), in: project.url)
        #expect([0, 1].contains(run.status), "\(run.stderr)")
        for _ in 0 ..< 100 where reader.isExecuting { usleep(50_000) }
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
        #expect(!received.isEmpty, "nothing arrived through the FIFO")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["pipe"])
    }

    /// No reader: refused at once (exit 2, a clear message), never a hang.
    @Test(arguments: writers)
    func fifoWithoutReaderIsRefused(_ template: [String]) throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        let out = try TemporaryTree()
        let fifo = out.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = try HostileRun(Self.arguments(template, fifo), in: project.url, deadline: 60)
        #expect(run.status == 2)
        #expect(run.stderr.contains("FIFO with no reader"), "\(run.stderr)")
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO)
    }

    /// A character device (a private copy of /dev/null where the system allows one) is written, not replaced.
    @Test func characterDeviceOutputIsNotReplaced() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        let out = try TemporaryTree()
        let device = out.url.appendingPathComponent("null").path
        let made = mknod(device, S_IFCHR | 0o666, dev_t(0x103)) == 0
        let target = made ? device : "/dev/null"
        for template in Self.writers {
            let run = try HostileRun(Self.arguments(template, target), in: project.url)
            #expect([0, 1].contains(run.status), "\(template): \(run.stderr)")
            var st = stat()
            #expect(lstat(target, &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR, "\(target) was replaced")
        }
    }

    @Test func directoryOutputIsRefused() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        let out = try TemporaryTree(files: ["report/keep": "x"])
        for template in Self.writers {
            let run = try HostileRun(Self.arguments(template, out.path + "/report"), in: project.url)
            #expect(run.status == 2, "\(template): \(run.output)")
            #expect(run.stderr.contains("is a directory"), "\(template): \(run.stderr)")
        }
    }
}

/// `mlaudit init` writes inside the tree by design, so it is checked apart: through
/// unpredictable temporary files, and never into a pyproject.toml linking out.
@Suite struct HostileInitTests {
    @Test func plantedTemporaryLinksAreNotFollowed() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        try project.writeOutside("victim.txt", "untouched\n")
        let victim = project.outside.url.appendingPathComponent("victim.txt").path
        let last = Int((try? String(contentsOfFile: "/proc/sys/kernel/ns_last_pid", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? Int(getpid())
        for pid in last ..< last + 400 {
            symlink(victim, project.url.appendingPathComponent(".mlaudit.yaml.\(pid).tmp").path)
        }
        let run = try CommandRunner.mlaudit(["init", "--format", "yaml"], in: project.url, timeout: 60)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "untouched\n")
        var st = stat()
        #expect(lstat(project.url.appendingPathComponent("mlaudit.yaml").path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG)
    }

    @Test func pyprojectLinkedOutOfTheTreeIsNeitherReadNorExtended() throws {
        let project = try HostileProject()
        let original = "[project]\nname = \"elsewhere\"\n"
        try project.writeOutside("pyproject.toml", original)
        try project.link("pyproject.toml", to: project.outside.path + "/pyproject.toml")
        let run = try CommandRunner.mlaudit(["init"], in: project.url, timeout: 60)
        #expect(run.result.status == 2, "\(run.result.stdout) \(run.result.stderr)")
        #expect(run.result.stderr.contains("link out of the project"), "\(run.result.stderr)")
        #expect(try String(contentsOfFile: project.outside.path + "/pyproject.toml", encoding: .utf8) == original)
    }
}
