import MLAuditCore
import MLAuditParsers

/// RND003: a seeding call or generator constructor whose seed is missing, `None`, or
/// taken from a source that changes between runs (the clock, `os.urandom`, `uuid`).
struct NondeterministicSeedRule: FileRule {
    let ruleIDs = ["RND003"]
    func applies(to kind: FileKind) -> Bool { kind == .python || kind == .notebook }

    func check(_ file: FileContext) {
        guard let source = file.python else { return }
        let catalogue = RandomnessCatalogue.shared
        let summary = source.summary
        for call in source.calls where !call.hasStarredArguments {
            let name = call.qualifiedName
            guard catalogue.mayConcern(name) else { continue }
            if catalogue.nondeterministicSeeders.matches(name) {
                file.report("RND003", in: source, atByte: call.range.lowerBound,
                            message: "`\(call.callee)()` seeds from an unpredictable source; use a fixed seed such as torch.manual_seed(42)")
                continue
            }
            guard call.isImported, catalogue.takesSeed(name) else { continue }
            let seed = call.argument(0, or: "seed") ?? call.argument("random_state") ?? call.argument("x") ?? call.argument("entropy")
            guard let seed else {
                // Lightning reads PL_GLOBAL_SEED when no seed is given; other helpers pick one at random.
                file.report("RND003", in: source, atByte: call.range.lowerBound,
                            message: "`\(call.callee)()` without a seed picks a different one every run; pass a fixed seed")
                continue
            }
            if seed.value == .none {
                file.report("RND003", in: source, atByte: call.range.lowerBound,
                            message: "`\(call.callee)(None)` picks a different seed every run; pass a fixed seed")
                continue
            }
            if let source2 = varyingSource(in: seed.range, summary: summary, catalogue: catalogue)
                ?? followedName(seed, before: call, summary: summary, catalogue: catalogue) {
                file.report("RND003", in: source, atByte: call.range.lowerBound,
                            message: "the seed of `\(call.callee)` comes from `\(source2)`, which differs between runs; use a fixed seed")
            }
        }
    }

    /// A call to a varying source inside a byte range.
    private func varyingSource(in range: Range<Int>, summary: PythonCallSummary, catalogue: RandomnessCatalogue) -> String? {
        for inner in summary.calls where range.contains(inner.range.lowerBound) && catalogue.varyingSources.matches(inner.qualifiedName) {
            return inner.callee
        }
        return nil
    }

    /// For a seed given as a plain name, the varying source of its last assignment
    /// before the call in the same function (or at module level).
    private func followedName(_ seed: PythonArgument, before call: PythonCall, summary: PythonCallSummary,
                              catalogue: RandomnessCatalogue) -> String? {
        guard case .name(let variable) = seed.value, !variable.utf8.contains(UInt8(ascii: ".")) else { return nil }
        let scope = summary.enclosingFunction(ofByte: call.range.lowerBound)
        let assignment = summary.assignments.last { a in
            a.target == variable && a.range.upperBound <= call.range.lowerBound
                && summary.enclosingFunction(ofByte: a.range.lowerBound) == scope
        }
        guard let assignment else { return nil }
        return varyingSource(in: assignment.range, summary: summary, catalogue: catalogue)
    }
}
