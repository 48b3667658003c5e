/// Whether the project is installed by others (ranges in package metadata are right)
/// or run as is (everything must be pinned).
public enum ProjectKind: String, Sendable, Codable {
    case application
    case library
}

/// One entry of the `data:` manifest.
public struct DataDeclaration: Sendable, Hashable, Codable {
    public var path: String
    public var source: String?
    public var sha256: String?
    public var md5: String?
    public var size: Int?
    public var description: String?
    public var license: String?
    /// Line of the entry, and of its `sha256` or `md5`, in the configuration file.
    public var line: Int?
    public var checksumLine: Int?

    public init(path: String, source: String? = nil, sha256: String? = nil, md5: String? = nil, size: Int? = nil,
                description: String? = nil, license: String? = nil, line: Int? = nil) {
        self.path = path
        self.source = source
        self.sha256 = sha256
        self.md5 = md5
        self.size = size
        self.description = description
        self.license = license
        self.line = line
    }
}

/// The project configuration (`mlaudit.yaml`, `.mlaudit.yaml` or `[tool.mlaudit]`).
public struct Configuration: Sendable {
    public var select: [String] = []
    public var ignore: [String] = []
    public var severityOverrides: [String: Severity] = [:]
    public var perFileIgnores: [(pattern: GlobPattern, rules: [String])] = []
    public var exclude: [GlobPattern] = []
    public var projectKind: ProjectKind = .application
    /// The configuration sets `project-kind` (otherwise a scan guesses it as `init` does).
    public var projectKindIsSet = false
    /// Files larger than this are not read (bytes).
    public var maxFileSize: Int = 10 * 1024 * 1024
    /// Notebooks larger than this are not read (bytes). Their own limit, higher than
    /// `maxFileSize`: the code cells are what is checked, and outputs (plots as base64,
    /// long logs), which make most of a large notebook, are stepped over, never decoded.
    public var maxNotebookSize: Int = 100 * 1024 * 1024
    /// Nesting depth and YAML alias expansion bounds.
    public var limits = InputLimits()
    /// Findings of one rule in one file beyond this are counted, not listed (`max-findings-per-rule`):
    /// a 10 MB requirements file of bare names gives 100 PIN001 findings and one line saying how many more.
    public var maxFindingsPerRule = 100
    /// DAT004 threshold (bytes).
    public var largeFileThreshold: Int = 5 * 1000 * 1000
    /// Extra import name → distribution names.
    public var importMap: [String: [String]] = [:]
    public var data: [DataDeclaration] = []
    /// The file the configuration came from, relative to the project root, if any.
    public var sourcePath: String?
    /// The same file as an absolute path, for checks that report inside it (data manifest entries).
    public var sourceAbsolutePath: String?

    public init() {}

    /// The effective rule filter: the command line's selection overrides the file's.
    public func isEnabled(_ ruleID: String, extraSelect: [String] = [], extraIgnore: [String] = []) -> Bool {
        let selectors = extraSelect.isEmpty ? select : extraSelect
        let selected = selectors.isEmpty || selectors.contains { Self.selector($0, matches: ruleID) }
        if !selected { return false }
        return !(ignore + extraIgnore).contains { Self.selector($0, matches: ruleID) }
    }

    public func severity(for ruleID: String, default fallback: Severity) -> Severity {
        severityOverrides[ruleID] ?? fallback
    }

    public func isIgnored(ruleID: String, inFile path: String) -> Bool {
        perFileIgnores.contains { entry in
            entry.pattern.matches(path, isDirectory: false) && entry.rules.contains { Self.selector($0, matches: ruleID) }
        }
    }

    public func isExcluded(_ path: String, isDirectory: Bool) -> Bool {
        exclude.contains { $0.matches(path, isDirectory: isDirectory) }
    }

    public static func selector(_ selector: String, matches ruleID: String) -> Bool {
        let upper = selector.uppercased()
        return upper == "ALL" || ruleID.hasPrefix(upper)
    }
}
