import MLAuditParsers
import Testing

@Suite struct ShellInstallCommandTests {
    func install(_ text: String, variables: [String: String] = [:], make: Bool = false) -> InstallCommand? {
        ShellSplitter.split(text).commands.lazy.compactMap {
            InstallCommandRecognizer.recognize($0, variables: variables, makeSyntax: make)
        }.first
    }

    @Test(arguments: [
        ("pip install torch", PackageTool.pip),
        ("pip3 install torch", .pip),
        ("python -m pip install torch", .pip),
        ("python3.11 -u -m pip install torch", .pip),
        ("/opt/conda/bin/python3 -m pip --no-cache-dir install torch", .pip),
        ("sudo -H pip3 install torch", .pip),
        ("env PIP_NO_CACHE_DIR=1 pip install torch", .pip),
        ("CUDA=1 pip install torch", .pip),
        ("then pip install torch", .pip),
        ("uv pip install torch", .uvPip),
        ("uv --no-cache pip install --system torch", .uvPip),
        // `uv add` resolves the newest allowed version and installs it, like an unpinned pip install.
        ("uv add torch", .uvPip),
        ("uv add --group test torch", .uvPip),
        ("pipx install torch", .pipx),
        ("conda install -y -c pytorch torch", .conda),
        ("mamba create -n env torch", .mamba),
        ("micromamba install -y torch", .micromamba),
        ("conda run -n base pip install torch", .pip),
        ("poetry run pip install torch", .pip),
        ("{sys.executable} -m pip install torch", .pip),
    ])
    func recognizesInstallers(_ text: String, _ tool: PackageTool) throws {
        let found = try #require(install(text))
        #expect(found.tool == tool)
        #expect(found.packages.map(\.text) == ["torch"])
    }

    @Test(arguments: ["pip download torch", "pip uninstall -y torch", "conda env create -f environment.yml", "echo pip install torch",
                      "python train.py install", "python -c 'import pip'", "apt-get update", "conda list", "uv remove torch"])
    func ignoresOtherCommands(_ text: String) {
        #expect(install(text) == nil)
    }

    @Test func optionValuesAreNotPackages() throws {
        let found = try #require(install("pip install -r requirements.txt -i https://x/simple --extra-index-url=https://y -e ./pkg -Ur dev.txt --no-deps torch -c c.txt"))
        #expect(found.packages.map(\.text) == ["torch"])
        #expect(found.editables.map(\.text) == ["./pkg"])
        #expect(found.options(named: ["-r", "--requirement"]).compactMap(\.value) == ["requirements.txt", "dev.txt"])
        #expect(found.options(named: ["--extra-index-url"]).compactMap(\.value) == ["https://y"])
        #expect(found.usesConstraints)
    }

    @Test func condaOptions() throws {
        let found = try #require(install("conda create -n train -c conda-forge -y python=3.11.9 numpy --file more.txt"))
        #expect(found.packages.map(\.text) == ["python=3.11.9", "numpy"])
    }

    @Test func systemOptions() throws {
        let apt = try #require(install("apt-get -qq update; DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confold git curl=7.88.1-10"))
        #expect(apt.tool == .aptGet)
        #expect(apt.packages.map(\.text) == ["git", "curl=7.88.1-10"])
        let apk = try #require(install("apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.4-r2"))
        #expect(apk.packages.map(\.text) == ["gcc", "musl-dev=1.2.4-r2"])
        let dnf = try #require(install("dnf -y install --setopt=tsflags=nodocs gcc python3-devel-3.11.2"))
        #expect(dnf.packages.map(\.text) == ["gcc", "python3-devel-3.11.2"])
    }

    @Test func variablesAreExpandedFromKnownValues() throws {
        let found = try #require(install("$PIP_INSTALL torch \"$EXTRA\"", variables: ["PIP_INSTALL": "python -m pip --no-cache-dir install --upgrade", "EXTRA": "numpy pandas"]))
        #expect(found.packages.map(\.text) == ["torch", "numpy pandas"])
        let make = try #require(install("$(PYTHON) -m pip install $(PKGS)", variables: ["PYTHON": "python3", "PKGS": "scipy"], make: true))
        #expect(make.packages.map(\.text) == ["scipy"])
        #expect(make.packages[0].offset == 25)
        let unresolved = try #require(install("pip install $PKGS torch==${TORCH_VERSION}"))
        #expect(unresolved.packages.map(\.text) == ["$PKGS", "torch==${TORCH_VERSION}"])
    }

