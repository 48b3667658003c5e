import MLAuditCore
/// Collects the `git` section: commit, branch and remote from `.git`
/// itself; dirty state and changed paths from `git status`.
struct GitCollector {
    static let pathLimit = 1000

    let context: SnapshotContext
    let projectRoot: String
    let timeout: Double
    /// Absolute paths left out of `modified`/`untracked` (the manifest being
    /// written).
    var ignoredPaths: [String] = []

    func collect() -> Section<GitState> {
        let repository: GitRepository
        do {
            guard let found = try GitRepository.find(containing: projectRoot) else {
                return .unavailable("\(projectRoot) is not inside a git repository")
            }
            repository = found
        } catch {
            return .failed("\(error)")
        }

        var warnings: [String] = []
        var state = GitState(root: repository.workTree, detached: false)
        do {
            switch try repository.head() {
            case let .branch(ref, commit):
                state.commit = commit
                state.branch = ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : ref
            case let .detached(commit):
                state.commit = commit
                state.detached = true
            }
        } catch {
            return .failed("\(error)")
        }

        do {
            let config = try repository.config()
            let remoteName = state.branch.flatMap { config.branchRemotes[$0] }.flatMap { config.remotes[$0] != nil ? $0 : nil }
                ?? (config.remotes["origin"] != nil ? "origin" : config.remotes.keys.sorted().first)
            if let remoteName, let url = config.remotes[remoteName] {
                state.remoteName = remoteName
                state.remoteURL = Redaction.stripURLCredentials(url)
            }
        } catch {
            warnings.append("git config: \(error)")
        }

        do {
            if var status = try GitStatusReader(context: context, timeout: timeout).read(workTree: repository.workTree) {
                let ignored = Set(ignoredPaths.compactMap { Path.relative($0, to: repository.workTree) })
                status.modified.removeAll(where: ignored.contains)
                status.untracked.removeAll(where: ignored.contains)
                state.dirty = !status.modified.isEmpty || !status.untracked.isEmpty
                state.modified = Array(status.modified.prefix(Self.pathLimit))
                state.untracked = Array(status.untracked.prefix(Self.pathLimit))
                if status.modified.count > Self.pathLimit || status.untracked.count > Self.pathLimit {
                    state.pathsTruncated = true
                }
            } else {
                warnings.append("git not found on PATH; dirty state unknown")
            }
        } catch {
            warnings.append("dirty state unknown: \(error)")
        }
        return .ok(state, warnings: warnings)
    }
}
