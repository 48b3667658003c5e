import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

/// The binary scripts/build-dist.sh builds runs where Swift is absent: run with the
/// toolchain's directory hidden behind an empty tmpfs in a private mount namespace,
/// it gives the same scan, diff and badge output as the test build, and a snapshot.
/// Skipped (with the reason) where the binary or `unshare` is missing; on CI a missing
/// binary is a failure, as .ci/run builds it.
@Suite struct DistributionTests {
    static let binary: URL = {
        if let given = ProcessInfo.processInfo.environment["MLAUDIT_DIST_BINARY"] { return URL(fileURLWithPath: given) }
        return PackagePaths.root.appendingPathComponent(".build-dist/build/release/mlaudit")
    }()

    static var hasBinary: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }
    static let canHide = ToolchainHider.available
    static let skipReason: Comment = "skipped: needs the binary of scripts/build-dist.sh --binary-only and `unshare` with mount rights"

    @Test func theBinaryIsBuiltOnCI() {
        guard PackagePaths.isCI, ProcessInfo.processInfo.environment["MLAUDIT_CI_DIST"] != "0" else { return }
        #expect(Self.hasBinary, "\(Self.binary.path) missing on CI: .ci/run builds it with scripts/build-dist.sh")
        #expect(Self.canHide, "\(ToolchainHider.problem)")
    }

    @Test(.enabled(if: canHide, "skipped: \(ToolchainHider.problem)"))
    func theToolchainIsReallyHidden() throws {
        // The test build loads Swift's shared runtime from the toolchain, so it must fail once that is hidden.
        let dynamic = try ToolchainHider.run(PackagePaths.binary, ["--version"], in: PackagePaths.root)
        #expect(dynamic.status != 0, "the toolchain directory \(ToolchainHider.toolchain.path) is still visible: \(dynamic.stdout)")
    }

    @Test(.enabled(if: hasBinary && canHide, skipReason))
    func versionAndRulesRunWithoutSwift() throws {
        let version = try ToolchainHider.run(Self.binary, ["--version"], in: PackagePaths.root)
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == MLAuditVersion.current,
                "a stale binary: rebuild it with scripts/build-dist.sh --binary-only")
        let rules = try ToolchainHider.run(Self.binary, ["rules", "--format", "json"], in: PackagePaths.root)
        #expect(rules.status == 0)
        #expect(rules.stdout == (try CommandRunner.mlaudit(["rules", "--format", "json"])).stdout)
    }

    @Test(.enabled(if: hasBinary && canHide, skipReason), arguments: [
        ["scan", "research-repo", "--format", "json"],
        ["scan", "pinning-demo", "--format", "sarif"],
        ["scan", "pinning-demo", "--format", "gitlab"],
        ["scan", "research-repo", "--format", "markdown"],
        ["diff", "diff/manifest/old.json", "diff/manifest/new.json", "--format", "json"],
        ["badge", "research-repo"],
        ["badge", "research-repo", "--label", "rebuildable"],
    ])
    func sameResultsAsTheTestBuild(_ arguments: [String]) throws {
        let expected = try CommandRunner.mlaudit(arguments, in: PackagePaths.fixtures)
        let actual = try ToolchainHider.run(Self.binary, arguments, in: PackagePaths.fixtures)
        #expect(actual.stderr == expected.stderr)
        #expect(actual.status == expected.status)
        #expect(!actual.stdout.isEmpty)
        #expect(actual.stdout == expected.stdout, "\(arguments.joined(separator: " ")) differs (a stale binary? rebuild with scripts/build-dist.sh --binary-only)")
    }

    /// JUnit is the report libxml2 writes; its timestamps are the only part that may differ.
    @Test(.enabled(if: hasBinary && canHide, skipReason))
    func junitComesFromTheLinkedLibxml2() throws {
        let arguments = ["scan", "pinning-demo", "--format", "junit"]
        let withoutTime = { (xml: String) in xml.replacingOccurrences(of: #"timestamp="[^"]*""#, with: "", options: .regularExpression) }
        let expected = try CommandRunner.mlaudit(arguments, in: PackagePaths.fixtures)
        let actual = try ToolchainHider.run(Self.binary, arguments, in: PackagePaths.fixtures)
        #expect(actual.status == 1)
        #expect(actual.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(withoutTime(actual.stdout) == withoutTime(expected.stdout))
    }

    @Test(.enabled(if: hasBinary && canHide, skipReason))
    func snapshotRecordsTheEnvironment() throws {
        let project = PackagePaths.fixtures.appendingPathComponent("research-repo")
        let result = try ToolchainHider.run(Self.binary, ["snapshot"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let expected = try CommandRunner.mlaudit(["snapshot"], in: project)
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(expected.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == Set(reference.keys))
        #expect(!json.isEmpty)
    }
}

/// Runs a program in a private mount namespace where the Swift toolchain's directory
/// is an empty tmpfs (`unshare --mount`, as root, or with `--map-root-user` otherwise).
enum ToolchainHider {
    /// The toolchain's root: the directory above `usr/bin/swift` (e.g. /opt/swift).
    static let toolchain: URL = {
        let swift = CommandRunner.which("swift")?.resolvingSymlinksInPath() ?? URL(fileURLWithPath: "/opt/swift/usr/bin/swift")
        return swift.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    static let unshare = CommandRunner.which("unshare")

    static func run(_ program: URL, _ arguments: [String], in directory: URL,
                    environment extra: [String: String] = [:]) throws -> CommandResult {
        guard let unshare else { throw Failure("no unshare on PATH") }
        let mapUser = getuid() == 0 ? [] : ["--map-root-user"]
        // The script hides the toolchain, checks it is gone, then becomes the program.
        let script = "mount -t tmpfs tmpfs \"$0\" && test ! -e \"$0/usr/bin\" && exec \"$@\""
        return try CommandRunner.run(unshare, mapUser + ["--mount", "/bin/sh", "-c", script, toolchain.path, program.path] + arguments,
                                     in: directory, environment: environment().merging(extra) { $1 })
    }

    /// PATH without the toolchain, and no library path that could lead back to it.
    static func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .filter { !$0.hasPrefix(toolchain.path) }.joined(separator: ":")
        environment["LD_LIBRARY_PATH"] = nil
        return environment
    }

    static let problem: String = {
        guard unshare != nil else { return "no unshare on PATH" }
        guard FileManager.default.fileExists(atPath: toolchain.appendingPathComponent("usr/bin").path) else {
            return "no toolchain at \(toolchain.path) to hide"
        }
        guard let probe = try? run(URL(fileURLWithPath: "/bin/true"), [], in: URL(fileURLWithPath: "/")), probe.status == 0 else {
            return "unshare --mount is not permitted here (needs root or unprivileged user namespaces)"
        }
        return ""
    }()

    static var available: Bool { problem.isEmpty }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
