import Foundation
import MLAuditCore

// Regenerates the compiled catalogue and the rule docs from rules/*.yaml.
// Usage: swift run mlaudit-catalogue [PACKAGE_ROOT]
let root = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : FileManager.default.currentDirectoryPath)
do {
    let rules = try CatalogueFiles.loadRules(packageRoot: root)
    for (path, content) in CatalogueFiles.generatedFiles(for: rules, data: try CatalogueFiles.loadData(packageRoot: root)) {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let existing = try? String(contentsOf: url, encoding: .utf8)
        if existing != content {
            try content.write(to: url, atomically: true, encoding: .utf8)
            print("wrote \(path)")
        }
    }
    print("\(rules.count) rules")
} catch {
    FileHandle.standardError.write(Data("mlaudit-catalogue: \(error)\n".utf8))
    exit(1)
}
