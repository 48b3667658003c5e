/// How collecting one manifest section went.
public enum SectionStatus: String, Codable, Sendable, Equatable {
    /// Collected; the section's fields follow.
    case ok
    /// Not collected on purpose (`--skip`, `--no-system-packages`, nothing to do).
    case skipped
    /// Does not apply here (no interpreter found, not a git repository, no
    /// conda environment). Not an error.
    case unavailable
    /// Collection was attempted and failed (permissions, timeout, unreadable
    /// input). The rest of the manifest is still written.
    case failed
}

/// One manifest section: a status, a reason when it is not `ok`, warnings
/// about parts that could not be read, and — when `ok` — the content's
/// fields, flattened into the same JSON object.
public struct Section<Content: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var status: SectionStatus
    public var reason: String?
    public var warnings: [String]
    public var content: Content?

    public init(status: SectionStatus, reason: String? = nil, warnings: [String] = [], content: Content? = nil) {
        self.status = status
        self.reason = reason
        self.warnings = warnings
        self.content = content
    }

    public static func ok(_ content: Content, warnings: [String] = []) -> Section {
        Section(status: .ok, warnings: warnings, content: content)
    }

    public static func skipped(_ reason: String) -> Section { Section(status: .skipped, reason: reason) }
    public static func unavailable(_ reason: String) -> Section { Section(status: .unavailable, reason: reason) }
    public static func failed(_ reason: String) -> Section { Section(status: .failed, reason: reason) }

    enum CodingKeys: String, CodingKey {
        case status, reason, warnings
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(reason, forKey: .reason)
        if !warnings.isEmpty { try container.encode(warnings.sorted(), forKey: .warnings) }
        // The content's keys join the same object (the encoder merges keyed
        // containers requested from one encoder).
        try content?.encode(to: encoder)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decode(SectionStatus.self, forKey: .status)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
        content = status == .ok ? try Content(from: decoder) : nil
    }
}

/// The sections a snapshot can record, in manifest order.
public enum ManifestSection: String, CaseIterable, Sendable, Hashable {
    case host, accelerators, python, conda
    case systemPackages = "system_packages"
    case env, git, lockfiles, data

    /// Parses a `--skip` name; accepts the JSON key and the short and
    /// hyphenated forms (`system`, `system-packages`).
    public init?(argument: String) {
        let name = argument.lowercased().replacingOccurrences(of: "-", with: "_")
        switch name {
        case "system", "system_packages", "packages": self = .systemPackages
        case "environment", "env_vars": self = .env
        case "gpu", "gpus", "accelerator": self = .accelerators
        case "lockfile", "locks": self = .lockfiles
        default:
            guard let section = ManifestSection(rawValue: name) else { return nil }
            self = section
        }
    }
}
