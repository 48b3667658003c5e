#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The digests of one file's content.
public struct FileDigests: Sendable, Hashable {
    public var size: Int64
    /// Lowercase hexadecimal digests, one per algorithm asked for.
    public var hex: [DigestAlgorithm: String]
}

public struct FileDigestError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Streams a file through one or more digests at once: `read(2)` into one reusable
/// buffer of `chunkSize` bytes, so memory stays flat whatever the file's size.
public struct FileDigester {
    public static let chunkSize = 4 << 20

    private let buffer: UnsafeMutableRawPointer
    private let capacity: Int

    /// A digester owns its buffer; use one per thread.
    public init(chunkSize: Int = FileDigester.chunkSize) {
        capacity = max(4096, chunkSize)
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
    }

    /// Frees the buffer; the digester must not be used afterwards.
    public func release() { buffer.deallocate() }

    public func digest(path: String, algorithms: Set<DigestAlgorithm>) throws(FileDigestError) -> FileDigests {
        // Non-blocking: a FIFO or /proc/kmsg named as data must not stall the open or the read.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw FileDigestError(path: path, reason: Self.errorText()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileDigestError(path: path, reason: Self.errorText()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileDigestError(path: path, reason: "not a regular file") }
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        var digests = DigestAlgorithm.allCases.filter(algorithms.contains).map { IncrementalDigest($0) }
        var total: Int64 = 0
        while true {
            let got = read(fd, buffer, capacity)
            if got < 0 {
                if errno == EINTR { continue }
                throw FileDigestError(path: path, reason: Self.errorText())
            }
            if got == 0 { break }
            let chunk = UnsafeRawBufferPointer(start: buffer, count: got)
            for i in digests.indices { digests[i].update(chunk) }
            total += Int64(got)
        }
        var hex: [DigestAlgorithm: String] = [:]
        for i in digests.indices { hex[digests[i].algorithm] = HexEncoding.encode(digests[i].finalize()) }
        return FileDigests(size: total, hex: hex)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
