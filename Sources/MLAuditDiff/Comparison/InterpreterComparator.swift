import MLAuditCore

/// ENV003: Python implementation and version.
enum InterpreterComparator {
    static func compare(_ context: ComparisonContext) -> SectionOutcome {
        guard let old = context.old.interpreter, let new = context.new.interpreter else {
            return .skipped([SkippedSection(section: .python, label: "python", reason: context.missingReason(
                oldHas: context.old.interpreter != nil, newHas: context.new.interpreter != nil))])
        }
        let place = context.place(old.place)
        if let a = old.implementation, let b = new.implementation, a != b {
            return .compared([Difference(ruleID: "ENV003", section: .python, item: "implementation", old: a, new: b, severity: .error,
                                         message: "Python implementation \(a) → \(b)", place: place)])
        }
        guard let a = old.version, let b = new.version, let level = change(a, b) else { return .compared([]) }
        let what = level == .error ? "Python \(a) → \(b): a different minor version" : "Python \(a) → \(b): micro version or release level"
        return .compared([Difference(ruleID: "ENV003", section: .python, item: "python", old: a, new: b, severity: level,
                                     message: what, place: place)])
    }

    /// Error for another major.minor, note for any later difference; nil when the
    /// versions agree as far as both are known (`3.11` matches `3.11.7`).
    static func change(_ old: String, _ new: String) -> Severity? {
        let a = parts(old), b = parts(new)
        guard a.release.count >= 2, b.release.count >= 2 else {
            return a.release.first != b.release.first && !a.release.isEmpty && !b.release.isEmpty ? .error : nil
        }
        if a.release[0] != b.release[0] || a.release[1] != b.release[1] { return .error }
        if a.release.count >= 3 && b.release.count >= 3 {
            if a.release[2] != b.release[2] || a.tail != b.tail { return .note }
        }
        return nil
    }

    /// Release numbers and whatever follows them (`rc1`, `+`).
    static func parts(_ version: String) -> (release: [Int], tail: String) {
        var release: [Int] = []
        var rest = Substring(version.trimmed)
        while let end = rest.firstIndex(where: { !$0.isNumber }) ?? (rest.isEmpty ? nil : rest.endIndex), end > rest.startIndex,
              let number = Int(rest[..<end]) {
            release.append(number)
            rest = rest[end...]
            guard rest.first == ".", rest.dropFirst().first?.isNumber == true else { break }
            rest = rest.dropFirst()
        }
        return (release, String(rest))
    }
}
