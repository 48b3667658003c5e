import Foundation

/// Locations of the package and its build products, for tests that read
/// `rules/`, `fixtures/` or run the built `mlaudit` binary.
public enum PackagePaths {
    /// The package root (the directory holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    public static var fixtures: URL { root.appendingPathComponent("fixtures") }

    /// `../shared/schemas` beside the repository, when present.
    public static var schemas: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/schemas")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    public static var sharedRulesMarkdown: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/RULES.md")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// True on CI, where missing shared files are failures rather than skips.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// The `mlaudit` executable built beside the test bundle.
    public static let binary: URL = {
        var candidates: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("mlaudit"))
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mlaudit"))
        candidates.append(root.appendingPathComponent(".build/debug/mlaudit"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()
}
