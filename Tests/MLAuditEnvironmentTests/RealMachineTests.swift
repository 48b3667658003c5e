import Foundation
@testable import MLAuditEnvironment
import Testing

/// Validates manifests against docs/manifest.schema.json with Python's
/// `jsonschema`. Without python3/jsonschema the tests are skipped visibly —
/// unless CI is set, where they fail.
enum SchemaValidator {
    static let environment = ProcessInfo.processInfo.environment
    static let isCI = !(environment["CI"] ?? "").isEmpty
    static let python: String? = ExecutableLookup.find("python3", searchPath: environment["PATH"])
    static let available: Bool = {
        guard let python else { return false }
        let output = try? ProcessRunner(environment: environment).run(python, ["-c", "import jsonschema"], timeout: 30)
        return output?.exitStatus == 0
    }()
    static let runs = available || isCI
    static let missingMessage = "python3 with the jsonschema module is required to validate manifests (CI is set)"

    static let script = """
    import json, sys, jsonschema
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        for error in validator.iter_errors(json.load(open(path))):
            print(path, error.json_path, error.message[:300])
            bad = 1
    sys.exit(bad)
    """

    /// Problems found, one per line; empty when every manifest is valid.
    static func problems(_ manifests: [Manifest]) throws -> String {
        let python = try #require(python, Comment(rawValue: missingMessage))
        let directory = try TemporaryDirectory("mlaudit-schema")
        var paths: [String] = []
        for (index, manifest) in manifests.enumerated() {
            paths.append(try directory.write("manifest-\(index).json", try Snapshotter.encode(manifest)))
        }
        let schema = Path.join(repositoryRoot, "docs/manifest.schema.json")
        let output = try ProcessRunner(environment: environment).run(python, ["-c", script, schema] + paths, timeout: 60)
        return output.exitStatus == 0 ? "" : output.stdoutText + output.stderrText
    }
}

@Suite struct RealMachineTests {
    func liveManifest() -> Manifest {
        Snapshotter(options: SnapshotOptions(projectRoot: repositoryRoot, timestamp: .omitted)).capture()
    }

    @Test func twoSnapshotsAreIdentical() throws {
        let first = try Snapshotter.encode(liveManifest())
        let second = try Snapshotter.encode(liveManifest())
        #expect(first == second)
    }

    @Test func liveSectionsDoNotFail() {
        let manifest = liveManifest()
        #expect(manifest.host.status == .ok)
        #expect(manifest.env.status == .ok)
        #expect(manifest.lockfiles.status == .ok)
        #expect(manifest.python.status != .failed, "\(manifest.python.reason ?? "")")
        #expect(manifest.systemPackages.status != .failed, "\(manifest.systemPackages.reason ?? "")")
    }

    @Test(.enabled(if: SchemaValidator.runs, "skipped: python3 with jsonschema not found (set CI=1 to make this a failure)"))
    func liveAndFakeManifestsMatchTheSchema() throws {
        try #require(SchemaValidator.available, Comment(rawValue: SchemaValidator.missingMessage))
        let fake = try FakeEnvironment()
        var withTimestamp = fake.options()
        withTimestamp.timestamp = .fixed(Date(timeIntervalSince1970: 1_700_000_000))
        withTimestamp.includeHostname = true
        let manifests = [
            liveManifest(),
            fake.capture(),
            Snapshotter(options: withTimestamp, context: fake.context).capture(),
            fake.capture { $0.skip = Set(ManifestSection.allCases) },
        ]
        let problems = try SchemaValidator.problems(manifests)
        #expect(problems.isEmpty, Comment(rawValue: problems))
    }

    @Test(.enabled(if: SchemaValidator.runs, "skipped: python3 with jsonschema not found (set CI=1 to make this a failure)"))
    func schemaRejectsUndocumentedFields() throws {
        try #require(SchemaValidator.available, Comment(rawValue: SchemaValidator.missingMessage))
        var manifest = try FakeEnvironment().capture()
        manifest.git = .failed("boom")
        manifest.git.warnings = ["x"]
        #expect(try SchemaValidator.problems([manifest]).isEmpty)
        manifest.meta.schemaVersion = 2
        #expect(try !SchemaValidator.problems([manifest]).isEmpty)
    }

