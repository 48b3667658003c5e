/// Relative data paths as the DAT rules compare them: `/`-separated, `.` and `..`
/// resolved, never leaving the project root.
enum DataPath {
    /// Resolves `path` (relative) against the root-relative directory `base`. Nil for
    /// paths outside the root, absolute paths, URLs and empty paths.
    static func resolve(_ path: String, in base: String) -> String? {
        var text = path.replacingOccurrences(of: "\\", with: "/")
        if text.isEmpty || text.hasPrefix("/") || text.hasPrefix("~") || text.contains("://") { return nil }
        if text.count >= 2, text.dropFirst().first == ":", text.first?.isLetter == true { return nil }
        while text.hasSuffix("/") { text.removeLast() }
        var parts = base.split(separator: "/").map(String.init)
        for component in text.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.isEmpty ? "" : parts.joined(separator: "/")
    }

    static func join(_ base: String, _ path: String) -> String {
        resolve(path, in: base) ?? base
    }

    /// Whether `path` is `directory` or below it ("" is the root, above everything).
    static func isWithin(_ path: String, _ directory: String) -> Bool {
        directory.isEmpty || path == directory || path.hasPrefix(directory + "/")
    }
}
