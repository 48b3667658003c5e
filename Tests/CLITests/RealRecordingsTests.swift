import Foundation
import MLAuditTestSupport
import Testing

/// `mlaudit diff` on files written by the real tools (fixtures/diff/real, see its README):
/// pip 23 and 26, uv, pip lock, poetry, PDM, pipenv, pip-tools, cyclonedx-py, MLflow, W&B.
@Suite struct RealRecordingsTests {
    static let real = PackagePaths.fixtures.appendingPathComponent("diff/real")
    static let mlflowRun = "mlflow/mlruns/274916838828204028/b42320e0e9754248a853f545c1466939"
    static let mlflowModel = "mlflow/mlruns/274916838828204028/models/m-cbc7a253101b49099ce6b3fb75202d10/artifacts"
    static let wandbRun = "wandb/offline-run-20261203_074127-vgxxh5f9"

    func diff(_ arguments: [String], environment: [String: String]? = nil) throws -> CommandResult {
        try CommandRunner.mlaudit(["diff"] + arguments, in: Self.real, environment: environment)
    }

    struct Report {
        var status: Int32
        var findings: [[String: Any]]
        var diagnostics: [[String: Any]]
        var notCompared: [[String: Any]]

        var messages: [String] { findings.compactMap { $0["message"] as? String } }
        func mentions(_ name: String) -> Bool { messages.contains { $0.hasPrefix(name + " ") || $0.hasPrefix(name + ":") } }
        func finding(_ name: String) -> [String: Any]? {
            findings.first { ($0["message"] as? String).map { $0.hasPrefix(name + " ") || $0.hasPrefix(name + ":") } == true }
        }
        func notCompared(_ section: String) -> String? {
            notCompared.first { $0["section"] as? String == section }?["reason"] as? String
        }
    }

