import MLAuditCore
import MLAuditReporters
import Testing

/// Properties of the reproducibility score (docs/badge.md).
@Suite struct BadgeScoreTests {
    func finding(_ rule: String, _ severity: Severity, _ path: String) -> ScoredFinding {
        ScoredFinding(rule: rule, severity: severity, path: path)
    }

    /// A mix of rules, severities and categories, to grow a finding list one item at a time.
    var pool: [ScoredFinding] {
        var out: [ScoredFinding] = []
        let rules: [(String, Severity)] = [("PIN001", .error), ("NBK001", .note), ("RND001", .warning), ("LCK001", .error),
                                           ("PATH001", .warning), ("DAT001", .error), ("PIN001", .warning), ("NBK002", .note)]
        for i in 0..<40 {
            let (rule, severity) = rules[i % rules.count]
            out.append(finding(rule, severity, "dir\(i % 7)/file\(i % 5).py"))
        }
        return out
    }

    @Test func zeroFindingsIsAPerfectA() {
        for files in [0, 1, 10, 10_000] {
            let s = BadgeScore.compute([], filesChecked: files)
            #expect(s.score == 100)
            #expect(s.grade == .a)
            #expect(s.message == "A · 100")
        }
    }

    @Test func boundsHoldEvenForHugeInputs() {
        var many: [ScoredFinding] = []
        for r in 1...60 { for f in 0..<50 { many.append(finding(String(format: "PIN%03d", r), .error, "f\(f)")) } }
        let s = BadgeScore.compute(many, filesChecked: 50)
        #expect((0...100).contains(s.score))
        #expect(s.grade == .f)
        #expect(BadgeScore.compute([finding("NBK001", .note, "a.ipynb")], filesChecked: 1).score <= 99, "any finding costs at least a point")
    }

    @Test func moreFindingsNeverRaiseTheScore() {
        for files in [1, 5, 40, 2_000] {
            var previous = 100
            var list: [ScoredFinding] = []
            for f in pool {
                list.append(f)
                let s = BadgeScore.compute(list, filesChecked: files)
                #expect(s.score <= previous, "adding \(f) with \(files) files raised the score")
                #expect((0...100).contains(s.score))
                previous = s.score
            }
        }
    }

    @Test func orderDoesNotMatter() {
        let a = BadgeScore.compute(pool, filesChecked: 30)
        let b = BadgeScore.compute(pool.reversed(), filesChecked: 30)
        #expect(a == b)
    }

    @Test func severityAndCategoryOrderTheWeights() {
        let error = BadgeScore.compute([finding("PIN001", .error, "r.txt")], filesChecked: 10).score
        let warning = BadgeScore.compute([finding("PIN001", .warning, "r.txt")], filesChecked: 10).score
        let note = BadgeScore.compute([finding("PIN001", .note, "r.txt")], filesChecked: 10).score
        #expect(error < warning && warning < note)
        let pinning = BadgeScore.compute([finding("PIN001", .note, "r.txt")], filesChecked: 10).score
        let notebook = BadgeScore.compute([finding("NBK001", .note, "a.ipynb")], filesChecked: 10).score
        #expect(pinning < notebook, "a pinning note weighs more than a notebook-hygiene note")
        #expect(BadgeScore.categoryWeight(.lockfiles) > BadgeScore.categoryWeight(.notebooks))
        #expect(BadgeScore.categoryWeight(.data) > BadgeScore.categoryWeight(.paths))
    }

    @Test func repeatsOfOneRuleHaveDiminishingReturns() {
        func score(_ n: Int) -> Double {
            BadgeScore.compute((0..<n).map { finding("RND001", .warning, "f\($0).py") }, filesChecked: 100).penalty
        }
        let steps = (1...6).map { score($0 + 1) - score($0) }
        for (a, b) in zip(steps, steps.dropFirst()) { #expect(b < a) }
        // Several hits in one file count as one place to fix.
        let sameFile = BadgeScore.compute((0..<5).map { _ in finding("RND001", .warning, "a.py") }, filesChecked: 100)
        #expect(sameFile.penalty == score(1))
    }

    @Test func aLargerProjectIsNotPunishedForItsSize() {
        // The same share of files affected: 4 of 10 versus 400 of 1000.
        let small = BadgeScore.compute((0..<4).map { finding("PATH001", .warning, "s\($0).py") }, filesChecked: 10)
        let large = BadgeScore.compute((0..<400).map { finding("PATH001", .warning, "s\($0).py") }, filesChecked: 1_000)
        #expect(large.score >= small.score - 15, "100x the files costs at most a grade or so: \(small.score) vs \(large.score)")
        // The same findings in a bigger project never score worse.
        let findings = pool
        #expect(BadgeScore.compute(findings, filesChecked: 1_000).score >= BadgeScore.compute(findings, filesChecked: 10).score)
        // Without normalisation (a linear count) 400 findings would be at 0.
        #expect(large.score > 0)
    }

    @Test func calibrationAndGrades() {
        let onePinningError = BadgeScore.compute([finding("PIN001", .error, "requirements.txt")], filesChecked: 3)
        #expect(onePinningError.grade == .b)
        #expect(onePinningError.score == 86)
        #expect(BadgeGrade.of(score: 90) == .a && BadgeGrade.of(score: 89) == .b && BadgeGrade.of(score: 49) == .f)
        #expect(BadgeGrade.allCases.map(\.colorName) == ["brightgreen", "green", "yellowgreen", "yellow", "orange", "red"])
        #expect(BadgeGrade.allCases.map(\.colorHex) == ["#4c1", "#97ca00", "#a4a61d", "#dfb317", "#fe7d37", "#e05d44"])
    }

    @Test func unknownRulesTakeTheirCategoryFromThePrefix() {
        #expect(ScoredFinding(rule: "pin999", severity: .error, path: "x").category == .pinning)
        #expect(ScoredFinding(rule: "PATH999", severity: .error, path: "x").category == .paths)
        #expect(ScoredFinding(rule: "XYZ1", severity: .error, path: "x").category == nil)
    }
}
