import Foundation
import MLAuditCore

/// Which project file a Python module name refers to, as the interpreter would find
/// it: from the importing script's own directory, the package root above it, the
/// project root or a `src/` layout. Built once per project from the file index.
/// Where an import starts from depends only on the importing file's directory, so
/// that is worked out once per directory, not once per import.
public struct PythonModuleMap: Sendable {
    /// Dotted suffix of a file's module path → files whose path ends that way
    /// (`pkg/sub/mod.py` is listed under `mod`, `sub.mod` and `pkg.sub.mod`).
    private var bySuffix: [String: [(path: String, base: String)]] = [:]
    /// The first part of every key of `bySuffix`: an absolute name starting otherwise names no project file.
    private var heads = NameSet([String]())
    private var packageDirectories: Set<String> = []
    /// Directory → the directory above its outermost package (itself when it is no package).
    private var packageRoots: [String: String] = [:]
    public let files: Set<String>
    private let places = ImportPlaces()

    public init(paths: [String]) {
        var files = Set<String>()
        var heads = Set<Substring>()
        for path in paths where path.hasSuffix(".py") {
            files.insert(path)
            if RelativePath.name(of: path) == "__init__.py" { packageDirectories.insert(RelativePath.directory(of: path)) }
        }
        self.files = files
        for path in files.sorted() {
            var parts = Self.moduleParts(of: path)
            var suffix: [Substring] = []
            // The base drops one directory per package level above the file's own name.
            var base = RelativePath.directory(of: path)
            if RelativePath.name(of: path) == "__init__.py" { base = RelativePath.directory(of: base) }
            while let last = parts.popLast() {
                suffix.insert(last, at: 0)
                heads.insert(last)
                bySuffix[suffix.joined(separator: "."), default: []].append((path, base))
                base = RelativePath.directory(of: base)
            }
        }
        self.heads = NameSet(heads)
        for path in files {
            let dir = RelativePath.directory(of: path)
            if packageRoots[dir] != nil { continue }
            var root = dir
            while packageDirectories.contains(root), !root.isEmpty { root = RelativePath.directory(of: root) }
            packageRoots[dir] = root
        }
    }

    /// `a/b/c.py` → [a, b, c]; `a/b/__init__.py` → [a, b].
    static func moduleParts(of path: String) -> [Substring] {
        var parts = path.split(separator: "/")
        guard let last = parts.popLast() else { return [] }
        if last != "__init__.py" { parts.append(last.dropLast(3)) }
        return parts
    }

    /// Whether a directory is a regular package (holds `__init__.py`).
    public func isPackage(_ directory: String) -> Bool { packageDirectories.contains(directory) }

    /// The directory above the outermost package holding `path` (the file's own directory
    /// when it is not in a package): where `import pkg.mod` starts from.
    public func packageRoot(of path: String) -> String {
        let dir = RelativePath.directory(of: path)
        if let known = packageRoots[dir] { return known }
        var root = dir
        while packageDirectories.contains(root), !root.isEmpty { root = RelativePath.directory(of: root) }
        return root
    }

    /// The dotted module name of a file relative to its package root.
    public func moduleName(of path: String) -> String {
        let root = packageRoot(of: path)
        let relative = root.isEmpty ? path : String(path.dropFirst(root.count + 1))
        return Self.moduleParts(of: relative).joined(separator: ".")
    }

    /// Makes a relative module reference (`..utils.seed`) absolute from `path`'s package;
    /// nil when it climbs above the package root.
    public func absolute(_ dotted: String, from path: String) -> String? {
        Self.absolute(dotted, package: package(of: path))
    }

    /// The package a relative import in `path` starts from, as name parts.
    private func package(of path: String) -> [String] {
        var package = moduleName(of: path).split(separator: ".").map(String.init)
        if RelativePath.name(of: path) != "__init__.py" { _ = package.popLast() }
        return package
    }

    private static func absolute(_ dotted: String, package: [String]) -> String? {
        let level = dotted.prefix { $0 == "." }.count
        guard level > 0 else { return dotted }
        var package = package
        guard level - 1 <= package.count else { return nil }
        package.removeLast(level - 1)
        let rest = dotted.dropFirst(level)
        let parts = package + (rest.isEmpty ? [] : [String(rest)])
        return parts.joined(separator: ".")
    }

    /// The project files a module name (absolute or relative) names when imported
    /// from `path`: the module's file, or its package's `__init__.py`. Candidates the
    /// interpreter would find (script directory, package root, an ancestor directory
    /// or its `src/`) count; files reachable only through run-time `sys.path` changes do not.
    public func resolve(_ dotted: String, from path: String) -> [String] {
        if !mayName(dotted) { return [] }
        let place = self.place(of: path)
        guard let name = Self.absolute(dotted, package: place.package), !name.isEmpty, let candidates = bySuffix[name] else { return [] }
        // A same-named file elsewhere in the tree is not followed: `import evaluate` is far
        // more often the installed package than some tools/evaluate.py.
        return candidates.filter { place.bases.contains($0.base) }.map(\.path)
    }