    func report(_ arguments: [String]) throws -> Report {
        let result = try diff(arguments + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return Report(status: result.status, findings: object?["findings"] as? [[String: Any]] ?? [],
                      diagnostics: object?["diagnostics"] as? [[String: Any]] ?? [],
                      notCompared: object?["notCompared"] as? [[String: Any]] ?? [])
    }

    @Test func editableFreezeLinesOfPipAndUVAreRead() throws {
        // pip: `-e /path` under `# Editable install … (demo==0.1.0)`; uv: `-e file:///path`, no name.
        let pip = try report(["pip23/freeze.txt", "pip26/freeze.txt"])
        #expect(pip.diagnostics.isEmpty, "\(pip.diagnostics)")
        #expect(!pip.mentions("demo"))
        let uv = try report(["uv/pip-freeze.txt", "pip23/freeze.txt"])
        #expect(uv.status == 0)
        #expect(uv.diagnostics.isEmpty, "\(uv.diagnostics)")
        #expect(uv.findings.isEmpty, "\(uv.messages)")
        let text = try diff(["uv/pip-freeze.txt", "pip23/freeze.txt", "--quiet"])
        #expect(text.stdout == "environment matches\n")
    }

    @Test func changedVCSCommitIsAnError() throws {
        let result = try report(["pip23/freeze.txt", "pip26/freeze.txt"])
        #expect(result.status == 1)
        let vcspkg = try #require(result.finding("vcspkg"))
        #expect(vcspkg["rule"] as? String == "ENV001")
        #expect(vcspkg["severity"] as? String == "error")
        #expect((vcspkg["message"] as? String)?.contains("24954ce6aa0b → 5ffe8aad0685") == true)
        #expect(vcspkg["line"] as? Int == 5)
        #expect(result.findings.count == 1, "\(result.messages)")
    }

    @Test func markersAndExtrasAreEvaluatedForTheOtherSide() throws {
        // colorama is for Windows only and attrs for the unrequested extra `fast`: neither is installed on Linux.
        for lock in ["uv/requirements-universal.txt", "uv/uv.lock", "poetry/poetry.lock", "pdm/pdm.lock", "pipenv/Pipfile.lock"] {
            let result = try report([lock, "pip23/freeze.txt"])
            #expect(!result.mentions("colorama"), "\(lock): \(result.messages)")
            #expect(!result.mentions("attrs"), "\(lock): \(result.messages)")
            #expect(result.status == 0, "\(lock): \(result.messages)")
        }
        // Against a Windows machine's record, colorama belongs to the environment and is missing from it.
        let tree = try TemporaryTree(files: [
            "run/files/wandb-metadata.json": #"{"os": "Windows-10-10.0.19045-SP0", "python": "3.11.7", "startedAt": "2026-12-03T07:41:27"}"#,
            "run/files/requirements.txt": "six==1.17.0\nidna==3.10\n",
        ])
        for lock in ["uv/requirements-universal.txt", "uv/uv.lock", "poetry/poetry.lock", "pdm/pdm.lock"] {
            let windows = try report([lock, tree.url.appendingPathComponent("run").path, "--only", "packages"])
            #expect(windows.finding("colorama")?["rule"] as? String == "ENV002", "\(lock): \(windows.messages)")
            #expect(!windows.mentions("attrs"), "\(lock): \(windows.messages)")
        }
    }

    @Test func pdmLockHasItsOwnReader() throws {
        let result = try report(["pdm/pdm.lock", "uv/uv.lock"])
        #expect(result.status == 0)
        #expect(result.findings.isEmpty, "\(result.messages)")
        #expect(result.diagnostics.isEmpty)
        // Detected by content too, not taken for a poetry lock.
        let tree = try TemporaryTree(files: ["lockfile": try String(contentsOf: Self.real.appendingPathComponent("pdm/pdm.lock"), encoding: .utf8)])
        let byContent = try report([tree.url.appendingPathComponent("lockfile").path, "pip23/freeze.txt"])
        #expect(!byContent.mentions("colorama") && !byContent.mentions("attrs"), "\(byContent.messages)")
        let forced = try diff(["pdm/pdm.lock", "uv/uv.lock", "--old-format", "pdm-lock", "--quiet"])
        #expect(forced.stdout == "environment matches\n")
    }

    @Test func cycloneDXComponentsWithoutPurlAreCompared() throws {
        // cyclonedx-py gives the editable demo and the VCS-installed vcspkg no purl.
        let result = try report(["cyclonedx/envA.cdx.json", "pip26/freeze-empty.txt"])
        #expect(result.finding("demo")?["rule"] as? String == "ENV002")
        #expect(result.finding("vcspkg")?["rule"] as? String == "ENV002")
        #expect(result.finding("six") != nil)
        let same = try report(["cyclonedx/envA.cdx.json", "pip23/freeze.txt"])
        #expect(same.findings.isEmpty, "\(same.messages)")
    }

    @Test func sourceChangeAtTheSameVersionIsReported() throws {
        // demo 0.1.0 from a hashed wheel, then from an editable checkout.
        let result = try report(["pip26/freeze-wheel.txt", "pip23/freeze.txt"])
        #expect(result.status == 1)
        let demo = try #require(result.finding("demo"))
        #expect(demo["rule"] as? String == "ENV001")
        #expect(demo["severity"] as? String == "error")
        #expect((demo["message"] as? String)?.contains("from a wheel or archive file before, from an editable checkout now") == true)
    }

    @Test func mlflowPythonEnvAloneAndRunFoldersAreRead() throws {
        let alone = try report(["\(Self.mlflowModel)/python_env.yaml", "\(Self.wandbRun)", "--only", "python"])
        #expect(alone.status == 0)
        #expect(alone.notCompared("python") == nil, "python 3.11.7 on both sides: \(alone.notCompared)")
        let run = try report([Self.mlflowRun, Self.wandbRun, "--only", "git"])
        let commit = try #require(run.findings.first)
        #expect(commit["rule"] as? String == "ENV008")
        #expect((commit["message"] as? String)?.contains("0f1bee81a2fe") == true, "\(run.messages)")
        #expect((commit["message"] as? String)?.contains("ef973d8bad17") == true, "\(run.messages)")
        // The logged model (MLflow 3 keeps it under the experiment's models/) gives the packages.
        let packages = try report([Self.mlflowRun, "pip23/freeze.txt", "--only", "packages"])
        #expect(packages.messages == ["mlflow 3.18.0 is in \(Self.mlflowRun) but not in pip23/freeze.txt"])
    }

    @Test func wandbOfflineRunsAreReadFromTheirBinaryLog() throws {
        let result = try report([Self.wandbRun, Self.mlflowRun, "--only", "python,platform,git"])
        #expect(result.status == 0, "\(result.messages)")
        #expect(result.notCompared("python") == nil)
        #expect(result.notCompared("platform")?.contains("not recorded in \(Self.mlflowRun)") == true)
        #expect(result.findings.count == 1, "git commits differ: \(result.messages)")
        // A log that cannot be decoded: the requirements are still compared, and the report says what was not available.
        let tree = try TemporaryTree()
        let copy = tree.url.appendingPathComponent("offline-run-x")
        try FileManager.default.copyItem(at: Self.real.appendingPathComponent(Self.wandbRun), to: copy)
        try Data("not a log".utf8).write(to: copy.appendingPathComponent("run-vgxxh5f9.wandb"))
        let broken = try report([copy.path, Self.wandbRun])
        #expect(broken.status == 0)
        #expect(broken.notCompared("python")?.contains("could not be decoded") == true, "\(broken.notCompared)")
    }

    @Test func emptyPipFreezeIsAnEmptyEnvironment() throws {
        let same = try diff(["pip26/freeze-empty.txt", "pip26/freeze-empty.txt"])
        #expect(same.status == 0)
        #expect(same.stdout.hasSuffix("environment matches\n"))
        let added = try report(["pip26/freeze-empty.txt", "pip23/freeze.txt"])
        #expect(added.status == 0)
        #expect(added.findings.count == 4)
    }

    @Test func pipLockDoesNotListTheProjectAsAPackage() throws {
        let result = try report(["pip23/freeze.txt", "pip-lock/pylock.toml"])
        #expect(!result.mentions("demo"), "\(result.messages)")
        #expect(result.messages == ["vcspkg is in pip23/freeze.txt but not in pip-lock/pylock.toml"])
    }

    @Test func aModelsDirectRequirementsAreNotAWholeEnvironment() throws {
        let result = try report([Self.mlflowModel, "pip23/freeze.txt", "--only", "packages"])
        #expect(!result.mentions("demo") && !result.mentions("vcspkg"), "\(result.messages)")
        let said = result.notCompared.compactMap { $0["item"] as? String }
        #expect(said.contains("2 packages only in pip23/freeze.txt"), "\(result.notCompared)")
        #expect(result.notCompared.contains { ($0["reason"] as? String)?.hasSuffix("lists only its direct requirements") == true })
    }

    @Test func wandbRunWithoutGPUsRanWithoutThem() throws {
        let result = try report([Self.wandbRun, "../wandb/run-20240312_101500-3kx9f2ab", "--only", "gpu"])
        let gpu = try #require(result.finding("a GPU") ?? result.findings.first)
        #expect(gpu["rule"] as? String == "ENV005")
        #expect(gpu["severity"] as? String == "error")
        #expect((gpu["message"] as? String)?.contains("W&B records GPUs whenever present") == true)
        #expect(result.notCompared("gpu") == nil)
    }

    static func manifest(variables: [String: String], unset: [String] = []) throws -> String {
        let url = PackagePaths.fixtures.appendingPathComponent("diff/manifest/old.json")
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var env = root["env"] as? [String: Any] ?? [:]
        env["variables"] = variables
        env["unset"] = unset
        env["redacted"] = [String]()
        env["status"] = "ok"
        root["env"] = env
        return String(decoding: try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func baselineAcceptsOneChangeOfAVariableOnly() throws {
        let tree = try TemporaryTree(files: [
            "four.json": try Self.manifest(variables: ["OMP_NUM_THREADS": "4"]),
            "eight.json": try Self.manifest(variables: ["OMP_NUM_THREADS": "8"]),
            "unset.json": try Self.manifest(variables: [:], unset: ["OMP_NUM_THREADS"]),
        ])
        let path = { (name: String) in tree.url.appendingPathComponent(name).path }
        let baseline = path("baseline.json")
        let written = try diff([path("four.json"), path("eight.json"), "--only", "env", "--write-baseline", baseline])
        #expect(written.status == 0 || written.status == 1)
        let accepted = try diff([path("four.json"), path("eight.json"), "--only", "env", "--baseline", baseline, "--fail-on", "note"])
        #expect(accepted.status == 0, "\(accepted.stdout)")
        let unset = try diff([path("four.json"), path("unset.json"), "--only", "env", "--baseline", baseline, "--fail-on", "note"])
        #expect(unset.status == 1)
        #expect(unset.stdout.contains("OMP_NUM_THREADS"))
    }

    @Test func localeTimeZoneIndexAndVirtualEnvironmentAreCompared() throws {
        let tree = try TemporaryTree(files: [
            "old.json": try Self.manifest(variables: ["TZ": "UTC", "LANG": "C.UTF-8", "PIP_INDEX_URL": "https://pypi.org/simple",
                                                      "VIRTUAL_ENV": "/srv/a/.venv", "LC_ALL": "C"]),
            "new.json": try Self.manifest(variables: ["TZ": "Europe/Paris", "LANG": "de_DE.UTF-8", "PIP_INDEX_URL": "https://mirror.example/simple",
                                                      "VIRTUAL_ENV": "/srv/b/.venv"], unset: ["LC_ALL"]),
        ])
        let result = try report([tree.url.appendingPathComponent("old.json").path, tree.url.appendingPathComponent("new.json").path, "--only", "env"])
        for name in ["TZ", "LANG", "LC_ALL", "PIP_INDEX_URL", "VIRTUAL_ENV"] {
            #expect(result.findings.contains { ($0["message"] as? String)?.hasPrefix(name + " ") == true && $0["rule"] as? String == "ENV006" },
                    "\(name): \(result.messages)")
        }
        #expect(result.finding("TZ")?["severity"] as? String == "warning")
        #expect(result.finding("VIRTUAL_ENV")?["severity"] as? String == "note")
        // The JSON report lists what was not compared, as the text report does.
        let other = try report(["pip23/freeze.txt", "pip26/freeze.txt"])
        #expect(other.notCompared("python") == "recorded on neither side")
        #expect(other.notCompared.count == 8)
    }
}
