/// A git repository found by reading `.git` directly: the work tree, the
/// git directory (per worktree) and the common directory (shared refs and
/// config), HEAD and refs.
struct GitRepository {
    let workTree: String
    let gitDirectory: String
    let commonDirectory: String

    /// The repository containing `path` (searching upwards), if any.
    static func find(containing path: String) throws -> GitRepository? {
        var directory = path
        while true {
            let dotGit = Path.join(directory, ".git")
            if let status = FileSystem.status(dotGit) {
                if status.kind == .directory {
                    return GitRepository(workTree: directory, gitDirectory: dotGit, commonDirectory: try common(of: dotGit))
                }
                if status.kind == .regular {
                    // Worktrees and submodules: "gitdir: <path>".
                    let text = try FileSystem.readString(dotGit, maxBytes: 4096)
                    guard let line = text.split(whereSeparator: \.isNewline).first, line.hasPrefix("gitdir:") else {
                        throw GitError.malformed(dotGit)
                    }
                    let target = String(line.dropFirst("gitdir:".count).trimmingSpaces())
                    let gitDirectory = Path.absolute(target, base: directory)
                    return GitRepository(workTree: directory, gitDirectory: gitDirectory, commonDirectory: try common(of: gitDirectory))
                }
            }
            if directory == "/" || directory.isEmpty { return nil }
            directory = Path.parent(directory)
        }
    }

    private static func common(of gitDirectory: String) throws -> String {
        guard let text = try FileSystem.readStringIfPresent(Path.join(gitDirectory, "commondir")) else { return gitDirectory }
        return Path.absolute(String(text.trimmingSpaces()), base: gitDirectory)
    }

    enum Head: Equatable {
        case branch(ref: String, commit: String?)
        case detached(commit: String)
    }

    func head() throws -> Head {
        let text = try FileSystem.readString(Path.join(gitDirectory, "HEAD"), maxBytes: 4096).trimmingSpaces()
        if text.hasPrefix("ref:") {
            let ref = String(text.dropFirst(4).trimmingSpaces())
            return .branch(ref: ref, commit: try resolve(ref: ref))
        }
        guard Hex.isHex(String(text), length: 40) || Hex.isHex(String(text), length: 64) else { throw GitError.malformed("HEAD") }
        return .detached(commit: String(text).lowercased())
    }

    /// The object id a ref points at (following symbolic refs), or `nil`
    /// for an unborn branch.
    func resolve(ref: String, depth: Int = 0) throws -> String? {
        guard depth < 8 else { throw GitError.malformed("symbolic ref loop at \(ref)") }
        for directory in [gitDirectory, commonDirectory] {
            guard let text = try FileSystem.readStringIfPresent(Path.join(directory, ref)) else { continue }
            let value = text.trimmingSpaces()
            if value.hasPrefix("ref:") { return try resolve(ref: String(value.dropFirst(4).trimmingSpaces()), depth: depth + 1) }
            return String(value).lowercased()
        }
        guard let packed = try FileSystem.readStringIfPresent(Path.join(commonDirectory, "packed-refs")) else { return nil }
        for line in packed.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == ref { return String(parts[0]).lowercased() }
        }
        return nil
    }

    func config() throws -> GitConfig {
        GitConfig.parse(try FileSystem.readStringIfPresent(Path.join(commonDirectory, "config")) ?? "")
    }
}

enum GitError: Error, CustomStringConvertible {
    case malformed(String)

    var description: String {
        switch self {
        case let .malformed(what): "unreadable git metadata: \(what)"
        }
    }
}
