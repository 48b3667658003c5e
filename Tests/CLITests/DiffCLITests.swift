import Foundation
import MLAuditTestSupport
import Testing

/// `mlaudit diff` end to end: every input format, every report format, exit codes, the live machine.
@Suite struct DiffCLITests {
    static let fixtures = PackagePaths.fixtures.appendingPathComponent("diff")

    /// One recording of the same environment per supported format.
    static let formats = [
        "manifest/old.json", "pip-freeze/requirements-old.txt", "pip-list/pip-list.json", "pip-inspect/pip-inspect.json",
        "conda-env/environment-old.yml", "conda-explicit/explicit.txt", "conda-list/conda-list-export.txt",
        "conda-lock/conda-lock.yml", "poetry/poetry.lock", "uv/uv.lock", "pipfile/Pipfile.lock", "pylock/pylock.toml",
        "wandb/run-20240312_101500-3kx9f2ab", "sacred/1/run.json", "mlflow/model", "cyclonedx/sbom.cdx.json",
    ]

    struct Pair: Sendable, CustomTestStringConvertible {
        var old: String
        var new: String
        var testDescription: String { "\(old) → \(new)" }
    }

    static var pairs: [Pair] { formats.flatMap { old in formats.map { Pair(old: old, new: $0) } } }

    func diff(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.mlaudit(["diff"] + arguments, in: Self.fixtures)
    }

    func findings(_ json: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return object?["findings"] as? [[String: Any]] ?? []
    }

    /// Any two recordings of one environment agree; only the tracker's own package
    /// (sacred, mlflow) is extra, which is an error when it is "removed".
    @Test(arguments: pairs)
    func everyPairOfFormats(_ pair: Pair) throws {
        let result = try diff([pair.old, pair.new, "--format", "json"])
        let found = try findings(result.stdout)
        let extras: Set<String> = ["sacred", "mlflow"]
        let messages = found.compactMap { $0["message"] as? String }
        #expect(messages.allSatisfy { message in extras.contains { message.hasPrefix($0 + " ") } }, "\(messages)")
        // An MLflow model lists only its direct requirements: the tracker's own package is not missing from it.
        let oldHasExtra = (pair.old.hasPrefix("sacred") || pair.old.hasPrefix("mlflow")) && !pair.new.hasPrefix("mlflow")
        let comparesPython = !pair.new.hasPrefix("conda-explicit")
        #expect(result.status == (oldHasExtra && pair.old != pair.new && comparesPython ? 1 : 0), "\(result.stderr)")
    }

