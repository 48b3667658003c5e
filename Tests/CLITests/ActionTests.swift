import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

/// action.yml, the composite GitHub Action: its declared interface, and its `run:`
/// steps executed with bash the way a runner would, against the built binary.
@Suite struct ActionTests {
    @Test func declaresTheDocumentedInterface() throws {
        let action = try CompositeAction.load()
        #expect(action.using == "composite")
        #expect(action.inputs.mapValues(\.defaultValue) == [
            "path": ".", "fail-on": "error", "sarif-file": "mlaudit.sarif", "args": "",
            "upload-sarif": "true", "step-summary": "true",
        ])
        for (name, input) in action.inputs { #expect(!input.description.isEmpty, "input \(name) is described") }
        #expect(Set(action.outputs.keys) == ["exit-code", "sarif-file", "findings"])
        for (name, value) in action.outputs { #expect(value == "${{ steps.scan.outputs.\(name) }}") }

        for step in action.steps where step.run != nil {
            #expect(step.shell == "bash", "\(step.name) declares its shell, as composite actions must")
            #expect(!step.run!.contains("${{"), "\(step.name): inputs reach scripts through env, never pasted into the code")
        }
        let upload = try #require(action.steps.first { $0.uses != nil })
        let (repository, ref) = try #require(upload.uses?.split(separator: "@").map(String.init).pair)
        #expect(repository == "github/codeql-action/upload-sarif")
        #expect(ref.count == 40 && ref.allSatisfy { $0.isHexDigit && !$0.isUppercase }, "pinned to a full commit SHA")
        #expect(upload.with["sarif_file"] == "${{ steps.scan.outputs.sarif-file }}")
        #expect(action.steps.last?.run?.contains("exit") == true, "the exit code is passed on after the upload")
        #expect(action.steps.firstIndex { $0.uses != nil }! < action.steps.count - 1)
    }

    @Test func mlauditFindsNothingToFixInTheAction() throws {
        let result = try CommandRunner.mlaudit(["scan", "action.yml", "--no-color"], in: PackagePaths.root)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("No findings"), "\(result.stdout)")
    }

    @Test func failingFindingsAreUploadedBeforeTheStepFails() throws {
        let run = try ActionRun(fixture: "pinning-demo")
        let expected = try Self.findingCount(in: run.workspace)
        try run.execute()
        #expect(expected > 0)
        #expect(run.status == 1)
        #expect(run.outputs == ["exit-code": "1", "findings": String(expected), "sarif-file": "mlaudit.sarif"])
        #expect(try Self.sarifResultCount(run.workspace.appendingPathComponent("mlaudit.sarif")) == expected)
        #expect(run.stepSummary.hasPrefix("## mlaudit scan"), "\(run.stepSummary)")
        #expect(run.uploaded == ["mlaudit.sarif"])
        #expect(run.stubLog.contains { $0.hasPrefix("python3 -m venv ") }, "\(run.stubLog)")
        #expect(run.stubLog.contains { $0.hasPrefix("pip install") && $0.hasSuffix(" \(run.actionPath.path)") }, "the action's own checkout is installed")
        #expect(run.stdout.contains("::error file="), "annotations for the changed lines")
    }

    @Test func aCleanProjectPasses() throws {
        let run = try ActionRun(fixture: "clean-project")
        try run.execute()
        #expect(run.status == 0)
        #expect(run.outputs == ["exit-code": "0", "findings": "0", "sarif-file": "mlaudit.sarif"])
        #expect(try Self.sarifResultCount(run.workspace.appendingPathComponent("mlaudit.sarif")) == 0)
        #expect(run.stepSummary.hasPrefix("## mlaudit scan"))
        #expect(run.uploaded == ["mlaudit.sarif"])
    }

    @Test func inputsReachTheScan() throws {
        let run = try ActionRun(fixture: "pinning-demo", with: [
            "path": "requirements.txt", "fail-on": "never", "sarif-file": "out.sarif",
            "args": "--select PIN001  --ignore PIN002", "upload-sarif": "false", "step-summary": "false",
        ])
        let expected = try Self.findingCount(in: run.workspace, ["requirements.txt", "--select", "PIN001"])
        try run.execute()
        #expect(expected > 0)
        #expect(run.status == 0)
        #expect(run.outputs == ["exit-code": "0", "findings": String(expected), "sarif-file": "out.sarif"])
        #expect(try Self.sarifResultCount(run.workspace.appendingPathComponent("out.sarif")) == expected)
        #expect(!FileManager.default.fileExists(atPath: run.workspace.appendingPathComponent("mlaudit.sarif").path))
        #expect(run.stepSummary.isEmpty)
        #expect(run.uploaded.isEmpty)
    }

    @Test func aScanThatCannotRunUploadsNothingAndExitsTwo() throws {
        let run = try ActionRun(fixture: "pinning-demo", with: ["args": "--select NOPE"])
        try run.write("mlaudit.sarif", "{}")
        try run.execute()
        #expect(run.status == 2)
        #expect(run.outputs == ["exit-code": "2", "findings": "", "sarif-file": ""])
        #expect(!FileManager.default.fileExists(atPath: run.workspace.appendingPathComponent("mlaudit.sarif").path), "a stale report is not uploaded")
        #expect(run.uploaded.isEmpty)
        #expect(run.stepSummary.contains("could not run the scan (exit code 2)"))
        #expect(run.stderr.contains("NOPE"))
    }

    @Test func installsWithoutSwiftOrSystemPackages() throws {
        let run = try ActionRun(fixture: "clean-project")
        try run.execute()
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        #expect(!run.stubLog.contains { $0.contains("apt-get") || $0.contains("swift") }, "\(run.stubLog)")
        #expect(run.stdout.contains(MLAuditVersion.current), "the installed binary reports its version")
    }

    @Test func aRunnerWithoutPythonGetsAClearError() throws {
        let run = try ActionRun(fixture: "clean-project", withoutPython: true)
        try run.execute()
        #expect(run.status == 2)
        #expect(run.stdout.contains("::error title=mlaudit::python3 is not installed"), "\(run.stdout) \(run.stderr)")
        #expect(run.outputs["exit-code"] == nil, "nothing runs after a failed step")
    }

    @Test func aPythonWithoutVenvGetsAClearError() throws {
        let run = try ActionRun(fixture: "clean-project", venvFails: true)
        try run.execute()
        #expect(run.status == 2)
        #expect(run.stdout.contains("::error title=mlaudit::python3 cannot create a virtual environment"), "\(run.stdout)")
    }

    @Test func documentedUsesPassOnlyDeclaredInputs() throws {
        let declared = Set(try CompositeAction.load().inputs.keys)
        let blocks = try CIDocsTests.blocks().filter { $0.body.contains("uses: mlaudit/mlaudit@") }
        #expect(!blocks.isEmpty, "docs/ci.md shows the action")
        for block in blocks {
            for key in CompositeAction.withKeys(ofUses: "mlaudit/mlaudit@", in: block.body) {
                #expect(declared.contains(key), "docs/ci.md passes '\(key)', which action.yml does not declare")
            }
        }
    }

    static func findingCount(in directory: URL, _ arguments: [String] = []) throws -> Int {
        let result = try CommandRunner.mlaudit(["scan"] + arguments + ["--format", "json", "--fail-on", "never"], in: directory)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require((json["summary"] as? [String: Any])?["findings"] as? Int)
    }

    static func sarifResultCount(_ url: URL) throws -> Int {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let runs = try #require(json["runs"] as? [[String: Any]])
        return runs.reduce(0) { $0 + (($1["results"] as? [Any])?.count ?? 0) }
    }
}

private extension Array {
    var pair: (Element, Element)? { count == 2 ? (self[0], self[1]) : nil }
}
