import MLAuditCore

/// ENV007: recorded data whose checksum changed or which is gone.
enum DataComparator {
    static func compare(_ context: ComparisonContext) -> SectionOutcome {
        guard let old = context.old.data, let new = context.new.data else {
            return .skipped([SkippedSection(section: .data, label: "data", reason: context.missingReason(
                oldHas: context.old.data != nil, newHas: context.new.data != nil))])
        }
        var differences: [Difference] = []
        for (path, before) in old {
            guard let oldHash = before.sha256 else { continue }
            let place = context.place(before.place)
            let short = String(oldHash.prefix(12))
            guard let after = new[path], !after.missing, let newHash = after.sha256 else {
                let why = new[path] == nil ? "not recorded in \(context.new.source)" : "missing or unreadable now"
                differences.append(Difference(ruleID: "ENV007", section: .data, item: path, old: short, new: "missing", severity: .error,
                                              message: "data \(path): \(why)", place: place))
                continue
            }
            if newHash != oldHash {
                differences.append(Difference(ruleID: "ENV007", section: .data, item: path, old: short, new: String(newHash.prefix(12)),
                                              severity: .error, message: "data \(path): checksum differs", place: place))
            }
        }
        return .compared(differences)
    }
}
