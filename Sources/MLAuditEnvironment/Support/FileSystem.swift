import Foundation

/// A failed file-system call, with the path and the `errno` text.
struct FileSystemError: Error, CustomStringConvertible {
    let path: String
    let code: Int32

    var description: String { "\(path): \(String(cString: strerror(code)))" }
    var isNotFound: Bool { code == ENOENT || code == ENOTDIR }
}

/// What `stat` says about a path, reduced to what mlaudit uses.
struct FileStatus: Sendable, Equatable {
    enum Kind: Sendable { case regular, directory, symlink, other }

    let kind: Kind
    let size: Int64
    let modificationNanoseconds: Int64
    let inode: UInt64
    let device: UInt64
    let mode: UInt32

    var isExecutable: Bool { kind == .regular && mode & 0o111 != 0 }

    init(kind: Kind, size: Int64, modificationNanoseconds: Int64, inode: UInt64, device: UInt64, mode: UInt32) {
        self.kind = kind
        self.size = size
        self.modificationNanoseconds = modificationNanoseconds
        self.inode = inode
        self.device = device
        self.mode = mode
    }

    /// From a `stat`/`fstat`/`lstat` result.
    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        #if os(Linux)
        modificationNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #else
        modificationNanoseconds = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #endif
        size = Int64(info.st_size)
        inode = UInt64(info.st_ino)
        device = UInt64(info.st_dev)
        mode = UInt32(info.st_mode)
    }
}

/// Small, allocation-conscious wrappers over POSIX file calls.
///
/// Foundation's file APIs build bridged objects per call; snapshotting reads
/// thousands of tiny metadata files, so the hot paths use `open`/`read`/
/// `readdir` directly.
enum FileSystem {
    static func status(_ path: String, followSymlinks: Bool = true) -> FileStatus? {
        var info = stat()
        let result = followSymlinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return nil }
        return FileStatus(info)
    }

    static func isDirectory(_ path: String) -> Bool { status(path)?.kind == .directory }
    static func isRegularFile(_ path: String) -> Bool { status(path)?.kind == .regular }
    static func exists(_ path: String) -> Bool { status(path, followSymlinks: false) != nil }

    /// Reads a whole file (also procfs files, whose reported size is 0).
    static func readBytes(_ path: String, maxBytes: Int = 256 << 20) throws -> [UInt8] {
        try read(path, maxBytes: maxBytes, stopAfter: nil)
    }

    static func readString(_ path: String, maxBytes: Int = 256 << 20) throws -> String {
        String(decoding: try readBytes(path, maxBytes: maxBytes), as: UTF8.self)
    }

    /// Contents of a file, or `nil` when it does not exist; other errors throw.
    static func readStringIfPresent(_ path: String) throws -> String? {
        do {
            return try readString(path)
        } catch let error as FileSystemError where error.isNotFound {
            return nil
        }
    }

    /// Reads an RFC 822 style header: stops reading once an empty line has
    /// been seen, so a package's long description is never loaded.
    static func readHeader(_ path: String, maxBytes: Int = 1 << 20) throws -> [UInt8] {
        try read(path, maxBytes: maxBytes, stopAfter: { bytes in
            bytes.withUnsafeBufferPointer { RFC822.headerEnd(in: $0) != nil }
        })
    }

    private static func read(_ path: String, maxBytes: Int, stopAfter: (([UInt8]) -> Bool)?) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError(path: path, code: errno) }
        defer { close(fd) }
        var info = stat()
        var chunk = 16 << 10
        if stopAfter == nil, fstat(fd, &info) == 0, info.st_size > 0 {
            chunk = min(Int(info.st_size) + 1, maxBytes)
        } else if stopAfter != nil {
            chunk = 8 << 10
        }
        var buffer = [UInt8](repeating: 0, count: max(chunk, 1))
        var count = 0
        while count < maxBytes {
            if count == buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, maxBytes - count)))
            }
            let want = min(buffer.count - count, maxBytes - count)
            let got = buffer.withUnsafeMutableBytes { raw in
                Foundation.read(fd, raw.baseAddress! + count, want)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(path: path, code: errno)
            }
            if got == 0 { break }
            count += got
            if let stopAfter, stopAfter(Array(buffer[0 ..< count])) { break }
        }
        buffer.removeSubrange(count...)
        return buffer
    }

    struct Entry: Sendable {
        let name: String
        /// `nil` when the file system does not report types in `readdir`.
        let isDirectory: Bool?
        let isSymlink: Bool
    }

    /// Names in a directory (without `.` and `..`), unsorted.
    static func list(_ path: String) throws -> [Entry] {
        guard let dir = opendir(path) else { throw FileSystemError(path: path, code: errno) }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let type = Int(entry.pointee.d_type)
            let isDirectory: Bool? = type == Int(DT_UNKNOWN) ? nil : type == Int(DT_DIR)
            entries.append(Entry(name: name, isDirectory: isDirectory, isSymlink: type == Int(DT_LNK)))
        }
        return entries
    }

    /// Names in a directory, or an empty list when it does not exist.
    static func listIfPresent(_ path: String) throws -> [Entry] {
        do {
            return try list(path)
        } catch let error as FileSystemError where error.isNotFound {
            return []
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static var currentDirectory: String {
        FileManager.default.currentDirectoryPath
    }
}
