import MLAuditCore

/// ENV004: architecture, operating system, C library, kernel.
enum PlatformComparator {
    static func compare(_ context: ComparisonContext) -> SectionOutcome {
        guard let old = context.old.platform, let new = context.new.platform else {
            return .skipped([SkippedSection(section: .platform, label: "platform", reason: context.missingReason(
                oldHas: context.old.platform != nil, newHas: context.new.platform != nil))])
        }
        let place = context.place(old.place)
        let items: [(String, String?, String?, Severity)] = [
            ("architecture", old.architecture, new.architecture, .error),
            ("os", old.system, new.system, .warning),
            ("distribution", old.distribution, new.distribution, .warning),
            ("libc", old.libc, new.libc, .warning),
            ("kernel", old.kernel, new.kernel, .note),
        ]
        var differences: [Difference] = []
        for (item, a, b, severity) in items {
            guard let a, let b, a.lowercased() != b.lowercased() else { continue }
            differences.append(Difference(ruleID: "ENV004", section: .platform, item: item, old: a, new: b, severity: severity,
                                          message: "\(item) \(a) → \(b)", place: place))
        }
        return .compared(differences)
    }
}
