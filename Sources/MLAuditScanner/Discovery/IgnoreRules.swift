import MLAuditCore

/// The patterns of one `.gitignore`/`.ignore` file and the directory they apply to.
struct IgnoreFile: Sendable {
    /// Directory of the file relative to the scan root ("" for the root itself).
    let base: String
    /// For ignore files above the scan root: the root's path relative to the file's directory.
    let rootOffset: String
    let patterns: [GlobPattern]
    private let baseDepth: Int
    private let baseComponents: [ArraySlice<UInt8>]
    private let offsetComponents: [ArraySlice<UInt8>]

    init(base: String, rootOffset: String = "", text: String) {
        self.base = base
        self.rootOffset = rootOffset
        self.baseComponents = GlobPattern.components(of: Array(base.utf8))
        self.baseDepth = baseComponents.count
        self.offsetComponents = GlobPattern.components(of: Array(rootOffset.utf8))
        self.patterns = text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            if line.hasPrefix("#") { return nil }
            return GlobPattern(String(line), allowNegation: true)
        }
    }

    /// The path's components as the patterns of this file see them, or nil when it is outside the file's directory.
    func localComponents(_ components: [ArraySlice<UInt8>]) -> ArraySlice<ArraySlice<UInt8>>? {
        guard components.count > baseDepth else { return nil }
        for i in 0..<baseDepth where components[i] != baseComponents[i] { return nil }
        if offsetComponents.isEmpty { return components[baseDepth...] }
        return (offsetComponents + components[baseDepth...])[...]
    }
}

/// The ignore files in force for a directory, outermost first. Later (deeper) files
/// override earlier ones; within a file the last matching pattern wins, as in git.
struct IgnoreRules: Sendable {
    var files: [IgnoreFile] = []

    func isIgnored(_ relativePath: String, isDirectory: Bool) -> Bool {
        if files.isEmpty { return false }
        let components = GlobPattern.components(of: Array(relativePath.utf8))
        var ignored = false
        for file in files {
            guard let local = file.localComponents(components) else { continue }
            for pattern in file.patterns where pattern.matches(components: local, isDirectory: isDirectory) {
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
