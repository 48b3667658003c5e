import Foundation
import MLAuditTestSupport
import Testing

/// `mlaudit snapshot` through the binary: the written file, determinism, the
/// schema, and secrets that must never reach the manifest.
@Suite struct SnapshotCLITests {
    static let trainDigest = "492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470"

    func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        return env
    }

    @Test func writesTheManifestAtomicallyAndDeterministically() throws {
        let tree = try TemporaryTree(files: ["requirements.txt": "numpy==1.26.4\n", "data/train.csv": "a,b\n1,2\n"])
        let env = environment(["XDG_CACHE_HOME": tree.url.appendingPathComponent(".cache-outside").path])
        let args = ["snapshot", "--no-timestamp", "--skip", "system_packages", "--data", "data"]
        let first = try CommandRunner.mlaudit(args + ["-o", "env.json"], in: tree.url, environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty)
        let written = try String(contentsOf: tree.url.appendingPathComponent("env.json"), encoding: .utf8)
        let again = try CommandRunner.mlaudit(args + ["-o", "env.json"], in: tree.url, environment: env)
        #expect(again.status == 0)
        let rewritten = try String(contentsOf: tree.url.appendingPathComponent("env.json"), encoding: .utf8)
        #expect(rewritten == written, "two snapshots of an unchanged environment are byte-identical")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: tree.path).filter { $0.hasPrefix(".env.json") || $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        let lockfiles = try #require(doc["lockfiles"] as? [String: Any])
        #expect("\(lockfiles)".contains("requirements.txt"))
        // sha256 of "a,b\n1,2\n", streamed from the --data directory
        #expect(written.contains("\"path\": \"train.csv\""))
        #expect(written.contains(Self.trainDigest))
    }

    @Test func plantedSecretNeverAppears() throws {
        let tree = try TemporaryTree(files: ["README.md": "x\n"])
        let env = environment([
            "MY_API_TOKEN": "hunter2-very-secret", "HF_TOKEN": "hf_abcdefsecret", "OMP_NUM_THREADS": "4",
            "PIP_INDEX_URL": "https://user:pa55word@pypi.example.org/simple",
        ])
        let result = try CommandRunner.mlaudit(
            ["snapshot", "--no-timestamp", "--skip", "system_packages", "--env", "MY_API_TOKEN", "--env", "HF_TOKEN", "--env", "PIP_INDEX_URL"],
            in: tree.url, environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        for secret in ["hunter2-very-secret", "hf_abcdefsecret", "pa55word"] {
            #expect(!result.stdout.contains(secret), "\(secret) leaked")
            #expect(!result.stderr.contains(secret), "\(secret) leaked")
        }
        #expect(result.stdout.contains("OMP_NUM_THREADS"))
    }

    @Test func usageErrorsExitTwo() throws {
        let result = try CommandRunner.mlaudit(["snapshot", "--skip", "bogus"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown section 'bogus'"))
    }
}
