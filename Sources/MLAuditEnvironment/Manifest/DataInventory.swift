/// Data files and directories named with `--data`, hashed.
public struct DataInventory: Codable, Sendable, Equatable {
    /// Sorted by `path`.
    public var entries: [DataEntry]
}

public struct DataEntry: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, Equatable {
        case file, directory, missing, error
    }

    /// Relative to the project root when inside it, else absolute.
    public var path: String
    public var kind: Kind
    /// Bytes (a directory: the sum over its files).
    public var size: Int64?
    /// A file: its SHA-256. A directory: the SHA-256 of its `sha256sum`-style
    /// listing (`<hex>  <relative path>\n` per file, sorted by path).
    public var sha256: String?
    public var fileCount: Int?
    /// A directory's files, relative to it; sorted by `path`.
    public var files: [HashedFile]?
    /// Why the entry (or some of its files) could not be hashed.
    public var errors: [String]?

    enum CodingKeys: String, CodingKey {
        case path, kind, size, sha256
        case fileCount = "file_count"
        case files, errors
    }
}
