import MLAuditCore

/// ENV006: environment variables that change numeric results or execution.
enum VariableComparator {
    /// Switches that make a run deterministic or change numerics: any change is an error.
    static let switches: Set<String> = [
        "PYTHONHASHSEED", "CUBLAS_WORKSPACE_CONFIG", "TF_DETERMINISTIC_OPS", "TF_CUDNN_DETERMINISTIC",
        "NVIDIA_TF32_OVERRIDE", "MKL_CBWR", "KMP_DETERMINISTIC_REDUCTION", "TORCH_ALLOW_TF32_CUBLAS_OVERRIDE",
        "TF_ENABLE_ONEDNN_OPTS", "JAX_ENABLE_X64", "JAX_DEFAULT_MATMUL_PRECISION", "MKL_ENABLE_INSTRUCTIONS",
        "MKL_DEBUG_CPU_TYPE", "OPENBLAS_CORETYPE", "NCCL_ALGO", "NCCL_PROTO", "XLA_FLAGS", "TF_XLA_FLAGS",
    ]

    /// Thread counts, device selection and library paths: a change is a warning.
    static let settings: Set<String> = [
        "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS", "NUMEXPR_MAX_THREADS",
        "GOTO_NUM_THREADS", "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "OMP_DYNAMIC", "OMP_PROC_BIND",
        "OMP_PLACES", "OMP_SCHEDULE", "MKL_THREADING_LAYER", "KMP_AFFINITY",
        "CUDA_VISIBLE_DEVICES", "NVIDIA_VISIBLE_DEVICES", "CUDA_DEVICE_ORDER", "LD_LIBRARY_PATH", "LD_PRELOAD", "PYTHONPATH",
        // Locale and time zone change parsing, formatting and string ordering.
        "TZ", "LANG", "LC_ALL", "LC_CTYPE", "LC_NUMERIC", "LC_COLLATE", "LC_TIME",
    ]

    /// Every other recorded variable (index URLs, the virtual environment, `--env` names) is a note.
    static func severity(of name: String) -> Severity {
        if switches.contains(name) { return .error }
        if settings.contains(name) { return .warning }
        return .note
    }

    static func compare(_ context: ComparisonContext) -> SectionOutcome {
        guard let old = context.old.variables, let new = context.new.variables else {
            return .skipped([SkippedSection(section: .env, label: "env", reason: context.missingReason(
                oldHas: context.old.variables != nil, newHas: context.new.variables != nil))])
        }
        let place = context.place(old.place)
        var differences: [Difference] = []
        let recorded = Set(old.values.keys).union(old.unset).union(old.redacted)
        for name in recorded.sorted() {
            guard let a = old.state(of: name), let b = new.state(of: name), a != b else { continue }
            let severity = severity(of: name)
            // Two withheld values cannot be compared; a withheld value against a known one can't be told equal either.
            if a == .redacted || b == .redacted, a != .unset, b != .unset { continue }
            let x = shown(a), y = shown(b)
            // The values are part of the fingerprint: a baseline accepting 4 → 8 must not hide 4 → unset.
            differences.append(Difference(ruleID: "ENV006", section: .env, item: name, old: x, new: y, severity: severity,
                                          message: "\(name) \(x) → \(y)", place: place, fingerprintsValues: true))
        }
        return .compared(differences)
    }

    static func shown(_ state: VariableRecord.State) -> String {
        switch state {
        case .value(let v): v.isEmpty ? "(empty)" : v
        case .redacted: "(set, value withheld)"
        case .unset: "(unset)"
        }
    }
}
