import Foundation
import MLAuditCore

/// Everything that declares data in one project root: files committed to git, DVC
/// outputs, Git LFS patterns and the mlaudit data manifest. Built once per scan by
/// the data rules.
final class DataDeclarations: @unchecked Sendable {
    enum Declaration {
        case committed
        case dvc(DVCOutput)
        case lfs
        case manifest(DataManifest.Entry)
    }

    let index: ProjectIndex
    let tracked: TrackedFiles
    let lfs: LFSAttributes
    let dvc: DVCProject
    let manifest: DataManifest
    /// Directories holding discovered (present, not ignored) files.
    private let discoveredDirectories: Set<String>

    init(index: ProjectIndex, configuration: Configuration) {
        self.index = index
        tracked = TrackedFiles.load(root: index.root, displayRoot: index.displayRoot)
        lfs = LFSAttributes.load(index: index)
        dvc = DVCProject.load(index: index, configuration: configuration)
        manifest = DataManifest(configuration: configuration, root: index.root)
        var directories = Set<String>()
        for file in index.files {
            var dir = RelativePath.directory(of: file.relativePath)
            while !dir.isEmpty, directories.insert(dir).inserted { dir = RelativePath.directory(of: dir) }
        }
        discoveredDirectories = directories
    }

    /// Diagnostics about the declaration sources themselves (a bad index, a broken DVC file).
    func diagnostics() -> [Diagnostic] {
        var result = dvc.diagnostics
        if let problem = tracked.problem {
            result.append(Diagnostic(kind: problem.isMalformed ? .parseError : .skipped, path: problem.path, message: problem.message))
        }
        return result
    }

    /// Whether a root-relative file counts as committed: tracked by git, or, outside a
    /// work tree (or when its index cannot be read), present and not ignored.
    func isCommitted(_ path: String) -> Bool {
        if let paths = tracked.paths { return paths.contains(path) }
        if index.file(at: path) != nil { return true }
        // A narrowed scan did not walk the tree: a file on disk counts.
        return !index.isComplete && index.exists(path)
    }

    func declaration(ofFile path: String) -> Declaration? {
        if isCommitted(path) { return .committed }
        if let output = dvc.output(covering: path) { return .dvc(output) }
        if lfs.isLFS(path) { return .lfs }
        if let entry = manifest.entry(covering: path) { return .manifest(entry) }
        return nil
    }

    func declaration(ofDirectory path: String) -> Declaration? {
        if path.isEmpty { return .committed }
        if tracked.paths != nil ? tracked.directories.contains(path) : discoveredDirectories.contains(path) { return .committed }
        if let output = dvc.output(covering: path) { return .dvc(output) }
        if dvc.touchesDirectory(path) { return .committed }
        if lfs.coversDirectory(path) { return .lfs }
        if let entry = manifest.entry(covering: path) { return .manifest(entry) }
        if manifest.touchesDirectory(path) { return .committed }
        return nil
    }

    /// Whether a root-relative path exists on disk (file or directory).
    func existsOnDisk(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: index.root.appendingPathComponent(path).path)
    }

    /// The file's discovered entry, or one made up for a file discovery did not list
    /// (a configuration file reported on), so findings can be placed in it.
    func discoveredFile(_ relativePath: String) -> DiscoveredFile? {
        if let file = index.file(at: relativePath) { return file }
        let absolute = index.root.appendingPathComponent(relativePath).path
        guard FileManager.default.fileExists(atPath: absolute) else { return nil }
        let display = index.displayRoot == "." ? relativePath : "\(index.displayRoot)/\(relativePath)"
        return DiscoveredFile(relativePath: relativePath, displayPath: display, absolutePath: absolute,
                              kind: FileKind.classify(path: relativePath), size: 0, isExplicit: false)
    }
}
