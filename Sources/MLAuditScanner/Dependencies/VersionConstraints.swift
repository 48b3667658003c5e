import MLAuditParsers

/// Turns the version syntaxes of the manifests into `VersionConstraint`s.
enum VersionConstraints {
    /// A PEP 508 requirement's specifiers.
    static func pep508(_ spec: RequirementSpec) -> VersionConstraint {
        guard spec.form == .named else { return .unchecked }
        if spec.specifiers.isEmpty { return .any }
        guard let set = spec.specifierSet else { return .unchecked }
        return .alternatives([set])
    }

    /// A PEP 440 specifier text such as Pipfile's `"==2.31.0"`, `">=8"` or `"*"`.
    static func pep440(_ text: String) -> VersionConstraint {
        let trimmed = text.trimmingINIBlanks()
        if trimmed.isEmpty || trimmed == "*" { return .any }
        guard let set = try? PEP440SpecifierSet(trimmed) else { return .unchecked }
        return .alternatives([set])
    }

    /// Whether a PEP 440 specifier text names one version.
    static func pep440IsExact(_ text: String) -> Bool {
        guard let set = try? PEP440SpecifierSet(text.trimmingINIBlanks()) else { return false }
        return set.specifiers.contains { !$0.isWildcard && ($0.op == .equal || $0.op == .arbitraryEqual) }
    }

    // MARK: Poetry

    /// A Poetry constraint: `^1.26`, `~1.2.3`, `1.2.3`, `1.2.*`, `>=1.2,<2`,
    /// `>=1.2 <2`, alternatives joined by `||`.
    static func poetry(_ text: String) -> VersionConstraint {
        var sets: [PEP440SpecifierSet] = []
        for alternative in text.components(separatedBy: "||") {
            let trimmed = alternative.trimmingINIBlanks()
            if trimmed.isEmpty || trimmed == "*" { return .any }
            var clauses: [String] = []
            for piece in trimmed.split(whereSeparator: { $0 == "," || $0 == " " }) where !piece.isEmpty {
                guard let converted = poetryClause(String(piece)) else { return .unchecked }
                clauses += converted
            }
            // `>= 1.2` written with a space leaves the operator alone: glue it back.
            var glued: [String] = []
            for clause in clauses {
                if let last = glued.last, last.allSatisfy({ "<>=!~".contains($0) }) {
                    glued[glued.count - 1] = last + clause
                } else {
                    glued.append(clause)
                }
            }
            guard let set = try? PEP440SpecifierSet(glued.joined(separator: ",")) else { return .unchecked }
            sets.append(set)
        }
        return .alternatives(sets)
    }

    /// Whether a Poetry constraint names one version (`1.2.3`, `==1.2.3`).
    static func poetryIsExact(_ text: String) -> Bool {
        let t = text.trimmingINIBlanks()
        let body = t.hasPrefix("==") ? String(t.dropFirst(2)) : t
        return !body.isEmpty && !body.contains(where: { "^~<>=!*|, ".contains($0) }) && PEP440Version(body) != nil
    }

    private static func poetryClause(_ clause: String) -> [String]? {
        if clause.allSatisfy({ "<>=!~".contains($0) }) { return [clause] }
        if clause.hasPrefix("^") { return caret(String(clause.dropFirst())) }
        if clause.hasPrefix("~") && !clause.hasPrefix("~=") { return tilde(String(clause.dropFirst())) }
        if let first = clause.first, first.isNumber { return ["==" + clause] }
        return [clause]
    }

    private static func releaseParts(_ version: String) -> [Int]? {
        let parts = version.split(separator: ".").map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.map { $0! }
    }

    /// `^1.2.3` → `>=1.2.3,<2.0.0`; `^0.2.3` → `<0.3.0`; `^0.0.3` → `<0.0.4`; `^0` → `<1`.
    private static func caret(_ version: String) -> [String]? {
        guard let parts = releaseParts(version) else { return nil }
        var index = parts.firstIndex(where: { $0 != 0 }) ?? (parts.count - 1)
        index = min(index, parts.count - 1)
        var upper = Array(parts[...index])
        upper[index] += 1
        return [">=" + version, "<" + upper.map(String.init).joined(separator: ".")]
    }

    /// `~1.2.3` → `>=1.2.3,<1.3.0`; `~1.2` → `<1.3`; `~1` → `<2`.
    private static func tilde(_ version: String) -> [String]? {
        guard let parts = releaseParts(version) else { return nil }
        let index = parts.count == 1 ? 0 : 1
        var upper = Array(parts[...index])
        upper[index] += 1
        return [">=" + version, "<" + upper.map(String.init).joined(separator: ".")]
    }

    // MARK: conda

    /// A conda match spec's version: `=1.26` is `1.26.*`, `==1.26.4` exact, a bare
    /// `1.26.4` exact, ranges with `,`, alternatives with `|`.
    static func conda(_ spec: CondaMatchSpec) -> VersionConstraint {
        guard let version = spec.version?.trimmingINIBlanks(), !version.isEmpty, version != "*" else { return .any }
        switch spec.pinning {
        case .exact(let v):
            return set("==" + v)
        case .prefix(let v):
            return set("==" + v + ".*")
        case .unversioned:
            return .any
        case .range:
            var sets: [PEP440SpecifierSet] = []
            for alternative in version.split(separator: "|") {
                var clauses: [String] = []
                for clause in alternative.split(separator: ",") {
                    var c = String(clause).trimmingINIBlanks()
                    if c.hasPrefix("="), !c.hasPrefix("==") { c = "=" + c + (c.hasSuffix("*") ? "" : ".*") }
                    if let first = c.first, first.isNumber { c = "==" + c }
                    if c.hasSuffix(".*"), !c.hasPrefix("==") && !c.hasPrefix("!=") {
                        // `>=1.2.*` means `>=1.2` in conda.
                        c = String(c.dropLast(2))
                    }
                    clauses.append(c)
                }
                guard case .alternatives(let parsed) = set(clauses.joined(separator: ",")) else { return .unchecked }
                sets += parsed
            }
            return .alternatives(sets)
        }
    }

    private static func set(_ text: String) -> VersionConstraint {
        guard let set = try? PEP440SpecifierSet(text) else { return .unchecked }
        return .alternatives([set])
    }
}
