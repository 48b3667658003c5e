/// A comparison operator of a PEP 508 marker.
public enum MarkerOperator: String, Sendable, Hashable, CaseIterable {
    case lessOrEqual = "<="
    case less = "<"
    case notEqual = "!="
    case arbitraryEqual = "==="
    case equal = "=="
    case greaterOrEqual = ">="
    case greater = ">"
    case compatible = "~="
    case `in` = "in"
    case notIn = "not in"
}

/// One side of a marker comparison.
public enum MarkerValue: Sendable, Hashable, CustomStringConvertible {
    case variable(MarkerVariable)
    /// A quoted string, without its quotes.
    case literal(String)

    public var description: String {
        switch self {
        case .variable(let variable): variable.rawValue
        case .literal(let text): text.utf8.contains(0x22) ? "'" + text + "'" : "\"" + text + "\""
        }
    }
}

/// `lhs op rhs`, one side a variable and the other a quoted string.
public struct MarkerComparison: Sendable, Hashable, CustomStringConvertible {
    public var lhs: MarkerValue
    public var op: MarkerOperator
    public var rhs: MarkerValue

    public init(lhs: MarkerValue, op: MarkerOperator, rhs: MarkerValue) {
        self.lhs = lhs
        self.op = op
        self.rhs = rhs
    }

    public var description: String { "\(lhs) \(op.rawValue) \(rhs)" }
}

/// A parsed PEP 508 environment marker: comparisons joined by `and` (binding
/// tighter) and `or`, with parentheses.
public indirect enum MarkerExpression: Sendable, Hashable, CustomStringConvertible {
    case comparison(MarkerComparison)
    case and(MarkerExpression, MarkerExpression)
    case or(MarkerExpression, MarkerExpression)

    /// Parses marker text such as `python_version < "3.10" and sys_platform == 'linux'`.
    public init(_ text: String) throws(MarkerParseError) {
        self = try MarkerParser.parse(text)
    }

    /// The variables the marker tests.
    public var variables: Set<MarkerVariable> {
        var result: Set<MarkerVariable> = []
        collectVariables(into: &result)
        return result
    }

    func collectVariables(into result: inout Set<MarkerVariable>) {
        switch self {
        case .comparison(let c):
            for side in [c.lhs, c.rhs] {
                if case .variable(let variable) = side { result.insert(variable) }
            }
        case .and(let a, let b), .or(let a, let b):
            a.collectVariables(into: &result)
            b.collectVariables(into: &result)
        }
    }

    /// Normalised text: canonical variable names, double quotes where possible,
    /// parentheses only where `or` sits inside `and`.
    public var description: String {
        switch self {
        case .comparison(let c): c.description
        case .or(let a, let b): "\(a) or \(b)"
        case .and(let a, let b): "\(a.parenthesisedInAnd) and \(b.parenthesisedInAnd)"
        }
    }

    var parenthesisedInAnd: String {
        if case .or = self { return "(\(description))" }
        return description
    }
}
