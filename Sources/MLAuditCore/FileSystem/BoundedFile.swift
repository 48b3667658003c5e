#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file was not read.
public struct BoundedReadError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads a whole regular file, opened non-blocking (a FIFO or device named by a tree
/// never stalls the read) and only up to `limit` bytes.
public enum BoundedFile {
    public static func read(path: String, limit: Int) throws(BoundedReadError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw BoundedReadError(String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw BoundedReadError(String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw BoundedReadError("not a regular file") }
        if Int(st.st_size) > limit { throw BoundedReadError("larger than \(limit) bytes") }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                Glibc.read(fd, raw.baseAddress!, raw.count)
                #else
                Darwin.read(fd, raw.baseAddress!, raw.count)
                #endif
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw BoundedReadError(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            // A file that grows while it is read (or claims size 0, as in /proc) is still bounded.
            if buffer.count + n > limit { throw BoundedReadError("larger than \(limit) bytes") }
            buffer += chunk[0..<n]
        }
        return buffer
    }
}

extension BoundedFile {
    /// The most bytes read from a file that steers a scan without being checked itself:
    /// `.gitignore`, `.ignore`, `.git/info/exclude`, `.gitattributes`, `.dvc/config`,
    /// a `.git` file, git's `commondir` and `config`.
    public static let metadataLimit = 4_000_000

    /// The largest `.git/index` read; a larger one is not used (committed files are then judged by ignore rules).
    public static let gitIndexLimit = 256_000_000

    /// A file's text (invalid UTF-8 repaired), or nil when it is missing, not a regular file or above `limit`.
    public static func text(path: String, limit: Int = metadataLimit) -> String? {
        guard let bytes = try? read(path: path, limit: limit) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same, only when `path` resolves inside `root`: a tree's own files may not link out of it.
    public static func text(path: String, inside root: String, limit: Int = metadataLimit) -> String? {
        guard let resolved = ContainedPath.resolve(path, inside: root) else { return nil }
        return text(path: resolved, limit: limit)
    }
}
