import Foundation
import MLAuditCore

public struct ScanOptions: Sendable {
    /// Files and directories as given on the command line (default: the base directory).
    public var paths: [String]
    /// Reports show paths relative to this directory (normally the working directory).
    public var baseDirectory: URL
    /// An explicit configuration file; otherwise one is discovered per project root.
    public var configPath: String?
    /// Replaces discovery and `configPath` (used by the example tests).
    public var configuration: Configuration?
    /// Rule selectors from the command line; `select` replaces the configuration's.
    public var select: [String] = []
    public var ignore: [String] = []
    /// Worker threads; nil = one per core.
    public var jobs: Int?
    /// Run the project-wide rules (off for the per-file pre-commit hook, which sees batches of files).
    public var runProjectRules = true
    /// Report only what the project-wide rules find (the whole-project hook, run beside the per-file one).
    public var projectFindingsOnly = false
    /// Walk only files in the git index (committed or staged), so untracked scratch files do not fail a commit.
    public var trackedOnly = false
    /// Hash declared data files and compare them with their declared checksums (DAT006).
    public var verifyData = false

    public init(paths: [String], baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                configPath: String? = nil, configuration: Configuration? = nil) {
        self.paths = paths
        self.baseDirectory = baseDirectory
        self.configPath = configPath
        self.configuration = configuration
    }
}

public struct ScanResult: Sendable {
    public var findings: [Finding]
    public var diagnostics: [Diagnostic]
    public var filesChecked: Int
    /// Display paths of the files checked, in report order.
    public var checkedFiles: [String]
    /// The rules that ran, sorted by ID.
    public var rules: [RuleDescription]
    /// The configuration files in force, as shown in reports.
    public var configurationFiles: [String]
}

public enum ScanError: Error, CustomStringConvertible, Sendable {
    case pathNotFound(String)
    /// A path that exists as a link but does not resolve.
    case unresolvable(String, reason: String)
    case configuration(ConfigError)

    public var description: String {
        switch self {
        case .pathNotFound(let path): "\(path): no such file or directory"
        case .unresolvable(let path, let reason): "\(path): cannot be resolved: \(reason)"
        case .configuration(let error): error.description
        }
    }
}
