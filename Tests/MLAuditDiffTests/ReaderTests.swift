import Foundation
@testable import MLAuditDiff
import MLAuditTestSupport
import Testing

@Suite struct ReaderTests {
    @Test(arguments: DiffFixtures.sameEnvironment)
    func everyFixtureIsDetectedAndRecordsThePackages(_ relative: String) throws {
        let recording = try DiffFixtures.load(relative)
        #expect(recording.problems.isEmpty, "\(relative): \(recording.problems)")
        if relative.hasPrefix("conda-explicit") {
            #expect(recording.packages[.conda]?["numpy"]?.version == "1.26.4")
            #expect(recording.packages[.conda]?["numpy"]?.build == "py311h64a7726_0")
            return
        }
        let torch = recording.packages[.pypi]?["torch"]
        #expect(torch?.version == "2.2.1+cu121", "\(relative)")
        let transformers = recording.packages[.pypi]?["transformers"]
        #expect(transformers?.version == "4.38.2", "\(relative)")
        #expect(torch?.place != nil, "\(relative): torch has no line")
    }

    @Test(arguments: [
        ("manifest/old.json", RecordingFormat.manifest), ("pip-freeze/requirements-old.txt", .pipFreeze), ("pip-list/pip-list.json", .pipList),
        ("pip-inspect/pip-inspect.json", .pipInspect), ("conda-env/environment-old.yml", .condaEnv), ("conda-explicit/explicit.txt", .condaExplicit),
        ("conda-list/conda-list-export.txt", .condaList), ("conda-lock/conda-lock.yml", .condaLock), ("poetry/poetry.lock", .poetryLock),
        ("uv/uv.lock", .uvLock), ("pipfile/Pipfile.lock", .pipfileLock), ("pylock/pylock.toml", .pylock),
        ("wandb/run-20240312_101500-3kx9f2ab", .wandb), ("sacred/1/run.json", .sacred), ("mlflow/model", .mlflow),
        ("cyclonedx/sbom.cdx.json", .cyclonedx), ("mlflow/model/MLmodel", .mlflow),
        ("wandb/run-20240312_101500-3kx9f2ab/files/wandb-metadata.json", .wandb),
    ])
    func detection(_ relative: String, expected: RecordingFormat) throws {
        #expect(try FormatDetector.detect(path: DiffFixtures.path(relative)).format == expected)
    }

    @Test func detectionByContentAlone() throws {
        #expect(try readRecording("a.json", "{\"_meta\": {}, \"default\": {}}").format == .pipfileLock)
        #expect(try readRecording("b.txt", "numpy==1.26.4\n").format == .pipFreeze)
        #expect(try readRecording("c.lock", "[[package]]\nname = \"x\"\nversion = \"1\"\n\n[metadata]\ncontent-hash = \"a\"\n").format == .poetryLock)
        #expect(try readRecording("d.lock", "version = 1\n[[package]]\nname = \"x\"\nversion = \"1\"\nsource = { registry = \"r\" }\n").format == .uvLock)
        #expect(try readRecording("e.toml", "lock-version = \"1.0\"\n[[packages]]\nname = \"x\"\nversion = \"1\"\n").format == .pylock)
        #expect(try readRecording("f.yml", "name: x\ndependencies:\n  - numpy=1.26.4\n").format == .condaEnv)
    }

    @Test func freezeLinesAndDirectReferences() throws {
        let text = """
        # Editable install with no version control (sentiment-finetune==0.1.0)
        numpy==1.26.4
        torch @ https://download.pytorch.org/whl/cu121/torch-2.2.1%2Bcu121-cp311-cp311-linux_x86_64.whl#sha256=abc123
        peft @ git+https://github.com/huggingface/peft@4a1559582281fc3c9283892caea8ccef1d6f5a4f

        """
        let recording = try readRecording("requirements.txt", text)
        let packages = try #require(recording.packages[.pypi])
        #expect(packages["numpy"]?.place?.line == 2)
        #expect(packages["torch"]?.version == "2.2.1+cu121")
        #expect(packages["torch"]?.archiveHash == "sha256=abc123")
        #expect(packages["peft"]?.commit == "4a1559582281fc3c9283892caea8ccef1d6f5a4f")
    }

