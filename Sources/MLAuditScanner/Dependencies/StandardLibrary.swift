import MLAuditCore
import MLAuditParsers
import Yams

/// The standard library's top-level modules of Python 3.8–3.14 (`rules/data/stdlib.yaml`).
struct StandardLibrary: Sendable {
    static let minors = 8...14
    static let shared = StandardLibrary(RuleData.node("stdlib"))

    private var modules: Set<String> = []
    /// Module → first minor version having it.
    private var added: [String: Int] = [:]
    /// Module → first minor version no longer having it.
    private var removed: [String: Int] = [:]

    init(_ root: Node) {
        modules = Set((root["modules"]?.sequence ?? []).compactMap(\.string))
        for (key, value) in root["added"]?.mapping ?? [:] {
            guard let minor = Self.minor(key.string) else { continue }
            for m in value.sequence ?? [] { if let s = m.string { added[s] = minor; modules.insert(s) } }
        }
        for (key, value) in root["removed"]?.mapping ?? [:] {
            guard let minor = Self.minor(key.string) else { continue }
            for m in value.sequence ?? [] { if let s = m.string { removed[s] = minor; modules.insert(s) } }
        }
    }

    private static func minor(_ text: String?) -> Int? {
        guard let text, text.hasPrefix("3.") else { return nil }
        return Int(text.dropFirst(2))
    }

    /// Whether `module` is standard library in Python 3.`minor`, or in any version when nil.
    func contains(_ module: String, minor: Int?) -> Bool {
        guard modules.contains(module) else { return false }
        guard let minor else { return true }
        if let first = added[module], minor < first { return false }
        if let gone = removed[module], minor >= gone { return false }
        return true
    }

    /// The lowest Python 3 minor version (3.8–3.14) a declared version text admits:
    /// a PEP 440 specifier (`>=3.10`, `==3.11.*`), a Poetry constraint (`^3.11`), a
    /// conda version (`3.11`, `>=3.10`), a bare version (`3.11.9`).
    static func lowestMinor(_ text: String) -> Int? {
        var trimmed = text.trimmingINIBlanks()
        if trimmed.hasPrefix("="), !trimmed.hasPrefix("==") { trimmed.removeFirst() }
        var constraint = VersionConstraints.poetry(trimmed)
        if let first = trimmed.first, first.isNumber {
            // A bare version (`3.11.9`, `3.11`) names its minor series.
            let minor = trimmed.split(separator: ".").prefix(2).joined(separator: ".")
            constraint = VersionConstraints.pep440("==" + minor + ".*")
        }
        if case .unchecked = constraint { constraint = VersionConstraints.pep440(trimmed) }
        for minor in minors {
            for patch in [0, 99] where constraint.admits("3.\(minor).\(patch)") { return minor }
        }
        return nil
    }
}

/// Import name → the distributions that provide it: the `import-map` setting first,
/// then `rules/data/import-names.yaml`.
struct ImportNameMap: Sendable {
    static let builtIn = ImportNameMap(RuleData.node("import-names"))

    /// Keys: a top-level module, or `namespace.sub` for namespace packages.
    private(set) var distributions: [String: [String]] = [:]

    init(_ root: Node) {
        for (key, value) in root["modules"]?.mapping ?? [:] {
            guard let name = key.string else { continue }
            distributions[name] = (value.sequence ?? []).compactMap(\.string).map { RequirementSpec.normalize(name: $0) }
        }
    }

    init(configured: [String: [String]]) {
        for (name, dists) in configured { distributions[name] = dists.map { RequirementSpec.normalize(name: $0) } }
    }

    /// Known distributions of an import: the entry for its first two components, then its first.
    func candidates(for module: String) -> [String]? {
        let parts = module.split(separator: ".", maxSplits: 2)
        if parts.count >= 2, let found = distributions["\(parts[0]).\(parts[1])"] { return found }
        return distributions[String(parts.first ?? "")]
    }
}
