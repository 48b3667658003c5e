import ArgumentParser
import Foundation
import MLAuditCore
import MLAuditReporters

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rule catalogue, or explain one rule.",
        discussion: "Rules marked 'planned' are catalogued (their IDs are reserved and documented) but not checked by this version."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A rule ID (e.g. PIN001) or prefix (e.g. PIN).")
    var rule: String?

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format: Format = .text

    func run() throws {
        var rules = Catalogue.rules
        if let rule {
            rules = Catalogue.rules(matching: rule)
            guard !rules.isEmpty else { throw CommandFailure("no rule matches '\(rule)' (see 'mlaudit rules')") }
        }
        let text: String
        switch format {
        case .json:
            text = JSONOutput.encode(rules.map(RuleListing.init))
        case .text:
            if let rule, rules.count == 1, rules[0].id == rule.uppercased() {
                text = RuleDocRenderer.page(for: rules[0])
            } else {
                text = table(rules)
            }
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private func table(_ rules: [RuleDescription]) -> String {
        let idWidth = rules.map(\.id.count).max() ?? 6
        let nameWidth = rules.map(\.name.count).max() ?? 10
        var out = ""
        for rule in rules {
            let severity = rule.defaultSeverity?.rawValue ?? "by-change"
            let status = rule.status == .planned ? "  (planned)" : ""
            out += rule.id.padding(toLength: idWidth + 2, withPad: " ", startingAt: 0)
                + rule.name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                + severity.padding(toLength: 11, withPad: " ", startingAt: 0)
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
    var status: String
    var scope: String
    var summary: String
    var docs: String

    init(_ rule: RuleDescription) {
        id = rule.id
        name = rule.name
        category = rule.category.rawValue
        severity = rule.defaultSeverity?.rawValue ?? "by-change"
        status = rule.status.rawValue
        scope = rule.scope.rawValue
        summary = rule.summary
        docs = rule.docsPath
    }
}
