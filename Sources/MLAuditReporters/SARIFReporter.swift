import Foundation
import MLAuditCore

/// SARIF 2.1.0 as GitHub code scanning reads it: full rule metadata, one location
/// per result, repository-relative URIs under %SRCROOT%, stable partial fingerprints,
/// and parse problems as tool execution notifications.
public struct SARIFReporter: Reporter {
    public static let identifier = "sarif"
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public init() {}

    public func render(_ report: Report) -> String {
        // Rules: those that ran plus any that reported (diff findings, planned rules' metadata).
        var ruleIDs = Set(report.rules.map(\.id))
        ruleIDs.formUnion(report.findings.map(\.ruleID))
        let rules = ruleIDs.sorted().compactMap { Catalogue.rule($0) }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })

        let fingerprints = Fingerprint.distinct(report.findings)
        let results = report.findings.enumerated().map { i, finding -> SARIF.Result in
            return SARIF.Result(
                ruleId: finding.ruleID,
                ruleIndex: ruleIndex[finding.ruleID] ?? 0,
                level: finding.severity.rawValue,
                message: SARIF.Message(text: finding.displayMessage),
                locations: [SARIF.ResultLocation(physicalLocation: physicalLocation(
                    path: finding.location.path,
                    region: SARIF.Region(
                        startLine: finding.location.line, startColumn: finding.location.column,
                        endLine: finding.location.endLine, endColumn: finding.location.endColumn
                    )
                ))],
                partialFingerprints: ["mlaudit/v1": fingerprints[i]]
            )
        }
        let notifications = report.shownDiagnostics.map { diagnostic in
            SARIF.Notification(
                level: diagnostic.isProblem ? "error" : "note",
                message: SARIF.Message(text: "\(diagnostic.path): \(diagnostic.message)"),
                locations: [SARIF.ResultLocation(physicalLocation: physicalLocation(
                    path: diagnostic.path,
                    region: diagnostic.line.map { SARIF.Region(startLine: $0, startColumn: diagnostic.column ?? 1, endLine: nil, endColumn: nil) }
                ))],
                descriptor: SARIF.Descriptor(id: diagnostic.kind.rawValue)
            )
        }
        var baseIDs: [String: SARIF.ArtifactLocationBase]? = nil
        if let root = report.sourceRoot {
            baseIDs = ["%SRCROOT%": SARIF.ArtifactLocationBase(uri: URIEncoding.fileURI(directory: root))]
        }
        let log = SARIF.Log(
            schema: Self.schemaURI,
            version: "2.1.0",
            runs: [SARIF.Run(
                tool: SARIF.Tool(driver: SARIF.Driver(
                    name: "mlaudit", semanticVersion: MLAuditVersion.current, version: MLAuditVersion.current,
                    informationUri: MLAuditVersion.informationURI, rules: rules.map(descriptor)
                )),
                invocations: [SARIF.Invocation(executionSuccessful: true, toolExecutionNotifications: notifications)],
                originalUriBaseIds: baseIDs,
                columnKind: "unicodeCodePoints",
                results: results
            )]
        )
        return JSONOutput.encode(log)
    }

    private func physicalLocation(path: String, region: SARIF.Region?) -> SARIF.PhysicalLocation {
        if path.hasPrefix("/") {
            return SARIF.PhysicalLocation(artifactLocation: SARIF.ArtifactLocation(uri: URIEncoding.fileURI(file: path), uriBaseId: nil), region: region)
        }
        return SARIF.PhysicalLocation(artifactLocation: SARIF.ArtifactLocation(uri: URIEncoding.relative(path), uriBaseId: "%SRCROOT%"), region: region)
    }

    private func descriptor(_ rule: RuleDescription) -> SARIF.ReportingDescriptor {
        let level = rule.advertisedSeverity
        let problemSeverity = level == .note ? "recommendation" : level.rawValue
        var help = "\(rule.summary)\n\n\(rule.description)\n\nHow to fix:\n\(rule.fix)"
        if help.count > 8000 { help = String(help.prefix(8000)) }
        return SARIF.ReportingDescriptor(
            id: rule.id,
            name: rule.name,
            shortDescription: SARIF.Message(text: String(rule.summary.prefix(1024))),
            fullDescription: SARIF.Message(text: String(rule.description.prefix(1024))),
            help: SARIF.MultiformatMessage(text: help, markdown: RuleDocRenderer.page(for: rule)),
            helpUri: "\(MLAuditVersion.informationURI)/blob/main/docs/rules/\(rule.id).md",
            defaultConfiguration: SARIF.Configuration(level: level.rawValue),
            properties: SARIF.RuleProperties(
                tags: ["reproducibility", rule.category.rawValue],
                precision: "high",
                problemSeverity: problemSeverity
            )
        )
    }
}

/// The subset of the SARIF object model mlaudit writes. Keys follow the schema exactly.
enum SARIF {
    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema", version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var originalUriBaseIds: [String: ArtifactLocationBase]?
        var columnKind: String
        var results: [Result]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var semanticVersion: String
        var version: String
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: MultiformatMessage
        var helpUri: String
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct RuleProperties: Encodable {
        var tags: [String]
        var precision: String
        var problemSeverity: String
        enum CodingKeys: String, CodingKey {
            case tags, precision, problemSeverity = "problem.severity"
        }
    }

    struct Configuration: Encodable { var level: String }
    struct Message: Encodable { var text: String }
    struct MultiformatMessage: Encodable {
        var text: String
        var markdown: String
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }

    struct Notification: Encodable {
        var level: String
        var message: Message
        var locations: [ResultLocation]
        var descriptor: Descriptor
    }

    struct Descriptor: Encodable { var id: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [ResultLocation]
        var partialFingerprints: [String: String]
    }

    struct ResultLocation: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }

    struct ArtifactLocationBase: Encodable { var uri: String }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int?
        var endColumn: Int?
    }
}

/// Percent-encoding of paths for URIs (RFC 3986 path characters kept).
public enum URIEncoding {
    static let allowed: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=:@".utf8))

    public static func relative(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    public static func fileURI(file: String) -> String { "file://" + relative(file) }

    public static func fileURI(directory: String) -> String {
        let encoded = relative(directory)
        return "file://" + (encoded.hasSuffix("/") ? encoded : encoded + "/")
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
