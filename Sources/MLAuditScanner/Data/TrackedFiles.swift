import Foundation
import MLAuditCore

/// Which files of a project root git tracks, from the index of the enclosing work
/// tree. `nil` paths mean the root is not in a git work tree or its index could not
/// be used, and "committed" falls back to "present and not ignored".
struct TrackedFiles: Sendable {
    /// Tracked files relative to the scan root (only those below it).
    let paths: Set<String>?
    /// Every directory holding a tracked file, relative to the scan root.
    let directories: Set<String>
    /// Why the index could not be used, for a diagnostic (with the index's display path).
    let problem: (path: String, message: String, isMalformed: Bool)?

    static let none = TrackedFiles(paths: nil, directories: [], problem: nil)

    /// Reads the index of the work tree enclosing `root`.
    static func load(root: URL, displayRoot: String) -> TrackedFiles {
        guard let tree = WorkTree.enclosing(root) else { return .none }
        let displayIndex = displayRoot == "." ? "\(tree.rootOffsetToTop).git/index" : "\(displayRoot)/\(tree.rootOffsetToTop).git/index"
        // No index at all (a fresh `git init`, a copy without one): the ignore rules say what would be committed.
        guard FileManager.default.fileExists(atPath: tree.indexPath) else { return .none }
        switch GitIndexCache.shared.load(tree.indexPath, objectIDLength: tree.objectIDLength) {
        case nil:
            return TrackedFiles(paths: nil, directories: [], problem: (displayIndex, "cannot read the git index; committed files are judged by ignore rules instead", false))
        case .success(let index):
            var paths = Set<String>()
            var directories = Set<String>()
            let prefix = tree.rootPrefix
            let below = index.paths(under: prefix)
            paths.reserveCapacity(below.count)
            for path in below {
                let relative = prefix.isEmpty ? path : String(path.utf8.dropFirst(prefix.utf8.count))!
                paths.insert(relative)
                var dir = RelativePath.directory(of: relative)
                while !dir.isEmpty, directories.insert(dir).inserted { dir = RelativePath.directory(of: dir) }
            }
            return TrackedFiles(paths: paths, directories: directories, problem: nil)
        case .failure(let error):
            let malformed: Bool
            if case .malformed = error { malformed = true } else { malformed = false }
            let what = malformed ? "unreadable git index" : "git index not read"
            return TrackedFiles(paths: nil, directories: [], problem: (displayIndex, "\(what): \(error); committed files are judged by ignore rules instead", malformed))
        }
    }
}

/// The git work tree a directory belongs to: where `.git` is, and where its index lives
/// (`.git` may be a file pointing elsewhere, as in linked work trees and submodules).
struct WorkTree {
    /// The scan root relative to the top of the work tree, with a trailing `/` ("" at the top).
    var rootPrefix: String
    /// `../` repeated to climb from the scan root to the top of the work tree.
    var rootOffsetToTop: String
    var indexPath: String
    var objectIDLength: Int

    static func enclosing(_ root: URL) -> WorkTree? {
        var dir = root.standardizedFileURL
        var climbed: [String] = []
        while true {
            let dotGit = dir.appendingPathComponent(".git")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) {
                guard let gitDir = isDirectory.boolValue ? dotGit : pointedGitDir(dotGit, base: dir) else { return nil }
                let prefix = climbed.reversed().joined(separator: "/")
                return WorkTree(rootPrefix: prefix.isEmpty ? "" : prefix + "/",
                                rootOffsetToTop: String(repeating: "../", count: climbed.count),
                                indexPath: gitDir.appendingPathComponent("index").path,
                                objectIDLength: usesSHA256(gitDir) ? 32 : 20)
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            climbed.append(dir.lastPathComponent)
            dir = parent
        }
    }

    /// `gitdir: <path>` in a `.git` file.
    static func pointedGitDir(_ file: URL, base: URL) -> URL? {
        guard let text = BoundedFile.text(path: file.path) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("gitdir:") {
            let path = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            return path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path).standardizedFileURL
        }
        return nil
    }

    /// Whether the repository's object names are SHA-256 (`extensions.objectFormat`).
    static func usesSHA256(_ gitDir: URL) -> Bool {
        var configDir = gitDir
        if let common = BoundedFile.text(path: gitDir.appendingPathComponent("commondir").path) {
            let path = common.trimmingCharacters(in: .whitespacesAndNewlines)
            configDir = path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitDir.appendingPathComponent(path).standardizedFileURL
        }
        guard let config = BoundedFile.text(path: configDir.appendingPathComponent("config").path) else { return false }
        return config.lowercased().split(whereSeparator: \.isNewline).contains { line in
            let compact = line.filter { !$0.isWhitespace }
            return compact == "objectformat=sha256"
        }
    }
}
