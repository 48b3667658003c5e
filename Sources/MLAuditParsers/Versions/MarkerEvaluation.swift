extension MarkerExpression {
    /// Evaluates the marker. A marker that tests `extra` holds when it holds for one
    /// of `environment.extras` (or for no extra, `""`, when none is requested), as
    /// installers evaluate wheel metadata.
    public func evaluate(_ environment: MarkerEnvironment) -> Bool {
        if environment.extras.isEmpty || !testsExtra { return evaluate(environment, extra: "") }
        return environment.extras.contains { evaluate(environment, extra: RequirementSpec.normalize(name: $0)) }
    }

    var testsExtra: Bool {
        switch self {
        case .comparison(let c): c.lhs == .variable(.extra) || c.rhs == .variable(.extra)
        case .and(let a, let b), .or(let a, let b): a.testsExtra || b.testsExtra
        }
    }

    func evaluate(_ environment: MarkerEnvironment, extra: String) -> Bool {
        switch self {
        case .comparison(let c): c.evaluate(environment, extra: extra)
        case .and(let a, let b): a.evaluate(environment, extra: extra) && b.evaluate(environment, extra: extra)
        case .or(let a, let b): a.evaluate(environment, extra: extra) || b.evaluate(environment, extra: extra)
        }
    }
}

extension MarkerComparison {
    func evaluate(_ environment: MarkerEnvironment, extra: String) -> Bool {
        let variable: MarkerVariable
        switch (lhs, rhs) {
        case (.variable(let v), _), (_, .variable(let v)): variable = v
        default: variable = .osName
        }
        if variable.isSet, case .literal(let name) = lhs {
            let members = variable == .extras ? environment.extras : environment.dependencyGroups
            let normalised = RequirementSpec.normalize(name: name)
            let found = members.contains { RequirementSpec.normalize(name: $0) == normalised }
            return op == .in ? found : (op == .notIn ? !found : false)
        }
        func resolve(_ value: MarkerValue) -> String {
            switch value {
            case .literal(let text): variable == .extra ? RequirementSpec.normalize(name: text) : text
            case .variable(.extra): extra
            case .variable(let v): environment.value(of: v)
            }
        }
        return Self.compare(resolve(lhs), op, resolve(rhs), asVersions: variable.isVersion)
    }

    /// PEP 508: version-typed values use the PEP 440 rules when both sides parse
    /// (the right side as the specifier's version, pre-releases allowed); otherwise
    /// the operators compare strings as Python does, and `~=` never holds.
    static func compare(_ lhs: String, _ op: MarkerOperator, _ rhs: String, asVersions: Bool) -> Bool {
        if asVersions, let versionOp = VersionOperator(rawValue: op.rawValue),
           let candidate = PEP440Version(lhs),
           let specifier = PEP440SpecifierParser.clause(versionOp, rhs) {
            return specifier.matches(candidate)
        }
        switch op {
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        case .arbitraryEqual: return PEP440Specifier.sameText(lhs, rhs)
        case .less: return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
        case .lessOrEqual: return !rhs.utf8.lexicographicallyPrecedes(lhs.utf8)
        case .greater: return rhs.utf8.lexicographicallyPrecedes(lhs.utf8)
        case .greaterOrEqual: return !lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
        case .in: return rhs.isEmpty ? lhs.isEmpty : (lhs.isEmpty || rhs.contains(lhs))
        case .notIn: return !compare(lhs, .in, rhs, asVersions: false)
        case .compatible: return false
        }
    }
}
