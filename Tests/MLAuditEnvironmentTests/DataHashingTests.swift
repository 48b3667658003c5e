import Foundation
@testable import MLAuditEnvironment
import MLAuditHashing
import Testing

@Suite struct DataHashingTests {
    @Test func streamsLargeFiles() throws {
        let directory = try TemporaryDirectory()
        let bytes = (0 ..< (FileHasher.bufferSize * 2 + 12345)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let path = try directory.write("big.bin", bytes)
        let result = try FileHasher().hash(path: path)
        #expect(result.size == Int64(bytes.count))
        #expect(result.digest == SHA256.hash(bytes))
    }

    @Test func unreadableFileIsReported() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: FileSystemError.self) { try FileHasher().hash(path: directory.url("absent")) }
    }

    /// Second snapshot takes the digest from the cache: proven by changing
    /// the content while keeping size, mtime and inode.
    @Test func cacheIsKeyedByPathSizeMtimeInode() throws {
        let directory = try TemporaryDirectory()
        let project = try directory.makeDirectory("project")
        let file = try directory.write("project/d.bin", "aaaa")
        var context = SnapshotContext(rootDirectory: directory.path, environment: ["XDG_CACHE_HOME": directory.url("xdg")])
        context.workingDirectory = project
        func hashOnce() -> String? {
            DataCollector(context: context, projectRoot: project, paths: ["d.bin"], useCache: true)
                .collect().content?.entries.first?.sha256
        }
        let original = hashOnce()
        #expect(original == SHA256.hash("aaaa").hex)
        #expect(FileSystem.isRegularFile(directory.url("xdg/mlaudit/\(HashCache.fileName)")))

        let before = try #require(FileSystem.status(file))
        let fd = open(file, O_WRONLY)
        _ = "bbbb".withCString { write(fd, $0, 4) }
        close(fd)
        var times = [
            timespec(tv_sec: Int(before.modificationNanoseconds / 1_000_000_000), tv_nsec: Int(before.modificationNanoseconds % 1_000_000_000)),
            timespec(tv_sec: Int(before.modificationNanoseconds / 1_000_000_000), tv_nsec: Int(before.modificationNanoseconds % 1_000_000_000)),
        ]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        #expect(hashOnce() == original, "unchanged key: the cached digest is used")

        times[1].tv_sec += 10
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        #expect(hashOnce() == SHA256.hash("bbbb").hex, "a new mtime invalidates the entry")

        let uncached = DataCollector(context: context, projectRoot: project, paths: ["d.bin"], useCache: false).collect()
        #expect(uncached.content?.entries.first?.sha256 == SHA256.hash("bbbb").hex)
    }

    @Test func cacheNeverInsideProject() throws {
        let directory = try TemporaryDirectory()
        let project = try directory.makeDirectory("project")
        try directory.write("project/d.bin", "x")
        var context = SnapshotContext(rootDirectory: directory.path, environment: [:])
        context.workingDirectory = project
        context.cacheDirectory = Path.join(project, ".cache/mlaudit")
        let section = DataCollector(context: context, projectRoot: project, paths: ["d.bin"], useCache: true).collect()
        #expect(section.content?.entries.first?.sha256 == SHA256.hash("x").hex)
        #expect(section.warnings.first?.contains("inside the project") == true)
        #expect(!FileSystem.exists(Path.join(project, ".cache")))
    }

    @Test func cacheFileRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let cache = HashCache(directory: directory.path)
        let status = FileStatus(kind: .regular, size: 3, modificationNanoseconds: 42, inode: 7, device: 1, mode: 0o644)
        let odd = "/data/with\ttab\nand\\slash"
        cache.store(path: odd, status: status, sha256: SHA256.hash("x").hex)
        try cache.save()
        let reloaded = HashCache(directory: directory.path)
        #expect(reloaded.lookup(path: odd, status: status) == SHA256.hash("x").hex)
        #expect(reloaded.lookup(path: "/other", status: status) == nil)
    }

    @Test func symlinkedDirectoriesAreNotFollowed() throws {
        let directory = try TemporaryDirectory()
        let project = try directory.makeDirectory("p")
        try directory.write("p/data/a.txt", "a")
        try directory.write("outside/secret.txt", "s")
        try FileManager.default.createSymbolicLink(atPath: directory.url("p/data/link"), withDestinationPath: directory.url("outside"))
        try FileManager.default.createSymbolicLink(atPath: directory.url("p/data/loop"), withDestinationPath: directory.url("p/data"))
        try FileManager.default.createSymbolicLink(atPath: directory.url("p/data/alias.txt"), withDestinationPath: directory.url("p/data/a.txt"))
        var context = SnapshotContext(rootDirectory: directory.path, environment: [:])
        context.workingDirectory = project
        let entry = try #require(DataCollector(context: context, projectRoot: project, paths: ["data"], useCache: false).collect().content?.entries.first)
        #expect(entry.files?.map(\.path) == ["a.txt", "alias.txt"])
    }
}
