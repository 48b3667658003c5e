import Foundation
@testable import MLAuditEnvironment

/// A complete fake machine under a temporary directory: os-release, procfs,
/// dpkg/apk/rpm databases, CUDA, a virtual environment (with a fake
/// interpreter answering the probe), a conda environment, a fake
/// `nvidia-smi`, a git project with lockfiles and data, and a planted secret.
struct FakeEnvironment {
    static let secretValue = "hunter2"
    static let gpuUUIDs = ["GPU-7a1b2c3d-0000-1111-2222-333344445555", "GPU-8a1b2c3d-0000-1111-2222-333344445555"]
    static let modelBytes: [UInt8] = (0 ..< 70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    static let vcsCommit = "0123456789abcdef0123456789abcdef01234567"

    let directory: TemporaryDirectory
    var root: String { directory.path }
    var project: String { directory.url("project") }
    var venv: String { directory.url("venv") }
    var sitePackages: String { directory.url("venv/lib/python3.12/site-packages") }
    var condaPrefix: String { directory.url("conda") }
    var bin: String { directory.url("bin") }
    var cache: String { directory.url("home/.cache-xdg") }

    init(withGit: Bool = true) throws {
        directory = try TemporaryDirectory("mlaudit-fake")
        try writeSystem()
        try writeVirtualEnvironment()
        try writeConda()
        try writeTools()
        try writeProject(withGit: withGit)
    }

    var environment: [String: String] {
        var path = bin
        if let git = hostGit { path += ":" + Path.parent(git) }
        return [
            "PATH": path,
            "HOME": directory.url("home"),
            "XDG_CACHE_HOME": cache,
            "VIRTUAL_ENV": venv,
            "CONDA_PREFIX": condaPrefix,
            "CONDA_DEFAULT_ENV": "ml",
            "KUBERNETES_SERVICE_HOST": "10.0.0.1",
            "PYTHONHASHSEED": "0",
            "OMP_NUM_THREADS": "4",
            "CUDA_VISIBLE_DEVICES": "0,1",
            "PIP_INDEX_URL": "https://alice:s3cr3tpass@pypi.example.com/simple",
            "MY_API_TOKEN": Self.secretValue,
            "HF_TOKEN": "hf_abcdefghijklmnopqrstuvwxyz012345",
            "BUILD_LABEL": "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "UNRELATED": "not recorded",
        ]
    }

    var context: SnapshotContext {
        var context = SnapshotContext(rootDirectory: root, environment: environment)
        context.workingDirectory = project
        context.kernel = HostInfo.Kernel(name: "Linux", release: "6.1.0-fake", version: "#1 SMP")
        context.architecture = "x86_64"
        context.hostname = "fakehost"
        return context
    }

    func options(_ configure: (inout SnapshotOptions) -> Void = { _ in }) -> SnapshotOptions {
        var options = SnapshotOptions(
            projectRoot: project,
            timestamp: .omitted,
            extraEnvironmentNames: ["MY_API_TOKEN", "BUILD_LABEL"],
            dataPaths: ["data", "model.bin"],
            commandLine: ["/usr/local/bin/mlaudit", "snapshot", "--env", "MY_API_TOKEN", "--index=https://bob:pw@example.com/x"],
            subprocessTimeout: 10
        )
        configure(&options)
        return options
    }

    func capture(_ configure: (inout SnapshotOptions) -> Void = { _ in }) -> Manifest {
        Snapshotter(options: options(configure), context: context).capture()
    }

    // MARK: - Tree

    private func writeSystem() throws {
        try directory.write("etc/os-release", """
        PRETTY_NAME="Fake Linux 1.2 (Test)"
        NAME="Fake Linux"
        VERSION_ID="1.2"
        VERSION="1.2 (Test)"
        ID=fakelinux
        # comment
        HOME_URL="https://example.com/"
        """)
        try directory.write("proc/cpuinfo", """
        processor\t: 0
        vendor_id\t: GenuineIntel
        model name\t: Intel(R) Xeon(R) Fake CPU @ 2.00GHz
        flags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512_vnni amx_tile something

        processor\t: 1
        vendor_id\t: GenuineIntel
        model name\t: Intel(R) Xeon(R) Fake CPU @ 2.00GHz
        flags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512_vnni amx_tile something

        """)
        try directory.write("proc/meminfo", "MemTotal:       16384000 kB\nMemFree:         1000 kB\n")
        try directory.write("proc/1/cgroup", "0::/kubepods/besteffort/pod1234/abcd\n")
        try directory.write(".dockerenv", "")
        try directory.write("var/lib/dpkg/status", """
        Package: zlib1g
        Status: install ok installed
        Priority: required
        Architecture: amd64
        Version: 1:1.2.13.dfsg-1
        Description: compression library - runtime
         zlib is a library implementing the deflate compression method found
         in gzip and PKZIP.

        Package: removed-pkg
        Status: deinstall ok config-files
        Architecture: amd64
        Version: 0.1

        Package: bash
        Status: install ok installed
        Architecture: amd64
        Version: 5.2.15-2+b2

        Package: libc6
        Status: install ok installed
        Architecture: i386
        Version: 2.36-9
        """)
        try directory.write("lib/apk/db/installed", "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\n\nP:busybox\nV:1.36.1-r5\nA:x86_64\n")
        try directory.makeDirectory("var/lib/rpm")
        try directory.write("usr/local/cuda/version.json", #"{"cuda": {"name": "CUDA SDK", "version": "12.2.2"}, "nvcc": {"version": "12.2.140"}}"#)
        try directory.write("usr/local/cuda/include/cudnn_version.h", """
        #ifndef CUDNN_VERSION_H_
        #define CUDNN_MAJOR 8
        #define CUDNN_MINOR 9
        #define CUDNN_PATCHLEVEL 2
        #define CUDNN_VERSION (CUDNN_MAJOR * 1000 + CUDNN_MINOR * 100 + CUDNN_PATCHLEVEL)
        #endif
        """)
    }

    private func writeVirtualEnvironment() throws {
        try directory.write("venv/pyvenv.cfg", "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.12.1\n")
        let site = "venv/lib/python3.12/site-packages"
        try directory.write("\(site)/numpy-1.26.4.dist-info/METADATA", """
        Metadata-Version: 2.1
        Name: numpy
        Version: 1.26.4
        Summary: Fundamental package for array computing in Python

        Name: not-this-one
        Version: 0.0.0
        """)
        try directory.write("\(site)/numpy-1.26.4.dist-info/INSTALLER", "pip\n")
        try directory.write("\(site)/Scikit_Learn-1.4.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: Scikit_Learn\nVersion: 1.4.0\n")
        try directory.write("\(site)/Scikit_Learn-1.4.0.dist-info/INSTALLER", "uv")
        try directory.write("\(site)/mylib-0.1.dev3.dist-info/METADATA", "Metadata-Version: 2.1\r\nName: MyLib\r\nVersion: 0.1.dev3\r\n\r\n")
        try directory.write("\(site)/mylib-0.1.dev3.dist-info/INSTALLER", "pip\n")
        try directory.write("\(site)/mylib-0.1.dev3.dist-info/direct_url.json", """
        {"url": "https://ci-bot:ghp_notarealtokenbutlongenough1234@github.com/org/mylib.git",
         "vcs_info": {"vcs": "git", "commit_id": "\(Self.vcsCommit)", "requested_revision": "main"}}
        """)
        try directory.write("\(site)/localpkg-0.0.1.dist-info/METADATA", "Name: localpkg\nVersion: 0.0.1\n\n")
        try directory.write("\(site)/localpkg-0.0.1.dist-info/direct_url.json", #"{"url": "file:///work/localpkg", "dir_info": {"editable": true}}"#)
        try directory.write("\(site)/wheelpkg-2.0.dist-info/METADATA", "Name: wheelpkg\nVersion: 2.0\n")
        try directory.write("\(site)/wheelpkg-2.0.dist-info/direct_url.json", """
        {"url": "https://files.example.com/wheelpkg-2.0-py3-none-any.whl", "archive_info": {"hashes": {"sha256": "aa11"}}}
        """)
        try directory.makeDirectory("\(site)/nometa-3.1.dist-info")
        try directory.write("\(site)/Old.Package-0.9.egg-info/PKG-INFO", "Metadata-Version: 1.0\nName: Old.Package\nVersion: 0.9\n")
        try directory.write("\(site)/legacy-2.0-py3.12.egg-info", "Metadata-Version: 1.1\nName: legacy\nVersion: 2.0\n")
        try directory.write("\(site)/numpy/__init__.py", "")

        // The interpreter: answers the probe like the real script would.
        let fields: [(String, String)] = [
            ("executable", Path.join(venv, "bin/python3")), ("version", "3.12.1"),
            ("build", "3.12.1 (main, Jan 1 2024, 00:00:00) [GCC 12.2.0]"), ("implementation", "cpython"),
            ("platform", "linux"), ("prefix", venv), ("base_prefix", directory.url("base")),
            ("path", directory.url("base/lib/python312.zip")), ("path", directory.url("base/lib/python3.12")),
            ("path", directory.url(site)), ("site", directory.url(site)),
            ("usersite", directory.url("home/.local/lib/python3.12/site-packages")),
        ]
        let answer = fields.map { $0.0 + "\u{0}" + $0.1 }.joined(separator: "\u{0}")
        let answerPath = try directory.write("venv/probe-answer", answer)
        try directory.write("venv/bin/python3", "#!/bin/sh\nexec cat '\(answerPath)'\n", executable: true)
    }

    private func writeConda() throws {
        let files = (0 ..< 200).map { "\"lib/python3.12/site-packages/x/file\($0).py\"" }.joined(separator: ", ")
        try directory.write("conda/conda-meta/python-3.12.1-hab00c5b_1_cpython.json", """
        {
          "build": "hab00c5b_1_cpython",
          "build_number": 1,
          "channel": "https://conda.anaconda.org/conda-forge/linux-64",
          "depends": ["bzip2 >=1.0.8,<2.0a0", {"nested": ["x", "}"]}],
          "files": [\(files)],
          "name": "python",
          "subdir": "linux-64",
          "version": "3.12.1"
        }
        """)
        try directory.write("conda/conda-meta/private-lib-1.0-0.json", """
        {"files": ["a\\"b"], "name": "private-lib", "version": "1.0", "build": "0",
         "channel": "https://user:pa55@conda.example.com/private/linux-64"}
        """)
        try directory.write("conda/conda-meta/history", "==> 2024-01-01 <==\n")
    }

    private func writeTools() throws {
        let csv = """
        NVIDIA A100-SXM4-40GB, 40960 MiB, 535.104.05, 8.0, \(Self.gpuUUIDs[0])
        NVIDIA A100-SXM4-40GB, 40960 MiB, 535.104.05, 8.0, \(Self.gpuUUIDs[1])
        """
        try directory.write("bin/nvidia-smi", """
        #!/bin/sh
        [ "$1" = "\(NvidiaSMIParser.arguments[0])" ] && [ "$2" = "\(NvidiaSMIParser.arguments[1])" ] || exit 9
        cat <<'CSV'
        \(csv)
        CSV
        """, executable: true)
        try directory.write("bin/nvcc", """
        #!/bin/sh
        echo "nvcc: NVIDIA (R) Cuda compiler driver"
        echo "Cuda compilation tools, release 12.2, V12.2.140"
        """, executable: true)
    }

    private func writeProject(withGit: Bool) throws {
        try directory.write("project/requirements.txt", "numpy==1.26.4\n")
        try directory.write("project/pyproject.toml", "[project]\nname = \"demo\"\n")
        try directory.write("project/uv.lock", "version = 1\n")
        try directory.write("project/train.py", "print('hi')\n")
        try directory.write("project/envs/environment-gpu.yml", "name: gpu\n")
        try directory.write("project/envs/requirements-dev.txt", "pytest\n")
        try directory.write("project/envs/deeper/requirements.txt", "too deep\n")
        try directory.write("project/.hidden/requirements.txt", "hidden\n")
        try directory.write("project/localvenv/pyvenv.cfg", "home = /usr/bin\n")
        try directory.write("project/localvenv/requirements.txt", "belongs to the venv\n")
        try directory.write("project/data/train.csv", "a,b\n1,2\n")
        try directory.write("project/data/nested/labels.txt", "cat\ndog\n")
        try directory.write("project/model.bin", Self.modelBytes)

        guard withGit, let git = hostGit else { return }
        let env = ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
                   "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        try runTool(git, ["init", "-q", "-b", "main"], in: project, environment: env)
        try runTool(git, ["add", "requirements.txt", "pyproject.toml", "train.py"], in: project, environment: env)
        try runTool(git, ["commit", "-q", "-m", "initial"], in: project, environment: env)
        try runTool(git, ["remote", "add", "origin", "https://deploy:glpat-abcdefghijklmnopqrst@gitlab.example.com/team/demo.git"],
                     in: project, environment: env)
        try directory.write("project/train.py", "print('changed')\n")
    }
}
