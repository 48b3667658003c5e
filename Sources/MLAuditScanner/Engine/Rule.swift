import MLAuditCore

/// A check over one file at a time. Rules are stateless values; everything a rule
/// learns about a file goes through its `FileContext`.
public protocol FileRule: Sendable {
    /// The catalogue IDs this check can report.
    var ruleIDs: [String] { get }
    func applies(to kind: FileKind) -> Bool
    func check(_ file: FileContext)
}

/// A check over a whole project root, run once per root after every file was checked.
public protocol ProjectRule: Sendable {
    var ruleIDs: [String] { get }
    func check(_ project: ProjectContext)
}

/// What a project rule sees: the index of files, the facts file rules published,
/// and a sink for findings.
public final class ProjectContext {
    public let index: ProjectIndex
    public let configuration: Configuration
    /// Relative path → facts published by file rules for that file.
    public let facts: [String: [String: any Sendable]]
    /// The scan was asked to hash declared data (`--verify-data`).
    public let verifyData: Bool
    /// Threads a rule may spread its own work over (`--jobs`).
    public let workers: Int
    private let enabledRules: Set<String>
    public private(set) var findings: [Finding] = []
    /// Problems with project-level inputs (a git index, a DVC file) that no file rule read.
    public private(set) var diagnostics: [Diagnostic] = []
    private var readCache: [String: FileContext] = [:]

    init(index: ProjectIndex, configuration: Configuration, facts: [String: [String: any Sendable]], enabledRules: Set<String>,
         verifyData: Bool = false, workers: Int = 1) {
        self.index = index
        self.workers = workers
        self.configuration = configuration
        self.facts = facts
        self.verifyData = verifyData
        self.enabledRules = enabledRules
    }

    public func isEnabled(_ ruleID: String) -> Bool { enabledRules.contains(ruleID) }

    /// A context for reporting in (and reading) one file of the project, read on demand.
    /// Findings reported through it are collected with the project's.
    public func fileContext(for file: DiscoveredFile) -> FileContext {
        if let cached = readCache[file.relativePath] { return cached }
        let bytes = (try? FileReader.read(path: file.absolutePath, limit: configuration.readLimit(for: file.kind).bytes)) ?? []
        let context = FileContext(file: file, bytes: bytes, project: index, configuration: configuration, enabledRules: enabledRules)
        readCache[file.relativePath] = context
        return context
    }

    var allFindings: [Finding] { findings + readCache.values.flatMap(\.findings) }

    /// Findings counted but not kept, by (display path, rule), from the files read here.
    var omitted: [(path: String, rule: String, count: Int)] {
        readCache.values.flatMap { context in context.omittedPerRule.map { (context.file.displayPath, $0.key, $0.value) } }
    }

    public func diagnose(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Reports a finding that belongs to the project as a whole, placed at `file`'s line.
    public func report(_ ruleID: String, in file: DiscoveredFile, line: Int = 1, column: Int = 1, message: String,
                       severity: Severity? = nil, cell: Int? = nil) {
        fileContext(for: file).report(ruleID, line: line, column: column, message: message, severity: severity, cell: cell)
    }
}
