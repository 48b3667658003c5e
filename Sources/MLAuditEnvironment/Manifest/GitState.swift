/// The project's git checkout.
public struct GitState: Codable, Sendable, Equatable {
    /// Top of the working tree.
    public var root: String
    /// Full object id of HEAD; absent in a repository without commits.
    public var commit: String?
    /// Current branch; absent when HEAD is detached.
    public var branch: String?
    public var detached: Bool
    /// The branch's upstream remote, else `origin`, else the first remote.
    public var remoteName: String?
    /// That remote's URL with credentials removed.
    public var remoteURL: String?
    /// Whether tracked files differ from HEAD or untracked files exist;
    /// absent when `git status` could not run.
    public var dirty: Bool?
    /// Changed tracked paths (staged or not), relative to `root`; sorted.
    public var modified: [String]?
    /// Untracked, non-ignored paths (directories collapsed); sorted.
    public var untracked: [String]?
    /// True when `modified`/`untracked` were cut at 1000 entries each.
    public var pathsTruncated: Bool?

    enum CodingKeys: String, CodingKey {
        case root, commit, branch, detached
        case remoteName = "remote_name"
        case remoteURL = "remote_url"
        case dirty, modified, untracked
        case pathsTruncated = "paths_truncated"
    }
}
