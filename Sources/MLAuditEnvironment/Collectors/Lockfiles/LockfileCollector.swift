/// Collects the `lockfiles` section: dependency manifests and locks at the
/// project root and one directory below, with size and SHA-256.
struct LockfileCollector {
    let projectRoot: String

    /// Directories never descended into (environments, caches, VCS data).
    static let skippedDirectories: Set<String> = ["node_modules", "__pycache__", "site-packages"]

    static func isLockfile(_ name: String) -> Bool {
        switch name {
        case "pyproject.toml", "poetry.lock", "uv.lock", "pdm.lock", "Pipfile", "Pipfile.lock",
             "conda-lock.yml", "conda-lock.yaml", "setup.cfg", "setup.py":
            return true
        default:
            if name.hasPrefix("requirements"), name.hasSuffix(".txt") { return true }
            if name.hasPrefix("pylock"), name.hasSuffix(".toml") { return name == "pylock.toml" || name.hasPrefix("pylock.") }
            if name.hasPrefix("environment"), name.hasSuffix(".yml") || name.hasSuffix(".yaml") { return true }
            return false
        }
    }

    func collect() -> Section<LockfileInventory> {
        var files: [HashedFile] = []
        var warnings: [String] = []
        let top: [FileSystem.Entry]
        do {
            top = try FileSystem.list(projectRoot)
        } catch {
            return .failed("\(error)")
        }
        var candidates: [String] = top.filter { Self.isLockfile($0.name) }.map(\.name)
        for entry in top where !entry.name.hasPrefix(".") && !Self.skippedDirectories.contains(entry.name) && !entry.isSymlink {
            let isDirectory = entry.isDirectory ?? FileSystem.isDirectory(Path.join(projectRoot, entry.name))
            guard isDirectory else { continue }
            do {
                let inner = try FileSystem.list(Path.join(projectRoot, entry.name))
                // A virtual environment's own files are not the project's.
                if inner.contains(where: { $0.name == "pyvenv.cfg" || $0.name == "conda-meta" }) { continue }
                candidates += inner.filter { Self.isLockfile($0.name) }.map { entry.name + "/" + $0.name }
            } catch {
                warnings.append("\(error)")
            }
        }
        for relative in candidates {
            let path = Path.join(projectRoot, relative)
            guard FileSystem.isRegularFile(path) else { continue }
            do {
                let hashed = try FileHasher().hash(path: path)
                files.append(HashedFile(path: relative, size: hashed.size, sha256: hashed.digest.hex))
            } catch {
                warnings.append("\(error)")
            }
        }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return .ok(LockfileInventory(files: files), warnings: warnings)
    }
}
