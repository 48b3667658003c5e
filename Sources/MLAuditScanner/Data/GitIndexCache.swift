import Foundation
import MLAuditCore

/// Parsed git indexes, shared by the project roots of one scan: explicit files
/// from many packages of a monorepo make as many roots, all in one work tree,
/// and each would otherwise read and parse the same index. An entry is reused
/// only while the index file keeps its size and modification time.
final class GitIndexCache: @unchecked Sendable {
    static let shared = GitIndexCache()
    static let capacity = 8

    /// The tracked paths sorted by their UTF-8 bytes, so the paths under a
    /// directory are one range.
    struct Entry {
        let sortedPaths: [String]
    }

    private struct Stamp: Equatable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    private let lock = NSLock()
    private var entries: [String: (stamp: Stamp, result: Result<Entry, GitIndex.ReadError>)] = [:]

    /// The parsed index at `path`: nil when it cannot be read, an error when it cannot be used.
    func load(_ path: String, objectIDLength: Int) -> Result<Entry, GitIndex.ReadError>? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let stamp = Stamp(size: Int64(info.st_size), seconds: info.st_mtim.tv_sec, nanoseconds: info.st_mtim.tv_nsec)
        let key = "\(objectIDLength):\(path)"
        if let cached = lock.withLock({ entries[key] }), cached.stamp == stamp { return cached.result }
        let result: Result<Entry, GitIndex.ReadError>
        if Int(info.st_size) > BoundedFile.gitIndexLimit {
            result = .failure(.unsupported("larger than \(BoundedFile.gitIndexLimit) bytes"))
        } else {
            // Non-blocking and bounded: a FIFO at .git/index, or one that grows, is not read.
            guard let data = try? BoundedFile.read(path: path, limit: BoundedFile.gitIndexLimit) else { return nil }
            result = Self.parse(data, objectIDLength: objectIDLength)
        }
        lock.withLock {
            // A process scanning many trees (a test run, a library user) keeps only a few.
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[key] = (stamp, result)
        }
        return result
    }

    private static func parse(_ data: [UInt8], objectIDLength: Int) -> Result<Entry, GitIndex.ReadError> {
        let result: Result<Entry, GitIndex.ReadError>
        do throws(GitIndex.ReadError) {
            let index = try GitIndex.parse(data, objectIDLength: objectIDLength)
            result = .success(Entry(sortedPaths: index.paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }))
        } catch {
            result = .failure(error)
        }
        return result
    }
}

extension GitIndexCache.Entry {
    /// The paths that start with `prefix` (all of them for an empty prefix).
    func paths(under prefix: String) -> ArraySlice<String> {
        guard !prefix.isEmpty else { return sortedPaths[...] }
        var low = 0
        var high = sortedPaths.count
        while low < high {
            let middle = (low + high) / 2
            if sortedPaths[middle].utf8.lexicographicallyPrecedes(prefix.utf8) { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < sortedPaths.count, sortedPaths[end].utf8.starts(with: prefix.utf8) { end += 1 }
        return sortedPaths[low..<end]
    }
}