    @Test(arguments: [
        ("torch==2.4.1", true), ("torch===2.4.1", true), ("torch[cuda]==2.4.1+cu121", true), ("torch==${V}", true),
        ("torch == 2.4.1", true), ("torch==2.4.1; python_version < '3.12'", true), ("torch>=2,==2.1.0", true),
        ("torch", false), ("torch>=2.0", false), ("torch~=2.4", false), ("torch==2.*", false), ("Torch[cuda]", false),
    ])
    func pythonExactness(_ text: String, _ exact: Bool) {
        guard case .requirement(_, _, let isExact) = PackageArguments.classifyPython(text) else {
            Issue.record("\(text) is not a requirement")
            return
        }
        #expect(isExact == exact, "\(text)")
    }

    @Test func pythonNonRequirements() {
        for local in [".", "..", "./pkg", ".[dev]", "dist/model-1.0-py3-none-any.whl", "model-1.0.tar.gz", "/wheels/*.whl", "~/src/lib", "file:///tmp/x"] {
            #expect(PackageArguments.classifyPython(local) == .localPath, "\(local)")
        }
        #expect(PackageArguments.classifyPython("git+https://github.com/org/repo@v1") == .vcs(url: "git+https://github.com/org/repo@v1", name: nil))
        #expect(PackageArguments.classifyPython("lib @ git+https://github.com/org/lib.git@main") == .vcs(url: "git+https://github.com/org/lib.git@main", name: "lib"))
        #expect(PackageArguments.classifyPython("https://example.com/x-1.0.tar.gz") == .url(url: "https://example.com/x-1.0.tar.gz", name: nil))
        #expect(PackageArguments.classifyPython("$PKGS") == .unknown)
    }

    @Test(arguments: [
        ("python=3.11.9", true), ("numpy==1.26.4", true), ("conda-forge::numpy=1.26.4", true), ("pytorch=2.1.0=py3.11_cuda12.1_cudnn8_0", true),
        ("numpy 1.26.4", true), ("numpy[version='1.26.4']", true), ("python=${PY_VERSION}", true),
        ("python=3.11", false),
        ("numpy", false), ("numpy>=1.20", false), ("numpy=1.26.*", false), ("numpy=1.26|1.27", false), ("numpy[version='>=1.20']", false),
    ])
    func condaExactness(_ text: String, _ exact: Bool) {
        guard case .spec(_, _, let isExact) = PackageArguments.classifyConda(text) else {
            Issue.record("\(text) is not a spec")
            return
        }
        #expect(isExact == exact, "\(text)")
    }

    @Test func systemPackages() {
        func classify(_ text: String, _ tool: PackageTool) -> SystemPackageArgument {
            PackageArguments.classifySystem(ShellWord(text: text, raw: text, offset: 0, endOffset: text.utf8.count), tool: tool)
        }
        #expect(classify("curl=7.88.1-10+deb12u5", .aptGet) == .pinned)
        #expect(classify("curl", .aptGet) == .unpinned(name: "curl"))
        #expect(classify("curl/bookworm-backports", .aptGet) == .unpinned(name: "curl"))
        #expect(classify("./local.deb", .aptGet) == .skip)
        #expect(classify("musl-dev=1.2.4-r2", .apk) == .pinned)
        #expect(classify("musl-dev~1.2", .apk) == .pinned)
        #expect(classify("musl-dev>1.2", .apk) == .unpinned(name: "musl-dev"))
        #expect(classify("gcc-8.5.0-18.el8", .dnf) == .pinned)
        #expect(classify("java-11-openjdk", .dnf) == .unpinned(name: "java-11-openjdk"))
        #expect(classify("python3-devel", .yum) == .unpinned(name: "python3-devel"))
        #expect(classify("@development", .yum) == .skip)
    }

    @Test func vcsAndURLHelpers() {
        #expect(PackageArguments.vcsRevision("git+https://github.com/org/repo.git@v1.2#egg=repo") == "v1.2")
        #expect(PackageArguments.vcsRevision("git+ssh://git@github.com/org/repo.git") == nil)
        #expect(PackageArguments.vcsRevision("git+ssh://git@github.com/org/repo.git@0123456789abcdef0123456789abcdef01234567")
            == "0123456789abcdef0123456789abcdef01234567")
        #expect(PackageArguments.isFullCommitHash("0123456789abcdef0123456789abcdef01234567"))
        #expect(!PackageArguments.isFullCommitHash("0123456"))
        #expect(PackageArguments.urlHasHash("https://x/y.whl#sha256=abc"))
        #expect(!PackageArguments.urlHasHash("https://x/y.whl#egg=y"))
    }
}
