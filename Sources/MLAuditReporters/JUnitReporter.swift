import Foundation
import MLAuditCore

/// JUnit XML in the shape both common schemas accept (Jenkins xUnit and the Ant
/// JUnit XSD): one testsuite per rule category, one testcase per rule and file
/// with findings (and, with `includePassing`, per rule and file checked clean).
/// The GitLab flavour adds the `file` attribute GitLab reads, which neither XSD allows.
public struct JUnitReporter: Reporter {
    public static let identifier = "junit"

    public enum Flavor: String, Sendable, CaseIterable {
        case portable, gitlab
    }

    public var flavor: Flavor
    public var includePassing: Bool
    /// Files checked (relative paths), for passing testcases.
    public var checkedFiles: [String]

    public init(flavor: Flavor = .portable, includePassing: Bool = false, checkedFiles: [String] = []) {
        self.flavor = flavor
        self.includePassing = includePassing
        self.checkedFiles = checkedFiles
    }

    struct Case {
        var rule: String
        var path: String
        var findings: [Finding]
    }

    public func render(_ report: Report) -> String {
        guard let xml = XMLWriter() else { return "" }
        let timestamp = Self.timestamp()
        xml.start("testsuites")
        var suiteID = 0
        let ruleIDs = Set(report.rules.map(\.id)).union(report.findings.map(\.ruleID))
        for category in RuleCategory.allCases {
            let rules = ruleIDs.sorted().filter { Catalogue.rule($0)?.category == category }
            if rules.isEmpty { continue }
            var cases: [Case] = []
            for rule in rules {
                let byFile = Dictionary(grouping: report.findings.filter { $0.ruleID == rule }, by: \.location.path)
                var paths = Set(byFile.keys)
                if includePassing { paths.formUnion(checkedFiles) }
                for path in paths.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    cases.append(Case(rule: rule, path: path, findings: byFile[path] ?? []))
                }
            }
            writeSuite(xml, name: category.rawValue, id: suiteID, timestamp: timestamp, cases: cases, errors: [])
            suiteID += 1
        }
        if !report.shownDiagnostics.isEmpty {
            writeSuite(xml, name: "inputs", id: suiteID, timestamp: timestamp, cases: [], errors: report.shownDiagnostics)
        }
        xml.end()
        return xml.finish()
    }

    private func writeSuite(_ xml: XMLWriter, name: String, id: Int, timestamp: String, cases: [Case], errors: [Diagnostic]) {
        xml.start("testsuite")
        xml.attribute("package", "mlaudit")
        xml.attribute("id", String(id))
        xml.attribute("name", name)
        xml.attribute("timestamp", timestamp)
        xml.attribute("hostname", "localhost")
        xml.attribute("tests", String(cases.count + errors.count))
        xml.attribute("failures", String(cases.filter { !$0.findings.isEmpty }.count))
        xml.attribute("errors", String(errors.filter(\.isProblem).count))
        xml.attribute("skipped", String(errors.filter { !$0.isProblem }.count))
        xml.attribute("time", "0")
        xml.start("properties")
        xml.start("property")
        xml.attribute("name", "mlaudit.version")
        xml.attribute("value", MLAuditVersion.current)
        xml.end()
        xml.end()
        for testCase in cases {
            startTestCase(xml, classname: "mlaudit.\(testCase.rule)", path: testCase.path)
            if let first = testCase.findings.first {
                let name = Catalogue.rule(testCase.rule)?.name ?? ""
                let message = testCase.findings.count == 1
                    ? first.message
                    : "\(testCase.findings.count) findings of \(testCase.rule) \(name); first: \(first.message)"
                xml.start("failure")
                xml.attribute("type", testCase.findings.map(\.severity).max()!.rawValue)
                xml.attribute("message", message)
                var body = ""
                for finding in testCase.findings {
                    let cell = finding.cell.map { " (cell \($0))" } ?? ""
                    body += "\(finding.location.path):\(finding.location.line):\(finding.location.column)\(cell): [\(finding.severity.rawValue)] \(finding.message)\n"
                }
                if let fix = Catalogue.rule(testCase.rule)?.fix.split(separator: "\n").first {
                    body += "How to fix: \(fix)\n"
                }
                xml.text(body)
                xml.end()
            }
            xml.end()
        }
        for problem in errors {
            startTestCase(xml, classname: "mlaudit.inputs", path: problem.path)
            if problem.isProblem {
                xml.start("error")
                xml.attribute("type", problem.kind.rawValue)
                xml.attribute("message", problem.message)
                xml.text("\(problem.path)\(problem.line.map { ":\($0)" } ?? ""): \(problem.message)\n")
            } else {
                xml.start("skipped")
                xml.attribute("message", problem.message)
            }
            xml.end()
            xml.end()
        }
        xml.emptyElement("system-out")
        xml.emptyElement("system-err")
        xml.end()
    }

    /// Opens a `<testcase>`; the gitlab flavour adds the `file` attribute.
    private func startTestCase(_ xml: XMLWriter, classname: String, path: String) {
        xml.start("testcase")
        xml.attribute("classname", classname)
        xml.attribute("name", path)
        if flavor == .gitlab { xml.attribute("file", path) }
        xml.attribute("time", "0")
    }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC without zone or fraction (the strict XSD's form);
    /// SOURCE_DATE_EPOCH makes it reproducible.
    static func timestamp() -> String {
        let env = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init)
        let date = env.map { Date(timeIntervalSince1970: $0) } ?? Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return "\(String(format: "%04d", c.year ?? 1970))-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }
}