    @Test func manifestSections() throws {
        let recording = try DiffFixtures.load("manifest/old.json")
        #expect(recording.interpreter?.version == "3.11.7")
        #expect(recording.platform?.architecture == "x86_64")
        #expect(recording.platform?.distribution == "ubuntu 22.04")
        #expect(recording.platform?.libc == "glibc 2.35")
        #expect(recording.accelerators?.gpuCount == 8)
        #expect(recording.accelerators?.cuda == "12.1.105")
        #expect(recording.variables?.state(of: "PYTHONHASHSEED") == .value("0"))
        #expect(recording.variables?.state(of: "MKL_CBWR") == .unset)
        #expect(recording.code?.commit == "3f9c2a7e1b5d4c8f9a0e6b2d7c1f4a8e5b3d9c0f")
        #expect(recording.data?["data/sst2/train.parquet"]?.sha256 == String(repeating: "a", count: 64))
        #expect(recording.systemPackages?["dpkg"]?["libcudnn8"]?.version == "8.9.2.26-1+cuda12.1")
        #expect(recording.hardware?.logicalCores == 64)
        #expect(recording.packages[.conda]?["python"]?.build == "hab00c5b_1_cpython")
    }

    @Test func trackersFillHostSections() throws {
        let wandb = try DiffFixtures.load("wandb/run-20240312_101500-3kx9f2ab")
        #expect(wandb.interpreter?.version == "3.11.7")
        #expect(wandb.platform?.kernel == "5.15.0-97-generic")
        #expect(wandb.platform?.libc == "glibc 2.35")
        #expect(wandb.accelerators?.gpuCount == 8)
        #expect(wandb.code?.dirty == false)
        #expect(wandb.packages[.conda]?["python"]?.version == "3.11.7")
        let sacred = try DiffFixtures.load("sacred/1/run.json")
        #expect(sacred.accelerators?.driver == "535.104.05")
        #expect(sacred.variables?.state(of: "CUBLAS_WORKSPACE_CONFIG") == .value(":4096:8"))
        #expect(sacred.variables?.state(of: "OMP_NUM_THREADS") == nil)
        let mlflow = try DiffFixtures.load("mlflow/model")
        #expect(mlflow.interpreter?.version == "3.11.7")
        #expect(mlflow.packages[.pypi]?["mlflow"]?.version == "2.11.1")
        #expect(mlflow.primaryPath.hasSuffix("mlflow/model/requirements.txt"))
    }

    @Test func locksKeepOnlyThisPlatformsEntries() throws {
        let uv = """
        version = 1
        requires-python = ">=3.11"

        [[package]]
        name = "triton"
        version = "2.2.0"
        source = { registry = "https://pypi.org/simple" }
        resolution-markers = ["sys_platform == 'win32'"]

        [[package]]
        name = "numpy"
        version = "1.26.4"
        source = { registry = "https://pypi.org/simple" }

        """
        let recording = try readRecording("uv.lock", uv)
        #expect(recording.packages[.pypi]?["triton"] == nil)
        #expect(recording.packages[.pypi]?["numpy"]?.place?.line == 11)
    }

