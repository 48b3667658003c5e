import MLAuditCore

/// At most `max-findings-per-rule` findings of one rule in one file reach a report;
/// the rest are counted, and one `truncated` diagnostic says how many there were.
/// Rules stop building findings past the limit (see `FileContext.report`); this
/// applies it once more to the merged, sorted list, whose first findings are kept.
enum FindingCap {
    struct Key: Hashable {
        var path: String
        var rule: String
    }

    static func apply(_ sorted: [Finding], limit: Int, omitted: [Key: Int]) -> (findings: [Finding], diagnostics: [Diagnostic]) {
        var kept: [Key: Int] = [:]
        var dropped = omitted
        var findings: [Finding] = []
        findings.reserveCapacity(sorted.count)
        for finding in sorted {
            let key = Key(path: finding.location.path, rule: finding.ruleID)
            let count = kept[key, default: 0]
            if count >= limit {
                dropped[key, default: 0] += 1
            } else {
                kept[key] = count + 1
                findings.append(finding)
            }
        }
        let diagnostics = dropped.filter { $0.value > 0 }.map { key, count in
            Diagnostic(kind: .truncated, path: key.path,
                       message: "\(count) more finding\(count == 1 ? "" : "s") of \(key.rule) in \(key.path) not shown (max-findings-per-rule: \(limit))")
        }
        return (findings, diagnostics)
    }
}
