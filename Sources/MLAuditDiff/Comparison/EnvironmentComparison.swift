import MLAuditCore

/// What to compare.
public struct DiffOptions: Sendable {
    /// Sections to compare (`--only`); all by default.
    public var sections: Set<DiffSection>
    /// Package names to leave out (`--ignore-package`, globs), any ecosystem.
    public var ignoredPackages: [String]

    public init(sections: Set<DiffSection> = Set(DiffSection.allCases), ignoredPackages: [String] = []) {
        self.sections = sections
        self.ignoredPackages = ignoredPackages
    }

    func ignores(_ name: String) -> Bool {
        ignoredPackages.contains { NameGlob.matches(pattern: $0, name: name) }
    }
}

/// The two recordings being compared and where findings point by default.
struct ComparisonContext {
    var old: EnvironmentRecording
    var new: EnvironmentRecording
    var options: DiffOptions

    /// The first line of the old recording's file.
    var defaultPlace: SourcePlace { SourcePlace(path: old.primaryPath, line: 1) }

    func place(_ specific: SourcePlace?) -> SourcePlace { specific ?? defaultPlace }

    /// "not recorded in <source>" for the side that lacks a section.
    func missingReason(oldHas: Bool, newHas: Bool) -> String {
        switch (oldHas, newHas) {
        case (false, false): "recorded on neither side"
        case (false, true): "not recorded in \(old.source)"
        default: "not recorded in \(new.source)"
        }
    }
}

/// The outcome of comparing one section.
enum SectionOutcome {
    case compared([Difference])
    case skipped([SkippedSection])
    /// Some parts compared, others not (packages of one ecosystem, one package manager).
    case partial([Difference], [SkippedSection])
}

/// Compares two recordings section by section (ENV001–ENV010).
public enum EnvironmentComparison {
    public static func compare(_ old: EnvironmentRecording, _ new: EnvironmentRecording, options: DiffOptions = DiffOptions()) -> DiffResult {
        let context = ComparisonContext(old: old, new: new, options: options)
        var differences: [Difference] = []
        var skipped: [SkippedSection] = []
        var compared: [DiffSection] = []
        for section in DiffSection.allCases where options.sections.contains(section) {
            let outcome: SectionOutcome
            switch section {
            case .packages: outcome = PackageComparator.compare(context)
            case .python: outcome = InterpreterComparator.compare(context)
            case .platform: outcome = PlatformComparator.compare(context)
            case .gpu: outcome = AcceleratorComparator.compare(context)
            case .env: outcome = VariableComparator.compare(context)
            case .data: outcome = DataComparator.compare(context)
            case .git: outcome = CodeComparator.compare(context)
            case .system: outcome = SystemPackageComparator.compare(context)
            case .hardware: outcome = HardwareComparator.compare(context)
            }
            switch outcome {
            case .compared(let found):
                differences += found
                compared.append(section)
            case .skipped(let reasons):
                skipped += reasons
            case .partial(let found, let reasons):
                differences += found
                skipped += reasons
                compared.append(section)
            }
        }
        differences.sort(by: order)
        return DiffResult(differences: differences, skipped: skipped.map { explained($0, old: old, new: new) }, compared: compared)
    }

    /// Adds why a recording lacks a section when it knows (a W&B log that could not be decoded).
    static func explained(_ skipped: SkippedSection, old: EnvironmentRecording, new: EnvironmentRecording) -> SkippedSection {
        var result = skipped
        for side in [old, new] {
            if let why = side.unavailable[skipped.section], skipped.reason.contains(side.source) || skipped.reason == "recorded on neither side" {
                result.reason += ": \(why)"
                break
            }
        }
        return result
    }

    /// Section order, then most severe first, then item.
    static func order(_ a: Difference, _ b: Difference) -> Bool {
        if a.section != b.section { return a.section < b.section }
        if a.severity != b.severity { return a.severity > b.severity }
        if a.item != b.item { return a.item.utf8.lexicographicallyPrecedes(b.item.utf8) }
        return a.ruleID < b.ruleID
    }
}

/// `fnmatch`-style matching of package names: `*`, `?` and `[…]`, case-insensitive;
/// PyPI spellings (`_`, `.`, `-`) are treated alike.
enum NameGlob {
    static func matches(pattern: String, name: String) -> Bool {
        let p = Array(PackageName.normalized(pattern).unicodeScalars)
        let n = Array(PackageName.normalized(name).unicodeScalars)
        return match(p[...], n[...])
    }

    private static func match(_ p: ArraySlice<Unicode.Scalar>, _ n: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = p.first else { return n.isEmpty }
        switch first {
        case "*":
            var rest = n
            while true {
                if match(p.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !n.isEmpty && match(p.dropFirst(), n.dropFirst())
        case "[":
            guard let close = p.dropFirst().firstIndex(of: "]"), let c = n.first else { return false }
            var set = p[p.index(after: p.startIndex) ..< close]
            let negated = set.first == "!" || set.first == "^"
            if negated { set = set.dropFirst() }
            var hit = false
            var i = set.startIndex
            while i < set.endIndex {
                if i + 2 < set.endIndex, set[i + 1] == "-" {
                    if set[i] <= c && c <= set[i + 2] { hit = true }
                    i += 3
                } else {
                    if set[i] == c { hit = true }
                    i += 1
                }
            }
            return hit != negated && match(p[(close + 1)...], n.dropFirst())
        default:
            return n.first == first && match(p.dropFirst(), n.dropFirst())
        }
    }
}