    @Test func newerManifestSchemaNamesTheNeededVersion() {
        let error = readError("m.json", #"{"meta": {"schema_version": 7, "mlaudit_version": "3.1.0"}}"#)
        #expect(error?.line == 1)
        #expect(error?.key == "meta.schema_version")
        #expect(error?.description.contains("mlaudit 3.1.0 or later") == true)
    }

    /// Every reader: malformed input names the file and the line or key.
    @Test(arguments: [
        ("old.json", "{\n  \"meta\": {\n    \"schema_version\": 1,\n  }\n}\n", RecordingFormat?.none, 4, String?.none),
        ("pip.json", "[{\"name\": \"numpy\", \"version\": \"1.0\"},\n {\"name\": ]\n", .pipList, 2, nil),
        ("inspect.json", "{\"version\": \"1\", \"pip_version\": \"24.0\"}\n", .pipInspect, 1, "installed"),
        ("environment.yml", "name: x\ndependencies:\n  - numpy=1.26\n   - bad: [\n", .condaEnv, 4, nil),
        ("environment.yml", "name: x\nchannels: [conda-forge]\n", .condaEnv, 1, "dependencies"),
        ("conda-lock.yml", "version: 1\nmetadata:\n  platforms: [linux-64]\n", .condaLock, 1, "package"),
        ("poetry.lock", "[[package]]\nname = \"numpy\"\nversion = 1.26.4.1\n", .poetryLock, 3, nil),
        ("uv.lock", "version = 1\n[[package]\nname = \"x\"\n", .uvLock, 2, nil),
        ("pylock.toml", "[[packages]]\nname = \"x\"\n", .pylock, nil, "lock-version"),
        ("Pipfile.lock", "{\"_meta\": {}, \"default\": [1,\n2,,]}\n", .pipfileLock, 2, nil),
        ("run.json", "{\"host\": {}}\n", .sacred, 1, "experiment"),
        ("bom.json", "{\"bomFormat\": \"SPDX\"}\n", .cyclonedx, 1, "bomFormat"),
        ("MLmodel", "artifact_path: model\n", .mlflow, 1, "flavors"),
        ("wandb-metadata.json", "{\"python\": \"3.11.7\",\n \"os\": Linux}\n", .wandb, 2, nil),
        ("mystery.txt", "hello world\n", nil, 1, nil),
    ] as [(String, String, RecordingFormat?, Int?, String?)])
    func malformedInputIsAClearError(name: String, text: String, format: RecordingFormat?, line: Int?, key: String?) {
        let error = readError(name, text, format: format)
        #expect(error != nil, "\(name) should not read")
        #expect(error?.path.hasSuffix(name) == true)
        if let line { #expect(error?.line == line, "\(name): \(error?.description ?? "")") }
        if let key { #expect(error?.key == key, "\(name): \(error?.description ?? "")") }
        #expect(error?.reason.isEmpty == false)
    }

    /// Bad entries in otherwise readable files are problems with their line; the rest is read.
    @Test(arguments: [
        ("requirements.txt", "numpy==1.26.4\n--hash\n", RecordingFormat.pipFreeze, 2),
        ("list.json", "[{\"name\": \"numpy\", \"version\": \"1.0\"},\n {\"version\": \"2\"}]\n", .pipList, 2),
        ("export.txt", "# platform: linux-64\nnumpy=1.26.4=py311h64a7726_0\nbroken-line\n", .condaList, 3),
        ("explicit.txt", "@EXPLICIT\nhttps://conda.anaconda.org/conda-forge/linux-64/numpy-1.26.4-py311h64a7726_0.conda\nnot a url\n", .condaExplicit, 3),
        ("environment.yml", "dependencies:\n  - numpy=1.26.4\n  - {other: 1}\n", .condaEnv, 3),
        ("poetry.lock", "[[package]]\nname = \"numpy\"\nversion = \"1.26.4\"\n\n[[package]]\nname = \"torch\"\n\n[metadata]\ncontent-hash = \"x\"\n", .poetryLock, 6),
        ("run.json", "{\"host\": {}, \"experiment\": {\"dependencies\": [\"numpy==1.26.4\",\n \"torch\"]}}\n", .sacred, 2),
        ("bom.json", "{\"bomFormat\": \"CycloneDX\", \"components\": [\n{\"name\": \"x\", \"purl\": \"nonsense\"}]}\n", .cyclonedx, 2),
    ] as [(String, String, RecordingFormat, Int)])
    func malformedEntriesAreProblemsWithLines(name: String, text: String, format: RecordingFormat, line: Int) throws {
        let recording = try readRecording(name, text, format: format)
        #expect(recording.problems.count == 1, "\(name): \(recording.problems)")
        #expect(recording.problems.first?.line == line, "\(name): \(recording.problems)")
        #expect(recording.problems.first?.path.hasSuffix(name) == true)
    }
}
