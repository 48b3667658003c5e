#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output could not be written; the message names the target, never a temporary file.
public struct OutputFileError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Writes every output mlaudit produces (reports, baselines, badges, manifests, the
/// configuration of `init`).
///
/// A regular file (or a new name) is replaced atomically: the bytes go to a temporary
/// file created in the target's directory with an unpredictable name and
/// `O_CREAT|O_EXCL` (so a link planted there cannot redirect it), are flushed, and the
/// temporary file is renamed over the target. A reader never sees half a report and a
/// link at the target's name is replaced, not followed.
///
/// A character device or FIFO (`/dev/stdout`, `/dev/null`, a pipe a CI step reads) is
/// written in place, since it cannot be replaced; a FIFO with no reader is refused at
/// once instead of blocking. A directory, socket or block device is refused.
public enum OutputFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputFileError) {
        var st = stat()
        if stat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFCHR, S_IFIFO: return try writeInPlace(bytes, to: path)
            case S_IFDIR: throw OutputFileError("cannot write \(path): it is a directory")
            default: throw OutputFileError("cannot write \(path): not a regular file, character device or FIFO")
            }
        }
        try replace(path, with: bytes, mode: modeFor(existing: path))
    }

    public static func write(_ text: String, to path: String) throws(OutputFileError) {
        try write(Array(text.utf8), to: path)
    }

    /// The new file keeps the mode of a regular file it replaces; otherwise 0666 less the umask.
    private static func modeFor(existing path: String) -> mode_t {
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { return st.st_mode & 0o777 }
        let mask = umask(0o022)
        umask(mask)
        return 0o666 & ~mask
    }

    private static func replace(_ path: String, with bytes: [UInt8], mode: mode_t) throws(OutputFileError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty, name != ".", name != ".." else { throw OutputFileError("cannot write \(path): not a file name") }
        // mkstemp: O_CREAT|O_EXCL with a random suffix, mode 0600 until fchmod below.
        var template = ((directory == "/" ? "/" : directory + "/") + "." + String(name.prefix(200)) + ".XXXXXX").utf8CString
        let fd = template.withUnsafeMutableBufferPointer { buffer in mkstemp(buffer.baseAddress!) }
        guard fd >= 0 else { throw failure(path) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(fd) }
            guard fchmod(fd, mode) == 0 else { throw failure(path) }
            try writeAll(bytes, fd: fd, path: path)
            guard fsync(fd) == 0 else { throw failure(path) }
        }
        guard rename(temporary, path) == 0 else { throw failure(path) }
        renamed = true
    }

    private static func writeInPlace(_ bytes: [UInt8], to path: String) throws(OutputFileError) {
        // Never O_CREAT or O_TRUNC here: the name is an existing device or FIFO.
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            if errno == ENXIO { throw OutputFileError("cannot write \(path): a FIFO with no reader") }
            throw failure(path)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw failure(path) }
        let type = st.st_mode & S_IFMT
        guard type == S_IFCHR || type == S_IFIFO else {
            throw OutputFileError("cannot write \(path): not a regular file, character device or FIFO")
        }
        // Blocking from here on: a reader of a FIFO takes the report at its own pace.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        try writeAll(bytes, fd: fd, path: path)
    }

    private static func writeAll(_ bytes: [UInt8], fd: Int32, path: String) throws(OutputFileError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                #else
                Darwin.write(fd, raw.baseAddress! + written, raw.count - written)
                #endif
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            written += result
        }
    }

    private static func failure(_ path: String) -> OutputFileError {
        OutputFileError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
}
