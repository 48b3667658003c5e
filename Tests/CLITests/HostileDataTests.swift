import Foundation
import MLAuditTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Declared data (the data manifest of mlaudit.yaml, DVC files, `snapshot --data`) is
/// hashed only inside the tree once links are resolved, and a FIFO or device named as
/// data never stalls the run.
@Suite struct HostileDataTests {
    static let zeros = String(repeating: "0", count: 64)

    static func project() throws -> HostileProject {
        let manifest = """
        data:
          - path: fifo.bin
            sha256: \(zeros)
          - path: /etc/shadow
            sha256: \(zeros)
          - path: ../../../../../../etc/passwd
            sha256: \(zeros)
          - path: to-root/etc/passwd
            sha256: \(zeros)
          - path: to-root/etc/pass*
            sha256: \(zeros)
          - path: kmsg
            sha256: \(zeros)
          - path: data/real.bin
            sha256: \(zeros)

        """
        let project = try HostileProject([
            "mlaudit.yaml": manifest, "data/real.bin": "real\n",
            "fifo.dvc": "outs:\n- path: fifo.bin\n  md5: 0123456789abcdef0123456789abcdef\n",
            "shadow.dvc": "outs:\n- path: to-root/etc/passwd\n  md5: 0123456789abcdef0123456789abcdef\n",
        ])
        #expect(mkfifo(project.url.appendingPathComponent("fifo.bin").path, 0o644) == 0)
        try project.link("to-root", to: "/")
        try project.link("kmsg", to: "/proc/kmsg")
        return project
    }

    @Test func verifyDataHashesOnlyRegularFilesInsideTheTree() throws {
        let project = try Self.project()
        let run = try HostileRun(["scan", "--verify-data", "--verbose", "--format", "json", "."], in: project.url, deadline: 60)
        #expect([0, 1].contains(run.status), "\(run.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let messages = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        let hashed = messages.filter { $0.contains("has SHA-256") || $0.contains("has MD5") }
        // Only the file inside the tree is hashed (and differs from the declared zeros).
        #expect(hashed.count == 1 && hashed[0].contains("data/real.bin"), "\(hashed)")
        let diagnostics = (report["diagnostics"] as? [[String: Any]] ?? []).map { "\($0["path"] ?? ""): \($0["message"] ?? "")" }
        for name in ["/etc/shadow", "etc/passwd", "to-root/etc/passwd", "kmsg"] {
            #expect(diagnostics.contains { $0.contains(name) && $0.contains("outside the project root") }, "\(name): \(diagnostics)")
        }
        #expect(diagnostics.contains { $0.hasPrefix("fifo.bin") && $0.contains("not a regular file") }, "\(diagnostics)")
    }

    @Test func snapshotDataNeverHashesOutsideTheTreeOrBlocks() throws {
        let project = try Self.project()
        let out = try TemporaryTree()
        let run = try HostileRun(["snapshot", "--no-timestamp", "--skip", "system-packages,accelerators", "--data", "fifo.bin",
                                  "kmsg", "to-root/etc/passwd", "data", "--output", out.path + "/manifest.json"], in: project.url, deadline: 60)
        #expect([0, 1].contains(run.status), "\(run.output)")
        let manifest = try String(contentsOfFile: out.path + "/manifest.json", encoding: .utf8)
        let passwd = try #require(FileManager.default.contents(atPath: "/etc/passwd"))
        #expect(!manifest.contains(String(decoding: passwd.prefix(20), as: UTF8.self)))
        #expect(manifest.contains("\"real.bin\""), "the directory inside the tree is hashed")
        #expect(manifest.components(separatedBy: "outside the project root: not hashed").count == 3, "kmsg and to-root/etc/passwd")
        #expect(manifest.contains("not a regular file or directory"), "the FIFO")
    }
}
