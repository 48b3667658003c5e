import Foundation
import MLAuditCore
#if canImport(Glibc)
import Glibc
#endif

/// Walks a project root: honours .gitignore/.ignore (nested, negation, anchoring,
/// directory patterns), `.git/info/exclude` and the configured excludes; skips VCS
/// folders, virtualenvs and caches; never follows a link out of the root.
struct FileDiscovery {
    static let skippedDirectoryNames: Set<String> = [
        ".git", ".hg", ".svn", "node_modules", "__pycache__", ".ipynb_checkpoints", "site-packages",
        ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".nox", ".venv", ".build", ".dvc",
    ]

    let root: URL
    let rootRealPath: String
    let displayRoot: String
    let configuration: Configuration
    private(set) var files: [DiscoveredFile] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(root: URL, displayRoot: String, configuration: Configuration) {
        self.root = root
        self.rootRealPath = FileDiscovery.realPath(root.path) ?? root.path
        self.displayRoot = displayRoot
        self.configuration = configuration
    }

    func display(_ relativePath: String) -> String {
        if displayRoot == "." || displayRoot.isEmpty { return relativePath }
        return relativePath.isEmpty ? displayRoot : "\(displayRoot)/\(relativePath)"
    }

    /// The ignore files above the root, up to the enclosing git work tree's top.
    func ancestorRules() -> IgnoreRules {
        var rules = IgnoreRules()
        var chain: [(URL, String)] = []
        var dir = URL(fileURLWithPath: rootRealPath)
        var offset: [String] = []
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) {
                chain.append((dir, offset.reversed().joined(separator: "/")))
                break
            }
            chain.append((dir, offset.reversed().joined(separator: "/")))
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return rules }
            offset.append(dir.lastPathComponent)
            dir = parent
        }
        guard let top = chain.last else { return rules }
        if let exclude = BoundedFile.text(path: top.0.appendingPathComponent(".git/info/exclude").path) {
            rules = rules.adding(IgnoreFile(base: "", rootOffset: top.1, text: exclude))
        }
        // Outermost first; the root's own files are read by the walk itself.
        for (url, rootOffset) in chain.reversed() where !rootOffset.isEmpty {
            for name in [".gitignore", ".ignore"] {
                if let text = BoundedFile.text(path: url.appendingPathComponent(name).path) {
                    rules = rules.adding(IgnoreFile(base: "", rootOffset: rootOffset, text: text))
                }
            }
        }
        return rules
    }

    mutating func walkAll() {
        walk(directory: "", rules: ancestorRules())
    }

    private mutating func walk(directory: String, rules parentRules: IgnoreRules) {
        let absolute = directory.isEmpty ? root.path : root.appendingPathComponent(directory).path
        var rules = parentRules
        for name in [".gitignore", ".ignore"] {
            let path = absolute + "/" + name
            // Non-blocking, bounded, and never through a link out of the root (a FIFO
            // named .gitignore, or one linking to /proc/self/environ, is not read).
            if let text = BoundedFile.text(path: path, inside: rootRealPath) {
                rules = rules.adding(IgnoreFile(base: directory, text: text))
            }
        }
        guard let listing = Self.listEntries(absolute) else {
            diagnostics.append(Diagnostic(kind: .unreadable, path: display(directory.isEmpty ? "." : directory), message: "cannot read directory"))
            return
        }
        for entry in listing.undecodable {
            // A directory hides its whole subtree: say so, so it is not a silent gap.
            let message = entry.isDirectory
                ? "directory name is not valid UTF-8; nothing below it is checked"
                : "file name is not valid UTF-8; not checked"
            diagnostics.append(Diagnostic(kind: .unreadable, path: display(RelativePath.join(directory, entry.escaped)), message: message))
        }
        for name in listing.names {
            let relative = RelativePath.join(directory, name)
            let fullPath = absolute + "/" + name
            var st = stat()
            guard lstat(fullPath, &st) == 0 else {
                diagnostics.append(Diagnostic(kind: .unreadable, path: display(relative), message: "cannot read: \(String(cString: strerror(errno)))"))
                continue
            }
            var mode = st.st_mode & S_IFMT
            var size = Int(st.st_size)
            if mode == S_IFLNK {
                guard let target = Self.realPath(fullPath) else {
                    let reason = errno == ELOOP ? "symbolic link loop" : "broken symbolic link"
                    diagnostics.append(Diagnostic(kind: .skipped, path: display(relative), message: reason))
                    continue
                }
                guard target == rootRealPath || target.hasPrefix(rootRealPath + "/") else {
                    diagnostics.append(Diagnostic(kind: .skipped, path: display(relative), message: "symbolic link points outside the scanned root"))
                    continue
                }
                var targetStat = stat()
                guard stat(fullPath, &targetStat) == 0 else { continue }
                if (targetStat.st_mode & S_IFMT) == S_IFDIR {
                    // Linked directories are not walked: the target is inside the root and walked there.
                    continue
                }
                mode = targetStat.st_mode & S_IFMT
                size = Int(targetStat.st_size)
            }
            if mode == S_IFDIR {
                if Self.skippedDirectoryNames.contains(name) { continue }
                if rules.isIgnored(relative, isDirectory: true) || configuration.isExcluded(relative, isDirectory: true) { continue }
                if FileManager.default.fileExists(atPath: fullPath + "/pyvenv.cfg") || FileManager.default.fileExists(atPath: fullPath + "/conda-meta/history") {
                    continue
                }
                walk(directory: relative, rules: rules)
            } else if mode == S_IFREG {
                if rules.isIgnored(relative, isDirectory: false) || configuration.isExcluded(relative, isDirectory: false) { continue }
                files.append(DiscoveredFile(
                    relativePath: relative, displayPath: display(relative), absolutePath: fullPath,
                    kind: FileKind.classify(path: relative), size: size, isExplicit: false
                ))
            } else {
                // FIFOs, sockets and devices are never opened: a FIFO would block the read.
                if rules.isIgnored(relative, isDirectory: false) || configuration.isExcluded(relative, isDirectory: false) { continue }
                diagnostics.append(Diagnostic(kind: .skipped, path: display(relative), message: "not a regular file (\(Self.typeName(mode)))"))
            }
        }
    }

    /// Adds a file named on the command line: checked even where ignore files would skip it,
    /// but not when the configuration excludes it.
    /// Drops the walked files whose relative paths are not in `paths`.
    mutating func keepOnly(_ paths: Set<String>) {
        files.removeAll { !paths.contains($0.relativePath) }
    }

    mutating func addExplicit(relativePath: String, displayPath: String, absolutePath: String) {
        if configuration.isExcluded(relativePath, isDirectory: false) { return }
        var st = stat()
        guard stat(absolutePath, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            diagnostics.append(Diagnostic(kind: .unreadable, path: displayPath, message: "not a regular file"))
            return
        }
        files.append(DiscoveredFile(
            relativePath: relativePath, displayPath: displayPath, absolutePath: absolutePath,
            kind: FileKind.classify(path: relativePath), size: Int(st.st_size), isExplicit: true
        ))
    }

    /// Entry names sorted by their bytes, so output order never depends on the file system.
    static func listDirectory(_ path: String) -> [String]? {
        listEntries(path)?.names
    }

    /// Entry names sorted by their bytes, and apart from them the names that are not
    /// valid UTF-8 (no String can name those files), with their bytes escaped as `\xFF`.
    static func listEntries(_ path: String) -> (names: [String], undecodable: [(escaped: String, isDirectory: Bool)])? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        var undecodable: [(escaped: String, isDirectory: Bool)] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: UInt8.self, capacity: 256) { Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)))) }
            }
            if let name = String(validating: bytes, as: UTF8.self) {
                if name == "." || name == ".." { continue }
                names.append(name)
            } else {
                let escaped = bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
                var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    var st = stat()
                    let full = Array(path.utf8) + [0x2F] + bytes + [0]
                    isDirectory = full.withUnsafeBufferPointer { lstat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st) } == 0
                        && (st.st_mode & S_IFMT) == S_IFDIR
                }
                undecodable.append((escaped, isDirectory))
            }
        }
        return (names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, undecodable.sorted { $0.escaped < $1.escaped })
    }

    static func typeName(_ mode: mode_t) -> String {
        switch mode {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "an unknown file type"
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
