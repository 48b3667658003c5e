import Foundation
@testable import MLAuditScanner
import MLAuditTestSupport
import Testing

/// The index reader against indexes written by git itself, in every format it writes.
@Suite struct GitIndexTests {
    static let files = [
        "README.md": "# x\n", "data/a.csv": "a\n", "data/nested/deeper/b.csv": "b\n", "src/train.py": "print(1)\n",
        "src/train_utils.py": "x = 1\n", "src/trainer/loop.py": "y = 2\n", "weights/ünïcode.pt": "w\n",
    ]

    /// A repository with `files` added, or nil when git is not installed.
    static func repository() throws -> TemporaryTree? {
        let tree = try TemporaryTree(files: files)
        guard run(["init", "-q"], tree), run(["add", "."], tree) else { return nil }
        return tree
    }

    @discardableResult
    static func run(_ arguments: [String], _ tree: TemporaryTree) -> Bool {
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": tree.path, "GIT_CONFIG_NOSYSTEM": "1"]
        guard let result = try? CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "-c", "core.quotepath=off"] + arguments,
                                                  in: tree.url, environment: environment) else { return false }
        return result.status == 0
    }

    @Test(arguments: [2, 3, 4])
    func readsEveryVersion(_ version: Int) throws {
        guard let tree = try Self.repository() else { return }
        #expect(Self.run(["update-index", "--index-version", "\(version)"], tree))
        if version == 3 {
            // Version 3 exists for extended flags: give one entry intent-to-add.
            try tree.write("later.txt", "l\n")
            #expect(Self.run(["add", "--intent-to-add", "later.txt"], tree))
        }
        let bytes = try Array(Data(contentsOf: tree.url.appendingPathComponent(".git/index")))
        let index = try GitIndex.parse(bytes)
        var expected = Set(Self.files.keys)
        if version == 3 { expected.insert("later.txt") }
        #expect(Set(index.paths) == expected)
    }

    @Test func splitIndexIsNotReadPartially() throws {
        guard let tree = try Self.repository() else { return }
        #expect(Self.run(["update-index", "--split-index"], tree))
        let bytes = try Array(Data(contentsOf: tree.url.appendingPathComponent(".git/index")))
        #expect(throws: GitIndex.ReadError.self) { try GitIndex.parse(bytes) }
        let tracked = TrackedFiles.load(root: tree.url, displayRoot: ".")
        #expect(tracked.paths == nil)
        #expect(tracked.problem?.message.contains("split index") == true)
        #expect(tracked.problem?.isMalformed == false)
    }

    @Test func scanRootBelowTheTopOfTheWorkTree() throws {
        guard let tree = try Self.repository() else { return }
        let tracked = TrackedFiles.load(root: tree.url.appendingPathComponent("src"), displayRoot: "src")
        #expect(tracked.paths == ["train.py", "train_utils.py", "trainer/loop.py"])
        #expect(tracked.directories == ["trainer"])
    }

    @Test(arguments: [0, 11, 40, 100])
    func truncatedIndexIsMalformed(_ keep: Int) throws {
        guard let tree = try Self.repository() else { return }
        let bytes = try Array(Data(contentsOf: tree.url.appendingPathComponent(".git/index")))
        #expect(throws: GitIndex.ReadError.self) { try GitIndex.parse(Array(bytes.prefix(keep))) }
    }

    @Test func garbageIsMalformedNotACrash() {
        var generator = SeededGenerator(state: 5)
        for _ in 0..<200 {
            var bytes = Array("DIRC".utf8) + [0, 0, 0, UInt8(2 + generator.next() % 3)]
            bytes += (0..<Int(generator.next() % 300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = try? GitIndex.parse(bytes)
        }
    }
}

/// Git LFS patterns with gitattributes semantics.
@Suite struct LFSAttributesTests {
    func attributes(_ files: [String: String]) throws -> (LFSAttributes, TemporaryTree) {
        let tree = try TemporaryTree(files: files)
        try tree.write(".git/HEAD", "ref: refs/heads/main\n")
        let discovered = files.keys.sorted().map { path in
            DiscoveredFile(relativePath: path, displayPath: path, absolutePath: tree.url.appendingPathComponent(path).path,
                           kind: FileKind.classify(path: path), size: 0, isExplicit: false)
        }
        let index = ProjectIndex(root: tree.url, displayRoot: ".", files: discovered, isComplete: true)
        return (LFSAttributes.load(index: index), tree)
    }

    @Test func patternsFollowGitattributesRules() throws {
        let (lfs, _) = try attributes([
            ".gitattributes": "*.pt filter=lfs diff=lfs merge=lfs -text\nassets/** filter=lfs\n/top.bin filter=lfs\nmodels/*.onnx filter=lfs\n",
            "sub/.gitattributes": "*.pt -filter\nlocal/*.ckpt filter=lfs\n",
        ])
        #expect(lfs.isLFS("w.pt"))
        #expect(lfs.isLFS("deep/er/w.pt"), "a pattern without a slash matches at any depth")
        #expect(!lfs.isLFS("sub/w.pt"), "a deeper file overrides")
        #expect(lfs.isLFS("assets/a/b/c.png"))
        #expect(lfs.isLFS("top.bin"))
        #expect(!lfs.isLFS("x/top.bin"), "a leading slash anchors")
        #expect(lfs.isLFS("models/m.onnx"))
        #expect(!lfs.isLFS("other/models/m.onnx"), "a pattern with a slash is anchored to its directory")
        #expect(lfs.isLFS("sub/local/e.ckpt"))
        #expect(!lfs.isLFS("local/e.ckpt"))
        #expect(lfs.coversDirectory("assets/images"))
        #expect(!lfs.coversDirectory("data"))
    }
}
