import MLAuditCore

/// ENV010: CPU model, logical cores, memory.
enum HardwareComparator {
    static func compare(_ context: ComparisonContext) -> SectionOutcome {
        guard let old = context.old.hardware, let new = context.new.hardware else {
            return .skipped([SkippedSection(section: .hardware, label: "hardware", reason: context.missingReason(
                oldHas: context.old.hardware != nil, newHas: context.new.hardware != nil))])
        }
        let place = context.place(old.place)
        var differences: [Difference] = []
        if let a = old.cpuModel, let b = new.cpuModel, a != b {
            differences.append(Difference(ruleID: "ENV010", section: .hardware, item: "cpu", old: a, new: b, severity: .note,
                                          message: "CPU \(a) → \(b)", place: place))
        }
        if let a = old.logicalCores, let b = new.logicalCores, a != b {
            differences.append(Difference(ruleID: "ENV010", section: .hardware, item: "cores", old: "\(a)", new: "\(b)", severity: .note,
                                          message: "logical CPU cores \(a) → \(b)", place: place))
        }
        // Firmware reservations make the same machine report slightly different totals; 1% is noise.
        if let a = old.memoryBytes, let b = new.memoryBytes, abs(Double(a) - Double(b)) > 0.01 * Double(max(a, b)) {
            differences.append(Difference(ruleID: "ENV010", section: .hardware, item: "memory", old: gib(a), new: gib(b), severity: .note,
                                          message: "memory \(gib(a)) → \(gib(b))", place: place))
        }
        return .compared(differences)
    }

    static func gib(_ bytes: Int64) -> String {
        let value = Double(bytes) / 1_073_741_824
        return value >= 10 ? "\(Int(value.rounded())) GiB" : "\((value * 10).rounded() / 10) GiB"
    }
}
