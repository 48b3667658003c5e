#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public struct FileReadError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}

/// Reads whole files as bytes with plain POSIX calls: one open, one fstat, few reads.
public enum FileReader {
    public static func read(path: String, limit: Int = Int.max) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw FileReadError(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileReadError(reason: String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw FileReadError(reason: "not a regular file") }
        let size = Int(st.st_size)
        if size > limit { throw FileReadError(reason: "larger than the \(limit)-byte limit") }
        var buffer = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + filled, size - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            filled += n
        }
        if filled < size { buffer.removeLast(size - filled) }
        return buffer
    }
}
