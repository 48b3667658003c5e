import ArgumentParser
import Foundation
import MLAuditCore
import MLAuditReporters

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rule catalogue, or explain one rule.",
        discussion: """
        Rules marked 'planned' are catalogued (their IDs are reserved and documented) but not checked by this \
        version. The severity column lists every level the rule's findings can have (PIN007: error, or note for a \
        tag without a digest); a severity set in the project's configuration replaces them and is marked 'configured'.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A rule ID (e.g. PIN001) or prefix (e.g. PIN).")
    var rule: String?

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format: Format = .text

    @Option(help: ArgumentHelp("Show severities as this configuration sets them (default: the one in the current directory).", valueName: "file"))
    var config: String?

    func run() throws {
        var rules = Catalogue.rules
        if let rule {
            rules = Catalogue.rules(matching: rule)
            guard !rules.isEmpty else { throw CommandFailure("no rule matches '\(rule)' (see 'mlaudit rules')") }
        }
        let overrides = try configuredSeverities()
        let text: String
        switch format {
        case .json:
            text = JSONOutput.encode(rules.map { RuleListing($0, configured: overrides[$0.id]) })
        case .text:
            if let rule, rules.count == 1, rules[0].id == rule.uppercased() {
                text = RuleDocRenderer.page(for: rules[0])
            } else {
                text = table(rules, overrides)
            }
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// The severity overrides of the configuration in force here, as a scan of "." would read them.
    private func configuredSeverities() throws -> [String: Severity] {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        do {
            if let config {
                let url = config.hasPrefix("/") ? URL(fileURLWithPath: config) : cwd.appendingPathComponent(config)
                guard FileManager.default.fileExists(atPath: url.path) else { throw CommandFailure("\(config): no such configuration file") }
                return try ConfigLoader.load(url: url, displayPath: config).severityOverrides
            }
            return try ConfigLoader.discover(in: cwd)?.severityOverrides ?? [:]
        } catch let error as ConfigError {
            throw CommandFailure(error.description)
        }
    }

    private func table(_ rules: [RuleDescription], _ overrides: [String: Severity]) -> String {
        let severities = rules.map { rule in
            overrides[rule.id].map { "\($0.rawValue) (configured)" } ?? RuleSeverities.levels(of: rule).joined(separator: "/")
        }
        let idWidth = rules.map(\.id.count).max() ?? 6
        let nameWidth = rules.map(\.name.count).max() ?? 10
        let severityWidth = severities.map(\.count).max() ?? 9
        var out = ""
        for (rule, severity) in zip(rules, severities) {
            let status = rule.status == .planned ? "  (planned)" : ""
            out += rule.id.padding(toLength: idWidth + 2, withPad: " ", startingAt: 0)
                + rule.name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                + severity.padding(toLength: severityWidth + 2, withPad: " ", startingAt: 0)
                + rule.summary + status + "\n"
        }
        return out
    }
}

/// The JSON shape of `mlaudit rules --format json`.
struct RuleListing: Encodable {
    var id: String
    var name: String
    var category: String
    var severity: String
    /// Every level the rule's findings can get, most severe first (the configured one alone when set).
    var severities: [String]
    var status: String
    var scope: String
    var summary: String
    var docs: String

    init(_ rule: RuleDescription, configured: Severity?) {
        id = rule.id
        name = rule.name
        category = rule.category.rawValue
        severity = configured?.rawValue ?? rule.defaultSeverity?.rawValue ?? "by-change"
        severities = configured.map { [$0.rawValue] } ?? RuleSeverities.levels(of: rule)
        status = rule.status.rawValue
        scope = rule.scope.rawValue
        summary = rule.summary
        docs = RuleDescription.docsURL(rule.id)
    }
}

/// The levels a rule's findings can have, most severe first: its default and those its
/// severity note names (in backticks, as `note`), or, for rules whose level depends on the
/// change (ENV), the levels the note's prose names ("Error when …; note when …").
enum RuleSeverities {
    static func levels(of rule: RuleDescription) -> [String] {
        var levels: Set<Severity> = rule.defaultSeverity.map { [$0] } ?? []
        if let note = rule.severityNote {
            let words = Set(note.lowercased().split { !$0.isLetter }.map(String.init))
            for severity in Severity.allCases {
                let named = rule.defaultSeverity == nil ? words.contains(severity.rawValue) : note.contains("`\(severity.rawValue)`")
                if named { levels.insert(severity) }
            }
        }
        guard !levels.isEmpty else { return ["by-change"] }
        return levels.sorted(by: >).map(\.rawValue)
    }
}
