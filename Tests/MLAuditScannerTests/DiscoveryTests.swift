import Foundation
import MLAuditCore
@testable import MLAuditScanner
import MLAuditTestSupport
import Testing

@Suite struct DiscoveryTests {
    func walk(_ tree: TemporaryTree, configuration: Configuration = Configuration()) -> [String] {
        var discovery = FileDiscovery(root: tree.url, displayRoot: ".", configuration: configuration)
        discovery.walkAll()
        return discovery.files.map(\.relativePath)
    }

    @Test func honoursNestedGitignoreNegationAndAnchoring() throws {
        let tree = try TemporaryTree(files: [
            ".git/HEAD": "ref: refs/heads/main\n",
            ".gitignore": "*.log\n/build\ndata/\n!keep.log\n",
            "train.py": "",
            "run.log": "",
            "keep.log": "",
            "build/out.py": "",
            "src/build/kept.py": "",
            "data/raw.csv": "",
            "src/data/x.py": "",
            "src/.gitignore": "generated_*.py\n!generated_ok.py\n",
            "src/generated_a.py": "",
            "src/generated_ok.py": "",
            "src/model.py": "",
        ])
        #expect(walk(tree) == [
            ".gitignore", "keep.log", "src/.gitignore", "src/build/kept.py", "src/generated_ok.py", "src/model.py", "train.py",
        ])
    }

    @Test func dotIgnoreAndGitInfoExclude() throws {
        let tree = try TemporaryTree(files: [
            ".git/info/exclude": "scratch.py\n",
            ".ignore": "notes/\n",
            "scratch.py": "", "notes/a.py": "", "main.py": "",
        ])
        #expect(walk(tree) == [".ignore", "main.py"])
    }

    @Test func skipsVirtualenvsCachesAndVCS() throws {
        let tree = try TemporaryTree(files: [
            "env/pyvenv.cfg": "home = /usr/bin\n", "env/lib/python3.11/site-packages/torch/__init__.py": "",
            "condaenv/conda-meta/history": "", "condaenv/lib/x.py": "",
            "node_modules/x/index.js": "", "__pycache__/a.pyc": "", ".ipynb_checkpoints/nb-checkpoint.ipynb": "",
            "pkg/site-packages/y.py": "", ".hg/store": "", "app.py": "",
        ])
        #expect(walk(tree) == ["app.py"])
    }

    @Test func configuredExcludes() throws {
        let tree = try TemporaryTree(files: ["third_party/lib.py": "", "src/a.py": "", "src/a_pb2.py": ""])
        var config = Configuration()
        config.exclude = [GlobPattern("third_party/")!, GlobPattern("*_pb2.py")!]
        #expect(walk(tree, configuration: config) == ["src/a.py"])
    }

    @Test func neverFollowsLinksOutOfTheRoot() throws {
        let outside = try TemporaryTree(files: ["secret.py": "x = 1\n", "dir/a.py": ""])
        let tree = try TemporaryTree(files: ["inside.py": "", "real/b.py": ""])
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("escape.py").path, withDestinationPath: outside.url.appendingPathComponent("secret.py").path)
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("escape-dir").path, withDestinationPath: outside.url.appendingPathComponent("dir").path)
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("alias.py").path, withDestinationPath: "inside.py")
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("loop").path, withDestinationPath: ".")
        var discovery = FileDiscovery(root: tree.url, displayRoot: ".", configuration: Configuration())
        discovery.walkAll()
        #expect(discovery.files.map(\.relativePath) == ["alias.py", "inside.py", "real/b.py"])
        let skipped = discovery.diagnostics.filter { $0.kind == .skipped }.map(\.path)
        #expect(skipped == ["escape-dir", "escape.py"])
    }

    @Test func orderIsByteOrderWhateverTheFileSystem() throws {
        let tree = try TemporaryTree(files: ["b.py": "", "B.py": "", "a/z.py": "", "a.py": "", "_x.py": ""])
        #expect(walk(tree) == ["B.py", "_x.py", "a/z.py", "a.py", "b.py"])
    }

    @Test func explicitFilesAreCheckedEvenWhenIgnored() throws {
        let tree = try TemporaryTree(files: [".gitignore": "scripts/\n", "scripts/setup.sh": "pip install torch\n", "pyproject.toml": "[project]\nname='x'\n"])
        let roots = try ProjectRoots.resolve(paths: ["scripts/setup.sh"], base: tree.url)
        #expect(roots.count == 1)
        #expect(roots[0].url.standardizedFileURL.path == tree.url.standardizedFileURL.path)
        #expect(roots[0].explicitFiles?.map(\.relative) == ["scripts/setup.sh"])
    }

    @Test(arguments: [
        ("requirements.txt", FileKind.requirements), ("requirements-dev.txt", .requirements), ("requirements/gpu.txt", .requirements),
        ("constraints.txt", .constraintsOrRequirements), ("dev-requirements.txt", .requirements), ("requirements.in", .requirementsInput),
        ("notes.txt", .other), ("Dockerfile", .dockerfile), ("docker/Dockerfile.gpu", .dockerfile), ("train.Dockerfile", .dockerfile),
        ("Containerfile", .dockerfile), (".github/workflows/ci.yml", .githubWorkflow), ("docker-compose.yaml", .compose),
        ("compose.yml", .compose), ("environment.yml", .condaEnvironment), ("envs/environment-gpu.yaml", .condaEnvironment),
        ("conda-lock.yml", .condaLock), ("config/train.yaml", .yaml), ("train.py", .python), ("nb/explore.ipynb", .notebook),
        ("scripts/run.sh", .shell), ("Makefile", .makefile), ("pyproject.toml", .pyproject), ("Pipfile", .pipfile),
        ("Pipfile.lock", .pipfileLock), ("pylock.toml", .pylock), ("pylock.gpu.toml", .pylock), ("pip.conf", .pipConfig),
        (".gitlab-ci.yml", .gitlabCI), ("setup.cfg", .setupCfg), ("model.pt", .other),
    ])
    func classification(_ path: String, _ kind: FileKind) {
        let expected = kind == .constraintsOrRequirements ? FileKind.requirements : kind
        #expect(FileKind.classify(path: path) == expected, "\(path)")
    }
}

extension FileKind {
    /// Constraint files are read as requirements files.
    static let constraintsOrRequirements = FileKind.requirements
}
