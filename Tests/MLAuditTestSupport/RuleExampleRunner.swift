import Foundation
import MLAuditCore
import MLAuditDiff
import MLAuditScanner

/// One catalogue example as a test case, named after its rule and position.
public struct RuleExampleCase: Sendable, CustomStringConvertible {
    public var rule: RuleDescription
    public var example: RuleExample
    public var isTriggering: Bool
    public var index: Int

    public var description: String { "\(rule.id) \(isTriggering ? "triggering" : "non-triggering") #\(index + 1)" }

    /// Every example of every stable rule (scan and diff).
    public static var all: [RuleExampleCase] {
        Catalogue.rules.filter { $0.status == .stable }.flatMap { rule in
            rule.triggering.enumerated().map { RuleExampleCase(rule: rule, example: $1, isTriggering: true, index: $0) }
                + rule.nonTriggering.enumerated().map { RuleExampleCase(rule: rule, example: $1, isTriggering: false, index: $0) }
        }
    }
}

public enum RuleExampleRunner {
    /// Writes the example to a temporary project, scans it with only `ruleID` selected
    /// (or, for a diff rule, compares its `old.*` recording with its `new.*` one),
    /// and returns the places reported, as `path:line:col`, sorted.
    public static func findings(ruleID: String, example: RuleExample) throws -> [String] {
        let tree = try TemporaryTree(files: example.files)
        if Catalogue.rule(ruleID)?.scope == .diff { return try diffFindings(ruleID: ruleID, example: example, tree: tree) }
        // Without a `config:`, the example's own configuration file (if any) is discovered, as a scan would.
        let configuration = try example.config.map { try ConfigLoader.parse(yaml: $0, file: "mlaudit.yaml") }
        var options = ScanOptions(paths: ["."], baseDirectory: tree.url, configuration: configuration)
        options.select = [ruleID]
        options.jobs = 1
        options.verifyData = true
        let result = try Scanner.scan(options)
        return result.findings.filter { $0.ruleID == ruleID }.map { "\($0.location.path):\($0.location.line):\($0.location.column)" }
    }

    struct MissingRecording: Error, CustomStringConvertible {
        var description: String
    }

    static func diffFindings(ruleID: String, example: RuleExample, tree: TemporaryTree) throws -> [String] {
        func recording(_ stem: String) throws -> EnvironmentRecording {
            guard let name = example.files.keys.sorted().first(where: { $0.hasPrefix(stem + ".") }) else {
                throw MissingRecording(description: "a diff example needs a file named \(stem).*")
            }
            return try RecordingLoader.load(path: tree.url.appendingPathComponent(name).path)
        }
        let result = EnvironmentComparison.compare(try recording("old"), try recording("new"))
        let prefix = tree.url.path + "/"
        return result.differences.filter { $0.ruleID == ruleID }.map { difference in
            let path = difference.place.path.hasPrefix(prefix) ? String(difference.place.path.dropFirst(prefix.count)) : difference.place.path
            return "\(path):\(difference.place.line):1"
        }.sorted()
    }

    /// Compares reported places with expected ones; `path:line` entries match any column.
    /// Returns a description of the mismatch, or nil when they agree.
    public static func mismatch(expected: [String], actual: [String]) -> String? {
        var remaining = actual
        var missing: [String] = []
        for entry in expected {
            let precise = entry.split(separator: ":").count >= 3
            if let i = remaining.firstIndex(where: { precise ? $0 == entry : $0.hasPrefix(entry + ":") }) {
                remaining.remove(at: i)
            } else {
                missing.append(entry)
            }
        }
        if missing.isEmpty && remaining.isEmpty { return nil }
        return "missing: \(missing), unexpected: \(remaining)"
    }
}