    /// The probe rebuilds `site`'s additions under `-S`: its `sys.path`
    /// covers every site directory a normal start has, and adds nothing a
    /// normal start lacks (a `.pth` import line could add more there).
    @Test(.enabled(if: SchemaValidator.python != nil, "skipped: no python3 on PATH"))
    func probeSysPathMatchesNormalStartup() throws {
        let host = SnapshotContext()
        let real = try PythonInterpreterLocator(context: host, requested: nil).locate()
        let facts = try PythonInterpreterProbe(context: host, timeout: 30).run(real.executable)
        let normal = try ProcessRunner(environment: host.environment)
            .run(real.executable, ["-c", "import sys;sys.stdout.write(chr(0).join(p for p in sys.path if p))"], timeout: 30)
        let normalPath = normal.stdoutText.split(separator: "\u{0}").map(String.init)
        #expect(Set(facts.sysPath).isSubset(of: Set(normalPath)), "probe: \(facts.sysPath)\nnormal: \(normalPath)")
        for entry in normalPath where entry.hasSuffix("site-packages") || entry.hasSuffix("dist-packages") {
            #expect(facts.sysPath.contains(entry), "\(entry) missing from the probe's sys.path")
        }
    }

    @Test(.enabled(if: SchemaValidator.python != nil, "skipped: no python3 on PATH"))
    func systemSitePackagesVirtualEnvironment() throws {
        let (directory, _, minor) = try Self.handMadeVirtualEnvironment(includeSystemSitePackages: true)
        let site = directory.url("venv/lib/python\(minor)/site-packages")
        try directory.write("venv/lib/python\(minor)/site-packages/extra.pth", "# comment\n../../../../src\nimport sys; sys.exit(3)\nmissing-dir\n")
        try directory.makeDirectory("src")
        let venvFacts = try PythonInterpreterProbe(context: SnapshotContext(), timeout: 30).run(directory.url("venv/bin/python3"))
        #expect(venvFacts.prefix == directory.url("venv"))
        let siteIndex = try #require(venvFacts.sysPath.firstIndex(of: site))
        #expect(venvFacts.sysPath[siteIndex + 1] == directory.url("src"), ".pth path lines follow their site directory")
        #expect(venvFacts.sitePackages.first == site)
        #expect(venvFacts.sitePackages.count >= 2, "the base interpreter's site directory is included")
    }

    /// The probe script against a real interpreter, through a virtual
    /// environment laid out by hand (a symlink and pyvenv.cfg, as `venv` does).
    @Test(.enabled(if: SchemaValidator.python != nil, "skipped: no python3 on PATH"))
    func realInterpreterInHandMadeVirtualEnvironment() throws {
        let (directory, facts, minor) = try Self.handMadeVirtualEnvironment(includeSystemSitePackages: false)
        let site = "venv/lib/python\(minor)/site-packages"
        try directory.write("\(site)/Fake_Pkg-9.9.dist-info/METADATA", "Metadata-Version: 2.1\nName: Fake_Pkg\nVersion: 9.9\n\n")
        try directory.write("\(site)/project_module.py", "raise SystemExit('project code must not run')\n")
        try directory.write("json.py", "raise SystemExit('project code must not run')\n")

        var context = SnapshotContext(environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path])
        context.workingDirectory = directory.path
        let section = PythonCollector(context: context, requestedInterpreter: directory.url("venv/bin/python3"), timeout: 30).collect()
        let python = try #require(section.content, Comment(rawValue: section.reason ?? ""))
        #expect(python.selection == .option)
        #expect(python.prefix == directory.url("venv"))
        #expect(python.inVirtualEnv)
        #expect(python.version == facts.version)
        #expect(python.sitePackages.contains(directory.url(site)))
        #expect(python.packages.map(\.name) == ["fake-pkg"])
    }

    /// A virtual environment laid out by hand over the real interpreter (a symlink and
    /// pyvenv.cfg, as `venv` does); returns it with the interpreter's facts and X.Y version.
    static func handMadeVirtualEnvironment(includeSystemSitePackages: Bool) throws -> (TemporaryDirectory, PythonInterpreterProbe.Facts, String) {
        let host = SnapshotContext()
        let real = try PythonInterpreterLocator(context: host, requested: nil).locate()
        let facts = try PythonInterpreterProbe(context: host, timeout: 30).run(real.executable)
        let executable = FileSystem.realPath(facts.executable) ?? facts.executable
        let minor = facts.version.split(separator: ".").prefix(2).joined(separator: ".")
        let directory = try TemporaryDirectory("mlaudit-venv")
        try directory.write("venv/pyvenv.cfg", "home = \(Path.parent(executable))\ninclude-system-site-packages = \(includeSystemSitePackages)\n")
        try directory.makeDirectory("venv/bin")
        try FileManager.default.createSymbolicLink(atPath: directory.url("venv/bin/python3"), withDestinationPath: executable)
        return (directory, facts, minor)
    }
}
