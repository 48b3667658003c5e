import Foundation
import MLAuditCore

/// Everything `mlaudit badge` writes, computed once from findings.
public struct Badge: Sendable {
    public var label: String
    public var score: BadgeScore

    public static let defaultLabel = "reproducibility"

    public init(label: String = Badge.defaultLabel, score: BadgeScore) {
        self.label = label
        self.score = score
    }

    public init(label: String = Badge.defaultLabel, report: Report) {
        self.init(label: label, score: BadgeScore.compute(report.findings.map(ScoredFinding.init), filesChecked: report.filesChecked))
    }

    public var message: String { score.message }

    public var svg: BadgeSVG { BadgeSVG(label: label, message: message, color: score.grade.colorHex) }

    /// shields.io endpoint JSON: exactly schemaVersion, label, message and color (shields rejects unknown keys).
    public var endpointJSON: String {
        struct Endpoint: Encodable {
            var schemaVersion = 1
            var label: String
            var message: String
            var color: String
        }
        return JSONOutput.encode(Endpoint(label: label, message: message, color: score.grade.colorName))
    }
}

/// Reads back the JSON report of `mlaudit scan --format json` (version 1) for `badge --from`.
public enum BadgeReportReader {
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public struct Input: Sendable {
        public var findings: [ScoredFinding]
        public var filesChecked: Int
    }

    public static func read(path: String) throws(ReadError) -> Input {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw ReadError(description: "\(path): \(reason)")
        }
        do {
            return try parse(data)
        } catch {
            throw ReadError(description: "\(path): \(error.description)")
        }
    }

    public static func parse(_ data: Data) throws(ReadError) -> Input {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ReadError(description: "not JSON (expected the output of 'mlaudit scan --format json')")
        }
        guard let document = object as? [String: Any] else {
            throw ReadError(description: "not an mlaudit JSON report (top level is not an object)")
        }
        guard let version = document["version"] as? Int else {
            throw ReadError(description: "not an mlaudit JSON report (no \"version\"; expected the output of 'mlaudit scan --format json')")
        }
        guard version == JSONReporter.schemaVersion else {
            throw ReadError(description: "unsupported report version \(version) (this mlaudit reads version \(JSONReporter.schemaVersion))")
        }
        guard let entries = document["findings"] as? [Any] else {
            throw ReadError(description: "\"findings\" is missing or not an array")
        }
        guard let summary = document["summary"] as? [String: Any], let files = summary["files"] as? Int, files >= 0 else {
            throw ReadError(description: "\"summary.files\" is missing or not a non-negative integer")
        }
        var findings: [ScoredFinding] = []
        findings.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() {
            guard let f = entry as? [String: Any], let rule = f["rule"] as? String, !rule.isEmpty,
                  let severityName = f["severity"] as? String, let path = f["path"] as? String else {
                throw ReadError(description: "findings[\(i)] needs string \"rule\", \"severity\" and \"path\"")
            }
            guard let severity = Severity(rawValue: severityName) else {
                throw ReadError(description: "findings[\(i)]: unknown severity \"\(severityName)\"")
            }
            findings.append(ScoredFinding(rule: rule, severity: severity, path: path))
        }
        return Input(findings: findings, filesChecked: files)
    }
}
