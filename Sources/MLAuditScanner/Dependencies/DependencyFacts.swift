import MLAuditCore
import MLAuditParsers

/// An absolute import of a Python file or notebook, as DEC001 and DEC002 see it:
/// one per file and top-level module (its first import), placed in the raw file.
struct ImportFact: Sendable {
    /// The dotted module (`google.protobuf.message`).
    var module: String
    var line: Int
    var column: Int
    var cell: Int?
    /// Inside `try` with a handler for `ImportError`/`ModuleNotFoundError`.
    var isGuarded: Bool
    /// Every import of the module in the file first checks it is installed (or is typing-only).
    var isAvailabilityChecked = false

    var topLevel: String { String(DottedName.head(module)) }
}

/// Publishes what the dependency rules need from single files: the imports of
/// Python code, the manifests and the locks, each read once (and each file's
/// problems reported once, as its diagnostics).
struct DependencyFactsRule: FileRule {
    static let importsKey = "dependencies.imports"
    static let manifestKey = "dependencies.manifest"
    static let lockKey = "dependencies.lock"
    static let writtenModulesKey = "dependencies.written-modules"

    let ruleIDs = ["DEC001", "DEC002", "DEC003", "LCK001", "LCK002"]

    static let manifestKinds: Set<FileKind> = [.requirements, .requirementsInput, .pyproject, .pipfile, .setupCfg, .setupPy, .condaEnvironment]
    static let lockKinds: Set<FileKind> = [.uvLock, .poetryLock, .pdmLock, .pylock, .pipfileLock, .condaLock]

    func applies(to kind: FileKind) -> Bool {
        kind == .python || kind == .notebook || Self.manifestKinds.contains(kind) || Self.lockKinds.contains(kind)
    }

    func check(_ file: FileContext) {
        Self.publishFacts(of: file)
    }

    static func publishFacts(of file: FileContext) {
        if file.kind == .python || file.kind == .notebook || file.kind == .setupPy {
            file.publish(importsKey, imports(of: file))
        }
        if file.kind == .notebook {
            let written = writtenModules(of: file)
            if !written.isEmpty { file.publish(writtenModulesKey, written) }
        }
        if manifestKinds.contains(file.kind), let manifest = PythonManifestReader.read(file) {
            file.publish(manifestKey, manifest)
        }
        if file.kind == .requirements {
            file.publish(lockKey, LockReader.compiled(file))
        } else if lockKinds.contains(file.kind), let lock = LockReader.read(file) {
            file.publish(lockKey, lock)
        }
    }

    static func imports(of file: FileContext) -> [ImportFact] {
        let source: PythonSource?
        if file.kind == .setupPy {
            source = PythonSource(bytes: file.bytes, mapping: nil, cellStarts: [])
        } else {
            source = file.python
        }
        guard let source else { return [] }
        var facts: [ImportFact] = []
        var indexByModule: [String: Int] = [:]
        for item in source.imports where item.level == 0 && !item.module.isEmpty {
            let top = item.topLevelModule
            if top == "__future__" { continue }
            let guarded = item.tryGuard == .importError
            if let k = indexByModule[top] {
                // One fact per module: unguarded if any import of it is, checked only if all are.
                facts[k].isGuarded = facts[k].isGuarded && guarded
                facts[k].isAvailabilityChecked = facts[k].isAvailabilityChecked && item.isAvailabilityChecked
                continue
            }
            indexByModule[top] = facts.count
            let position = file.position(ofByte: source.fileOffset(ofByte: item.range.lowerBound))
            facts.append(ImportFact(module: item.module, line: position.line, column: position.column,
                                    cell: source.cell(ofByte: item.range.lowerBound), isGuarded: guarded,
                                    isAvailabilityChecked: item.isAvailabilityChecked))
        }
        return facts
    }

    /// Modules a notebook writes itself with `%%writefile name.py` (or `%%file`) cells.
    static func writtenModules(of file: FileContext) -> [String] {
        guard file.kind == .notebook, let notebook = file.notebook else { return [] }
        var modules: [String] = []
        for cell in notebook.codeCells {
            guard let first = cell.lines.first?.string.trimmingINIBlanks(),
                  first.hasPrefix("%%writefile") || first.hasPrefix("%%file") else { continue }
            let words = first.split(separator: " ").filter { !$0.hasPrefix("-") }
            guard words.count >= 2, let target = words.last, target.hasSuffix(".py") else { continue }
            let name = target.split(separator: "/").last.map(String.init) ?? String(target)
            modules.append(String(name.dropLast(3)))
        }
        return modules
    }
}

/// Every manifest, lock and import of one project root, gathered from the facts
/// file rules published; files a narrowed scan did not name are read on demand.
struct ProjectDependencies {
    var manifests: [DependencyManifest] = []
    var locks: [String: DependencyLock] = [:]
    /// Relative path → imports, for Python files and notebooks.
    var imports: [String: [ImportFact]] = [:]
    /// Relative path of a notebook → the modules its `%%writefile` cells write.
    var writtenModules: [String: [String]] = [:]
    let index: ProjectIndex

    init(_ project: ProjectContext) {
        index = project.index
        for (path, facts) in project.facts {
            if let manifest = facts[DependencyFactsRule.manifestKey] as? DependencyManifest { manifests.append(manifest) }
            if let lock = facts[DependencyFactsRule.lockKey] as? DependencyLock { locks[path] = lock }
            if let imports = facts[DependencyFactsRule.importsKey] as? [ImportFact] { self.imports[path] = imports }
            if let written = facts[DependencyFactsRule.writtenModulesKey] as? [String] { writtenModules[path] = written }
        }
        manifests.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// The lock at a relative path: from the facts, else read from disk when it exists.
    mutating func lock(at path: String, project: ProjectContext) -> DependencyLock? {
        if let lock = locks[path] { return lock }
        guard project.index.exists(path) else { return nil }
        let file = index.file(at: path) ?? Self.onDisk(path, project: project)
        let context = project.fileContext(for: file)
        let lock = file.kind == .requirements ? LockReader.compiled(context) : LockReader.read(context)
        if let lock { locks[path] = lock }
        return lock
    }

    static func onDisk(_ path: String, project: ProjectContext) -> DiscoveredFile {
        let display = project.index.displayRoot == "." ? path : "\(project.index.displayRoot)/\(path)"
        let absolute = project.index.root.appendingPathComponent(path).path
        return DiscoveredFile(relativePath: path, displayPath: display, absolutePath: absolute,
                              kind: FileKind.classify(path: path), size: 0, isExplicit: false)
    }

    /// Whether a file exists in the project (listed, or on disk for narrowed scans).
    func exists(_ path: String, project: ProjectContext) -> Bool {
        index.file(at: path) != nil || (!project.index.isComplete && project.index.exists(path))
    }
}
