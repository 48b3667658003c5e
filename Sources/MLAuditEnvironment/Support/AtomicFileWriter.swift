import Foundation

/// Replaces a file atomically: the bytes go to a temporary file in the same
/// directory, which is flushed and then renamed over the target, so a reader
/// never sees a half-written manifest. Errors name the target, not the
/// temporary file.
enum AtomicFileWriter {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let directory = Path.parent(path)
        let name = Path.lastComponent(path)
        let temporary = Path.join(directory, ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystemError(path: path, code: errno) }
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
        }
        do {
            defer { close(fd) }
            var written = 0
            try bytes.withUnsafeBytes { raw in
                while written < raw.count {
                    let result = Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        throw FileSystemError(path: path, code: errno)
                    }
                    written += result
                }
            }
            guard fsync(fd) == 0 else { throw FileSystemError(path: path, code: errno) }
        }
        guard rename(temporary, path) == 0 else { throw FileSystemError(path: path, code: errno) }
        succeeded = true
    }
}
