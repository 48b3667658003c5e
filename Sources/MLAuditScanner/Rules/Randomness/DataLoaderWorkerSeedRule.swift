import MLAuditCore
import MLAuditParsers

/// RND005: a shuffling `DataLoader` with worker processes but neither `generator=` nor
/// `worker_init_fn=`, so workers' random state is not under the script's control.
struct DataLoaderWorkerSeedRule: FileRule {
    let ruleIDs = ["RND005"]
    func applies(to kind: FileKind) -> Bool { kind == .python || kind == .notebook }

    func check(_ file: FileContext) {
        guard let source = file.python else { return }
        for call in source.calls where call.qualifiedName == "torch.utils.data.DataLoader" && !call.hasStarredArguments {
            guard call.argument(2, or: "shuffle")?.value == .bool(true) else { continue }
            guard let workers = call.argument("num_workers") ?? call.argument(5, or: "num_workers"), workers.value != .number("0") else { continue }
            if ["generator", "worker_init_fn", "sampler", "batch_sampler"].contains(where: { call.argument($0) != nil }) { continue }
            file.report("RND005", in: source, atByte: call.range.lowerBound,
                        message: "this DataLoader shuffles with worker processes but has neither generator= nor worker_init_fn=; pass generator=torch.Generator().manual_seed(seed) (and seed workers in worker_init_fn)")
        }
    }
}
