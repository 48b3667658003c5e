import Foundation
import MLAuditTestSupport
import Testing

/// One run of mlaudit over a hostile tree, with the checks every such run must pass:
/// it ends in time with exit 0, 1 or 2, leaves the tree as it was, and prints no secret.
struct HostileRun {
    static let deadline = 120.0
    /// A value that must never appear in any output: put in the environment (so
    /// `/proc/self/environ` holds it) and in files outside the tree. Not token-shaped,
    /// so redaction would not hide it: only not reading it does.
    static let canary = "zebra-canary-5d81e0c2"

    let result: CommandResult
    let seconds: Double

    var status: Int32 { result.status }
    var stdout: String { result.stdout }
    var stderr: String { result.stderr }
    var output: String { result.stdout + result.stderr }

    @discardableResult
    init(_ arguments: [String], in tree: URL, environment extra: [String: String] = [:], deadline: Double = HostileRun.deadline,
         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try TreeFingerprint.of(tree)
        var environment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "MLAUDIT_CANARY": Self.canary]
        environment.merge(extra) { _, new in new }
        let run = try CommandRunner.mlaudit(arguments, in: tree, environment: environment, timeout: deadline)
        result = run.result
        seconds = run.seconds
        #expect(!run.timedOut, "\(arguments) still running after \(deadline) s", sourceLocation: sourceLocation)
        #expect([0, 1, 2].contains(run.result.status), "\(arguments) exit \(run.result.status): \(run.result.stderr)",
                sourceLocation: sourceLocation)
        let after = try TreeFingerprint.of(tree)
        #expect(after == before, "\(arguments) changed \(TreeFingerprint.difference(before, after))", sourceLocation: sourceLocation)
        #expect(!(run.result.stdout + run.result.stderr).contains(Self.canary), "\(arguments) printed a secret",
                sourceLocation: sourceLocation)
    }
}

/// A project tree and, beside it, a directory outside it holding the canary.
struct HostileProject {
    let tree: TemporaryTree
    let outside: TemporaryTree

    init(_ files: [String: String] = [:]) throws {
        tree = try TemporaryTree(files: files)
        outside = try TemporaryTree(files: ["secret.txt": "password = \(HostileRun.canary)\n"])
    }

    var url: URL { tree.url }

    func link(_ name: String, to target: String) throws {
        let url = tree.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func writeOutside(_ name: String, _ content: String) throws {
        try outside.write(name, content)
    }
}
