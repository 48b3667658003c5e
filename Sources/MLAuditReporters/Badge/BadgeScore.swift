import Foundation
import MLAuditCore

/// One finding as the score sees it: which rule, how severe, where.
public struct ScoredFinding: Sendable, Hashable {
    public var rule: String
    public var category: RuleCategory?
    public var severity: Severity
    public var path: String

    public init(rule: String, category: RuleCategory?, severity: Severity, path: String) {
        self.rule = rule
        self.category = category
        self.severity = severity
        self.path = path
    }

    /// The category from the catalogue, or from the ID's prefix for a rule this build does not know.
    public init(rule: String, severity: Severity, path: String) {
        let id = rule.uppercased()
        let category = Catalogue.rule(id)?.category ?? RuleCategory.allCases.first { c in
            id.hasPrefix(c.prefix) && id.dropFirst(c.prefix.count).first?.isNumber == true
        }
        self.init(rule: id, category: category, severity: severity, path: path)
    }

    public init(_ finding: Finding) {
        self.init(rule: finding.ruleID, severity: finding.severity, path: finding.location.path)
    }
}

/// Letter grades, best first; each has the shields colour of its badge.
public enum BadgeGrade: String, Sendable, CaseIterable, Comparable {
    case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F"

    /// Lowest score that earns the grade.
    public var minimumScore: Int {
        switch self {
        case .a: 90
        case .b: 80
        case .c: 70
        case .d: 60
        case .e: 50
        case .f: 0
        }
    }

    public static func of(score: Int) -> BadgeGrade {
        allCases.first { score >= $0.minimumScore } ?? .f
    }

    /// Shields' named colour (used in endpoint JSON).
    public var colorName: String {
        switch self {
        case .a: "brightgreen"
        case .b: "green"
        case .c: "yellowgreen"
        case .d: "yellow"
        case .e: "orange"
        case .f: "red"
        }
    }

    /// The hex value shields draws for `colorName` (badge-maker's named colours).
    public var colorHex: String {
        switch self {
        case .a: "#4c1"
        case .b: "#97ca00"
        case .c: "#a4a61d"
        case .d: "#dfb317"
        case .e: "#fe7d37"
        case .f: "#e05d44"
        }
    }

    private var rank: Int { BadgeGrade.allCases.firstIndex(of: self)! }
    /// `a < b` when `a` is the better grade.
    public static func < (lhs: BadgeGrade, rhs: BadgeGrade) -> Bool { lhs.rank < rhs.rank }
}

/// The reproducibility score: 0–100 and a grade, from findings (docs/badge.md).
///
///     P     = Σ over rules r:  S(r) · C(r) · (1 + ln(1 + (n_r − 1) / √F))
///     score = ⌊100 · exp(−P / 100)⌋
///
/// S(r): weight of the most severe finding of r (error 10, warning 4, note 1);
/// C(r): weight of r's category; n_r: distinct files with a finding of r;
/// F: files checked (at least n_r and 1).
public struct BadgeScore: Sendable, Hashable {
    public var score: Int
    public var grade: BadgeGrade
    /// The penalty P the score is computed from.
    public var penalty: Double

    public static func severityWeight(_ severity: Severity) -> Double {
        switch severity {
        case .error: 10
        case .warning: 4
        case .note: 1
        }
    }

    /// Categories that break a rebuild outright weigh more than hygiene.
    public static func categoryWeight(_ category: RuleCategory?) -> Double {
        switch category {
        case .pinning, .lockfiles, .data: 1.5
        case .randomness, .environment: 1.25
        case .declarations, .paths: 1.0
        case .notebooks: 0.5
        case nil: 1.0
        }
    }

    /// Penalty scale: P = 100 gives 36 (F); one unpinned-dependency error alone gives 86 (B).
    public static let scale = 100.0

    public static func compute(_ findings: [ScoredFinding], filesChecked: Int) -> BadgeScore {
        struct PerRule {
            var severity: Severity
            var category: RuleCategory?
            var files: Set<String>
        }
        var rules: [String: PerRule] = [:]
        for f in findings {
            if var r = rules[f.rule] {
                r.severity = max(r.severity, f.severity)
                r.files.insert(f.path)
                if r.category == nil { r.category = f.category }
                rules[f.rule] = r
            } else {
                rules[f.rule] = PerRule(severity: f.severity, category: f.category, files: [f.path])
            }
        }
        var penalty = 0.0
        // Sorted so the floating-point sum is the same on every run.
        for id in rules.keys.sorted() {
            let r = rules[id]!
            let n = Double(r.files.count)
            let size = Double(max(filesChecked, r.files.count, 1)).squareRoot()
            penalty += severityWeight(r.severity) * categoryWeight(r.category) * (1 + log(1 + (n - 1) / size))
        }
        let score = min(100, max(0, Int((100 * exp(-penalty / scale)).rounded(.down))))
        return BadgeScore(score: score, grade: .of(score: score), penalty: penalty)
    }

    /// The badge message, e.g. "A · 96".
    public var message: String { "\(grade.rawValue) · \(score)" }
}
