import MLAuditCore
import MLAuditParsers

/// RND004: cuDNN autotuning switched on, or determinism switched off, with a literal value.
struct NondeterministicGPUConfigRule: FileRule {
    let ruleIDs = ["RND004"]
    func applies(to kind: FileKind) -> Bool { kind == .python || kind == .setupPy || kind == .notebook }

    func check(_ file: FileContext) {
        guard let source = file.python, !TestFiles.isTest(file.relativePath), !TestFiles.isBenchmark(file.relativePath) else { return }
        // A file that also switches determinism on (`enable_full_determinism()` beside
        // `disable_full_determinism()`) is restoring the default, not choosing speed over repeatability.
        let togglesDeterminism = source.summary.assignments.contains {
            $0.qualifiedName == "torch.backends.cudnn.deterministic" && $0.value == .bool(true)
        } || source.calls.contains {
            $0.qualifiedName == "torch.use_deterministic_algorithms" && $0.argument(0, or: "mode")?.value == .bool(true)
        }
        if togglesDeterminism { return }
        for assignment in source.summary.assignments where assignment.key == nil {
            switch (assignment.qualifiedName, assignment.value) {
            case ("torch.backends.cudnn.benchmark", .bool(true)):
                file.report("RND004", in: source, atByte: assignment.range.lowerBound,
                            message: "cudnn.benchmark = True lets cuDNN pick kernels by timing, so results can differ between runs; set it to False for reproducible runs")
            case ("torch.backends.cudnn.deterministic", .bool(false)):
                file.report("RND004", in: source, atByte: assignment.range.lowerBound,
                            message: "cudnn.deterministic = False allows nondeterministic cuDNN kernels; set it to True for reproducible runs")
            default:
                break
            }
        }
        for call in source.calls where call.qualifiedName == "torch.use_deterministic_algorithms" {
            if call.argument(0, or: "mode")?.value == .bool(false) {
                file.report("RND004", in: source, atByte: call.range.lowerBound,
                            message: "use_deterministic_algorithms(False) allows nondeterministic PyTorch kernels; pass True (with warn_only=True if some ops lack a deterministic version)")
            }
        }
    }
}
