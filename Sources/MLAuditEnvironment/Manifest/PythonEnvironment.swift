/// The Python interpreter and the distributions installed for it.
public struct PythonEnvironment: Codable, Sendable, Equatable {
    /// How the interpreter was chosen.
    public enum Selection: String, Codable, Sendable, Equatable {
        case option
        case virtualEnv = "virtual_env"
        case condaPrefix = "conda_prefix"
        case pyenv
        case path
    }

    public var selection: Selection
    /// `sys.executable` as the interpreter reports it.
    public var executable: String
    /// What was run when it differs from `executable` (a pyenv shim, a
    /// `--python` symlink).
    public var requested: String?
    /// `3.11.7`, `3.13.0rc1`.
    public var version: String
    /// The full `sys.version` string (build date, compiler).
    public var build: String
    /// `sys.implementation.name` (`cpython`, `pypy`).
    public var implementation: String
    public var platform: String
    public var prefix: String
    public var basePrefix: String
    public var inVirtualEnv: Bool
    /// `sys.path` without the script-dependent first entry.
    public var sysPath: [String]
    /// The directories scanned for distributions, in `sys.path` order.
    public var sitePackages: [String]
    /// Sorted by `name`, then `location` order.
    public var packages: [PythonPackage]

    enum CodingKeys: String, CodingKey {
        case selection, executable, requested, version, build, implementation, platform, prefix
        case basePrefix = "base_prefix"
        case inVirtualEnv = "in_virtual_env"
        case sysPath = "sys_path"
        case sitePackages = "site_packages"
        case packages
    }
}

/// One installed distribution, read from its `.dist-info` or `.egg-info`.
public struct PythonPackage: Codable, Sendable, Equatable {
    /// PEP 503 normalised (`scikit-learn`).
    public var name: String
    public var version: String
    /// `dist-info` or `egg-info`.
    public var format: String
    /// The site directory it was found in.
    public var location: String
    /// Contents of the `INSTALLER` file (`pip`, `uv`, `conda`).
    public var installer: String?
    /// PEP 610 `direct_url.json`, when installed from a URL, VCS or path.
    public var directURL: DirectURL?

    enum CodingKeys: String, CodingKey {
        case name, version, format, location, installer
        case directURL = "direct_url"
    }
}

/// The parts of PEP 610 `direct_url.json` that identify what was installed.
public struct DirectURL: Codable, Sendable, Equatable {
    /// With any credentials removed.
    public var url: String
    /// `git`, `hg`, `svn`, `bzr` for VCS installs.
    public var vcs: String?
    public var commitID: String?
    public var requestedRevision: String?
    /// `dir_info.editable`.
    public var editable: Bool?
    /// `archive_info.hash` (`sha256=...`), or the first of `archive_info.hashes`.
    public var archiveHash: String?

    enum CodingKeys: String, CodingKey {
        case url, vcs
        case commitID = "commit_id"
        case requestedRevision = "requested_revision"
        case editable
        case archiveHash = "archive_hash"
    }
}
