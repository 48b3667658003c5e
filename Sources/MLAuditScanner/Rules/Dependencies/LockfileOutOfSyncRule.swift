import MLAuditCore
import MLAuditParsers

/// LCK002: a declared dependency that the manifest's lock does not contain, or
/// whose locked version the declared constraint excludes.
struct LockfileOutOfSyncRule: ProjectRule {
    let ruleIDs = ["LCK002"]

    func check(_ project: ProjectContext) {
        var deps = ProjectDependencies(project)
        for manifest in deps.manifests {
            switch manifest.kind {
            case .pyproject, .pipfile, .requirementsInput, .conda: break
            default: continue
            }
            guard let file = deps.index.file(at: manifest.path) else { continue }
            for path in LockLocations.candidates(for: manifest, deps: deps, project: project, ancestors: manifest.kind == .pyproject) {
                guard let lock = deps.lock(at: path, project: project), belongs(manifest, to: lock, at: path) else { continue }
                compare(manifest, with: lock, file: file, project: project)
                break
            }
        }
    }

    /// A lock above the manifest's directory counts only for a member of its uv workspace.
    private func belongs(_ manifest: DependencyManifest, to lock: DependencyLock, at path: String) -> Bool {
        if RelativePath.directory(of: path) == RelativePath.directory(of: manifest.path) { return true }
        guard lock.kind == .uv, let name = manifest.projectName else { return false }
        return lock.members.contains(name) || lock.packages[name] != nil
    }

    private func compare(_ manifest: DependencyManifest, with lock: DependencyLock, file: DiscoveredFile, project: ProjectContext) {
        let lockName = RelativePath.name(of: lock.path)
        for dep in manifest.dependencies {
            if dep.key == manifest.projectName || lock.members.contains(dep.key) { continue }
            let versions = dep.isConda ? lock.condaPackages[dep.key] : lock.packages[RequirementSpec.normalize(name: dep.key)]
            guard let versions else {
                if dep.source == .direct || (dep.isConditional && lock.isPlatformSpecific) { continue }
                // A marker false on every supported Python: the resolver rightly left it out.
                if let marker = dep.marker, let requires = manifest.pythonVersion?.text,
                   !PythonMarkerRange.canHold(marker, requiresPython: requires) { continue }
                project.report("LCK002", in: file, line: dep.line, column: dep.column,
                               message: "\(dep.written) (\(dep.context)) is not in \(lockName): the lock is out of date; \(Self.relock(lock.kind, manifest: manifest))")
                continue
            }
            let known = versions.filter { !$0.isEmpty }
            guard !known.isEmpty, !known.contains(where: dep.constraint.admits) else { continue }
            project.report("LCK002", in: file, line: dep.line, column: dep.column,
                           message: "\(dep.written) (\(dep.context)) is locked at \(known.joined(separator: ", ")) in \(lockName), which the declaration excludes: \(Self.relock(lock.kind, manifest: manifest))")
        }
    }

    static func relock(_ kind: DependencyLock.Kind, manifest: DependencyManifest) -> String {
        switch kind {
        case .uv: return "run uv lock"
        case .poetry: return "run poetry lock"
        case .pdm: return "run pdm lock"
        case .pylock: return "regenerate the pylock file"
        case .pipfile: return "run pipenv lock"
        case .condaLock: return "run conda-lock -f \(RelativePath.name(of: manifest.path))"
        case .compiledRequirements: return "recompile \(RelativePath.name(of: manifest.path)) (pip-compile or uv pip compile)"
        }
    }
}
