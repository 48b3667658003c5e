import MLAuditCore

/// `path:line:col: ID [severity] message` lines, then a summary. Colour only when
/// asked (a TTY), and never the only carrier of the severity.
public struct TextReporter: Reporter {
    public static let identifier = "text"
    public var color: Bool
    public var statistics: Bool

    public init(color: Bool = false, statistics: Bool = false) {
        self.color = color
        self.statistics = statistics
    }

    public func render(_ report: Report) -> String {
        var out = ""
        for finding in report.findings {
            let loc = finding.location
            let where_ = "\(PathText.escapingControls(loc.path)):\(loc.line):\(loc.column):"
            let tag = paint("\(finding.ruleID) [\(finding.severity.rawValue)]", tint(finding.severity))
            out += "\(paint(where_, .bold)) \(tag) \(finding.displayMessage)\n"
        }
        for diagnostic in report.shownDiagnostics {
            var place = PathText.escapingControls(diagnostic.path)
            if let line = diagnostic.line { place += ":\(line)" }
            if let column = diagnostic.column { place += ":\(column)" }
            out += "\(paint(place + ":", .bold)) \(paint(diagnostic.kind.rawValue, diagnostic.isProblem ? .red : .dim)) \(diagnostic.message)\n"
        }
        if statistics && !report.findings.isEmpty {
            out += "\n"
            let width = report.countsByRule.map { String($0.1).count }.max() ?? 1
            for (rule, count) in report.countsByRule {
                let name = Catalogue.rule(rule)?.name ?? ""
                let number = String(count)
                out += String(repeating: " ", count: width - number.count) + number + "  \(rule)  \(name)\n"
            }
        }
        out += summary(report)
        return out
    }

    public func summary(_ report: Report) -> String {
        let total = report.findings.count
        let checked = report.command == "scan" ? " \(plural(report.filesChecked, "file")) checked." : ""
        var line: String
        if total == 0 {
            line = paint("No findings", .green) + "." + checked
        } else {
            let parts = [(Severity.error, "error"), (.warning, "warning"), (.note, "note")].compactMap { severity, word -> String? in
                let n = report.count(severity)
                return n == 0 ? nil : plural(n, word)
            }
            let files = report.command == "scan" ? " in \(plural(report.filesWithFindings, "file"))" : ""
            line = "Found \(plural(total, "finding"))\(files): \(parts.joined(separator: ", "))." + checked
        }
        if report.baselineAccepted > 0 {
            line += " \(report.baselineAccepted) finding\(report.baselineAccepted == 1 ? "" : "s") accepted by the baseline not shown."
        }
        if report.baselineFixed > 0 {
            line += " \(report.baselineFixed) baseline finding\(report.baselineFixed == 1 ? "" : "s") fixed."
        }
        let problems = report.problems.count
        if problems > 0 {
            line += " \(problems) file\(problems == 1 ? "" : "s") could not be read or parsed."
        }
        return (total > 0 || problems > 0 ? "\n" : "") + line + "\n"
    }

    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    enum Style: String {
        case bold = "1", red = "31", yellow = "33", cyan = "36", green = "32", dim = "2"
    }

    func tint(_ severity: Severity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .cyan
        }
    }

    func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
