#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths checked against a root once every link is resolved: what a tree names
/// (a configuration file, an include, a data file) is read only when it lies inside it.
public enum ContainedPath {
    /// The path with every link resolved, or nil when it does not resolve (missing, loop).
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` (already resolved) is `root` or below it.
    public static func isInside(_ path: String, root: String) -> Bool {
        if root == "/" { return path.hasPrefix("/") }
        return path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// `path` resolved, when it resolves to `root` (resolved here too) or below it; nil otherwise.
    public static func resolve(_ path: String, inside root: String) -> String? {
        guard let resolvedRoot = realPath(root), let resolved = realPath(path) else { return nil }
        return isInside(resolved, root: resolvedRoot) ? resolved : nil
    }
}
