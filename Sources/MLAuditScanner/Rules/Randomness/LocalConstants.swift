import MLAuditParsers

/// Simple local constant propagation: the literal a plain name holds where it is
/// used, when the name is assigned exactly once in the same scope (the enclosing
/// function, or module level) and that assignment, written before the use, gives
/// it a literal. Anything else (several assignments, a computed value, a parameter)
/// is unknown.
enum LocalConstants {
    static func value(of name: String, at offset: Int, in summary: PythonCallSummary) -> PythonValue? {
        guard !name.utf8.contains(UInt8(ascii: ".")) else { return nil }
        let scope = summary.enclosingFunction(ofByte: offset)
        let assignments = summary.assignments.filter { a in
            a.target == name && a.key == nil && summary.enclosingFunction(ofByte: a.range.lowerBound) == scope
        }
        guard assignments.count == 1, let only = assignments.first, only.range.upperBound <= offset else { return nil }
        switch only.value {
        case .number, .string, .bool, .none: return only.value
        default: return nil
        }
    }
}
