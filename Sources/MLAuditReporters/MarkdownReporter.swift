import MLAuditCore

/// A summary for `$GITHUB_STEP_SUMMARY` or a merge-request comment.
public struct MarkdownReporter: Reporter {
    public static let identifier = "markdown"
    /// How many findings the table lists before pointing at the full report.
    public var limit: Int

    public init(limit: Int = 50) { self.limit = limit }

    public func render(_ report: Report) -> String {
        var out = "## mlaudit \(report.command)\n\n"
        if report.findings.isEmpty {
            out += "No findings"
            if report.command == "scan" { out += " in \(report.filesChecked) files" }
            out += ".\n"
        } else {
            out += "| severity | findings |\n|---|---:|\n"
            for severity in [Severity.error, .warning, .note] {
                out += "| \(severity.rawValue) | \(report.count(severity)) |\n"
            }
            out += "\n### By rule\n\n| rule | name | findings |\n|---|---|---:|\n"
            for (rule, count) in report.countsByRule {
                out += "| [\(rule)](\(Self.docsLink(rule))) | \(Catalogue.rule(rule)?.name ?? "") | \(count) |\n"
            }
            out += "\n### Findings\n\n| where | rule | message |\n|---|---|---|\n"
            for finding in report.findings.prefix(limit) {
                let loc = finding.location
                out += "| `\(Self.cell(PathText.escapingControls(loc.path))):\(loc.line)` | \(finding.ruleID) | \(Self.cell(finding.displayMessage)) |\n"
            }
            if report.findings.count > limit {
                out += "\n…and \(report.findings.count - limit) more: see the full report.\n"
            }
        }
        if !report.problems.isEmpty {
            out += "\n### Files that could not be read or parsed\n\n"
            for problem in report.problems {
                out += "- `\(Self.cell(PathText.escapingControls(problem.path)))\(problem.line.map { ":\($0)" } ?? "")`: \(Self.cell(problem.message))\n"
            }
        }
        let skipped = report.shownDiagnostics.filter { !$0.isProblem }
        if !skipped.isEmpty {
            out += "\n### Files skipped\n\n"
            for entry in skipped {
                out += "- `\(Self.cell(PathText.escapingControls(entry.path)))`: \(Self.cell(entry.message))\n"
            }
        }
        return out
    }

    static func docsLink(_ rule: String) -> String { "\(MLAuditVersion.informationURI)/blob/main/docs/rules/\(rule).md" }

    /// Text safe inside a table cell.
    static func cell(_ text: String) -> String {
        text.replacingAll(["|": "\\|", "\n": " ", "\r": " "])
    }
}
