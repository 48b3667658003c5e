import MLAuditCore

/// The patterns of one `.gitignore`/`.ignore` file and the directory they apply to.
struct IgnoreFile: Sendable {
    /// Directory of the file relative to the scan root ("" for the root itself).
    let base: String
    /// For ignore files above the scan root: the root's path relative to the file's directory.
    let rootOffset: String
    let patterns: [GlobPattern]

    init(base: String, rootOffset: String = "", text: String) {
        self.base = base
        self.rootOffset = rootOffset
        self.patterns = text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            if line.hasPrefix("#") { return nil }
            return GlobPattern(String(line), allowNegation: true)
        }
    }

    /// The path as the patterns of this file see it, or nil when it is outside the file's directory.
    func localPath(_ relativePath: String) -> String? {
        var path = relativePath
        if !base.isEmpty {
            guard path.hasPrefix(base + "/") else { return nil }
            path.removeFirst(base.count + 1)
        }
        return rootOffset.isEmpty ? path : "\(rootOffset)/\(path)"
    }
}

/// The ignore files in force for a directory, outermost first. Later (deeper) files
/// override earlier ones; within a file the last matching pattern wins, as in git.
struct IgnoreRules: Sendable {
    var files: [IgnoreFile] = []

    func isIgnored(_ relativePath: String, isDirectory: Bool) -> Bool {
        var ignored = false
        for file in files {
            guard let local = file.localPath(relativePath) else { continue }
            for pattern in file.patterns where pattern.matches(local, isDirectory: isDirectory) {
                ignored = !pattern.isNegated
            }
        }
        return ignored
    }

    func adding(_ file: IgnoreFile) -> IgnoreRules {
        guard !file.patterns.isEmpty else { return self }
        var copy = self
        copy.files.append(file)
        return copy
    }
}
