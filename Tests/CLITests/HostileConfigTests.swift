import Foundation
import MLAuditTestSupport
import Testing

/// Configuration a tree commits can only configure its own scan: a configuration
/// file or include that links out of the tree is never read, and an error about a
/// configuration quotes only a short, redacted excerpt of it.
@Suite struct HostileConfigTests {
    @Test(arguments: ["mlaudit.yaml", ".mlaudit.yaml", "mlaudit.yml", ".mlaudit.yml"])
    func configurationLinkedToProcEnvironIsNotRead(_ name: String) throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        try project.link(name, to: "/proc/self/environ")
        let run = try HostileRun(["scan", "."], in: project.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(name): is a link out of the project; not read"), "\(run.stderr)")
    }

    @Test func configurationLinkedOutOfTheTreeDoesNotSilenceTheScan() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        try project.writeOutside("mlaudit.yaml", "ignore: [PIN]\n")
        try project.link("mlaudit.yaml", to: project.outside.path + "/mlaudit.yaml")
        let run = try HostileRun(["scan", "."], in: project.url)
        #expect(run.status == 2, "\(run.output)")
        #expect(run.stderr.contains("link out of the project"))

        // Named with --config from inside the tree, the same link is refused too.
        let named = try HostileRun(["scan", "--config", "mlaudit.yaml", "."], in: project.url)
        #expect(named.status == 2, "\(named.output)")
        #expect(named.stderr.contains("link out of the project"))
    }

    @Test func configurationLinkInsideTheTreeIsRead() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n", "ci/mlaudit.yaml": "ignore: [PIN]\n"])
        try project.link("mlaudit.yaml", to: "ci/mlaudit.yaml")
        let run = try HostileRun(["scan", "."], in: project.url)
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func pyprojectLinkedOutOfTheTreeConfiguresNothing() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n"])
        try project.writeOutside("pyproject.toml", "[tool.mlaudit]\nignore = [\"PIN\"]\n# \(HostileRun.canary)\n")
        try project.link("pyproject.toml", to: project.outside.path + "/pyproject.toml")
        let run = try HostileRun(["scan", "--verbose", "."], in: project.url)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("PIN001"))
        #expect(run.stderr.contains("configuration: none (defaults)"), "\(run.stderr)")
    }

    /// `-c constraints.txt` pins numpy when the file is in the tree, and is not read when it links out.
    @Test(arguments: ["-c", "-r"])
    func includeLinkedOutOfTheTreeIsNotRead(_ option: String) throws {
        let inside = try HostileProject(["requirements.txt": "numpy\n\(option) pins.txt\n", "pins.txt": "numpy==1.26.4\n"])
        let pinned = try HostileRun(["scan", "--select", "PIN001", "."], in: inside.url)
        #expect(pinned.status == 0, "the in-tree include should pin numpy: \(pinned.output)")

        let project = try HostileProject(["requirements.txt": "numpy\n\(option) pins.txt\n"])
        try project.writeOutside("pins.txt", "numpy==1.26.4\n")
        try project.link("pins.txt", to: project.outside.path + "/pins.txt")
        let run = try HostileRun(["scan", "--select", "PIN001", "."], in: project.url)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("numpy is not pinned"))
    }

    @Test func errorsQuoteAShortRedactedExcerpt() throws {
        let token = "ghp_" + String(repeating: "aB3", count: 12)
        let value = token + String(repeating: "x", count: 5000) + HostileRun.canary
        let project = try HostileProject(["requirements.txt": "numpy\n", "mlaudit.yaml": "ignore: [\(value)]\n"])
        let run = try HostileRun(["scan", "."], in: project.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("names no rule"), "\(run.stderr)")
        #expect(!run.stderr.contains(token))
        #expect(run.stderr.utf8.count < 300, "\(run.stderr.utf8.count) bytes of error")
    }

    @Test func brokenPyprojectHoldingTheConfigurationIsAConfigurationError() throws {
        let project = try HostileProject(["requirements.txt": "numpy\n", "pyproject.toml": "[tool.mlaudit]\nignore = [\"PIN\"\n"])
        let run = try HostileRun(["scan", "."], in: project.url)
        #expect(run.status == 2, "\(run.output)")
        #expect(run.stderr.contains("pyproject.toml:"), "\(run.stderr)")
        // One that does not hold it is only a parse-error of the scan.
        let other = try HostileProject(["requirements.txt": "numpy\n", "pyproject.toml": "[project]\nname = \"x\n# mlaudit\n"])
        let scan = try HostileRun(["scan", "."], in: other.url)
        #expect(scan.status == 1, "\(scan.output)")
        #expect(scan.stdout.contains("pyproject.toml:"))
    }

    /// Outside a git work tree only the scanned directory is searched for a configuration.
    @Test func parentConfigurationOutsideARepositoryIsNotUsed() throws {
        let parent = try TemporaryTree(files: ["mlaudit.yaml": "ignore: [PIN]\n", "project/requirements.txt": "numpy\n"])
        let project = parent.url.appendingPathComponent("project")
        let run = try HostileRun(["scan", "--verbose", "."], in: project)
        #expect(run.status == 1, "a parent's configuration silenced the scan: \(run.output)")
        #expect(run.stderr.contains("configuration: none (defaults)"))

        // Inside a work tree the repository's configuration applies, and --verbose names it.
        try FileManager.default.createDirectory(at: parent.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let inRepository = try HostileRun(["scan", "--verbose", "."], in: project)
        #expect(inRepository.status == 0, "\(inRepository.output)")
        #expect(inRepository.stderr.contains("configuration: ") && inRepository.stderr.contains("mlaudit.yaml"), "\(inRepository.stderr)")
    }
}
