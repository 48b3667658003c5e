import Foundation

/// What the user asked `mlaudit snapshot` to record.
public struct SnapshotOptions: Sendable {
    public enum Timestamp: Sendable, Equatable {
        /// `SOURCE_DATE_EPOCH` when set (reproducible builds convention),
        /// else the current time.
        case automatic
        /// No `created_at` (`--no-timestamp`).
        case omitted
        case fixed(Date)
    }

    /// The project directory (lockfiles, git, relative `--data` paths).
    public var projectRoot: String
    public var skip: Set<ManifestSection>
    public var includeHostname: Bool
    public var timestamp: Timestamp
    /// `--python PATH`: the interpreter to describe.
    public var pythonExecutable: String?
    /// `--env NAME`: names added to the allowlist.
    public var extraEnvironmentNames: [String]
    /// `--data PATH`: files or directories to hash.
    public var dataPaths: [String]
    /// Reuse and update the data hash cache.
    public var useDataCache: Bool
    /// The invocation, recorded (redacted) in `meta.command_line`.
    public var commandLine: [String]
    /// Limit for each subprocess (nvidia-smi, nvcc, the interpreter, git).
    public var subprocessTimeout: Double
    /// Where the manifest will be written (`--output`): left out of git's
    /// changed paths, so rewriting a committed manifest is not "dirt".
    public var outputPath: String?

    public init(
        projectRoot: String = ".",
        skip: Set<ManifestSection> = [],
        includeHostname: Bool = false,
        timestamp: Timestamp = .automatic,
        pythonExecutable: String? = nil,
        extraEnvironmentNames: [String] = [],
        dataPaths: [String] = [],
        useDataCache: Bool = true,
        commandLine: [String] = ["mlaudit", "snapshot"],
        subprocessTimeout: Double = 5,
        outputPath: String? = nil
    ) {
        self.projectRoot = projectRoot
        self.skip = skip
        self.includeHostname = includeHostname
        self.timestamp = timestamp
        self.pythonExecutable = pythonExecutable
        self.extraEnvironmentNames = extraEnvironmentNames
        self.dataPaths = dataPaths
        self.useDataCache = useDataCache
        self.commandLine = commandLine
        self.subprocessTimeout = subprocessTimeout
        self.outputPath = outputPath
    }
}
