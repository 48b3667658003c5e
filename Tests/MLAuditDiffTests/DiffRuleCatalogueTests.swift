import MLAuditCore
import MLAuditDiff
import Testing

@Suite struct DiffRuleCatalogueTests {
    /// Every ENV rule is implemented by exactly one section and documented with examples, which RuleExampleTests runs.
    @Test func everyDiffRuleIsImplementedAndHasExamples() {
        let implemented = DiffSection.allCases.flatMap(\.ruleIDs)
        #expect(Set(implemented).count == implemented.count)
        for rule in Catalogue.rules where rule.scope == .diff {
            #expect(implemented.contains(rule.id), "\(rule.id) has no comparator")
            #expect(rule.status == .stable, "\(rule.id)")
            #expect(rule.triggering.count >= 2 && rule.nonTriggering.count >= 2, "\(rule.id) needs two examples of each kind")
        }
        for id in implemented { #expect(Catalogue.rule(id)?.scope == .diff, "\(id)") }
    }
}
