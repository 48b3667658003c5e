import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

@Suite struct CatalogueTests {
    @Test func generatedFilesMatchRulesFolder() throws {
        let rules = try CatalogueFiles.loadRules(packageRoot: PackagePaths.root)
        for (path, expected) in CatalogueFiles.generatedFiles(for: rules, data: try CatalogueFiles.loadData(packageRoot: PackagePaths.root)) {
            let actual = try? String(contentsOf: PackagePaths.root.appendingPathComponent(path), encoding: .utf8)
            #expect(actual == expected, "\(path) is out of date: run `swift run mlaudit-catalogue`")
        }
    }

    @Test func compiledCatalogueMatchesRulesFolder() throws {
        let rules = try CatalogueFiles.loadRules(packageRoot: PackagePaths.root)
        #expect(rules.map(\.id) == Catalogue.rules.map(\.id))
        #expect(rules == Catalogue.rules)
    }

    /// The product contract: every ID of RULES.md with its name and default severity.
    @Test func catalogueMatchesProductRuleTable() throws {
        guard let url = PackagePaths.sharedRulesMarkdown else {
            if PackagePaths.isCI { Issue.record("../shared/RULES.md is missing on CI") }
            print("SKIP catalogueMatchesProductRuleTable: ../shared/RULES.md not found beside the repository")
            return
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        var ids: [String] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 4, cells[1].range(of: "^[A-Z]+[0-9]{3}$", options: .regularExpression) != nil else { continue }
            let (id, name, severity) = (cells[1], cells[2], cells[3])
            ids.append(id)
            let rule = Catalogue.rule(id)
            #expect(rule != nil, "\(id) from RULES.md is not in rules/")
            #expect(rule?.name == name, "\(id) name")
            let expected = severity == "by change" ? nil : Severity(rawValue: severity)
            #expect(rule?.defaultSeverity == expected, "\(id) severity")
        }
        #expect(ids.count >= 30)
        #expect(Set(ids) == Set(Catalogue.rules.map(\.id)), "rules/ has IDs that RULES.md does not")
    }

    @Test func everyRuleIsDocumented() {
        for rule in Catalogue.rules {
            #expect(!rule.summary.isEmpty && !rule.description.isEmpty && !rule.rationale.isEmpty && !rule.fix.isEmpty, "\(rule.id)")
            #expect(rule.name.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber }, "\(rule.id) name must be kebab-case")
        }
    }

    @Test func selectorsMatchByPrefix() {
        #expect(Catalogue.rules(matching: "PIN").allSatisfy { $0.id.hasPrefix("PIN") })
        #expect(Catalogue.isKnownSelector("all"))
        #expect(!Catalogue.isKnownSelector("XYZ"))
    }

    @Test func loaderRejectsUnknownKeysWithLine() {
        let yaml = "id: PIN001\nname: x\ncategory: pinning\nseverity: error\nstatus: stable\nscope: scan\nsummary: s\ndescription: d\nrationale: r\nfix: f\nbogus: 1\n"
        #expect(throws: RuleCatalogueError.self) { try RuleCatalogueLoader.load(yaml: yaml, file: "rules/PIN001.yaml") }
        do {
            _ = try RuleCatalogueLoader.load(yaml: yaml, file: "rules/PIN001.yaml")
        } catch let error as RuleCatalogueError {
            #expect(error.line == 11)
            #expect(error.description.contains("bogus"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
