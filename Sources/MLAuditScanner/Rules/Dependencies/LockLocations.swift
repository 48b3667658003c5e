import MLAuditCore

/// Which lock files belong to which manifest (LCK001, LCK002).
enum LockLocations {
    static let pyprojectLocks = ["uv.lock", "poetry.lock", "pdm.lock", "pylock.toml"]

    /// Locks accepted for a manifest, by relative path, nearest directory first.
    /// `ancestors` also looks in every directory above (workspaces keep one lock at the top).
    static func candidates(for manifest: DependencyManifest, deps: ProjectDependencies, project: ProjectContext, ancestors: Bool) -> [String] {
        let dir = RelativePath.directory(of: manifest.path)
        let name = RelativePath.name(of: manifest.path)
        switch manifest.kind {
        case .pyproject, .setupPy:
            var found: [String] = []
            var current = dir
            while true {
                for lock in pyprojectLocks {
                    let path = RelativePath.join(current, lock)
                    if deps.exists(path, project: project) { found.append(path) }
                }
                found += names(in: current, project: project).filter { $0.hasPrefix("pylock.") && $0.hasSuffix(".toml") && $0 != "pylock.toml" }
                    .map { RelativePath.join(current, $0) }
                if !ancestors || current.isEmpty { break }
                current = RelativePath.directory(of: current)
            }
            return found
        case .pipfile:
            let path = RelativePath.join(dir, "Pipfile.lock")
            return deps.exists(path, project: project) ? [path] : []
        case .requirementsInput:
            let path = RelativePath.join(dir, String(name.dropLast(3)) + ".txt")
            return deps.exists(path, project: project) ? [path] : []
        case .conda:
            return CondaDependencyNotPinnedRule.condaLocks(in: dir, project: project)
        default:
            return []
        }
    }

    static func names(in dir: String, project: ProjectContext) -> [String] {
        project.index.siblings(of: RelativePath.join(dir, "_")).map { RelativePath.name(of: $0.relativePath) }.sorted()
    }
}
