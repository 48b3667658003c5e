import MLAuditCore

/// GitLab Code Quality: the Code Climate issue subset GitLab's widget reads.
public struct GitLabCodeQualityReporter: Reporter {
    public static let identifier = "gitlab"

    public init() {}

    struct Issue: Encodable {
        var description: String
        var check_name: String
        var fingerprint: String
        var severity: String
        var location: IssueLocation
    }

    struct IssueLocation: Encodable {
        var path: String
        var lines: Lines
    }

    struct Lines: Encodable { var begin: Int }

    public func render(_ report: Report) -> String {
        let fingerprints = Fingerprint.distinct(report.findings)
        var issues = report.findings.enumerated().map { i, finding -> Issue in
            let fingerprint = fingerprints[i]
            let name = Catalogue.rule(finding.ruleID)?.name ?? ""
            return Issue(
                description: "\(finding.ruleID) \(finding.displayMessage)",
                check_name: "\(finding.ruleID) \(name)",
                fingerprint: fingerprint,
                severity: Self.severity(finding.severity),
                location: IssueLocation(path: finding.location.path, lines: Lines(begin: finding.location.line))
            )
        }
        // Inputs that could not be read or parsed have no rule; GitLab lists them with the rest.
        for diagnostic in report.shownDiagnostics {
            issues.append(Issue(
                description: "\(diagnostic.path): \(diagnostic.message)",
                check_name: "mlaudit \(diagnostic.kind.rawValue)",
                fingerprint: Fingerprint.of([diagnostic.kind.rawValue, diagnostic.path, diagnostic.message]),
                severity: diagnostic.isProblem ? "critical" : "info",
                location: IssueLocation(path: diagnostic.path, lines: Lines(begin: diagnostic.line ?? 1))
            ))
        }
        return JSONOutput.encode(issues)
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "critical"
        case .warning: "major"
        case .note: "info"
        }
    }
}
