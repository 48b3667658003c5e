/// The active conda environment's packages, from `conda-meta/*.json`.
public struct CondaEnvironment: Codable, Sendable, Equatable {
    public var prefix: String
    /// `CONDA_DEFAULT_ENV`, else the prefix's last component.
    public var name: String
    /// Sorted by `name`.
    public var packages: [CondaPackage]
}

public struct CondaPackage: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var build: String
    /// Channel name or URL, credentials removed.
    public var channel: String?
    public var subdir: String?
}
