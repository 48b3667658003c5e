import MLAuditCore
import Yams

/// A framework with a global random state (RND001). A class: the rules look frameworks
/// up for most calls of every file, and copying a struct of pattern sets costs more than the lookup.
final class RandomFramework: Sendable {
    /// Bit of this framework in a `FrameworkSet`.
    let bit: UInt8
    let id: String
    let name: String
    let seedExample: String
    let seeds: NamePatterns
    let uses: NamePatterns
    let notUses: NamePatterns
    let conditionalUses: [ConditionalUse]

    init(bit: UInt8, id: String, name: String, seedExample: String, seeds: NamePatterns, uses: NamePatterns,
         notUses: NamePatterns, conditionalUses: [ConditionalUse]) {
        self.bit = bit
        self.id = id
        self.name = name
        self.seedExample = seedExample
        self.seeds = seeds
        self.uses = uses
        self.notUses = notUses
        self.conditionalUses = conditionalUses
    }
}

/// A call that uses a global random state only with some arguments.
struct ConditionalUse: Sendable {
    var call: NamePatterns
    var except: NamePatterns
    /// The call uses randomness only when this argument is literally `True`.
    var whenTrue: (keyword: String, position: Int?)?
    /// Any of these keywords means the call brings its own seed or order.
    var unlessKeywords: [String]
    /// A positional argument at this index does the same.
    var unlessPosition: Int?
}

/// A set of frameworks as a bit mask.
struct FrameworkSet: Sendable, Hashable {
    var bits: UInt8 = 0
    static let all = FrameworkSet(bits: 0xFF)
    func contains(_ f: RandomFramework) -> Bool { bits & f.bit != 0 }
    mutating func insert(_ f: RandomFramework) { bits |= f.bit }
    mutating func formUnion(_ other: FrameworkSet) { bits |= other.bits }
    var isEmpty: Bool { bits == 0 }
}

/// A scikit-learn-style API that takes a random state (RND002).
struct RandomStateAPI: Sendable {
    enum Condition: Sendable {
        case always
        case unlessFalse(String)
        case whenTrue(String)
        case whenString(String, Set<String>)
    }
    var names: NamePatterns
    var condition: Condition
}

/// The contents of `rules/data/randomness.yaml`.
struct RandomnessCatalogue: Sendable {
    var frameworks: [RandomFramework] = []
    /// Helper calls and the frameworks each seeds.
    var helpers: [(calls: NamePatterns, seeds: FrameworkSet)] = []
    var helperNames = NameSet([String]())
    var seedTakers: NamePatterns
    var nondeterministicSeeders: NamePatterns
    var varyingSources: NamePatterns
    /// Top-level package → the keywords that carry its seed.
    var seedKeywords: [String: [String]] = [:]
    var randomStateAPIs: [RandomStateAPI] = []

    /// First components of every name the frameworks and helpers list, and the
    /// endings of the patterns that start with `*`: a call matching neither is
    /// rejected without pattern matching (most calls of a file).
    private var roots = NameSet([String]())
    private var anyRootSuffixes: [String] = []

    static let shared = RandomnessCatalogue(RuleData.node("randomness"))

    /// Whether a call could be a use or a seed of some framework.
    func mayConcern(_ name: String) -> Bool {
        roots.contains(DottedName.head(name)) || anyRootSuffixes.contains { name.endsWithBytes($0) }
    }

