/// The rule families of the catalogue, keyed by ID prefix.
public enum RuleCategory: String, Sendable, Codable, CaseIterable {
    case pinning, declarations, lockfiles, paths, data, randomness, notebooks, environment

    public var prefix: String {
        switch self {
        case .pinning: "PIN"
        case .declarations: "DEC"
        case .lockfiles: "LCK"
        case .paths: "PATH"
        case .data: "DAT"
        case .randomness: "RND"
        case .notebooks: "NBK"
        case .environment: "ENV"
        }
    }

    public var title: String {
        switch self {
        case .pinning: "Dependency pinning"
        case .declarations: "Dependency declarations"
        case .lockfiles: "Lockfiles"
        case .paths: "Machine-specific paths"
        case .data: "Data and models"
        case .randomness: "Randomness and determinism"
        case .notebooks: "Notebooks"
        case .environment: "Environment drift"
        }
    }
}

/// Whether a rule's check ships in this build.
public enum RuleStatus: String, Sendable, Codable {
    case stable
    /// Catalogued (the ID is reserved and documented) but not checked yet.
    case planned
}

/// Which command produces a rule's findings.
public enum RuleScope: String, Sendable, Codable {
    case scan
    case diff
}

public struct RuleReference: Sendable, Hashable, Codable {
    public var title: String
    public var url: String
    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

/// A self-contained sample project for a rule: files, optional config, and the
/// places the rule must report (empty for a non-triggering example).
public struct RuleExample: Sendable, Hashable, Codable {
    public var description: String?
    /// Relative path → file content.
    public var files: [String: String]
    /// Optional `mlaudit.yaml` content applied to the example.
    public var config: String?
    /// Expected findings as `path:line` or `path:line:col`.
    public var expected: [String]

    public init(description: String? = nil, files: [String: String], config: String? = nil, expected: [String]) {
        self.description = description
        self.files = files
        self.config = config
        self.expected = expected
    }
}

/// Everything the catalogue says about one rule; the single source for
/// `mlaudit rules`, docs/rules, SARIF rule metadata and the example tests.
public struct RuleDescription: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var category: RuleCategory
    /// nil for rules whose severity depends on the kind of change (ENV rules).
    public var defaultSeverity: Severity?
    /// How the severity varies, for rules without a fixed one.
    public var severityNote: String?
    public var status: RuleStatus
    public var scope: RuleScope
    public var summary: String
    public var description: String
    public var rationale: String
    public var fix: String
    public var references: [RuleReference]
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]

    public init(
        id: String, name: String, category: RuleCategory, defaultSeverity: Severity?, severityNote: String?,
        status: RuleStatus, scope: RuleScope, summary: String, description: String, rationale: String,
        fix: String, references: [RuleReference], triggering: [RuleExample], nonTriggering: [RuleExample]
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.severityNote = severityNote
        self.status = status
        self.scope = scope
        self.summary = summary
        self.description = description
        self.rationale = rationale
        self.fix = fix
        self.references = references
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }

    /// The level to advertise where one is required (SARIF defaultConfiguration).
    public var advertisedSeverity: Severity { defaultSeverity ?? .warning }

    public var docsPath: String { "docs/rules/\(id).md" }

    /// The rule's page on the project site, for reports read away from a checkout.
    public static func docsURL(_ id: String) -> String { "\(MLAuditVersion.informationURI)/blob/main/docs/rules/\(id).md" }
}
