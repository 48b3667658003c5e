import MLAuditCore

/// ENV009: operating-system packages whose version changed.
enum SystemPackageComparator {
    /// CUDA, cuDNN, NCCL and BLAS/LAPACK packages: numeric libraries, reported as warnings.
    static let numericPrefixes = [
        "cuda-", "libcublas", "libcudnn", "libnccl", "libcufft", "libcurand", "libcusolver", "libcusparse", "libnvjitlink",
        "libopenblas", "libblas", "liblapack", "libatlas", "intel-mkl", "libmkl", "openblas", "blas", "lapack", "nccl", "cudnn",
    ]

    static func isNumericLibrary(_ name: String) -> Bool {
        numericPrefixes.contains { name.hasPrefix($0) }
    }

    static func compare(_ context: ComparisonContext) -> SectionOutcome {
        guard let old = context.old.systemPackages, let new = context.new.systemPackages else {
            return .skipped([SkippedSection(section: .system, label: "system packages", reason: context.missingReason(
                oldHas: context.old.systemPackages != nil, newHas: context.new.systemPackages != nil))])
        }
        var differences: [Difference] = []
        var skipped: [SkippedSection] = []
        var compared = false
        for manager in Set(old.keys).union(new.keys).sorted() {
            guard let before = old[manager], let after = new[manager] else {
                skipped.append(SkippedSection(section: .system, label: "\(manager) packages",
                                              reason: context.missingReason(oldHas: old[manager] != nil, newHas: new[manager] != nil)))
                continue
            }
            compared = true
            for (name, a) in before where !context.options.ignores(name) {
                guard let b = after[name], a.version != b.version, DebianVersion(a.version) != DebianVersion(b.version) else { continue }
                let severity: Severity = isNumericLibrary(name) ? .warning : .note
                let direction = DebianVersion(a.version) < DebianVersion(b.version) ? "upgraded" : "downgraded"
                differences.append(Difference(ruleID: "ENV009", section: .system, item: name, old: a.version, new: b.version,
                                              severity: severity, message: "\(manager) package \(name) \(direction): \(a.version) → \(b.version)",
                                              place: context.place(a.place)))
            }
        }
        if !compared { return .skipped(skipped) }
        return skipped.isEmpty ? .compared(differences) : .partial(differences, skipped)
    }
}
