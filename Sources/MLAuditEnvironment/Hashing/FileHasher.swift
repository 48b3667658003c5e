import Foundation
import MLAuditHashing

/// Streams a file through SHA-256 (libcrypto) with a fixed-size buffer; files are never
/// loaded whole.
struct FileHasher {
    static let bufferSize = FileDigester.chunkSize

    struct Result: Equatable {
        let digest: SHA256Digest
        let size: Int64
        /// `stat` of the file as hashed (the cache key).
        let status: FileStatus
    }

    enum Failure: Error, CustomStringConvertible {
        case changedWhileHashing(String)
        case notRegular(String)

        var description: String {
            switch self {
            case let .changedWhileHashing(path): "\(path): changed while it was being hashed"
            case let .notRegular(path): "\(path): not a regular file"
            }
        }
    }

    func hash(path: String) throws -> Result {
        // Non-blocking, and checked after opening: a FIFO or device swapped in must not hang the run.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw FileSystemError(path: path, code: errno) }
        defer { close(fd) }
        guard let before = Self.status(fd) else { throw FileSystemError(path: path, code: errno) }
        guard before.kind == .regular else { throw Failure.notRegular(path) }
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        let capacity = Int(min(max(before.size, 4096), Int64(Self.bufferSize)))
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var total: Int64 = 0
        while true {
            let got = read(fd, buffer, capacity)
            if got < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(path: path, code: errno)
            }
            if got == 0 { break }
            hasher.update(UnsafeRawBufferPointer(start: buffer, count: got))
            total += Int64(got)
        }
        guard let after = Self.status(fd), after == before, total == before.size else {
            throw Failure.changedWhileHashing(path)
        }
        return Result(digest: hasher.finalize(), size: total, status: before)
    }

    private static func status(_ fd: Int32) -> FileStatus? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return FileStatus(info)
    }
}
