/// Operating-system packages, read from the package managers' databases.
public struct SystemPackages: Codable, Sendable, Equatable {
    /// Keyed by manager: `dpkg`, `apk`, `rpm`. Only managers whose database
    /// exists appear.
    public var managers: [String: PackageDatabase]
}

public struct PackageDatabase: Codable, Sendable, Equatable {
    public var status: SectionStatus
    public var reason: String?
    /// The database file that was read.
    public var source: String
    /// Sorted by name, then architecture.
    public var packages: [SystemPackage]
}

public struct SystemPackage: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var architecture: String?
}
