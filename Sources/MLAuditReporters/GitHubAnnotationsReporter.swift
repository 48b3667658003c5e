import MLAuditCore

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
public struct GitHubAnnotationsReporter: Reporter {
    public static let identifier = "github"

    public init() {}

    public func render(_ report: Report) -> String {
        var out = ""
        for finding in report.findings {
            let command: String
            switch finding.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            var properties = [
                "file=\(Self.escapeProperty(finding.location.path))",
                "line=\(finding.location.line)",
                "col=\(finding.location.column)",
            ]
            if let endLine = finding.location.endLine { properties.append("endLine=\(endLine)") }
            if let endColumn = finding.location.endColumn { properties.append("endColumn=\(endColumn)") }
            let name = Catalogue.rule(finding.ruleID)?.name ?? ""
            properties.append("title=\(Self.escapeProperty("\(finding.ruleID) \(name)"))")
            out += "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(finding.displayMessage))\n"
        }
        for problem in report.shownDiagnostics {
            var properties = ["file=\(Self.escapeProperty(problem.path))"]
            if let line = problem.line { properties.append("line=\(line)") }
            properties.append("title=\(Self.escapeProperty("mlaudit \(problem.kind.rawValue)"))")
            out += "::\(problem.isProblem ? "error" : "notice") \(properties.joined(separator: ","))::\(Self.escapeData(problem.message))\n"
        }
        return out
    }

    /// Message text: `%`, CR and LF are escaped.
    static func escapeData(_ text: String) -> String {
        text.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A"])
    }

    /// Property values: additionally `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        text.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }
}

extension String {
    /// Replaces single characters in one pass (so `%` escapes are not escaped again).
    func replacingAll(_ map: [Character: String]) -> String {
        var out = ""
        out.reserveCapacity(count)
        for ch in self {
            if let replacement = map[ch] { out += replacement } else { out.append(ch) }
        }
        return out
    }
}
