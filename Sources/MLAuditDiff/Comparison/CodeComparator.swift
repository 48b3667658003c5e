import MLAuditCore

/// ENV008: git commit, and whether the recorded run used uncommitted changes.
enum CodeComparator {
    static func compare(_ context: ComparisonContext) -> SectionOutcome {
        guard let old = context.old.code, let new = context.new.code else {
            return .skipped([SkippedSection(section: .git, label: "git", reason: context.missingReason(
                oldHas: context.old.code != nil, newHas: context.new.code != nil))])
        }
        let place = context.place(old.place)
        let a = old.commit.map { String($0.prefix(12)) } ?? "unknown"
        let b = new.commit.map { String($0.prefix(12)) } ?? "unknown"
        let commitsDiffer = old.commit != nil && new.commit != nil && old.commit != new.commit
        let nowDirty = new.dirty == true ? " (the working tree has uncommitted changes now)" : ""
        if old.dirty == true {
            let what = commitsDiffer ? "commit \(a) → \(b); " : ""
            return .compared([Difference(ruleID: "ENV008", section: .git, item: "commit", old: a + " (dirty)",
                                         new: b + (new.dirty == true ? " (dirty)" : ""), severity: .warning,
                                         message: "\(what)the recorded run used uncommitted changes, so its code cannot be recovered from git\(nowDirty)",
                                         place: place)])
        }
        guard commitsDiffer else { return .compared([]) }
        return .compared([Difference(ruleID: "ENV008", section: .git, item: "commit", old: a, new: b + (new.dirty == true ? " (dirty)" : ""),
                                     severity: .note, message: "git commit \(a) → \(b)\(nowDirty)", place: place)])
    }
}
