import Foundation
import MLAuditCore

/// The `data:` entries of the configuration, matched against project paths. Entry
/// paths are relative to the configuration file's directory.
struct DataManifest: Sendable {
    struct Entry: Sendable {
        var declaration: DataDeclaration
        /// The entry's path relative to the scan root, when it lies inside it.
        var rootRelative: String?
        var pattern: GlobPattern?
        var isGlob: Bool
        /// The entry's path, absolute (a glob stays a glob).
        var absolute: String
    }

    private(set) var entries: [Entry] = []
    /// Where the configuration file is, for reports: its path relative to the root, if inside.
    let configurationFile: String?

    init(configuration: Configuration, root: URL) {
        let rootPath = root.standardizedFileURL.path
        let configDirectory = configuration.sourceAbsolutePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().standardizedFileURL.path } ?? rootPath
        if let file = configuration.sourceAbsolutePath, file.hasPrefix(rootPath + "/") {
            configurationFile = String(file.dropFirst(rootPath.count + 1))
        } else {
            configurationFile = nil
        }
        for declaration in configuration.data {
            let text = declaration.path.hasPrefix("./") ? String(declaration.path.dropFirst(2)) : declaration.path
            let absolute = text.hasPrefix("/") ? text : configDirectory + "/" + text
            var rootRelative: String?
            if absolute == rootPath {
                rootRelative = ""
            } else if absolute.hasPrefix(rootPath + "/") {
                rootRelative = DataPath.resolve(String(absolute.dropFirst(rootPath.count + 1)), in: "")
            }
            let isGlob = text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
            let pattern = rootRelative.flatMap { GlobPattern("/" + $0) }
            entries.append(Entry(declaration: declaration, rootRelative: rootRelative, pattern: pattern, isGlob: isGlob, absolute: absolute))
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The entry declaring a root-relative file: an exact path, a matching glob, or a directory above it.
    func entry(covering path: String) -> Entry? {
        entries.first { entry in
            guard let declared = entry.rootRelative else { return false }
            if entry.isGlob { return entry.pattern?.matches(path, isDirectory: false) ?? false }
            return DataPath.isWithin(path, declared)
        }
    }

    /// Whether an entry declares (part of) a directory.
    func touchesDirectory(_ path: String) -> Bool {
        entries.contains { entry in
            guard let declared = entry.rootRelative else { return false }
            if entry.isGlob { return declared.hasPrefix(path + "/") }
            return DataPath.isWithin(path, declared) || declared.hasPrefix(path + "/")
        }
    }

    /// The files an entry names on disk: itself, every file below a directory, or a glob's matches.
    static func files(of entry: Entry, limit: Int = 100_000) -> [String] {
        var isDirectory: ObjCBool = false
        if !entry.isGlob {
            guard FileManager.default.fileExists(atPath: entry.absolute, isDirectory: &isDirectory) else { return [] }
            if !isDirectory.boolValue { return [entry.absolute] }
            return walk(entry.absolute, limit: limit).map { entry.absolute + "/" + $0 }
        }
        // Walk from the glob's literal prefix and match the rest.
        let components = entry.absolute.split(separator: "/", omittingEmptySubsequences: true)
        let fixed = components.prefix { !$0.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) }
        let base = "/" + fixed.joined(separator: "/")
        guard let pattern = GlobPattern("/" + components.dropFirst(fixed.count).joined(separator: "/")),
              FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        return walk(base, limit: limit).filter { pattern.matches($0, isDirectory: false) }.map { base + "/" + $0 }
    }

    /// Regular files below a directory, relative to it, sorted; `.git` and `.dvc` are skipped.
    private static func walk(_ directory: String, limit: Int) -> [String] {
        var found: [String] = []
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        while let next = enumerator.nextObject() as? String, found.count < limit {
            let name = (next as NSString).lastPathComponent
            if name == ".git" || name == ".dvc" {
                enumerator.skipDescendants()
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + next, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(next)
            }
        }
        return found.sorted()
    }
}
