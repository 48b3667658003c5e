/// The compiled rule catalogue (generated from `rules/*.yaml`).
public enum Catalogue {
    /// Every rule, sorted by ID.
    public static let rules: [RuleDescription] = generatedRules.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }

    private static let byID: [String: RuleDescription] = Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) })

    public static func rule(_ id: String) -> RuleDescription? { byID[id.uppercased()] }

    /// Rules whose ID equals `selector` or starts with it (`PIN`, `PIN00`, `ALL`).
    public static func rules(matching selector: String) -> [RuleDescription] {
        let upper = selector.uppercased()
        if upper == "ALL" { return rules }
        return rules.filter { $0.id.hasPrefix(upper) }
    }

    /// True when `selector` names at least one rule (exactly or as a prefix).
    public static func isKnownSelector(_ selector: String) -> Bool { !rules(matching: selector).isEmpty }
}
