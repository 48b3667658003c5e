import MLAuditCore
import MLAuditScanner
import MLAuditTestSupport
import Testing

/// Every example in rules/*.yaml of every stable rule runs here, so a new rule
/// or example is tested without writing a test.
@Suite struct RuleExampleTests {
    @Test(arguments: RuleExampleCase.all)
    func example(_ testCase: RuleExampleCase) throws {
        let actual = try RuleExampleRunner.findings(ruleID: testCase.rule.id, example: testCase.example)
        let expected = testCase.isTriggering ? testCase.example.expected : []
        let mismatch = RuleExampleRunner.mismatch(expected: expected, actual: actual)
        #expect(mismatch == nil, "\(testCase): \(mismatch ?? "")")
    }

    @Test func everyStableScanRuleHasAnImplementation() {
        let implemented = Set(BuiltInRules.fileRules.flatMap(\.ruleIDs) + BuiltInRules.projectRules.flatMap(\.ruleIDs))
        for rule in Catalogue.rules where rule.status == .stable && rule.scope == .scan {
            #expect(implemented.contains(rule.id), "\(rule.id) is stable in rules/ but no check reports it")
        }
        for id in implemented {
            #expect(Catalogue.rule(id)?.status == .stable, "\(id) is implemented but not marked stable in rules/")
        }
    }

    @Test func stableScanRulesHaveEnoughExamples() {
        for rule in Catalogue.rules where rule.status == .stable && rule.scope == .scan {
            #expect(rule.triggering.count >= 3, "\(rule.id) needs at least three triggering examples")
            #expect(rule.nonTriggering.count >= 3, "\(rule.id) needs at least three non-triggering examples")
        }
    }
}
