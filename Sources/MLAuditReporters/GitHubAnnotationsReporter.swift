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

    /// Message text: `%`, CR and LF are escaped as GitHub expects; every other control
    /// character (ESC, BEL, the OSC and CSI introducers, DEL) is shown as `\xHH`, so
    /// a file's bytes can neither start a workflow command nor drive the log's terminal.
    static func escapeData(_ text: String) -> String {
        escape(text, property: false)
    }

    /// Property values: additionally `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escape(text, property: true)
    }

    /// Scalar by scalar: a CR LF pair is one `Character` in Swift and would slip past a per-character map.
    private static func escape(_ text: String, property: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x25: out.append(contentsOf: "%25".unicodeScalars)
            case 0x0D: out.append(contentsOf: "%0D".unicodeScalars)
            case 0x0A: out.append(contentsOf: "%0A".unicodeScalars)
            case 0x3A where property: out.append(contentsOf: "%3A".unicodeScalars)
            case 0x2C where property: out.append(contentsOf: "%2C".unicodeScalars)
            case 0x00 ..< 0x20, 0x7F ..< 0xA0:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(contentsOf: ("\\x" + (hex.count < 2 ? "0" + hex : hex)).unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
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
