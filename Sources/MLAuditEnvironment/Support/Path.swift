/// String path helpers (POSIX separators only).
enum Path {
    static func join(_ base: String, _ component: String) -> String {
        if component.hasPrefix("/") {
            return base == "/" || base.isEmpty ? component : trimmingTrailingSlash(base) + component
        }
        if base.isEmpty { return component }
        return base.hasSuffix("/") ? base + component : base + "/" + component
    }

    static func join(_ base: String, _ components: String...) -> String {
        components.reduce(base) { join($0, $1) }
    }

    /// Places an absolute system path under a (possibly fake) root directory.
    static func rooted(_ root: String, _ absolute: String) -> String {
        root == "/" || root.isEmpty ? absolute : join(root, absolute)
    }

    static func lastComponent(_ path: String) -> String {
        let trimmed = trimmingTrailingSlash(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    static func parent(_ path: String) -> String {
        let trimmed = trimmingTrailingSlash(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    static func trimmingTrailingSlash(_ path: String) -> String {
        var result = Substring(path)
        while result.count > 1, result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }

    /// Lexically normalised absolute path: `.` and `..` resolved, duplicate
    /// slashes removed, no trailing slash. Relative paths are taken from `base`.
    static func absolute(_ path: String, base: String) -> String {
        let full = path.hasPrefix("/") ? path : join(base, path)
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` relative to `root` when it lies inside it (both absolute and
    /// normalised); `nil` otherwise. The root itself gives ".".
    static func relative(_ path: String, to root: String) -> String? {
        if path == root { return "." }
        let prefix = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        return String(path.dropFirst(prefix.count))
    }
}
