import MLAuditCore

/// ENV005: GPU presence, model and count, CUDA, cuDNN, driver.
enum AcceleratorComparator {
    static func compare(_ context: ComparisonContext) -> SectionOutcome {
        guard let old = context.old.accelerators, let new = context.new.accelerators else {
            return .skipped([SkippedSection(section: .gpu, label: "gpu", reason: context.missingReason(
                oldHas: context.old.accelerators != nil, newHas: context.new.accelerators != nil))])
        }
        let place = context.place(old.place)
        var differences: [Difference] = []
        func add(_ item: String, _ a: String, _ b: String, _ severity: Severity, _ message: String) {
            differences.append(Difference(ruleID: "ENV005", section: .gpu, item: item, old: a, new: b, severity: severity,
                                          message: message, place: place))
        }
        if let a = old.gpuCount, let b = new.gpuCount, a != b {
            if a == 0 || b == 0 {
                let inferred = (a == 0 ? context.old : context.new).recordsAbsentGPUs
                    ? " (\((a == 0 ? context.old : context.new).source) lists no GPU, and W&B records GPUs whenever present)" : ""
                add("gpu", a == 0 ? "none" : "\(a)", b == 0 ? "none" : "\(b)", .error,
                    (a == 0 ? "a GPU is present now but the recorded run had none" : "the recorded run had \(a) GPU\(a == 1 ? "" : "s"); none is visible now") + inferred)
            } else {
                add("gpu count", "\(a)", "\(b)", .warning, "GPU count \(a) → \(b)")
            }
        }
        if let a = old.gpuModels, let b = new.gpuModels, !a.isEmpty, !b.isEmpty, Set(a) != Set(b) {
            let x = Set(a).sorted().joined(separator: ", "), y = Set(b).sorted().joined(separator: ", ")
            add("gpu model", x, y, .warning, "GPU model \(x) → \(y)")
        }
        if let a = old.cuda, let b = new.cuda, let severity = cudaChange(a, b) {
            let detail = severity == .error ? "another CUDA major version" : severity == .warning ? "another CUDA minor version" : "another CUDA patch release"
            add("cuda", a, b, severity, "CUDA \(a) → \(b): \(detail)")
        }
        if let a = old.cudnn, let b = new.cudnn, a != b {
            add("cudnn", a, b, .warning, "cuDNN \(a) → \(b)")
        }
        if let a = old.driver, let b = new.driver, a != b {
            add("driver", a, b, .note, "NVIDIA driver \(a) → \(b)")
        }
        return .compared(differences)
    }

    static func cudaChange(_ old: String, _ new: String) -> Severity? {
        let a = CondaVersion(old), b = CondaVersion(new)
        guard a != b else { return nil }
        // Compared as far as both are known: `12.1` matches `12.1.105`.
        let known = min(a.release.count, b.release.count)
        let x = Array(a.release.prefix(known)), y = Array(b.release.prefix(known))
        guard x != y else { return nil }
        if x.first != y.first { return .error }
        if x.count > 1 && x[1] != y[1] { return .warning }
        return .note
    }
}
