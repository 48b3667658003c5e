/// An environment manifest: everything about the environment that can change
/// a result, as recorded by `mlaudit snapshot`. Documented field by field in
/// docs/manifest.md; JSON Schema in docs/manifest.schema.json.
public struct Manifest: Codable, Sendable, Equatable {
    /// The manifest format this build writes. Bump on incompatible changes.
    public static let schemaVersion = 1

    public var meta: ManifestMeta
    public var host: Section<HostInfo>
    public var accelerators: Section<AcceleratorInfo>
    public var python: Section<PythonEnvironment>
    public var conda: Section<CondaEnvironment>
    public var systemPackages: Section<SystemPackages>
    public var env: Section<EnvironmentVariables>
    public var git: Section<GitState>
    public var lockfiles: Section<LockfileInventory>
    public var data: Section<DataInventory>

    public init(
        meta: ManifestMeta,
        host: Section<HostInfo>, accelerators: Section<AcceleratorInfo>, python: Section<PythonEnvironment>,
        conda: Section<CondaEnvironment>, systemPackages: Section<SystemPackages>, env: Section<EnvironmentVariables>,
        git: Section<GitState>, lockfiles: Section<LockfileInventory>, data: Section<DataInventory>
    ) {
        self.meta = meta
        self.host = host
        self.accelerators = accelerators
        self.python = python
        self.conda = conda
        self.systemPackages = systemPackages
        self.env = env
        self.git = git
        self.lockfiles = lockfiles
        self.data = data
    }

    enum CodingKeys: String, CodingKey {
        case meta, host, accelerators, python, conda
        case systemPackages = "system_packages"
        case env, git, lockfiles, data
    }
}

/// Who wrote the manifest, when, and how.
public struct ManifestMeta: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    public var mlauditVersion: String
    /// UTC, ISO 8601 (`2024-05-01T12:00:00Z`); absent with `--no-timestamp`.
    public var createdAt: String?
    /// The invocation, with secrets redacted and the program path reduced to
    /// its name.
    public var commandLine: [String]
    /// Absolute path of the project the snapshot was taken for.
    public var projectRoot: String

    public init(schemaVersion: Int, mlauditVersion: String, createdAt: String?, commandLine: [String], projectRoot: String) {
        self.schemaVersion = schemaVersion
        self.mlauditVersion = mlauditVersion
        self.createdAt = createdAt
        self.commandLine = commandLine
        self.projectRoot = projectRoot
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case mlauditVersion = "mlaudit_version"
        case createdAt = "created_at"
        case commandLine = "command_line"
        case projectRoot = "project_root"
    }
}
