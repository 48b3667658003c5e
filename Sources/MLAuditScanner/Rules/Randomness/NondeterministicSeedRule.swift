import MLAuditCore
import MLAuditParsers

/// RND003: a seeding call or generator constructor whose seed is missing, `None`, or
/// taken from a source that changes between runs (the clock, `os.urandom`, `uuid`).
struct NondeterministicSeedRule: FileRule {
    let ruleIDs = ["RND003"]
    func applies(to kind: FileKind) -> Bool { kind == .python || kind == .setupPy || kind == .notebook }

    func check(_ file: FileContext) {
        guard let source = file.python, !TestFiles.isTest(file.relativePath), !TestFiles.isBenchmark(file.relativePath) else { return }
        let catalogue = RandomnessCatalogue.shared
        let summary = source.summary
        for call in source.calls where !call.hasStarredArguments {
            let name = call.qualifiedName
            guard catalogue.mayConcern(name) else { continue }
            if catalogue.nondeterministicSeeders.matches(name) {
                if SeedFallback.isFallback(call.range.lowerBound, source) { continue }
                file.report("RND003", in: source, atByte: call.range.lowerBound,
                            message: "`\(call.callee)()` seeds from an unpredictable source; use a fixed seed such as torch.manual_seed(42)")
                continue
            }
            // Trainers seed from their arguments object; they take no seed argument of their own.
            guard call.isImported, catalogue.takesSeed(name), !DottedName.last(name).hasSuffix("Trainer"), !DottedName.last(name).hasSuffix("CLI") else { continue }
            let seed = call.argument(0, or: "seed") ?? call.argument("random_state") ?? call.argument("x") ?? call.argument("entropy")
            guard let seed else {
                // `rng = random.Random()` then `rng.seed(i)`: the generator is seeded before it is used.
                if SeedFallback.isSeededLater(call, source) || SeedFallback.isFallback(call.range.lowerBound, source) { continue }
                // `global_rng = random.Random()` that nothing in the file uses draws nothing here.
                if isUnused(call, source) { continue }
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
            if let (source2, at) = varyingSource(in: seed.range, summary: summary, catalogue: catalogue).map({ ($0, seed.range.lowerBound) })
                ?? followedName(seed, before: call, summary: summary, catalogue: catalogue),
               !SeedFallback.isFallback(at, source) {
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
                              catalogue: RandomnessCatalogue) -> (String, Int)? {
        guard case .name(let variable) = seed.value, !variable.utf8.contains(UInt8(ascii: ".")) else { return nil }
        let scope = summary.enclosingFunction(ofByte: call.range.lowerBound)
        let assignment = summary.assignments.last { a in
            a.target == variable && a.range.upperBound <= call.range.lowerBound
                && summary.enclosingFunction(ofByte: a.range.lowerBound) == scope
        }
        guard let assignment else { return nil }
        return varyingSource(in: assignment.range, summary: summary, catalogue: catalogue).map { ($0, assignment.range.lowerBound) }
    }

    /// The call is the value a plain name is given, and the file never mentions that name again.
    private func isUnused(_ call: PythonCall, _ source: PythonSource) -> Bool {
        guard let assignment = source.summary.assignments.first(where: { $0.range.contains(call.range.lowerBound) }),
              assignment.key == nil, !assignment.target.utf8.contains(UInt8(ascii: ".")) else { return false }
        let name = assignment.target.utf8
        var mentions = 0
        for token in source.tokens where token.kind == .name && source.bytes[token.range].elementsEqual(name) {
            mentions += 1
            if mentions > 1 { return false }
        }
        return mentions == 1
    }
}
