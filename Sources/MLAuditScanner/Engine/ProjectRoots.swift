import Foundation
import MLAuditCore

/// Groups the command line's paths into project roots.
/// A directory argument is a root; a file argument belongs to the nearest ancestor
/// holding a manifest, configuration or `.git` (or to its own directory).
struct ProjectRoots {
    struct Root {
        var url: URL
        var displayRoot: String
        /// nil = walk the whole root; otherwise only these files (relative path, display path).
        var explicitFiles: [(relative: String, display: String, absolute: String)]?
    }

    static let rootMarkers = [
        ".git", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "environment.yml", "environment.yaml",
        "Pipfile", "mlaudit.yaml", ".mlaudit.yaml", "mlaudit.yml", ".mlaudit.yml",
    ]

    static func resolve(paths: [String], base: URL) throws -> [Root] {
        var roots: [Root] = []
        var fileRootIndex: [String: Int] = [:]
        for raw in paths.isEmpty ? ["."] : paths {
            let url = raw.hasPrefix("/") ? URL(fileURLWithPath: raw).standardizedFileURL : base.appendingPathComponent(raw).standardizedFileURL
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
                var st = stat()
                if lstat(url.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
                    var target = stat()
                    let reason = stat(url.path, &target) != 0 && errno == ELOOP
                        ? "a symbolic link loop, or a chain of too many links (more than 40)"
                        : "a broken symbolic link"
                    throw ScanError.unresolvable(raw, reason: reason)
                }
                throw ScanError.pathNotFound(raw)
            }
            if isDir.boolValue {
                roots.append(Root(url: url, displayRoot: display(url, base: base), explicitFiles: nil))
                continue
            }
            let rootURL = nearestRoot(for: url.deletingLastPathComponent())
            let relative = String(url.path.dropFirst(rootURL.path.count).drop(while: { $0 == "/" }))
            let entry = (relative: relative, display: display(url, base: base), absolute: url.path)
            if let i = fileRootIndex[rootURL.path] {
                roots[i].explicitFiles?.append(entry)
            } else {
                fileRootIndex[rootURL.path] = roots.count
                roots.append(Root(url: rootURL, displayRoot: display(rootURL, base: base), explicitFiles: [entry]))
            }
        }
        return roots
    }

    static func nearestRoot(for directory: URL) -> URL {
        var dir = directory
        while true {
            for marker in rootMarkers where FileManager.default.fileExists(atPath: dir.appendingPathComponent(marker).path) {
                return dir
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return directory }
            dir = parent
        }
    }

    /// Path relative to the base when inside it ("." for the base itself), else absolute.
    static func display(_ url: URL, base: URL) -> String {
        let basePath = base.standardizedFileURL.path
        let path = url.path
        if path == basePath { return "." }
        if path.hasPrefix(basePath.hasSuffix("/") ? basePath : basePath + "/") {
            return String(path.dropFirst(basePath.count).drop(while: { $0 == "/" }))
        }
        return path
    }
}
