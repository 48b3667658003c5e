/// Dependency manifests and lockfiles at the project root and one level below.
public struct LockfileInventory: Codable, Sendable, Equatable {
    /// Sorted by `path`.
    public var files: [HashedFile]
}

/// A file with its size and SHA-256.
public struct HashedFile: Codable, Sendable, Equatable {
    /// Relative to the project root (or to the data entry's directory).
    public var path: String
    public var size: Int64
    public var sha256: String
}
