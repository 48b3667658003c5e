import Foundation

/// Renders a rule's user page (`docs/rules/<ID>.md`) and the rules index.
public enum RuleDocRenderer {
    public static func page(for rule: RuleDescription) -> String {
        var out = "# \(rule.id): \(rule.name)\n\n"
        out += "| | |\n|---|---|\n"
        out += "| Category | \(rule.category.title) (`\(rule.category.prefix)`) |\n"
        out += "| Default severity | \(rule.defaultSeverity?.rawValue ?? "depends on the change") |\n"
        out += "| Reported by | `mlaudit \(rule.scope.rawValue)` |\n"
        out += "| Status | \(rule.status == .stable ? "stable" : "planned: catalogued, not checked by this version") |\n\n"
        out += "\(rule.summary)\n\n"
        if let note = rule.severityNote { out += "**Severity.** \(note)\n\n" }
        out += "## What it does\n\n\(rule.description)\n\n"
        out += "## Why it matters\n\n\(rule.rationale)\n\n"
        out += "## How to fix\n\n\(rule.fix)\n\n"
        if !rule.triggering.isEmpty {
            out += "## Examples that trigger \(rule.id)\n\n"
            for ex in rule.triggering { out += render(ex) }
        }
        if !rule.nonTriggering.isEmpty {
            out += "## Examples that do not trigger \(rule.id)\n\n"
            for ex in rule.nonTriggering { out += render(ex) }
        }
        out += "## Suppressing\n\n"
        out += "On the line or the line above: `# mlaudit: ignore[\(rule.id)]`. For a whole file: `# mlaudit: ignore-file[\(rule.id)]`. "
        out += "Project-wide: `ignore: [\(rule.id)]` in `mlaudit.yaml`.\n"
        if !rule.references.isEmpty {
            out += "\n## References\n\n"
            for ref in rule.references { out += "- [\(ref.title)](\(ref.url))\n" }
        }
        return out
    }

    public static func index(for rules: [RuleDescription]) -> String {
        var out = "# Rule reference\n\nGenerated from `rules/*.yaml`. Severities map to SARIF levels: "
        out += "`error` breaks reproducibility for certain, `warning` is likely to, `note` is hardening advice.\n"
        for category in RuleCategory.allCases {
            let members = rules.filter { $0.category == category }
            if members.isEmpty { continue }
            out += "\n## \(category.title) (`\(category.prefix)`)\n\n| ID | Name | Severity | Status | Summary |\n|---|---|---|---|---|\n"
            for rule in members {
                let summary = rule.summary.replacingOccurrences(of: "|", with: "\\|")
                out += "| [\(rule.id)](\(rule.id).md) | \(rule.name) | \(rule.defaultSeverity?.rawValue ?? "by change") | \(rule.status.rawValue) | \(summary) |\n"
            }
        }
        return out
    }

    private static func render(_ ex: RuleExample) -> String {
        var out = ""
        if let d = ex.description { out += "\(d)\n\n" }
        if let config = ex.config { out += "`mlaudit.yaml`:\n\n```yaml\n\(config.hasSuffix("\n") ? config : config + "\n")```\n\n" }
        for path in ex.files.keys.sorted() {
            let content = ex.files[path]!
            out += "`\(path)`:\n\n```\(fence(for: path))\n\(content.hasSuffix("\n") ? content : content + "\n")```\n\n"
        }
        if !ex.expected.isEmpty { out += "Reported at: \(ex.expected.map { "`\($0)`" }.joined(separator: ", "))\n\n" }
        return out
    }

    private static func fence(for path: String) -> String {
        let lower = path.lowercased()
        if lower.hasSuffix(".py") { return "python" }
        if lower.hasSuffix(".ipynb") || lower.hasSuffix(".json") { return "json" }
        if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") { return "yaml" }
        if lower.hasSuffix(".toml") || lower.hasSuffix("pipfile") { return "toml" }
        if lower.hasSuffix(".sh") { return "sh" }
        if lower.contains("dockerfile") || lower.contains("containerfile") { return "dockerfile" }
        if lower.hasSuffix("makefile") { return "makefile" }
        return "text"
    }
}
