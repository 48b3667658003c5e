import Foundation
import MLAuditCore

/// The `.gitattributes` patterns that route files through Git LFS (`filter=lfs`).
/// Gitattributes semantics: a pattern without a slash matches a file name at any
/// depth below its file's directory, one with a slash is anchored to that directory;
/// deeper files override shallower ones and, within a file, later lines earlier ones.
struct LFSAttributes: Sendable {
    struct Line: Sendable {
        var pattern: GlobPattern
        /// true: `filter=lfs`; false: `-filter`, `!filter` or another filter.
        var isLFS: Bool
    }

    struct File: Sendable {
        /// Directory of the `.gitattributes`, relative to the scan root ("" for the root and above it).
        var base: String
        /// For files above the scan root: the root's path relative to their directory.
        var rootOffset: String
        var lines: [Line]
    }

    /// Outermost first.
    private(set) var files: [File] = []

    var isEmpty: Bool { files.isEmpty }

    /// Reads the discovered `.gitattributes` files and those above the root up to the work tree's top.
    static func load(index: ProjectIndex) -> LFSAttributes {
        var attributes = LFSAttributes()
        var ancestors: [File] = []
        var dir = index.root.standardizedFileURL
        var offset: [String] = []
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) {
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            offset.insert(dir.lastPathComponent, at: 0)
            dir = parent
            if let text = BoundedFile.text(path: dir.appendingPathComponent(".gitattributes").path) {
                ancestors.insert(File(base: "", rootOffset: offset.joined(separator: "/"), lines: parse(text)), at: 0)
            }
        }
        attributes.files = ancestors.filter { !$0.lines.isEmpty }
        let own = index.files.filter { RelativePath.name(of: $0.relativePath) == ".gitattributes" }
            .sorted { $0.relativePath.split(separator: "/").count < $1.relativePath.split(separator: "/").count }
        for file in own {
            guard let text = BoundedFile.text(path: file.absolutePath) else { continue }
            let lines = parse(text)
            if !lines.isEmpty { attributes.files.append(File(base: RelativePath.directory(of: file.relativePath), rootOffset: "", lines: lines)) }
        }
        return attributes
    }

    /// The lines of a `.gitattributes` that set or unset `filter`.
    static func parse(_ text: String) -> [Line] {
        var lines: [Line] = []
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("[attr]") || line.hasPrefix("!") { continue }
            var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count >= 2 else { continue }
            var patternText = fields.removeFirst()
            if patternText.hasPrefix("\""), patternText.hasSuffix("\""), patternText.count >= 2 {
                patternText = String(patternText.dropFirst().dropLast())
            }
            var setting: Bool?
            for field in fields {
                if field == "filter=lfs" { setting = true } else if field == "-filter" || field == "!filter" || field.hasPrefix("filter=") { setting = false }
            }
            guard let isLFS = setting, let pattern = GlobPattern(patternText) else { continue }
            lines.append(Line(pattern: pattern, isLFS: isLFS))
        }
        return lines
    }

    /// Whether the file at a root-relative path is stored with Git LFS.
    func isLFS(_ relativePath: String) -> Bool {
        if files.isEmpty { return false }
        let components = GlobPattern.components(of: Array(relativePath.utf8))
        var result = false
        for file in files {
            guard let local = localComponents(components, file) else { continue }
            for line in file.lines where line.pattern.matches(components: local, isDirectory: false) {
                result = line.isLFS
            }
        }
        return result
    }

    /// Whether everything below a directory is stored with Git LFS (a pattern such as `data/**`).
    func coversDirectory(_ relativePath: String) -> Bool {
        isLFS(RelativePath.join(relativePath, "\u{1}"))
    }

    private func localComponents(_ components: [ArraySlice<UInt8>], _ file: File) -> ArraySlice<ArraySlice<UInt8>>? {
        let base = GlobPattern.components(of: Array(file.base.utf8))
        guard components.count > base.count else { return nil }
        for i in 0..<base.count where components[i] != base[i] { return nil }
        if file.rootOffset.isEmpty { return components[base.count...] }
        return (GlobPattern.components(of: Array(file.rootOffset.utf8)) + components[base.count...])[...]
    }
}
