import Foundation
import MLAuditCore

/// One file found by discovery.
public struct DiscoveredFile: Sendable, Hashable {
    /// Relative to the project root, `/`-separated.
    public var relativePath: String
    /// As shown in reports: relative to the base directory when inside it.
    public var displayPath: String
    public var absolutePath: String
    public var kind: FileKind
    public var size: Int
    /// Named on the command line (checked even where ignore files would skip it).
    public var isExplicit: Bool
}

/// Everything discovery learned about one project root. Immutable, shared by all checks.
public final class ProjectIndex: Sendable {
    public let root: URL
    /// `root.path`, kept: URL path arithmetic showed up in per-call checks.
    public let rootPath: String
    /// The root as shown in reports ("." for the base directory itself).
    public let displayRoot: String
    public let files: [DiscoveredFile]
    /// Whether the whole root was walked (false when only some files were named).
    public let isComplete: Bool
    private let byPath: [String: Int]
    private let byDirectory: [String: [Int]]
    let moduleMap = LazyModuleMap()

    public init(root: URL, displayRoot: String, files: [DiscoveredFile], isComplete: Bool) {
        self.root = root
        self.rootPath = root.path
        self.displayRoot = displayRoot
        self.files = files
        self.isComplete = isComplete
        var index: [String: Int] = [:]
        var directories: [String: [Int]] = [:]
        for (i, file) in files.enumerated() {
            index[file.relativePath] = i
            directories[RelativePath.directory(of: file.relativePath), default: []].append(i)
        }
        self.byPath = index
        self.byDirectory = directories
    }

    /// The discovered file at a relative path.
    public func file(at relativePath: String) -> DiscoveredFile? {
        byPath[relativePath].map { files[$0] }
    }

    /// Whether a file exists under the root, whether or not discovery listed it
    /// (a narrowed scan still knows about siblings on disk).
    public func exists(_ relativePath: String) -> Bool {
        if byPath[relativePath] != nil { return true }
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: absolutePath(of: relativePath), isDirectory: &isDir) && !isDir.boolValue
    }

    /// Whether the project has a file at a relative path: a listed one, or for a
    /// narrowed scan (which lists only the files named) one on disk.
    public func hasFile(_ relativePath: String) -> Bool {
        byPath[relativePath] != nil || (!isComplete && exists(relativePath))
    }

    /// Whether a directory exists under the root on disk (listed files or not).
    public func isDirectoryOnDisk(_ relativePath: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: absolutePath(of: relativePath), isDirectory: &isDir) && isDir.boolValue
    }

    public func absolutePath(of relativePath: String) -> String {
        relativePath.isEmpty ? rootPath : rootPath.hasSuffix("/") ? rootPath + relativePath : rootPath + "/" + relativePath
    }

    /// Files in the same directory as `relativePath` (including itself).
    public func siblings(of relativePath: String) -> [DiscoveredFile] {
        (byDirectory[RelativePath.directory(of: relativePath)] ?? []).map { files[$0] }
    }
}

/// Helpers for `/`-separated relative paths.
public enum RelativePath {
    // On UTF-8 bytes: `/` is ASCII, and Character-wise searching showed up in profiles.
    public static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    public static func name(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    public static func join(_ dir: String, _ name: String) -> String {
        dir.isEmpty ? name : "\(dir)/\(name)"
    }
}
