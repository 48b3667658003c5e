@testable import MLAuditEnvironment
import MLAuditHashing
import Testing

@Suite struct ParserTests {
    @Test func osReleaseQuoting() {
        let fields = OSReleaseParser.parse("NAME='Alpine Linux'\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Say \\\"hi\\\"\"\n\n# x\n")
        #expect(fields["NAME"] == "Alpine Linux")
        #expect(fields["ID"] == "alpine")
        #expect(fields["VERSION_ID"] == "3.19.1")
        #expect(fields["PRETTY_NAME"] == "Say \"hi\"")
    }

    @Test func cpuInfoOnArm() {
        let cpu = ProcInfoParser.cpu(fromCPUInfo: """
        processor\t: 0
        BogoMIPS\t: 50.00
        Features\t: fp asimd evtstrm aes sve bf16 i8mm
        CPU implementer\t: 0x41

        processor\t: 1
        Features\t: fp asimd evtstrm aes sve bf16 i8mm
        """)
        #expect(cpu.logicalCores == 2)
        #expect(cpu.features == ["asimd", "bf16", "i8mm", "sve"])
        #expect(cpu.vendor == "0x41")
        #expect(cpu.model == nil)
    }

    @Test func memInfo() {
        #expect(ProcInfoParser.memoryTotal(fromMemInfo: "MemTotal:        2048 kB\n") == 2_097_152)
        #expect(ProcInfoParser.memoryTotal(fromMemInfo: "MemFree: 1 kB\n") == nil)
    }

    @Test func nvidiaSMI() {
        let gpus = NvidiaSMIParser.parse("Tesla T4, 15360 MiB, 550.54.15, 7.5, GPU-abc\n\nbroken line\nX, [N/A], [N/A], [N/A], [N/A]\n")
        #expect(gpus.count == 2)
        #expect(gpus[0].memoryTotalMiB == 15360)
        #expect(gpus[0].computeCapability == "7.5")
        #expect(gpus[0].uuidSHA256 == SHA256.hash("GPU-abc").hex)
        #expect(gpus[1].index == 1)
        #expect(gpus[1].memoryTotalMiB == nil)
        #expect(gpus[1].driverVersion == nil)
        #expect(gpus[1].uuidSHA256 == nil)
    }

    @Test func cudaVersions() {
        #expect(CUDAProbe.version(fromVersionText: "CUDA Version 11.0.228\n") == "11.0.228")
        #expect(CUDAProbe.version(fromVersionJSON: #"{"cuda":{"version":"12.4.1"}}"#) == "12.4.1")
        #expect(CUDAProbe.version(fromVersionJSON: "not json") == nil)
        #expect(CUDAProbe.version(fromNvccOutput: "Cuda compilation tools, release 11.8, V11.8.89\nBuild cuda_11.8") == "11.8.89")
        #expect(CuDNNProbe.version(fromHeader: "#define CUDNN_MAJOR 9\n#define CUDNN_MINOR 1\n#define CUDNN_PATCHLEVEL 0\n") == "9.1.0")
        #expect(CuDNNProbe.version(fromHeader: "nothing") == nil)
    }

    @Test func cuDNNFromLibraryNames() throws {
        let directory = try TemporaryDirectory()
        try directory.write("lib/libcudnn.so.8", "")
        try directory.write("lib/libcudnn.so.8.9.7", "")
        try directory.write("lib/libcudnn.so.8.10.0", "")
        var context = SnapshotContext(rootDirectory: directory.path, environment: [:])
        context.cudnnSearchDirectories = [directory.url("include"), directory.url("lib")]
        let found = CuDNNProbe(context: context).probe()
        #expect(found.version == "8.10.0")
        #expect(found.source == directory.url("lib/libcudnn.so.8.10.0"))
        context.cudnnSearchDirectories = [directory.url("none")]
        #expect(CuDNNProbe(context: context).probe().status == .absent)
    }

    @Test func apkDatabase() {
        let packages = ApkDatabaseParser.parse("P:a\nV:1\nA:x86_64\n\nP:b\nV:2\n")
        #expect(packages == [SystemPackage(name: "a", version: "1", architecture: "x86_64"), SystemPackage(name: "b", version: "2")])
    }

