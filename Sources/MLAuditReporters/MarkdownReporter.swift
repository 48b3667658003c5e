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
                out += "| \(Self.code(PathText.escapingControls(loc.path) + ":\(loc.line)")) | \(finding.ruleID) | \(Self.cell(finding.displayMessage)) |\n"
            }
            if report.findings.count > limit {
                out += "\n…and \(report.findings.count - limit) more: see the full report.\n"
            }
        }
        if !report.problems.isEmpty {
            out += "\n### Files that could not be read or parsed\n\n"
            for problem in report.problems {
                out += "- \(Self.code(PathText.escapingControls(problem.path) + (problem.line.map { ":\($0)" } ?? ""))): \(Self.cell(problem.message))\n"
            }
        }
        let truncated = report.shownDiagnostics.filter { $0.kind == .truncated }
        if !truncated.isEmpty {
            out += "\n### Findings not shown\n\n"
            for entry in truncated {
                out += "- \(Self.code(PathText.escapingControls(entry.path))): \(Self.cell(entry.message))\n"
            }
        }
        let skipped = report.shownDiagnostics.filter { $0.kind == .skipped }
        if !skipped.isEmpty {
            out += "\n### Files skipped\n\n"
            for entry in skipped {
                out += "- \(Self.code(PathText.escapingControls(entry.path))): \(Self.cell(entry.message))\n"
            }
        }
        return out
    }

    static func docsLink(_ rule: String) -> String { "\(MLAuditVersion.informationURI)/blob/main/docs/rules/\(rule).md" }

    /// Text safe inside a table cell or list item: no cell break, no line break, and no
    /// HTML (a message quoting `<img onerror=…>` from a file shows it as text).
    static func cell(_ text: String) -> String {
        text.replacingAll(["|": "\\|", "\r\n": " ", "\n": " ", "\r": " ", "&": "&amp;", "<": "&lt;", ">": "&gt;"])
    }

    /// A code span holding `text` whatever it contains: fenced by one backtick more than
    /// its longest run of backticks (a backtick in a file name cannot close the span and
    /// let the rest render as Markdown or HTML), padded when it starts or ends with one.
    static func code(_ text: String) -> String {
        let body = text.replacingAll(["|": "\\|", "\r\n": " ", "\n": " ", "\r": " "])
        var longest = 0
        var run = 0
        for byte in body.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = body.hasPrefix("`") || body.hasSuffix("`") ? " \(body) " : body
        return fence + padded + fence
    }
}
