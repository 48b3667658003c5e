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