    @Test func dpkgCRLFAndMissingFinalNewline() {
        let packages = DpkgStatusParser.parse(Array("Package: a\r\nStatus: install ok installed\r\nVersion: 1\r\n\r\nPackage: b\nStatus: install ok installed\nVersion: 2".utf8))
        #expect(packages.map(\.name) == ["a", "b"])
    }

    @Test func metadataHeaderStopsAtBlankLine() throws {
        let directory = try TemporaryDirectory()
        let body = String(repeating: "long description line\n", count: 20000)
        let path = try directory.write("METADATA", "Name: x\nVersion: 1\n\n" + body)
        let header = try FileSystem.readHeader(path)
        #expect(header.count <= 8192, "only the first chunk is read")
        #expect(RFC822.fields(in: header, wanted: ["Name", "Version"]) == ["Name": "x", "Version": "1"])
    }

    @Test(arguments: [
        ("Django", "django"), ("scikit_learn", "scikit-learn"), ("zope.interface", "zope-interface"),
        ("Foo__-._Bar", "foo-bar"), ("a", "a"),
    ])
    func pep503(_ raw: String, _ expected: String) {
        #expect(DistributionReader.normalize(raw) == expected)
    }

    @Test func condaRecordScanner() throws {
        let text = #"{"files": ["a\"}", {"x": [1, {"y": "]"}]}], "n": 1.5e3, "ok": true, "name": "caf\u00e9", "version": "1"}"#
        let fields = JSONTopLevelScanner.strings(in: Array(text.utf8), keys: ["name", "version", "channel"])
        #expect(fields == ["name": "café", "version": "1"])
        #expect(JSONTopLevelScanner.strings(in: Array("[1]".utf8), keys: ["name"]) == nil)
        let directory = try TemporaryDirectory()
        let package = try CondaCollector.package(at: try directory.write("x-y-1.0-py_0.json", "{}"), fileName: "x-y-1.0-py_0.json")
        #expect(package == CondaPackage(name: "x-y", version: "1.0", build: "py_0"), "falls back to the file name")
    }

    @Test func gitConfig() {
        let config = GitConfig.parse("""
        [core]
        \tbare = false
        [remote "origin"]
        \turl = https://u:t@example.com/a.git
        \tfetch = +refs/heads/*:refs/remotes/origin/*
        [remote "upstream"]
        \turl = "git@example.com:b.git"
        [branch "main"]
        \tremote = upstream
        """)
        #expect(config.remotes == ["origin": "https://u:t@example.com/a.git", "upstream": "git@example.com:b.git"])
        #expect(config.branchRemotes == ["main": "upstream"])
    }

    @Test func gitStatusPorcelain() {
        let status = GitStatusReader.parse(Array(" M b.py\0?? new/\0A  a.py\0 D gone.txt\0?? z.txt\0".utf8))
        #expect(status.modified == ["a.py", "b.py", "gone.txt"])
        #expect(status.untracked == ["new/", "z.txt"])
    }

    @Test func pythonProbeAnswer() {
        let answer = "executable\0/p/bin/python\0version\03.13.0rc1\0prefix\0/p\0path\0/a\0path\0/b\0site\0/b"
        let facts = PythonInterpreterProbe.parse(Array(answer.utf8))
        #expect(facts?.version == "3.13.0rc1")
        #expect(facts?.sysPath == ["/a", "/b"])
        #expect(facts?.sitePackages == ["/b"])
        #expect(facts?.basePrefix == "/p")
        #expect(PythonInterpreterProbe.parse(Array("garbage".utf8)) == nil)
    }

    @Test func lockfileNames() {
        for name in ["requirements.txt", "requirements-dev.txt", "requirements_gpu.txt", "pyproject.toml", "poetry.lock",
                     "uv.lock", "pdm.lock", "pylock.toml", "pylock.gpu.toml", "Pipfile", "Pipfile.lock", "environment.yml",
                     "environment-cuda.yml", "conda-lock.yml", "setup.cfg", "setup.py"] {
            #expect(LockfileCollector.isLockfile(name), "\(name)")
        }
        for name in ["requirements.in", "README.md", "pylockfile.toml", "setup.pyc"] {
            #expect(!LockfileCollector.isLockfile(name), "\(name)")
        }
    }
}