    /// Where imports from `path` start, computed once per directory (and once per file
    /// for the rare names whose stem changes the package: `a.b.py`, `.py`).
    private func place(of path: String) -> ImportPlace {
        // One file's imports and calls are resolved one after another.
        if let recent = places.recent(path) { return recent }
        let plain = Self.hasPlainStem(path)
        let key = ImportPlaces.Key(place: plain ? RelativePath.directory(of: path) : path, isFile: !plain)
        if let known = places.place(key) {
            places.remember(known, for: path)
            return known
        }
        // The file's own directory, its package root, and every ancestor with its `src/`
        // (a monorepo holds several projects, each installed from its own root or src/).
        var bases: Set<String> = [packageRoot(of: path)]
        var dir = RelativePath.directory(of: path)
        while true {
            bases.insert(dir)
            bases.insert(RelativePath.join(dir, "src"))
            if dir.isEmpty { break }
            dir = RelativePath.directory(of: dir)
        }
        let place = ImportPlace(package: package(of: path), bases: bases)
        places.store(place, for: key)
        places.remember(place, for: path)
        return place
    }

    /// What the imports of `path` resolve against: its directory for most files, the file
    /// itself for names whose stem changes the package.
    static func importPlace(of path: String) -> String {
        hasPlainStem(path) ? RelativePath.directory(of: path) + "/" : path
    }

    /// `__init__.py`, or a name whose stem is one module name part (no dot, not empty):
    /// then the package and the bases depend only on the file's directory.
    static func hasPlainStem(_ path: String) -> Bool {
        let name = RelativePath.name(of: path)
        if name == "__init__.py" { return true }
        let stem = name.utf8.dropLast(3)
        return !stem.isEmpty && !stem.contains(UInt8(ascii: "."))
    }

    /// False when `dotted` is absolute and its first part starts no project module name
    /// (`torch.nn`, `numpy`): most imports and calls of a file are answered so, without a lookup.
    public func mayName(_ dotted: String) -> Bool {
        guard let first = dotted.utf8.first, first != UInt8(ascii: ".") else { return true }
        return heads.contains(DottedName.head(dotted))
    }

    /// The files an import statement loads: the module (or the submodule `name` of a
    /// `from` import), plus the `__init__.py` of every package on the way.
    public func filesLoaded(module: String, level: Int, name: String?, from path: String) -> [String] {
        filesLoaded(module: module, level: level, name: name, from: path, keepingSelf: false)
    }

    /// The same, keeping `path` itself when the import names it: the answer then depends only on
    /// where `path` imports from (`importPlace`), so it can be shared by the files of one directory.
    func filesLoaded(module: String, level: Int, name: String?, from path: String, keepingSelf: Bool) -> [String] {
        if level == 0 && !mayName(module) { return [] }
        let base = String(repeating: ".", count: level) + module
        var loaded: [String] = []
        if let name, name != "*" {
            let sub = base.hasSuffix(".") || base.isEmpty ? base + name : base + "." + name
            loaded += resolve(sub, from: path)
        }
        loaded += resolve(base, from: path)
        // Parent packages run their __init__.py first.
        var parts = base.split(separator: ".", omittingEmptySubsequences: false)
        while parts.count > 1 {
            parts.removeLast()
            let parent = parts.joined(separator: ".")
            if parent.contains(where: { $0 != "." }) { loaded += resolve(parent, from: path).filter { $0.hasSuffix("__init__.py") } }
        }
        var seen = Set<String>()
        return loaded.filter { (keepingSelf || $0 != path) && seen.insert($0).inserted }
    }
}

/// What resolving a module name from one directory needs: the package relative
/// imports start from, and the bases absolute ones may be found under.
struct ImportPlace: Sendable {
    var package: [String]
    var bases: Set<String>
}

/// The places of one map, shared by its copies (a map is built once per project).
final class ImportPlaces: @unchecked Sendable {
    struct Key: Hashable {
        /// The importing file's directory, or the file itself when its name matters.
        var place: String
        var isFile: Bool
    }

    private let lock = NSLock()
    private var known: [Key: ImportPlace] = [:]

    /// The place of the file asked for last.
    private var last: (path: String, place: ImportPlace)?

    func place(_ key: Key) -> ImportPlace? { lock.withLock { known[key] } }
    func store(_ place: ImportPlace, for key: Key) { lock.withLock { known[key] = place } }
    func recent(_ path: String) -> ImportPlace? { lock.withLock { last.flatMap { $0.path == path ? $0.place : nil } } }
    func remember(_ place: ImportPlace, for path: String) { lock.withLock { last = (path, place) } }
}
