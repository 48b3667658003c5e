import Foundation
import MLAuditCore
import MLAuditReporters
import MLAuditTestSupport
import Testing

@Suite struct ReporterTests {
    static let findings = [
        Finding(ruleID: "PIN001", severity: .error, message: "torch is not pinned: 100% sure\nsecond line",
                location: Location(path: "dir,a/req:s.txt", line: 3, column: 1), lineContent: "torch"),
        Finding(ruleID: "PIN001", severity: .error, message: "torch is not pinned",
                location: Location(path: "b.txt", line: 1, column: 1), lineContent: "torch"),
        Finding(ruleID: "PIN001", severity: .error, message: "torch is not pinned",
                location: Location(path: "b.txt", line: 7, column: 1), lineContent: "torch"),
        Finding(ruleID: "PIN009", severity: .note, message: "git | curl unpinned",
                location: Location(path: "Dockerfile", line: 4, column: 9), lineContent: "RUN apt-get install git", cell: nil),
    ]

    static var report: Report {
        Report(command: "scan", findings: findings, diagnostics: [
            Diagnostic(kind: .parseError, path: "environment.yml", line: 4, message: "invalid YAML: found unexpected end of stream"),
        ], rules: Catalogue.rules.filter { $0.id.hasPrefix("PIN") }, filesChecked: 4)
    }

    @Test func githubAnnotationsEscapeDataAndProperties() {
        let out = GitHubAnnotationsReporter().render(Self.report)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines[0] == "::error file=dir%2Ca/req%3As.txt,line=3,col=1,title=PIN001 requirement-not-pinned::torch is not pinned: 100%25 sure%0Asecond line")
        #expect(lines[3].hasPrefix("::notice file=Dockerfile,line=4,col=9,"))
        #expect(lines.last == "::error file=environment.yml,line=4,title=mlaudit parse-error::invalid YAML: found unexpected end of stream")
    }

    @Test func gitlabFingerprintsAreUniqueAndSeveritiesMapped() throws {
        let out = GitLabCodeQualityReporter().render(Self.report)
        #expect(!out.hasPrefix("\u{FEFF}"))
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(issues.count == 5)
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(Set(fingerprints).count == 5, "same rule, path and line content twice still gets two fingerprints")
        #expect(issues.compactMap { $0["severity"] as? String } == ["critical", "critical", "critical", "info", "critical"])
        #expect(issues.last?["check_name"] as? String == "mlaudit parse-error", "a file that does not parse is listed too")
        try validate(out, schema: "gitlab-codequality.schema.json")
    }

    @Test func markdownEscapesTableCells() {
        let out = MarkdownReporter().render(Self.report)
        #expect(out.contains("| error | 3 |"))
        #expect(out.contains("git \\| curl unpinned"))
        #expect(out.contains("[PIN001]("))
        #expect(out.contains("### Files that could not be read or parsed"))
    }

    @Test func jsonIsDeterministicAndVersioned() throws {
        let a = JSONReporter().render(Self.report)
        let b = JSONReporter().render(Self.report)
        #expect(a == b)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(a.utf8)) as? [String: Any])
        #expect(doc["version"] as? Int == 1)
        #expect((doc["summary"] as? [String: Any])?["problems"] as? Int == 1)
    }

    @Test func fingerprintsIgnoreLineNumbers() {
        let a = Self.findings[1]
        var b = a
        b.location.line = 99
        #expect(Fingerprint.of(a) == Fingerprint.of(b))
        var c = a
        c.lineContent = "torch>=2"
        #expect(Fingerprint.of(a) != Fingerprint.of(c))
        #expect(Fingerprint.of(["a", "bc"]) != Fingerprint.of(["ab", "c"]))
    }

    func validate(_ json: String, schema: String) throws {
        guard let schemas = PackagePaths.schemas else {
            if PackagePaths.isCI { Issue.record("../shared/schemas is missing on CI") }
            print("SKIP \(schema) validation: ../shared/schemas not found")
            return
        }
        let dir = try TemporaryTree(files: ["doc.json": json])
        let script = """
        import json, sys
        from jsonschema import validators
        schema = json.load(open(sys.argv[1]))
        cls = validators.validator_for(schema)
        errors = list(cls(schema).iter_errors(json.load(open(sys.argv[2]))))
        for e in errors: print(e.message)
        sys.exit(1 if errors else 0)
        """
        let python = try #require(CommandRunner.which("python3"))
        let result = try CommandRunner.run(python, ["-c", script, schemas.appendingPathComponent(schema).path, dir.url.appendingPathComponent("doc.json").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}

@Suite struct JUnitReporterTests {
    func validate(_ xml: String, _ xsd: String) throws -> CommandResult? {
        guard let schemas = PackagePaths.schemas else {
            if PackagePaths.isCI { Issue.record("../shared/schemas is missing on CI") }
            print("SKIP JUnit validation: ../shared/schemas not found")
            return nil
        }
        guard let xmllint = CommandRunner.which("xmllint") else {
            if PackagePaths.isCI { Issue.record("xmllint is missing on CI (.ci/run installs libxml2-utils)") }
            print("SKIP JUnit validation: xmllint not installed (apt-get install libxml2-utils)")
            return nil
        }
        let dir = try TemporaryTree(files: ["report.xml": xml])
        return try CommandRunner.run(xmllint, ["--noout", "--schema", schemas.appendingPathComponent(xsd).path, dir.url.appendingPathComponent("report.xml").path])
    }

    @Test(arguments: ["junit-jenkins.xsd", "junit-windyroad.xsd"])
    func portableReportValidatesAgainstBothSchemas(_ xsd: String) throws {
        let xml = JUnitReporter().render(ReporterTests.report)
        if let result = try validate(xml, xsd) {
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    @Test func passingCasesOnlyWhenAsked() {
        let files = ["a.txt", "b.txt"]
        let lean = JUnitReporter(checkedFiles: files).render(ReporterTests.report)
        let full = JUnitReporter(includePassing: true, checkedFiles: files).render(ReporterTests.report)
        #expect(lean.components(separatedBy: "<testcase").count < full.components(separatedBy: "<testcase").count)
    }

    @Test func gitlabFlavourAddsFileAttribute() throws {
        let xml = JUnitReporter(flavor: .gitlab).render(ReporterTests.report)
        #expect(xml.contains("file=\"b.txt\""))
        if let result = try validate(xml, "junit-jenkins.xsd") {
            #expect(result.status != 0, "the file attribute is outside the XSDs, as documented")
        }
    }

    @Test func specialCharactersAreEscapedByLibxml2() {
        var report = ReporterTests.report
        report.findings[0].message = "uses <script> & \"quotes\" \u{01} here"
        let xml = JUnitReporter().render(report)
        #expect(xml.contains("&lt;script&gt; &amp; &quot;quotes&quot;"))
        #expect(!xml.contains("\u{01}"))
    }
}
