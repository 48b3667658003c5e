import MLAuditCore
import MLAuditParsers

/// RND005: a shuffling `DataLoader` with worker processes but neither `generator=` nor
/// `worker_init_fn=`, so workers' random state is not under the script's control.
struct DataLoaderWorkerSeedRule: FileRule {
    let ruleIDs = ["RND005"]
    func applies(to kind: FileKind) -> Bool { kind == .python || kind == .setupPy || kind == .notebook }

    func check(_ file: FileContext) {
        guard let source = file.python else { return }
        if TestFiles.isTest(file.relativePath) || Self.seedsPyTorch(source) { return }
        // A package module that is no program (a library's trainer or data module): its caller seeds.
        let summary = source.summary
        let mainGuard = RandomnessFacts.mainGuardOffset(source)
        let functions = Set(summary.functions.filter { !$0.isMethod && !$0.isNested }.map(\.name))
        if !source.isNotebook, RandomnessFacts.isLibraryModule(source, path: file.relativePath, before: mainGuard),
           mainGuard == Int.max || !RandomnessFacts.mainBlockRunsProgram(summary, after: mainGuard, functions: functions) { return }
        for call in source.calls where call.qualifiedName == "torch.utils.data.DataLoader" && !call.hasStarredArguments {
            guard call.argument(2, or: "shuffle")?.value == .bool(true) else { continue }
            guard let workers = call.argument("num_workers") ?? call.argument(5, or: "num_workers"), workers.value != .number("0") else { continue }
            // `num_workers = 0` assigned once in the same scope: the loader runs in the main process.
            if case .name(let variable) = workers.value,
               LocalConstants.value(of: variable, at: call.range.lowerBound, in: source.summary) == .number("0") { continue }
            if ["generator", "worker_init_fn", "sampler", "batch_sampler"].contains(where: { call.argument($0) != nil }) { continue }
            file.report("RND005", in: source, atByte: call.range.lowerBound,
                        message: "this DataLoader shuffles with worker processes but has neither generator= nor worker_init_fn=; pass generator=torch.Generator().manual_seed(seed) (and seed workers in worker_init_fn)")
        }
    }

    /// Whether the file seeds PyTorch's global generator (`torch.manual_seed`, `seed_everything`, a
    /// `set_seed`-style helper). Workers are then seeded from a base seed drawn from that seeded
    /// generator (and PyTorch 1.9 and later reseed Python's `random` and NumPy in each worker too),
    /// so the loader's order and the workers' draws repeat from run to run.
    static func seedsPyTorch(_ source: PythonSource) -> Bool {
        let catalogue = RandomnessCatalogue.shared
        guard let torch = catalogue.frameworks.first(where: { $0.id == "torch" }) else { return false }
        return source.calls.contains { call in
            (catalogue.mayConcern(call.qualifiedName) && catalogue.seededFrameworks(by: call.qualifiedName).contains(torch))
                || catalogue.helperNames.contains(DottedName.last(call.callee))
        }
    }
}
