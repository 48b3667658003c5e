import Foundation
import MLAuditTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What a command line or a tree can hand mlaudit that has no answer: each is exit 2
/// with a message saying why, never a crash, a hang or a silent scan.
@Suite struct HostileCommandLineTests {
    @Test func linkLoopOnTheCommandLineIsAClearError() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        try project.link("loop", to: "loop")
        try project.link("a", to: "b")
        try project.link("b", to: "a")
        for path in ["loop", "a"] {
            let run = try HostileRun(["scan", path], in: project.url)
            #expect(run.status == 2)
            #expect(run.stderr.contains(path) && run.stderr.contains("link loop"), "\(run.stderr)")
        }
    }

    @Test func longLinkChainIsAClearError() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        try project.link("l0", to: "requirements.txt")
        for i in 1 ... 60 { try project.link("l\(i)", to: "l\(i - 1)") }
        let run = try HostileRun(["scan", "l60"], in: project.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("l60") && run.stderr.contains("too many links"), "\(run.stderr)")
    }

    @Test func negativeJobsIsAUsageError() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        for value in ["-1", "0", "99999999999999999999"] {
            let run = try HostileRun(["scan", "--jobs=\(value)", "."], in: project.url)
            #expect(run.status == 2, "\(value): \(run.output)")
            #expect(run.stderr.contains("--jobs"), "\(value): \(run.stderr)")
        }
    }

    @Test func unreadableConfigurationSaysWhy() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n", "mlaudit.yaml/inside": "x"])
        let run = try HostileRun(["scan", "."], in: project.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("mlaudit.yaml: cannot read the configuration file: not a regular file"), "\(run.stderr)")

        let fifo = try HostileProject(["requirements.txt": "numpy\n"])
        #expect(mkfifo(fifo.url.appendingPathComponent("mlaudit.yaml").path, 0o644) == 0)
        let blocked = try HostileRun(["scan", "."], in: fifo.url, deadline: 60)
        #expect(blocked.status == 2)
        #expect(blocked.stderr.contains("not a regular file"), "\(blocked.stderr)")

        let named = try HostileRun(["scan", "--config", "missing.yaml", "."], in: fifo.url)
        #expect(named.status == 2)
        #expect(named.stderr.contains("missing.yaml: no such configuration file"), "\(named.stderr)")
    }

    /// A directory whose name is not UTF-8 cannot be checked; it is named, not dropped silently.
    @Test func directoryWithANonUTF8NameIsReported() throws {
        let project = try HostileProject(["requirements.txt": "numpy==1.26.4\n"])
        let name = project.url.path + "/bad\u{FF}"
        // Made with the raw byte 0xFF, not the UTF-8 encoding of U+00FF.
        var raw = Array(project.url.path.utf8) + Array("/bad".utf8) + [0xFF, 0]
        #expect(raw.withUnsafeMutableBufferPointer { mkdir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), 0o755) } == 0)
        raw.removeLast()
        let file = raw + Array("/train.py".utf8) + [0]
        let fd = file.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(fd >= 0)
        close(fd)
        _ = name
        let run = try HostileRun(["scan", "."], in: project.url)
        #expect([0, 1].contains(run.status), "\(run.stderr)")
        #expect(run.stdout.contains("bad\\xFF: unreadable") && run.stdout.contains("directory name is not valid UTF-8"), "\(run.stdout)")
    }
}