    init(_ root: Node) {
        for (i, node) in (root["frameworks"]?.sequence ?? []).enumerated() {
            var conditional: [ConditionalUse] = []
            for use in node["conditional-uses"]?.sequence ?? [] {
                var whenTrue: (String, Int?)?
                if let w = use["when-true"], let keyword = w["keyword"]?.string { whenTrue = (keyword, w["position"]?.int) }
                conditional.append(ConditionalUse(call: NamePatterns(Self.strings(use["call"])), except: NamePatterns(Self.strings(use["except"])),
                                                  whenTrue: whenTrue, unlessKeywords: Self.strings(use["unless-keywords"]),
                                                  unlessPosition: use["unless-position"]?.int))
            }
            frameworks.append(RandomFramework(bit: 1 << UInt8(i), id: node["id"]?.string ?? "", name: node["name"]?.string ?? "",
                                              seedExample: node["seed-example"]?.string ?? "", seeds: NamePatterns(Self.strings(node["seeds"])),
                                              uses: NamePatterns(Self.strings(node["uses"])), notUses: NamePatterns(Self.strings(node["not-uses"])),
                                              conditionalUses: conditional))
        }
        for helper in root["seeding-helpers"]?.sequence ?? [] {
            var set = FrameworkSet()
            for id in Self.strings(helper["seeds"]) {
                if let f = frameworks.first(where: { $0.id == id }) { set.insert(f) }
            }
            helpers.append((NamePatterns(Self.strings(helper["calls"])), set))
        }
        helperNames = NameSet(Self.strings(root["seeding-helper-names"]))
        var patterns: [String] = []
        for node in root["frameworks"]?.sequence ?? [] {
            patterns += Self.strings(node["seeds"]) + Self.strings(node["uses"])
            for use in node["conditional-uses"]?.sequence ?? [] { patterns += Self.strings(use["call"]) }
        }
        for helper in root["seeding-helpers"]?.sequence ?? [] { patterns += Self.strings(helper["calls"]) }
        patterns += Self.strings(root["seed-takers"]) + Self.strings(root["nondeterministic-seeders"])
        var rootNames: [Substring] = []
        for pattern in patterns {
            if pattern.hasPrefix("*") {
                anyRootSuffixes.append(String(pattern.drop { $0 == "*" }.split(separator: "*").last ?? ""))
            } else {
                rootNames.append(pattern.prefix { $0 != "." && $0 != "*" })
            }
        }
        roots = NameSet(rootNames)
        seedTakers = NamePatterns(Self.strings(root["seed-takers"]))
        nondeterministicSeeders = NamePatterns(Self.strings(root["nondeterministic-seeders"]))
        varyingSources = NamePatterns(Self.strings(root["varying-sources"]))
        let state = root["random-state"]
        for library in state?["libraries"]?.sequence ?? [] {
            if let package = library["package"]?.string { seedKeywords[package] = Self.strings(library["seed-keywords"]) }
        }
        randomStateAPIs.append(RandomStateAPI(names: NamePatterns(Self.strings(state?["always"])), condition: .always))
        for entry in state?["conditional"]?.sequence ?? [] {
            let names = NamePatterns(Self.strings(entry["name"]))
            if let keyword = entry["unless-false"]?.string {
                randomStateAPIs.append(RandomStateAPI(names: names, condition: .unlessFalse(keyword)))
            } else if let keyword = entry["when-true"]?.string {
                randomStateAPIs.append(RandomStateAPI(names: names, condition: .whenTrue(keyword)))
            } else if let w = entry["when-string"], let keyword = w["keyword"]?.string {
                randomStateAPIs.append(RandomStateAPI(names: names, condition: .whenString(keyword, Set(Self.strings(w["values"])))))
            }
        }
    }

    private static func strings(_ node: Node?) -> [String] {
        guard let node else { return [] }
        if let s = node.string { return [s] }
        return node.sequence?.compactMap(\.string) ?? []
    }

    /// The frameworks a known seeding call seeds (empty when the call seeds none).
    func seededFrameworks(by name: String) -> FrameworkSet {
        var set = FrameworkSet()
        for f in frameworks where f.seeds.matches(name) { set.insert(f) }
        for helper in helpers where helper.calls.matches(name) { set.formUnion(helper.seeds) }
        return set
    }

    /// Whether a call is one whose seed argument RND003 checks.
    func takesSeed(_ name: String) -> Bool {
        seedTakers.matches(name) || !seededFrameworks(by: name).isEmpty
    }
}