    @Test func textTableAndExitCodes() throws {
        let result = try diff(["manifest/old.json", "manifest/new.json"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("SECTION "))
        #expect(result.stdout.contains("\npackages         accelerate  "))
        #expect(result.stdout.hasSuffix("23 differences, 5 would break reproducibility\n"))
        #expect(try diff(["manifest/old.json", "manifest/new.json", "--fail-on", "never"]).status == 0)
        #expect(try diff(["manifest/old.json", "manifest/new.json", "--exit-zero"]).status == 0)
        let quiet = try diff(["manifest/old.json", "manifest/new.json", "--quiet"])
        #expect(quiet.stdout == "23 differences, 5 would break reproducibility\n")
        let same = try diff(["manifest/old.json", "manifest/old.json"])
        #expect(same.status == 0)
        #expect(same.stdout == "environment matches\n")
        let notes = try diff(["pip-freeze/requirements-old.txt", "pip-freeze/requirements-new.txt", "--only", "packages",
                              "--ignore-package", "accelerate", "--ignore-package", "torch", "--fail-on", "warning"])
        #expect(notes.status == 1)
        let onlyNotes = try diff(["pip-freeze/requirements-old.txt", "pip-freeze/requirements-new.txt", "--select", "ENV002",
                                  "--ignore-package", "accelerate"])
        #expect(onlyNotes.status == 0, "wandb added is a note")
        #expect(onlyNotes.stdout.contains("wandb"))
        #expect(!onlyNotes.stdout.contains("torch"))
    }

    @Test func everyReportFormat() throws {
        let pair = ["pip-freeze/requirements-old.txt", "pip-freeze/requirements-new.txt"]
        let json = try diff(pair + ["--format", "json"])
        let found = try findings(json.stdout)
        #expect(found.count == 9)
        let torch = found.first { ($0["message"] as? String)?.hasPrefix("torch ") == true }
        #expect(torch?["line"] as? Int == 28)
        #expect(torch?["rule"] as? String == "ENV001")
        let sarif = try diff(pair + ["--format", "sarif"])
        #expect(sarif.stdout.contains("\"ruleId\" : \"ENV001\""))
        #expect(sarif.stdout.contains("\"id\" : \"ENV002\""), "rule metadata for diff rules")
        #expect(sarif.stdout.contains("\"startLine\" : 28"))
        try SARIFValidationTests().check(sarif.stdout)
        let junit = try diff(pair + ["--format", "junit"])
        #expect(junit.stdout.contains("<testsuites"))
        #expect(junit.stdout.contains("ENV001"))
        let gitlab = try diff(pair + ["--format", "gitlab"])
        #expect(gitlab.stdout.contains("ENV001"))
        let github = try diff(pair + ["--format", "github"])
        #expect(github.stdout.contains("::error file=pip-freeze/requirements-old.txt,line=28"))
        let markdown = try diff(pair + ["--format", "markdown"])
        #expect(markdown.stdout.contains("ENV001"))
        let tree = try TemporaryTree()
        let sarifFile = tree.url.appendingPathComponent("diff.sarif").path
        let textFile = tree.url.appendingPathComponent("diff.txt").path
        let both = try diff(pair + ["--output", "sarif:\(sarifFile)", "--output", "text:\(textFile)", "--fail-on", "never"])
        #expect(both.status == 0)
        #expect(both.stdout.hasPrefix("SECTION "))
        #expect(try String(contentsOfFile: sarifFile, encoding: .utf8).contains("ENV001"))
        #expect(try String(contentsOfFile: textFile, encoding: .utf8).hasSuffix("9 differences, 2 would break reproducibility\n"))
    }

    @Test func unreadableInputsExitTwoWithFileAndReason() throws {
        let missing = try diff(["nope.json", "manifest/old.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json: no such file"))
        let tree = try TemporaryTree(files: ["future.json": #"{"meta": {"schema_version": 2, "mlaudit_version": "2.0.0"}}"#,
                                             "broken.json": "{\n  \"meta\": [\n"])
        let future = try CommandRunner.mlaudit(["diff", "future.json", "future.json"], in: tree.url)
        #expect(future.status == 2)
        #expect(future.stderr.contains("future.json:1: meta.schema_version"))
        #expect(future.stderr.contains("mlaudit 2.0.0 or later"))
        let broken = try CommandRunner.mlaudit(["diff", "broken.json", "--old-format", "manifest"], in: tree.url)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("broken.json:3: invalid JSON"))
        let badSection = try diff(["manifest/old.json", "--only", "gpu,bogus"])
        #expect(badSection.status == 2)
        #expect(badSection.stderr.contains("bogus"))
    }

    @Test func problemsInOneFileAreReportedAndTheRestCompared() throws {
        let tree = try TemporaryTree(files: ["old.txt": "numpy==1.26.3\n--hash\ntorch==2.2.1\n", "new.txt": "numpy==1.26.4\ntorch==2.2.1\n"])
        let result = try CommandRunner.mlaudit(["diff", "old.txt", "new.txt", "--fail-on", "note"], in: tree.url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("numpy"))
        #expect(result.stdout.contains("old.txt:2: parse-error"))
    }

    @Test func helpNamesTheSections() throws {
        let help = try CommandRunner.mlaudit(["diff", "--help"])
        for section in ["packages", "python", "platform", "gpu", "env", "data", "git", "system", "hardware"] {
            #expect(help.stdout.contains(section), "\(section)")
        }
        #expect(help.stdout.contains("--ignore-package"))
    }

    /// A snapshot taken just now, compared with the live machine, shows no package drift.
    @Test func liveMachineMatchesAFreshSnapshot() throws {
        let tree = try TemporaryTree()
        let manifest = tree.url.appendingPathComponent("environment.json").path
        let snapshot = try CommandRunner.mlaudit(["snapshot", "--no-timestamp", "-o", manifest], in: tree.url)
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        let result = try CommandRunner.mlaudit(["diff", manifest, "--format", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let found = try findings(result.stdout)
        #expect(!found.contains { ["ENV001", "ENV002"].contains($0["rule"] as? String ?? "") }, "\(found)")
        let text = try CommandRunner.mlaudit(["diff", manifest, "--only", "packages,python,platform"], in: tree.url)
        #expect(text.stdout.hasSuffix("environment matches\n"), "\(text.stdout)")
    }
}
