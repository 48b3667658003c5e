import Foundation
@testable import MLAuditScanner
import MLAuditTestSupport
import Testing

/// Roots of one scan share a parsed index; a changed index is read again.
@Suite struct GitIndexCacheTests {
    @Test func pathsUnderADirectoryAreTheOnesWithItsPrefix() throws {
        guard let tree = try GitIndexTests.repository() else { return }
        let entry = try #require(try GitIndexCache.shared.load(tree.path + "/.git/index", objectIDLength: 20)?.get())
        #expect(Set(entry.paths(under: "")) == Set(GitIndexTests.files.keys))
        #expect(Array(entry.paths(under: "src/")) == ["src/train.py", "src/train_utils.py", "src/trainer/loop.py"])
        #expect(Array(entry.paths(under: "src/trainer/")) == ["src/trainer/loop.py"])
        #expect(Array(entry.paths(under: "data/nested/")) == ["data/nested/deeper/b.csv"])
        #expect(Array(entry.paths(under: "weights/")) == ["weights/ünïcode.pt"])
        #expect(entry.paths(under: "missing/").isEmpty)
        #expect(entry.paths(under: "zzz/").isEmpty)
    }

    @Test func aChangedIndexIsReadAgain() throws {
        guard let tree = try GitIndexTests.repository() else { return }
        let path = tree.path + "/.git/index"
        let before = try #require(try GitIndexCache.shared.load(path, objectIDLength: 20)?.get())
        #expect(!before.sortedPaths.contains("added.txt"))
        try tree.write("added.txt", "new\n")
        #expect(GitIndexTests.run(["add", "added.txt"], tree))
        let after = try #require(try GitIndexCache.shared.load(path, objectIDLength: 20)?.get())
        #expect(after.sortedPaths.contains("added.txt"))
    }

    @Test func trackedFilesOfASubdirectoryRootAreRelativeToIt() throws {
        guard let tree = try GitIndexTests.repository() else { return }
        let tracked = TrackedFiles.load(root: tree.url.appendingPathComponent("src"), displayRoot: "src")
        #expect(tracked.paths == ["train.py", "train_utils.py", "trainer/loop.py"])
        #expect(tracked.directories == ["trainer"])
    }
}
