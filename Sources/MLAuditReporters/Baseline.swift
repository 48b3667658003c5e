import Foundation
import MLAuditCore

/// Recorded findings that a gate accepts: `--write-baseline` writes one, `--baseline`
/// reports only findings not in it. Entries match by fingerprint (rule, path and the
/// normalized line content), so they survive lines moving; each entry matches at
/// most one finding, so a second copy of an accepted problem is still new.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var fingerprint: String
        public var rule: String
        public var path: String
        public var message: String
    }

    public static let version = 1
    public var entries: [Entry]

    public init(findings: [Finding]) {
        entries = findings.map { Entry(fingerprint: Fingerprint.of($0), rule: $0.ruleID, path: $0.location.path, message: $0.message) }
            .sorted { ($0.path, $0.rule, $0.fingerprint, $0.message) < ($1.path, $1.rule, $1.fingerprint, $1.message) }
    }

    struct Document: Codable {
        var version: Int
        var tool: String
        var findings: [Entry]
    }

    public func render() -> String {
        JSONOutput.encode(Document(version: Self.version, tool: "mlaudit", findings: entries))
    }

    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func read(path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(description: "\(path): cannot read the baseline file")
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ReadError(description: "\(path): not an mlaudit baseline (\(Self.reason(error)))")
        }
        guard document.version <= version else {
            throw ReadError(description: "\(path): baseline version \(document.version) is newer than this mlaudit understands (\(version))")
        }
        var baseline = Baseline(findings: [])
        baseline.entries = document.findings
        return baseline
    }

    /// Splits findings into new ones and those the baseline accepts; also counts entries
    /// that matched nothing (problems fixed since the baseline was written).
    public func apply(to findings: [Finding]) -> (new: [Finding], accepted: Int, fixed: Int) {
        var remaining: [String: Int] = [:]
        for entry in entries { remaining[entry.fingerprint, default: 0] += 1 }
        var new: [Finding] = []
        var accepted = 0
        for finding in findings {
            let key = Fingerprint.of(finding)
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                accepted += 1
            } else {
                new.append(finding)
            }
        }
        return (new, accepted, remaining.values.reduce(0, +))
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context): return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }
}
