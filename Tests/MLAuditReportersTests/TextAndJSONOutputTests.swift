import Foundation
import MLAuditCore
import MLAuditReporters
import Testing

/// What a reader of the text and JSON reports relies on: the severity in words, files
/// with findings counted apart from files checked, notebook cells named as Jupyter shows
/// them, documentation links that work outside a checkout, one fingerprint per finding.
@Suite struct TextAndJSONOutputTests {
    static let findings = [
        Finding(ruleID: "PIN002", severity: .error, message: "torch is not pinned",
                location: Location(path: "setup.sh", line: 2, column: 13), lineContent: "pip install torch numpy"),
        Finding(ruleID: "PIN002", severity: .error, message: "numpy is not pinned",
                location: Location(path: "setup.sh", line: 2, column: 19), lineContent: "pip install torch numpy"),
        Finding(ruleID: "NBK001", severity: .warning, message: "ran late",
                location: Location(path: "nb.ipynb", line: 30, column: 3), lineContent: "\"execution_count\": 5,", cell: 4, executionCount: 5),
        Finding(ruleID: "RND001", severity: .error, message: "unseeded",
                location: Location(path: "nb.ipynb", line: 41, column: 1), lineContent: "x", cell: 6),
        Finding(ruleID: "PIN009", severity: .note, message: "apt unpinned",
                location: Location(path: "Dockerfile", line: 4, column: 9), lineContent: "RUN apt-get install git"),
    ]

    static func report(_ findings: [Finding] = findings, files: Int = 7) -> Report {
        Report(command: "scan", findings: findings, diagnostics: [], rules: Catalogue.rules, filesChecked: files)
    }

    @Test func everyLineNamesItsSeverityInWords() {
        for color in [false, true] {
            let lines = TextReporter(color: color).render(Self.report()).split(separator: "\n")
            let plain = lines.map { $0.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) }
            #expect(plain[0] == "setup.sh:2:13: PIN002 [error] torch is not pinned")
            #expect(plain.contains("Dockerfile:4:9: PIN009 [note] apt unpinned"))
            #expect(plain.contains("nb.ipynb:30:3: NBK001 [warning] cell 4 [5]: ran late"), "\(plain)")
            #expect(plain.contains("nb.ipynb:41:1: RND001 [error] cell 6: unseeded"), "a cell that never ran has no count")
        }
    }

    @Test func theSummaryCountsFilesWithFindingsApartFromFilesChecked() {
        let text = TextReporter().summary(Self.report())
        #expect(text == "\nFound 5 findings in 3 files: 3 errors, 1 warning, 1 note. 7 files checked.\n")
        #expect(TextReporter().summary(Self.report([], files: 1)) == "No findings. 1 file checked.\n")
        let json = JSONReporter().render(Self.report())
        #expect(json.contains("\"filesWithFindings\" : 3"))
        #expect(json.contains("\"files\" : 7"))
    }

    @Test func findingsOnOneLineGetDistinctFingerprints() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter().render(Self.report()).utf8)) as? [String: Any])
        let entries = try #require(json["findings"] as? [[String: Any]])
        let fingerprints = entries.compactMap { $0["fingerprint"] as? String }
        #expect(fingerprints.count == 5 && Set(fingerprints).count == 5)
        #expect(fingerprints[0] == Fingerprint.of(Self.findings[0]), "the first keeps the plain fingerprint baselines use")
        #expect(Fingerprint.of(Self.findings[0]) == Fingerprint.of(Self.findings[1]))

        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(SARIFReporter().render(Self.report()).utf8)) as? [String: Any])
        let results = try #require((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let partial = results.compactMap { ($0["partialFingerprints"] as? [String: String])?["mlaudit/v1"] }
        #expect(partial == fingerprints, "SARIF and JSON agree")
    }

    @Test func docsLinksAreURLsAndCellsCarryTheirCount() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter().render(Self.report()).utf8)) as? [String: Any])
        let entries = try #require(json["findings"] as? [[String: Any]])
        for entry in entries {
            let docs = try #require(entry["docs"] as? String)
            #expect(docs == "https://github.com/mlaudit/mlaudit/blob/main/docs/rules/\(entry["rule"] as? String ?? "").md")
            #expect(URL(string: docs)?.scheme == "https")
        }
        let notebook = try #require(entries.first { $0["rule"] as? String == "NBK001" })
        #expect(notebook["cell"] as? Int == 4)
        #expect(notebook["executionCount"] as? Int == 5)
    }
}
