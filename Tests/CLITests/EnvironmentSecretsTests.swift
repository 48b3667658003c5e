import Foundation
import MLAuditTestSupport
import Testing

/// Secrets planted everywhere `snapshot` and `diff` look (variables, `--env`, `--data`,
/// index URLs with query tokens, the git remote, conda channels, `.netrc`) never reach
/// any of their outputs: the manifest, any report format, standard error.
@Suite struct EnvironmentSecretsTests {
    /// Each secret is unique, so a leak names where it came from.
    static let secrets: [String: String] = [
        "variable": "SEKRIT-variable-0001", "env-flag": "SEKRIT-envflag-0002", "env-assign": "SEKRIT-assign-0003",
        "data-user": "SEKRIT-datauser-0004", "data-s3": "SEKRIT-datas3-0005", "index-password": "SEKRIT-index-0006",
        "index-query": "SEKRIT-query-0007", "amz": "SEKRIT-amzsig-0008", "private-token": "SEKRIT-gitlab-0009",
        "remote": "SEKRIT-remote-0010", "conda": "SEKRITcondatoken0011", "netrc": "SEKRIT-netrc-0012",
    ]

    static func plantedTree() throws -> (TemporaryTree, [String: String]) {
        let s = secrets
        let tree = try TemporaryTree(files: [
            "project/requirements.txt": "six==1.17.0\n",
            "project/data/train.csv": "a,b\n",
            "home/.netrc": "machine pypi.example.org login deploy password \(s["netrc"]!)\n",
            "conda/conda-meta/numpy-1.26.4-py311h0.json":
                #"{"name": "numpy", "version": "1.26.4", "build": "py311h0", "channel": "https://conda.anaconda.org/t/\#(s["conda"]!)/private", "subdir": "linux-64"}"#,
        ])
        let project = tree.url.appendingPathComponent("project")
        for arguments in [["init", "-q"], ["remote", "add", "origin", "https://bot:\(s["remote"]!)@git.example.com/org/repo.git"]] {
            let git = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, in: project)
            #expect(git.status == 0, "\(git.stderr)")
        }
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = tree.url.appendingPathComponent("home").path
        env["XDG_CACHE_HOME"] = tree.url.appendingPathComponent("cache").path
        env["CONDA_PREFIX"] = tree.url.appendingPathComponent("conda").path
        env["MY_SERVICE_TOKEN"] = s["variable"]!
        env["DEPLOY_API_KEY"] = s["env-flag"]!
        env["PIP_INDEX_URL"] = "https://deploy:\(s["index-password"]!)@pypi.example.org/simple?token=\(s["index-query"]!)"
        env["PIP_EXTRA_INDEX_URL"] = "https://bucket.s3.amazonaws.com/simple/?X-Amz-Credential=AK%2F1&X-Amz-Signature=\(s["amz"]!)"
        env["UV_INDEX_URL"] = "https://gitlab.example.com/api/v4/projects/1/packages/pypi/simple?private_token=\(s["private-token"]!)"
        return (tree, env)
    }

    static func snapshotArguments() -> [String] {
        let s = secrets
        return ["snapshot", "--no-timestamp", "--skip", "system_packages", "--project-root", ".",
                "--env", "MY_SERVICE_TOKEN", "--env", "DEPLOY_API_KEY", "--env", "OTHER_NAME=\(s["env-assign"]!)",
                "--env=LATE_NAME=\(s["env-assign"]!)",
                "--data", "data", "https://user:\(s["data-user"]!)@files.example.com/x.csv", "s3://AKIAKEY:\(s["data-s3"]!)@bucket/x"]
    }

    func expectNoSecret(_ text: String, _ what: String) {
        for (origin, secret) in Self.secrets {
            #expect(!text.contains(secret), "the \(origin) secret leaked into \(what)")
        }
    }

    @Test func snapshotAndDiffOutputsHoldNoPlantedSecret() throws {
        let (tree, env) = try Self.plantedTree()
        let project = tree.url.appendingPathComponent("project")
        let stdout = try CommandRunner.run(PackagePaths.binary, Self.snapshotArguments(), in: project, environment: env, timeout: 120)
        #expect(stdout.result.status == 0, "\(stdout.result.stderr)")
        expectNoSecret(stdout.result.stdout, "the manifest on stdout")
        expectNoSecret(stdout.result.stderr, "snapshot's standard error")
        let manifest = stdout.result.stdout
        #expect(manifest.contains("\"MY_SERVICE_TOKEN\""), "withheld by name, listed as redacted")
        #expect(manifest.contains("https://files.example.com/x.csv"), "a URL keeps its slashes, loses its credentials")
        #expect(manifest.contains("\"OTHER_NAME\""), "--env NAME=value names NAME")
        #expect(manifest.contains("https://pypi.example.org/simple?token=[redacted]"))
        #expect(manifest.contains("https://git.example.com/org/repo.git"))
        #expect(manifest.contains("/t/[redacted]/private"))

        let written = try CommandRunner.run(PackagePaths.binary, Self.snapshotArguments() + ["-o", "env.json"], in: project,
                                            environment: env, timeout: 120)
        #expect(written.result.status == 0)
        expectNoSecret(try String(contentsOf: project.appendingPathComponent("env.json"), encoding: .utf8), "the written manifest")

        // diff: against the live machine (which is captured again), and against a changed copy.
        var changed = env
        changed["PIP_INDEX_URL"] = "https://other:\(Self.secrets["index-password"]!)@mirror.example.org/simple?token=\(Self.secrets["index-query"]!)"
        for format in ["text"] + MalformedCorpusTests.formats {
            let live = try CommandRunner.run(PackagePaths.binary, ["diff", "env.json", "--format", format], in: project,
                                             environment: changed, timeout: 120)
            #expect([0, 1].contains(live.result.status), "\(format): \(live.result.stderr)")
            expectNoSecret(live.result.stdout, "the \(format) diff report")
            expectNoSecret(live.result.stderr, "diff's standard error")
        }
    }

    @Test func diffErrorsAndProblemsHoldNoCredential() throws {
        let s = Self.secrets
        let tree = try TemporaryTree(files: [
            "old.txt": "six==1.17.0\nhttps://files.example.com/x?token=\(s["index-query"]!)\n--index-url https://u:\(s["index-password"]!)@h/simple\n",
            "new.txt": "six==1.17.1\n",
            "bad.toml": "[[package]]\nname = \"x\"\nsource = { url = \"https://u:\(s["remote"]!)@h/x\" \n",
        ])
        for format in ["text", "json", "sarif", "github"] {
            let run = try CommandRunner.mlaudit(["diff", "old.txt", "new.txt", "--format", format], in: tree.url)
            #expect(run.status == 0, "\(format): a patch change and two problems: \(run.stderr)")
            expectNoSecret(run.stdout, "the \(format) report")
            expectNoSecret(run.stderr, "standard error")
        }
        let missing = try CommandRunner.mlaudit(["diff", "https://u:\(s["remote"]!)@h/x?token=\(s["index-query"]!)", "new.txt"], in: tree.url)
        #expect(missing.status == 2)
        expectNoSecret(missing.stderr, "the error for a missing input")
        let broken = try CommandRunner.mlaudit(["diff", "bad.toml", "new.txt", "--old-format", "uv-lock"], in: tree.url)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("bad.toml"))
        expectNoSecret(broken.stderr, "the TOML error")
    }
}
