import MLAuditCore
@testable import MLAuditDiff
import Testing

@Suite struct ComparisonTests {
    /// `rule item severity` per difference.
    func summary(_ result: DiffResult) -> Set<String> {
        Set(result.differences.map { "\($0.ruleID) \($0.item) \($0.severity.rawValue)" })
    }

    @Test func manifestDriftIsReportedWithTheLevelsOfTheCatalogue() throws {
        let result = EnvironmentComparison.compare(try DiffFixtures.load("manifest/old.json"), try DiffFixtures.load("manifest/new.json"))
        #expect(summary(result) == [
            "ENV001 torch error", "ENV001 triton warning", "ENV001 transformers warning", "ENV001 tokenizers warning",
            "ENV001 huggingface-hub warning", "ENV001 safetensors note", "ENV002 accelerate error", "ENV002 wandb note",
            "ENV001 pandas (conda) note", "ENV001 python (conda) note", "ENV001 openssl (conda) warning", "ENV001 scipy (conda) error",
            "ENV003 python note", "ENV004 kernel note", "ENV005 cuda warning", "ENV005 cudnn warning", "ENV005 driver note",
            "ENV006 CUBLAS_WORKSPACE_CONFIG error", "ENV006 OMP_NUM_THREADS warning", "ENV007 data/sst2/train.parquet error",
            "ENV008 commit note", "ENV009 libcudnn8 warning", "ENV009 libc6 note",
        ])
        #expect(result.skipped.isEmpty)
    }

    @Test func findingsPointAtTheOldLine() throws {
        let old = try DiffFixtures.load("pip-freeze/requirements-old.txt")
        let result = EnvironmentComparison.compare(old, try DiffFixtures.load("pip-freeze/requirements-new.txt"))
        let torch = try #require(result.differences.first { $0.item == "torch" })
        #expect(torch.place.path.hasSuffix("requirements-old.txt"))
        #expect(torch.place.line == 28)
        #expect(torch.finding.lineContent == "packages torch")
        #expect(torch.message.contains("local build label changed (cu121 → cu118)"))
        let wandb = try #require(result.differences.first { $0.item == "wandb" })
        #expect(wandb.place.line == 1)
    }

    @Test(arguments: DiffFixtures.sameEnvironment)
    func recordingsOfTheSameEnvironmentAgree(_ relative: String) throws {
        let reference = try DiffFixtures.load("manifest/old.json")
        let other = try DiffFixtures.load(relative)
        for (old, new) in [(reference, other), (other, reference)] {
            let result = EnvironmentComparison.compare(old, new)
            let unexpected = result.differences.filter { !["sacred", "mlflow"].contains($0.item) }
            #expect(unexpected.isEmpty, "\(relative): \(unexpected.map(\.message))")
        }
    }

    @Test func crossFormatDriftBetweenCondaExportAndLock() throws {
        let result = EnvironmentComparison.compare(try DiffFixtures.load("uv/uv.lock"), try DiffFixtures.load("conda-env/environment-new.yml"))
        #expect(summary(result).isSuperset(of: ["ENV001 torch error", "ENV001 pandas note", "ENV002 accelerate error", "ENV002 wandb note"]))
        #expect(result.skipped.contains { $0.label == "conda packages" })
    }

    @Test func sectionsMissingOnOneSideAreNotCompared() throws {
        let result = EnvironmentComparison.compare(try DiffFixtures.load("pip-freeze/requirements-old.txt"), try DiffFixtures.load("manifest/new.json"))
        #expect(Set(result.skipped.map(\.section)) == [.packages, .python, .platform, .gpu, .env, .data, .git, .system, .hardware])
        #expect(!result.differences.contains { $0.section != .packages })
    }

    @Test func onlyAndIgnorePackage() throws {
        let old = try DiffFixtures.load("manifest/old.json"), new = try DiffFixtures.load("manifest/new.json")
        let packagesOnly = EnvironmentComparison.compare(old, new, options: DiffOptions(sections: [.packages], ignoredPackages: ["t*", "accelerate"]))
        #expect(packagesOnly.differences.allSatisfy { $0.section == .packages })
        #expect(!packagesOnly.differences.contains { $0.item.hasPrefix("t") || $0.item == "accelerate" })
        #expect(packagesOnly.differences.contains { $0.item == "wandb" })
        let gpu = EnvironmentComparison.compare(old, new, options: DiffOptions(sections: [.gpu]))
        #expect(Set(gpu.differences.map(\.ruleID)) == ["ENV005"])
    }

    func recording(_ build: (inout EnvironmentRecording) -> Void) -> EnvironmentRecording {
        var recording = EnvironmentRecording(source: "r.json", format: .manifest)
        build(&recording)
        return recording
    }

    @Test func sameVersionFromAnotherCommitIsAnError() {
        let old = recording { $0.add(RecordedPackage(ecosystem: .pypi, name: "peft", version: "0.10.0", commit: "aaaa")) }
        let new = recording { $0.add(RecordedPackage(ecosystem: .pypi, name: "peft", version: "0.10.0", commit: "bbbb")) }
        #expect(summary(EnvironmentComparison.compare(old, new)) == ["ENV001 peft error"])
    }

    @Test func packageMovedFromCondaToPipIsComparedByVersion() {
        let old = recording {
            $0.covers(.pypi)
            $0.add(RecordedPackage(ecosystem: .conda, name: "numpy", version: "1.26.3", build: "py311h"))
        }
        let new = recording {
            $0.covers(.conda)
            $0.add(RecordedPackage(ecosystem: .pypi, name: "numpy", version: "1.26.4"))
        }
        let result = EnvironmentComparison.compare(old, new)
        #expect(summary(result) == ["ENV001 numpy (conda) note"])
    }

    @Test(arguments: [
        ("3.11.7", "3.12.1", Severity?.some(.error)), ("3.11.4", "3.11.9", .note), ("3.13.0rc2", "3.13.0", .note),
        ("3.11", "3.11.7", nil), ("3.11.7", "3.11.7", nil),
    ])
    func interpreterLevels(old: String, new: String, expected: Severity?) {
        #expect(InterpreterComparator.change(old, new) == expected)
    }

    @Test func platformGPUVariablesGitAndHardware() {
        let old = recording {
            $0.platform = PlatformRecord(architecture: "amd64", system: "linux", distribution: "ubuntu 22.04", libc: "glibc 2.35", kernel: "5.15")
            $0.accelerators = AcceleratorRecord(gpuCount: 2, gpuModels: ["A100", "A100"], cuda: "12.1", cudnn: "8.9.2", driver: "535")
            $0.variables = VariableRecord(values: ["PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "8", "LANG": "C"], unset: ["TF_DETERMINISTIC_OPS"])
            $0.code = CodeRecord(commit: "abc", dirty: true)
            $0.hardware = HardwareRecord(cpuModel: "EPYC", logicalCores: 64, memoryBytes: 1 << 40)
        }
        let new = recording {
            $0.platform = PlatformRecord(architecture: "arm64", system: "Linux", distribution: "ubuntu 24.04", libc: "glibc 2.39", kernel: "6.8")
            $0.accelerators = AcceleratorRecord(gpuCount: 0, gpuModels: [], cuda: "11.8", cudnn: "8.9.2", driver: "550")
            $0.variables = VariableRecord(values: ["OMP_NUM_THREADS": "8", "LANG": "C.UTF-8", "TF_DETERMINISTIC_OPS": "1"], unset: ["PYTHONHASHSEED"])
            $0.code = CodeRecord(commit: "abc", dirty: false)
            $0.hardware = HardwareRecord(cpuModel: "Grace", logicalCores: 72, memoryBytes: (1 << 40) + 1000)
        }
        #expect(summary(EnvironmentComparison.compare(old, new)) == [
            "ENV004 architecture error", "ENV004 distribution warning", "ENV004 libc warning", "ENV004 kernel note",
            "ENV005 gpu error", "ENV005 cuda error", "ENV005 driver note",
            "ENV006 PYTHONHASHSEED error", "ENV006 TF_DETERMINISTIC_OPS error", "ENV006 LANG warning",
            "ENV008 commit warning", "ENV010 cpu note", "ENV010 cores note",
        ])
    }

    @Test func tableAndVerdict() throws {
        let result = EnvironmentComparison.compare(try DiffFixtures.load("pip-freeze/requirements-old.txt"),
                                                   try DiffFixtures.load("pip-freeze/requirements-new.txt"))
        let text = DiffTableRenderer().render(differences: result.differences, findings: result.findings, skipped: result.skipped, problems: [])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "SECTION   ITEM             OLD          NEW          SEVERITY")
        #expect(lines[1] == "packages  accelerate       0.27.2       —            error")
        #expect(lines[2] == "          torch            2.2.1+cu121  2.3.0+cu118  error")
        #expect(text.contains("not compared: python (recorded on neither side)"))
        #expect(text.hasSuffix("9 differences, 2 would break reproducibility\n"))
        #expect(DiffTableRenderer().render(differences: [], findings: [], skipped: [], problems: []) == "environment matches\n")
    }
}
