import MLAuditCore

/// What a command found, ready for any report format.
public struct Report: Sendable {
    /// "scan" or "diff".
    public var command: String
    public var findings: [Finding]
    public var diagnostics: [Diagnostic]
    /// The rules that ran (for rule metadata in SARIF and friends).
    public var rules: [RuleDescription]
    public var filesChecked: Int
    /// Show skipped-file diagnostics too.
    public var verbose: Bool
    /// Absolute path that report paths are relative to (SARIF's %SRCROOT%).
    public var sourceRoot: String?
    /// Findings left out because a baseline accepts them, and baseline entries that matched nothing.
    public var baselineAccepted = 0
    public var baselineFixed = 0
    /// Paths of the files checked (for passing JUnit testcases).
    public var checkedFiles: [String] = []
    /// `diff`: the parts of the environments that could not be compared, and why.
    public var notCompared: [NotCompared]?

    public init(command: String, findings: [Finding], diagnostics: [Diagnostic], rules: [RuleDescription], filesChecked: Int,
                verbose: Bool = false, sourceRoot: String? = nil) {
        self.sourceRoot = sourceRoot
        self.command = command
        self.findings = findings
        self.diagnostics = diagnostics
        self.rules = rules
        self.filesChecked = filesChecked
        self.verbose = verbose
    }

    /// Problems with inputs that every format shows (parse errors, unreadable files).
    public var problems: [Diagnostic] { diagnostics.filter(\.isProblem) }

    /// The diagnostics a report lists: problems always, skipped files too when verbose.
    public var shownDiagnostics: [Diagnostic] { verbose ? diagnostics : diagnostics.filter(\.isShownAlways) }

    /// How many distinct files the findings are in (a scan's files checked are `filesChecked`).
    public var filesWithFindings: Int { Set(findings.map(\.location.path)).count }

    public func count(_ severity: Severity) -> Int { findings.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) } }

    /// Finding counts per rule ID, sorted by ID.
    public var countsByRule: [(String, Int)] {
        var counts: [String: Int] = [:]
        for f in findings { counts[f.ruleID, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// A part of two environments `diff` could not compare.
public struct NotCompared: Sendable, Hashable, Encodable {
    /// The `--only` section name (`packages`, `gpu`).
    public var section: String
    /// What exactly (`conda packages`, `gpu`).
    public var item: String
    public var reason: String

    public init(section: String, item: String, reason: String) {
        self.section = section
        self.item = item
        self.reason = reason
    }
}

/// One output format.
public protocol Reporter: Sendable {
    /// Kebab-case name used by `--format`.
    static var identifier: String { get }
    func render(_ report: Report) -> String
}

/// The formats `--format` and `--output FORMAT:FILE` accept.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, gitlab, github, markdown

    public func render(_ report: Report, color: Bool = false, statistics: Bool = false,
                       junitFlavor: JUnitReporter.Flavor = .portable, junitPassing: Bool = false) -> String {
        switch self {
        case .text: TextReporter(color: color, statistics: statistics).render(report)
        case .json: JSONReporter().render(report)
        case .sarif: SARIFReporter().render(report)
        case .junit: JUnitReporter(flavor: junitFlavor, includePassing: junitPassing, checkedFiles: report.checkedFiles).render(report)
        case .gitlab: GitLabCodeQualityReporter().render(report)
        case .github: GitHubAnnotationsReporter().render(report)
        case .markdown: MarkdownReporter().render(report)
        }
    }
}
