import MLAuditParsers

/// Whether a dependency's marker can hold on a Python version the project supports.
/// `tomli; python_version < "3.11"` under `requires-python = ">=3.11"` never installs,
/// so a resolver rightly leaves it out of the lock.
enum PythonMarkerRange {
    /// Minor versions tried against requires-python (3.0 up to 3.30).
    static let minors = (0...30).map { "3.\($0)" }

    static func canHold(_ marker: String, requiresPython: String) -> Bool {
        guard let expression = try? MarkerExpression(marker),
              let supported = try? PEP440SpecifierSet(requiresPython) else { return true }
        let admitted = minors.filter { supported.contains($0 + ".0", prereleases: true) || supported.contains($0 + ".99", prereleases: true) }
        guard !admitted.isEmpty else { return true }
        return admitted.contains { evaluate(expression, minor: $0) != false }
    }

    /// Three-valued: nil when the outcome depends on something other than the Python version.
    static func evaluate(_ expression: MarkerExpression, minor: String) -> Bool? {
        switch expression {
        case .comparison(let comparison):
            guard case .variable(let variable) = comparison.lhs, variable == .pythonVersion || variable == .pythonFullVersion,
                  case .literal(let text) = comparison.rhs, let op = VersionOperator(rawValue: comparison.op.rawValue),
                  let clause = try? PEP440SpecifierSet(op.rawValue + text) else { return nil }
            let version = variable == .pythonVersion ? minor : minor + ".0"
            return clause.contains(version, prereleases: true)
        case .and(let a, let b):
            let (x, y) = (evaluate(a, minor: minor), evaluate(b, minor: minor))
            if x == false || y == false { return false }
            return x == true && y == true ? true : nil
        case .or(let a, let b):
            let (x, y) = (evaluate(a, minor: minor), evaluate(b, minor: minor))
            if x == true || y == true { return true }
            return x == false && y == false ? false : nil
        }
    }
}
