import MLAuditCore
import MLAuditParsers

/// RND002: a scikit-learn, XGBoost, LightGBM or CatBoost API whose result depends on
/// randomness, called without its seed argument.
struct MissingRandomStateRule: FileRule {
    let ruleIDs = ["RND002"]
    func applies(to kind: FileKind) -> Bool { kind == .python || kind == .setupPy || kind == .notebook }

    func check(_ file: FileContext) {
        guard let source = file.python, !TestFiles.isTest(file.relativePath) else { return }
        let catalogue = RandomnessCatalogue.shared
        for call in source.calls where call.isImported && !call.hasStarredArguments {
            let name = call.qualifiedName
            guard let keywords = catalogue.seedKeywords[String(DottedName.head(name))], !name.containsBytes("()") else { continue }
            let last = String(DottedName.last(name))
            guard let api = catalogue.randomStateAPIs.first(where: { $0.names.matches(last) }), isRandom(call, api.condition) else { continue }
            if keywords.contains(where: { k in call.argument(k).map { $0.value != .none } ?? false }) { continue }
            // `BaggingClassifier(DecisionTreeClassifier(), random_state=42)`: the ensemble seeds its base estimator.
            if source.calls.contains(where: { outer in
                outer.range.lowerBound < call.range.lowerBound && outer.range.upperBound >= call.range.upperBound
                    && keywords.contains { k in outer.argument(k).map { $0.value != .none } ?? false }
            }) { continue }
            let given = keywords.first { call.argument($0) != nil }
            let reason = given.map { "passes \($0)=None" } ?? "has no \(keywords[0])"
            file.report("RND002", in: source, atByte: call.range.lowerBound,
                        message: "`\(call.callee)` depends on a random state but \(reason); pass \(keywords[0])=<int> so every run gives the same result")
        }
    }

    private func isRandom(_ call: PythonCall, _ condition: RandomStateAPI.Condition) -> Bool {
        switch condition {
        case .always: return true
        case .unlessFalse(let keyword): return call.argument(keyword)?.value != .bool(false)
        case .whenTrue(let keyword): return call.argument(keyword)?.value == .bool(true)
        case .whenString(let keyword, let values):
            guard let value = call.argument(keyword)?.value.stringValue else { return false }
            return values.contains(value)
        }
    }
}
