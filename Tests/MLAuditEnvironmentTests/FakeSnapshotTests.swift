import Foundation
@testable import MLAuditEnvironment
import MLAuditHashing
import Testing

/// A whole snapshot of a fake machine, checked section by section.
@Suite struct FakeSnapshotTests {
    let fake: FakeEnvironment
    let manifest: Manifest

    init() throws {
        fake = try FakeEnvironment()
        manifest = fake.capture()
    }

    @Test func meta() throws {
        #expect(manifest.meta.schemaVersion == 1)
        #expect(manifest.meta.mlauditVersion == "0.1.0" || !manifest.meta.mlauditVersion.isEmpty)
        #expect(manifest.meta.createdAt == nil)
        #expect(manifest.meta.projectRoot == fake.project)
        #expect(manifest.meta.commandLine == ["mlaudit", "snapshot", "--env", "MY_API_TOKEN", "--index=https://example.com/x"])
    }

    @Test func host() throws {
        let host = try #require(manifest.host.content)
        #expect(manifest.host.status == .ok)
        #expect(host.os == HostInfo.OperatingSystem(
            id: "fakelinux", name: "Fake Linux", version: "1.2 (Test)", versionID: "1.2", prettyName: "Fake Linux 1.2 (Test)"
        ))
        #expect(host.kernel == HostInfo.Kernel(name: "Linux", release: "6.1.0-fake", version: "#1 SMP"))
        #expect(host.architecture == "x86_64")
        #expect(host.cpu.model == "Intel(R) Xeon(R) Fake CPU @ 2.00GHz")
        #expect(host.cpu.vendor == "GenuineIntel")
        #expect(host.cpu.logicalCores == 2)
        #expect(host.cpu.features == ["amx_tile", "avx", "avx2", "avx512_vnni", "avx512f", "fma", "sse4_2"])
        #expect(host.memory?.totalBytes == Int64(16_384_000 * 1024))
        #expect(host.container.detected)
        #expect(host.container.runtimes == ["docker", "kubernetes"])
        #expect(host.container.evidence == ["/.dockerenv", "/proc/1/cgroup: kubepods", "KUBERNETES_SERVICE_HOST"])
        #expect(host.hostname == nil, "the host name is only recorded on request")
        #if canImport(Glibc)
        #expect(host.libc?.name == "glibc")
        #expect(host.libc?.version?.isEmpty == false)
        #endif
    }

    @Test func hostnameOnRequest() throws {
        let withName = fake.capture { $0.includeHostname = true }
        #expect(withName.host.content?.hostname == "fakehost")
    }

    @Test func accelerators() throws {
        let accelerators = try #require(manifest.accelerators.content)
        #expect(accelerators.nvidia.status == .found)
        #expect(accelerators.nvidia.executable == Path.join(fake.bin, "nvidia-smi"))
        #expect(accelerators.nvidia.gpus.count == 2)
        let gpu = accelerators.nvidia.gpus[0]
        #expect(gpu.index == 0)
        #expect(gpu.name == "NVIDIA A100-SXM4-40GB")
        #expect(gpu.memoryTotalMiB == 40960)
        #expect(gpu.driverVersion == "535.104.05")
        #expect(gpu.computeCapability == "8.0")
        #expect(gpu.uuidSHA256 == SHA256.hash(FakeEnvironment.gpuUUIDs[0]).hex)
        #expect(accelerators.nvidia.gpus[1].uuidSHA256 == SHA256.hash(FakeEnvironment.gpuUUIDs[1]).hex)

        #expect(accelerators.cuda.status == .found)
        #expect(accelerators.cuda.toolkitVersion == "12.2.2")
        #expect(accelerators.cuda.toolkitSource == fake.directory.url("usr/local/cuda/version.json"))
        #expect(accelerators.cuda.nvccVersion == "12.2.140")
        #expect(accelerators.cuda.nvccPath == Path.join(fake.bin, "nvcc"))

        #expect(accelerators.cudnn.status == .found)
        #expect(accelerators.cudnn.version == "8.9.2")
        #expect(accelerators.cudnn.source == fake.directory.url("usr/local/cuda/include/cudnn_version.h"))
    }

    @Test func python() throws {
        let python = try #require(manifest.python.content, "\(manifest.python.reason ?? "")")
        #expect(python.selection == .virtualEnv)
        #expect(python.executable == Path.join(fake.venv, "bin/python3"))
        #expect(python.requested == nil)
        #expect(python.version == "3.12.1")
        #expect(python.implementation == "cpython")
        #expect(python.platform == "linux")
        #expect(python.prefix == fake.venv)
        #expect(python.basePrefix == fake.directory.url("base"))
        #expect(python.inVirtualEnv)
        #expect(python.sitePackages == [fake.sitePackages])
        #expect(python.sysPath.count == 3)

        let byName = Dictionary(python.packages.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(python.packages.map(\.name) == ["legacy", "localpkg", "mylib", "nometa", "numpy", "old-package", "scikit-learn", "wheelpkg"])
        #expect(byName["numpy"]?.version == "1.26.4", "only the header is read, not the description")
        #expect(byName["numpy"]?.installer == "pip")
        #expect(byName["numpy"]?.format == "dist-info")
        #expect(byName["numpy"]?.location == fake.sitePackages)
        #expect(byName["scikit-learn"]?.installer == "uv")
        #expect(byName["nometa"]?.version == "3.1", "falls back to the directory name")
        #expect(byName["old-package"]?.format == "egg-info")
        #expect(byName["old-package"]?.version == "0.9")
        #expect(byName["legacy"]?.version == "2.0")

        let vcs = try #require(byName["mylib"]?.directURL)
        #expect(vcs.url == "https://github.com/org/mylib.git")
        #expect(vcs.vcs == "git")
        #expect(vcs.commitID == FakeEnvironment.vcsCommit)
        #expect(vcs.requestedRevision == "main")
        #expect(byName["mylib"]?.version == "0.1.dev3")

        #expect(byName["localpkg"]?.directURL == DirectURL(url: "file:///work/localpkg", editable: true))
        #expect(byName["wheelpkg"]?.directURL?.archiveHash == "sha256=aa11")
        #expect(byName["wheelpkg"]?.directURL?.editable == nil)
    }

    @Test func conda() throws {
        let conda = try #require(manifest.conda.content)
        #expect(conda.prefix == fake.condaPrefix)
        #expect(conda.name == "ml")
        #expect(conda.packages == [
            CondaPackage(name: "private-lib", version: "1.0", build: "0", channel: "https://conda.example.com/private/linux-64"),
            CondaPackage(
                name: "python", version: "3.12.1", build: "hab00c5b_1_cpython",
                channel: "https://conda.anaconda.org/conda-forge/linux-64", subdir: "linux-64"
            ),
        ])
    }

    @Test func systemPackages() throws {
        let system = try #require(manifest.systemPackages.content)
        let dpkg = try #require(system.managers["dpkg"])
        #expect(dpkg.status == .ok)
        #expect(dpkg.packages == [
            SystemPackage(name: "bash", version: "5.2.15-2+b2", architecture: "amd64"),
            SystemPackage(name: "libc6", version: "2.36-9", architecture: "i386"),
            SystemPackage(name: "zlib1g", version: "1:1.2.13.dfsg-1", architecture: "amd64"),
        ])
        #expect(system.managers["apk"]?.packages.map(\.name) == ["busybox", "musl"])
        #expect(system.managers["rpm"]?.status == .skipped)
        #expect(system.managers["rpm"]?.reason?.contains("binary") == true)

        let skipped = fake.capture { $0.skip = [.systemPackages] }
        #expect(skipped.systemPackages.status == .skipped)
        #expect(skipped.systemPackages.content == nil)
    }

    @Test func environmentVariables() throws {
        let env = try #require(manifest.env.content)
        #expect(env.variables["PYTHONHASHSEED"] == "0")
        #expect(env.variables["OMP_NUM_THREADS"] == "4")
        #expect(env.variables["CUDA_VISIBLE_DEVICES"] == "0,1")
        #expect(env.variables["PIP_INDEX_URL"] == "https://pypi.example.com/simple")
        #expect(env.variables["UNRELATED"] == nil)
        #expect(env.variables["HF_TOKEN"] == nil)
        #expect(env.redacted == ["BUILD_LABEL", "MY_API_TOKEN"])
        #expect(env.unset.contains("MKL_NUM_THREADS"))
        #expect(!env.unset.contains("PYTHONHASHSEED"))
    }

    @Test(.enabled(if: hostGit != nil, "git is not installed")) func git() throws {
        let git = try #require(manifest.git.content, "\(manifest.git.reason ?? "")")
        #expect(manifest.git.warnings.isEmpty)
        #expect(git.root == fake.project)
        #expect(git.branch == "main")
        #expect(!git.detached)
        #expect(git.commit.map { Hex.isHex($0, length: 40) } == true)
        #expect(git.remoteName == "origin")
        #expect(git.remoteURL == "https://gitlab.example.com/team/demo.git")
        #expect(git.dirty == true)
        #expect(git.modified == ["train.py"])
        #expect(git.untracked == [".hidden/", "data/", "envs/", "localvenv/", "model.bin", "uv.lock"])
    }

    @Test func gitOutsideRepository() throws {
        let plain = try FakeEnvironment(withGit: false)
        let manifest = plain.capture()
        #expect(manifest.git.status == .unavailable)
        #expect(manifest.git.reason?.contains("not inside a git repository") == true)
    }

    @Test func lockfiles() throws {
        let lockfiles = try #require(manifest.lockfiles.content)
        #expect(lockfiles.files.map(\.path) == [
            "envs/environment-gpu.yml", "envs/requirements-dev.txt", "pyproject.toml", "requirements.txt", "uv.lock",
        ])
        let requirements = try #require(lockfiles.files.first { $0.path == "requirements.txt" })
        #expect(requirements.size == 14)
        #expect(requirements.sha256 == SHA256.hash("numpy==1.26.4\n").hex)
    }

    @Test func data() throws {
        let data = try #require(manifest.data.content)
        #expect(data.entries.map(\.path) == ["data", "model.bin"])
        let directory = data.entries[0]
        #expect(directory.kind == .directory)
        #expect(directory.fileCount == 2)
        #expect(directory.files?.map(\.path) == ["nested/labels.txt", "train.csv"])
        #expect(directory.size == Int64(16))
        let listing = "\(SHA256.hash("cat\ndog\n").hex)  nested/labels.txt\n\(SHA256.hash("a,b\n1,2\n").hex)  train.csv\n"
        #expect(directory.sha256 == SHA256.hash(listing).hex)
        let model = data.entries[1]
        #expect(model.kind == .file)
        #expect(model.size == Int64(FakeEnvironment.modelBytes.count))
        #expect(model.sha256 == SHA256.hash(FakeEnvironment.modelBytes).hex)
        // The cache went to the user cache directory, not into the project.
        #expect(FileSystem.isRegularFile(Path.join(fake.cache, "mlaudit/\(HashCache.fileName)")))
        #expect(!FileSystem.exists(Path.join(fake.project, ".cache")))
    }

    @Test func missingDataPath() throws {
        let manifest = fake.capture { $0.dataPaths = ["nope.bin"] }
        let entry = try #require(manifest.data.content?.entries.first)
        #expect(entry.kind == .missing)
        #expect(entry.path == "nope.bin")
        #expect(manifest.data.status == .ok)
    }

    @Test func secretsNeverWritten() throws {
        let json = try manifest.json
        for secret in [
            FakeEnvironment.secretValue, "s3cr3tpass", "alice", "ghp_notarealtoken", "ci-bot", "pa55", "glpat-", "deploy:",
            "hf_abcdefghij", "ghp_abcdefghij", "bob:pw", FakeEnvironment.gpuUUIDs[0], FakeEnvironment.gpuUUIDs[1],
        ] {
            #expect(!json.contains(secret), "\(secret) leaked into the manifest")
        }
        #expect(json.contains("MY_API_TOKEN"), "the name is recorded as redacted")
    }

    @Test func skippedSections() throws {
        let manifest = fake.capture { $0.skip = Set(ManifestSection.allCases) }
        #expect(manifest.host.status == .skipped)
        #expect(manifest.data.status == .skipped)
        let json = try manifest.json
        #expect(!json.contains("\"packages\""))
    }

    @Test func deterministicOutput() throws {
        let first = try fake.capture().json
        let second = try fake.capture().json
        #expect(first == second)
        #expect(first.hasSuffix("}\n"))
    }

    /// The tree encoder used for output agrees with Foundation's encoder.
    @Test func treeEncoderAgreesWithJSONEncoder() throws {
        let viaFoundation = try JSONParser.parse([UInt8](try JSONEncoder().encode(manifest)))
        #expect(try JSONTreeEncoder.encode(manifest) == viaFoundation)
    }

    @Test func roundTrip() throws {
        let decoded = try JSONDecoder().decode(Manifest.self, from: Data(try manifest.json.utf8))
        #expect(decoded == manifest)
    }
}
