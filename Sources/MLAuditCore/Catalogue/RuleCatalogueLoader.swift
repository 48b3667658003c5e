import Yams

public struct RuleCatalogueError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var reason: String
    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}

/// Reads one `rules/<ID>.yaml` file into a `RuleDescription`.
/// Used by the catalogue generator and by the test that keeps `rules/` and the
/// compiled catalogue in step; the shipped binary never parses these files.
public enum RuleCatalogueLoader {
    static let knownKeys: Set<String> = [
        "id", "name", "category", "severity", "severity-note", "status", "scope", "summary",
        "description", "rationale", "fix", "references", "examples",
    ]

    public static func load(yaml: String, file: String) throws -> RuleDescription {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw RuleCatalogueError(file: file, line: nil, reason: "empty rule file")
            }
            root = node
        } catch let error as YamlError {
            throw RuleCatalogueError(file: file, line: nil, reason: "invalid YAML: \(error)")
        }
        guard let map = root.mapping else { throw RuleCatalogueError(file: file, line: root.mark?.line, reason: "a rule file must be a mapping") }
        for (key, _) in map {
            guard let name = key.string, knownKeys.contains(name) else {
                throw RuleCatalogueError(file: file, line: key.mark?.line, reason: "unknown key '\(key.string ?? "?")'")
            }
        }
        func string(_ key: String, required: Bool = true) throws -> String? {
            guard let node = map[key] else {
                if required { throw RuleCatalogueError(file: file, line: nil, reason: "missing key '\(key)'") }
                return nil
            }
            guard let value = node.string else { throw RuleCatalogueError(file: file, line: node.mark?.line, reason: "'\(key)' must be a string") }
            return value.trimmingTrailingNewlines()
        }
        let id = try string("id")!
        guard let category = RuleCategory(rawValue: try string("category")!) else {
            throw RuleCatalogueError(file: file, line: map["category"]?.mark?.line, reason: "unknown category")
        }
        guard id.hasPrefix(category.prefix) else {
            throw RuleCatalogueError(file: file, line: map["id"]?.mark?.line, reason: "ID \(id) does not start with \(category.prefix)")
        }
        let severityText = try string("severity")!
        let severity: Severity?
        if severityText == "by-change" {
            severity = nil
        } else if let parsed = Severity(rawValue: severityText) {
            severity = parsed
        } else {
            throw RuleCatalogueError(file: file, line: map["severity"]?.mark?.line, reason: "severity must be error, warning, note or by-change")
        }
        guard let status = RuleStatus(rawValue: try string("status")!) else {
            throw RuleCatalogueError(file: file, line: map["status"]?.mark?.line, reason: "status must be stable or planned")
        }
        guard let scope = RuleScope(rawValue: try string("scope")!) else {
            throw RuleCatalogueError(file: file, line: map["scope"]?.mark?.line, reason: "scope must be scan or diff")
        }
        var references: [RuleReference] = []
        for item in map["references"]?.sequence ?? [] {
            guard let title = item["title"]?.string, let url = item["url"]?.string else {
                throw RuleCatalogueError(file: file, line: item.mark?.line, reason: "a reference needs title and url")
            }
            references.append(RuleReference(title: title, url: url))
        }
        var triggering: [RuleExample] = []
        var nonTriggering: [RuleExample] = []
        if let examples = map["examples"] {
            triggering = try (examples["triggering"]?.sequence ?? []).map { try example($0, file: file) }
            nonTriggering = try (examples["non-triggering"]?.sequence ?? []).map { try example($0, file: file) }
            let exampleKeys: [Node] = examples.mapping.map { Array($0.keys) } ?? []
            for other in exampleKeys where other.string != "triggering" && other.string != "non-triggering" {
                throw RuleCatalogueError(file: file, line: other.mark?.line, reason: "unknown key '\(other.string ?? "?")' under examples")
            }
        }
        for ex in nonTriggering where !ex.expected.isEmpty {
            throw RuleCatalogueError(file: file, line: nil, reason: "a non-triggering example cannot list expected findings")
        }
        for ex in triggering where ex.expected.isEmpty {
            throw RuleCatalogueError(file: file, line: nil, reason: "a triggering example must list expected findings")
        }
        return RuleDescription(
            id: id, name: try string("name")!, category: category, defaultSeverity: severity,
            severityNote: try string("severity-note", required: false), status: status, scope: scope,
            summary: try string("summary")!, description: try string("description")!,
            rationale: try string("rationale")!, fix: try string("fix")!, references: references,
            triggering: triggering, nonTriggering: nonTriggering
        )
    }

    private static func example(_ node: Node, file: String) throws -> RuleExample {
        guard let map = node.mapping else { throw RuleCatalogueError(file: file, line: node.mark?.line, reason: "an example must be a mapping") }
        for (key, _) in map where !["description", "files", "config", "expected"].contains(key.string ?? "") {
            throw RuleCatalogueError(file: file, line: key.mark?.line, reason: "unknown key '\(key.string ?? "?")' in an example")
        }
        guard let filesMap = map["files"]?.mapping, !filesMap.isEmpty else {
            throw RuleCatalogueError(file: file, line: node.mark?.line, reason: "an example needs 'files'")
        }
        var files: [String: String] = [:]
        for (name, content) in filesMap {
            guard let path = name.string, let text = content.string else {
                throw RuleCatalogueError(file: file, line: name.mark?.line, reason: "files maps a path to its content")
            }
            files[path] = text
        }
        let expected = try (map["expected"]?.sequence ?? []).map { item -> String in
            guard let text = item.string else { throw RuleCatalogueError(file: file, line: item.mark?.line, reason: "expected entries are 'path:line[:col]'") }
            let parts = text.split(separator: ":")
            guard parts.count >= 2, files[String(parts[0])] != nil, parts.dropFirst().allSatisfy({ Int($0) != nil }) else {
                throw RuleCatalogueError(file: file, line: item.mark?.line, reason: "expected '\(text)' must be path:line[:col] naming a file of the example")
            }
            return text
        }
        return RuleExample(description: map["description"]?.string, files: files, config: map["config"]?.string, expected: expected)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}
