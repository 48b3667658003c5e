import Foundation

/// The files generated from `rules/`: the compiled catalogue source and the docs.
public enum CatalogueFiles {
    public static let sourcePath = "Sources/MLAuditCore/Catalogue/GeneratedCatalogue.swift"
    public static let dataSourcePath = "Sources/MLAuditCore/Catalogue/GeneratedRuleData.swift"

    /// The data files of `rules/data/` (API lists the rules match against), by name without extension.
    public static func loadData(packageRoot: URL) throws -> [String: String] {
        let dir = packageRoot.appendingPathComponent("rules/data")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [:] }
        var data: [String: String] = [:]
        for name in names where name.hasSuffix(".yaml") {
            data[String(name.dropLast(5))] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        return data
    }

    public static func loadRules(packageRoot: URL) throws -> [RuleDescription] {
        let dir = packageRoot.appendingPathComponent("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".yaml") }
            .sorted()
        return try names.map { name in
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let rule = try RuleCatalogueLoader.load(yaml: text, file: "rules/\(name)")
            guard name == "\(rule.id).yaml" else {
                throw RuleCatalogueError(file: "rules/\(name)", line: nil, reason: "file name must be \(rule.id).yaml")
            }
            return rule
        }
    }

    /// Relative path → expected content of every generated file.
    public static func generatedFiles(for rules: [RuleDescription], data: [String: String]) -> [(String, String)] {
        var files = [(sourcePath, CatalogueSourceRenderer.render(rules))]
        files.append((dataSourcePath, CatalogueSourceRenderer.renderData(data)))
        files.append(("docs/rules/README.md", RuleDocRenderer.index(for: rules)))
        for rule in rules.sorted(by: { $0.id < $1.id }) {
            files.append((rule.docsPath, RuleDocRenderer.page(for: rule)))
        }
        return files
    }
}
