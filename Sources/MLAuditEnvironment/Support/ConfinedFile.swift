import Foundation

/// Reading files named by untrusted input (a recording, a manifest's data paths):
/// the path must stay inside a given root once links are resolved, it must be a
/// regular file, and it is opened without blocking, so a FIFO, a device or
/// `/proc/kmsg` can neither hang the run nor be read.
public enum ConfinedFile {
    public enum Failure: Error, CustomStringConvertible, Sendable {
        case missing
        case outside
        case notRegular
        case tooLarge(limit: Int)
        case system(String)

        public var description: String {
            switch self {
            case .missing: "no such file"
            case .outside: "is a link that leads outside its folder; not read"
            case .notRegular: "is not a regular file; not read"
            case .tooLarge(let limit): "is larger than the \(limit >> 20) MB limit for an input; not read"
            case .system(let reason): reason
            }
        }
    }

    /// `path` with every link resolved, when it exists and lies inside `root`
    /// (also resolved); `nil` otherwise.
    public static func resolve(_ path: String, inside root: String) -> String? {
        guard let real = FileSystem.realPath(path), let realRoot = FileSystem.realPath(root) else { return nil }
        return Path.relative(real, to: realRoot) == nil ? nil : real
    }

    /// The size of a regular file that resolves inside `root`; nil otherwise.
    public static func size(_ path: String, inside root: String) -> Int64? {
        guard let real = resolve(path, inside: root), let status = FileSystem.status(real), status.kind == .regular else { return nil }
        return status.size
    }

    /// Whether `path` exists (without following a final link).
    public static func exists(_ path: String) -> Bool { FileSystem.exists(path) }

    /// Reads a regular file of at most `maxBytes`; with `root`, only when it resolves inside `root`.
    public static func read(_ path: String, inside root: String? = nil, maxBytes: Int) throws(Failure) -> [UInt8] {
        guard FileSystem.exists(path) else { throw .missing }
        var target = path
        if let root {
            guard let resolved = resolve(path, inside: root) else { throw .outside }
            target = resolved
        }
        let fd = try openRegular(target, followLinks: root == nil)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system(String(cString: strerror(errno))) }
        guard info.st_size <= maxBytes else { throw .tooLarge(limit: maxBytes) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { raw in Foundation.read(fd, raw.baseAddress! + count, raw.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .system(String(cString: strerror(errno)))
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Opens `path` read-only and non-blocking, and checks after opening (fstat)
    /// that it is a regular file. The caller closes the descriptor.
    public static func openRegular(_ path: String, followLinks: Bool = true) throws(Failure) -> Int32 {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (followLinks ? 0 : O_NOFOLLOW)
        let fd = open(path, flags)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missing }
            if code == ELOOP { throw .outside }
            throw .system(String(cString: strerror(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw .notRegular
        }
        return fd
    }
}
