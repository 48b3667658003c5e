import Foundation
import MLAuditCore

/// mlaudit's own JSON report (versioned; documented in docs/formats.md).
public struct JSONReporter: Reporter {
    public static let identifier = "json"
    public static let schemaVersion = 1

    public init() {}

    struct Document: Encodable {
        var version: Int
        var tool: Tool
        var command: String
        var findings: [FindingEntry]
        var diagnostics: [Diagnostic]
        var notCompared: [NotCompared]?
        var summary: Summary
    }

    struct Tool: Encodable {
        var name: String
        var version: String
    }

    struct FindingEntry: Encodable {
        var rule: String
        var name: String
        var severity: Severity
        var message: String
        var path: String
        var line: Int
        var column: Int
        var endLine: Int?
        var endColumn: Int?
        var cell: Int?
        var executionCount: Int?
        var fingerprint: String
        var docs: String
    }

    struct Summary: Encodable {
        var files: Int
        var filesWithFindings: Int
        var findings: Int
        var errors: Int
        var warnings: Int
        var notes: Int
        var problems: Int
        var baselineAccepted: Int
        var baselineFixed: Int
    }

    public func render(_ report: Report) -> String {
        let fingerprints = Fingerprint.distinct(report.findings)
        let document = Document(
            version: Self.schemaVersion,
            tool: Tool(name: "mlaudit", version: MLAuditVersion.current),
            command: report.command,
            findings: report.findings.enumerated().map { i, f in
                FindingEntry(
                    rule: f.ruleID, name: Catalogue.rule(f.ruleID)?.name ?? "", severity: f.severity, message: f.message,
                    path: f.location.path, line: f.location.line, column: f.location.column,
                    endLine: f.location.endLine, endColumn: f.location.endColumn, cell: f.cell, executionCount: f.executionCount,
                    fingerprint: fingerprints[i], docs: RuleDescription.docsURL(f.ruleID)
                )
            },
            diagnostics: report.shownDiagnostics,
            notCompared: report.notCompared,
            summary: Summary(
                files: report.filesChecked, filesWithFindings: report.filesWithFindings, findings: report.findings.count, errors: report.count(.error),
                warnings: report.count(.warning), notes: report.count(.note), problems: report.problems.count,
                baselineAccepted: report.baselineAccepted, baselineFixed: report.baselineFixed
            )
        )
        return JSONOutput.encode(document)
    }
}

/// Deterministic JSON: sorted keys, two-space indentation, no escaped slashes.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
