import MLAuditCore

/// The text report of `mlaudit diff`: one aligned table (section, item, old,
/// new, severity) grouped by section, the sections that were not compared,
/// input problems, and a one-line verdict.
public struct DiffTableRenderer: Sendable {
    public var color: Bool

    public init(color: Bool = false) { self.color = color }

    /// `differences` are shown when their finding is among `findings` (a baseline may have removed some).
    public func render(differences: [Difference], findings: [Finding], skipped: [SkippedSection], problems: [Diagnostic],
                       baselineAccepted: Int = 0) -> String {
        let kept = Set(findings)
        let shown = differences.filter { kept.contains($0.finding) }
        var out = ""
        if !shown.isEmpty {
            let header = ["SECTION", "ITEM", "OLD", "NEW", "SEVERITY"]
            var rows: [[String]] = []
            var previous: DiffSection?
            for difference in shown {
                rows.append([difference.section == previous ? "" : difference.section.title, difference.item,
                             difference.old ?? "—", difference.new ?? "—", difference.severity.rawValue])
                previous = difference.section
            }
            let widths = (0 ..< header.count).map { column in
                ([header] + rows).map { $0[column].count }.max() ?? 0
            }
            func line(_ cells: [String], severity: Severity?) -> String {
                var text = ""
                for (index, cell) in cells.enumerated() {
                    if index == cells.count - 1 {
                        text += severity.map { paint(cell, tint($0)) } ?? cell
                    } else {
                        text += cell + String(repeating: " ", count: widths[index] - cell.count + 2)
                    }
                }
                return text + "\n"
            }
            out += paint(line(header, severity: nil).dropLast() + "", "1") + "\n"
            for (row, difference) in zip(rows, shown) {
                out += line(row, severity: difference.severity)
            }
        }
        if !skipped.isEmpty {
            if !out.isEmpty { out += "\n" }
            for item in skipped {
                out += paint("not compared:", "2") + " \(item.label) (\(item.reason))\n"
            }
        }
        if !problems.isEmpty {
            if !out.isEmpty { out += "\n" }
            for diagnostic in problems {
                var place = diagnostic.path
                if let line = diagnostic.line { place += ":\(line)" }
                out += "\(place): \(paint(diagnostic.kind.rawValue, "31")) \(diagnostic.message)\n"
            }
        }
        if !out.isEmpty { out += "\n" }
        out += verdict(findings: findings, baselineAccepted: baselineAccepted, problems: problems.count) + "\n"
        return out
    }

    /// "environment matches" or "N differences, M would break reproducibility".
    public func verdict(findings: [Finding], baselineAccepted: Int = 0, problems: Int = 0) -> String {
        var text: String
        if findings.isEmpty {
            text = paint("environment matches", "32")
        } else {
            let breaking = findings.filter { $0.severity == .error }.count
            text = "\(findings.count) difference\(findings.count == 1 ? "" : "s"), \(breaking) would break reproducibility"
        }
        if baselineAccepted > 0 { text += " (\(baselineAccepted) accepted by the baseline not shown)" }
        if problems > 0 { text += "; \(problems) input problem\(problems == 1 ? "" : "s")" }
        return text
    }

    func tint(_ severity: Severity) -> String {
        switch severity {
        case .error: "31"
        case .warning: "33"
        case .note: "36"
        }
    }

    func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
