import MLAuditCore
import MLAuditParsers

/// DEC001: an import of a third-party module that no Python manifest of the
/// project declares; DEC002: third-party imports while no manifest declares
/// anything (reported once, and DEC001 stays silent then).
struct UndeclaredImportRule: ProjectRule {
    let ruleIDs = ["DEC001", "DEC002"]

    /// Provided by the build backend that runs `setup.py`.
    static let setupPyModules: Set<String> = ["setuptools", "pkg_resources", "distutils", "_distutils_hack"]

    /// Provided to a notebook by the kernel that runs it or by the hosted runtime it is
    /// written for (Colab, Kaggle); nothing a project installs.
    static let notebookRuntimeModules: Set<String> = ["IPython", "ipykernel", "google.colab", "kaggle_secrets", "kaggle_datasets"]

    func check(_ project: ProjectContext) {
        // A narrowed scan does not see every module and manifest of the project.
        guard project.index.isComplete else { return }
        let deps = ProjectDependencies(project)
        guard !deps.imports.isEmpty else { return }
        let manifests = deps.manifests.filter { $0.kind.declaresPythonDependencies && !$0.isConstraints }
        let declared = Set(manifests.flatMap { $0.dependencies.map { RequirementSpec.normalize(name: $0.key) } })
        let buildDeclared = Set(manifests.flatMap { $0.buildDependencies.map { RequirementSpec.normalize(name: $0.key) } })
        let minor = PythonVersionSources.lowestMinor(PythonVersionSources.declarations(project, deps))
        let own = OwnModules(project.index, writtenByNotebooks: deps.writtenModules)
        let matcher = DistributionMatcher(configured: project.configuration.importMap, declared: declared.union(manifests.compactMap(\.projectName)))
        let stdlib = StandardLibrary.shared

        let paths = deps.imports.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let declaresAnything = manifests.contains(where: \.declaresDependencies)
        // The same modules are imported by many files: decide each once.
        var declaredModules: [String: Bool] = [:]
        func isDeclared(_ module: String) -> Bool {
            if let known = declaredModules[module] { return known }
            let answer = matcher.isDeclared(module)
            declaredModules[module] = answer
            return answer
        }
        var ownModules: [OwnModuleQuery: Bool] = [:]
        func isOwn(_ module: String, _ path: String) -> Bool {
            let query = OwnModuleQuery(directory: RelativePath.directory(of: path), module: module)
            if let known = ownModules[query] { return known }
            let answer = own.contains(module, importedFrom: path)
            ownModules[query] = answer
            return answer
        }
        for path in paths {
            guard let file = deps.index.file(at: path) else { continue }
            let isSetupPy = file.kind == .setupPy
            let isNotebook = file.kind == .notebook
            for fact in deps.imports[path]! {
                let top = fact.topLevel
                if fact.isAvailabilityChecked || top == "__main__" { continue }
                if stdlib.contains(top, minor: minor) || isOwn(top, path) { continue }
                if isNotebook, Self.notebookRuntimeModules.contains(top) || Self.notebookRuntimeModules.contains(Self.twoComponents(fact.module)) { continue }
                if isSetupPy && Self.setupPyModules.contains(top) { continue }
                if !declaresAnything {
                    project.report("DEC002", in: file, line: 1,
                                   message: "\(path) imports the third-party module \(top), but the project declares its dependencies nowhere: add a requirements file or a [project] dependencies table listing what the code imports, with versions")
                    return
                }
                if isDeclared(fact.module) { continue }
                if isSetupPy, DistributionMatcher(configured: project.configuration.importMap, declared: buildDeclared).isDeclared(fact.module) { continue }
                let guardText = fact.isGuarded ? " (the import is optional, but the code then runs differently)" : ""
                let message: String
                if let provider = matcher.knownDistributions(for: fact.module) {
                    let providerText = provider.count == 1 ? provider[0] : provider.prefix(3).joined(separator: " or ")
                    message = "\(top) is imported but no dependency manifest of the project declares \(providerText), which provides it\(guardText): declare it, or map the import name with import-map"
                } else {
                    // Nothing says which distribution provides it: naming one would be a guess.
                    message = "\(top) is imported but no dependency manifest of the project declares a distribution that provides it\(guardText): declare the distribution it comes from, or map the import name to it with import-map"
                }
                project.report("DEC001", in: file, line: fact.line, column: fact.column,
                               message: message, severity: fact.isGuarded ? .note : nil, cell: fact.cell)
            }
        }
    }
}

extension UndeclaredImportRule {
    /// `google.colab` of `google.colab.drive`.
    static func twoComponents(_ module: String) -> String {
        let parts = module.split(separator: ".", maxSplits: 2)
        return parts.count >= 2 ? "\(parts[0]).\(parts[1])" : module
    }
}

private struct OwnModuleQuery: Hashable {
    var directory: String
    var module: String
}

/// The project's own top-level modules: `NAME.py` and `NAME/` with Python code, at
/// the root, under `src/`, next to the importing file or in any directory above it;
/// a `NAME.py` file or `NAME/__init__.py` package anywhere in the project (scripts put
/// their folder on `sys.path` and import one another across the tree); and modules a
/// notebook writes with `%%writefile`, for code in the notebook's directory.
struct OwnModules {
    /// `dir/name` for every Python file (stem) and every directory holding Python code.
    private var entries: Set<String> = []
    /// Stems of every Python file and names of every package directory, wherever they are.
    private var anywhere: Set<String> = []

    init(_ index: ProjectIndex, writtenByNotebooks: [String: [String]] = [:]) {
        var packageDirectories = Set<String>()
        for file in index.files where RelativePath.name(of: file.relativePath) == "__init__.py" {
            packageDirectories.insert(RelativePath.directory(of: file.relativePath))
        }
        for (notebook, modules) in writtenByNotebooks {
            for module in modules { entries.insert(RelativePath.join(RelativePath.directory(of: notebook), module)) }
        }
        for file in index.files {
            let path = file.relativePath
            let stem: String
            let name = RelativePath.name(of: path)
            if file.kind == .python || file.kind == .setupPy {
                stem = name.hasSuffix(".py") || name.hasSuffix(".pyi") ? String(name.prefix { $0 != "." }) : name
            } else if let ext = name.split(separator: ".").last, ["pyx", "pxd", "so", "pyd"].contains(ext) {
                // Compiled extensions: `fast.cpython-311-x86_64-linux-gnu.so` is module `fast`.
                stem = String(name.prefix { $0 != "." })
            } else {
                continue
            }
            // Only top-level names: a module inside a package is imported through the package.
            let directory = RelativePath.directory(of: path)
            if stem == "__init__" {
                let package = RelativePath.name(of: directory)
                if !package.isEmpty, !packageDirectories.contains(RelativePath.directory(of: directory)) { anywhere.insert(package) }
            } else if file.kind == .python, !packageDirectories.contains(directory) {
                anywhere.insert(stem)
            }
            var current = RelativePath.join(RelativePath.directory(of: path), stem)
            while !current.isEmpty {
                if !entries.insert(current).inserted { break }
                current = RelativePath.directory(of: current)
            }
        }
    }

    func contains(_ module: String, importedFrom path: String) -> Bool {
        if anywhere.contains(module) { return true }
        var dir = RelativePath.directory(of: path)
        while true {
            if entries.contains(RelativePath.join(dir, module)) || entries.contains(RelativePath.join(RelativePath.join(dir, "src"), module)) {
                return true
            }
            if dir.isEmpty { return false }
            dir = RelativePath.directory(of: dir)
        }
    }
}

/// Decides whether an import is provided by a declared distribution.
struct DistributionMatcher {
    let configured: ImportNameMap
    let declared: Set<String>

    init(configured: [String: [String]], declared: Set<String>) {
        self.configured = ImportNameMap(configured: configured)
        self.declared = declared
    }

    /// The distributions the import map names for a module (nil when it has no entry).
    func knownDistributions(for module: String) -> [String]? {
        if let mapped = configured.candidates(for: module) ?? ImportNameMap.builtIn.candidates(for: module), !mapped.isEmpty {
            return mapped
        }
        return nil
    }

    /// The distributions that may provide a module, best guess first.
    func expectedDistributions(for module: String) -> [String] {
        if let mapped = configured.candidates(for: module) ?? ImportNameMap.builtIn.candidates(for: module), !mapped.isEmpty {
            return mapped
        }
        return [RequirementSpec.normalize(name: module.prefix { $0 != "." })]
    }

    func isDeclared(_ module: String) -> Bool {
        let top = String(module.prefix { $0 != "." })
        var candidates = Set(configured.candidates(for: module) ?? [])
        candidates.formUnion(ImportNameMap.builtIn.candidates(for: module) ?? [])
        let normalized = RequirementSpec.normalize(name: top)
        candidates.insert(normalized)
        let parts = module.split(separator: ".")
        if parts.count >= 2 { candidates.insert(RequirementSpec.normalize(name: "\(parts[0])-\(parts[1])")) }
        if !candidates.isDisjoint(with: declared) { return true }
        // Common spellings of a distribution around its import name (python-dateutil, pyserial).
        for name in declared where name.hasSuffix(normalized) || name.hasPrefix(normalized) {
            for affix in ["python-", "py-", "py", "-python", "-py", "-binary", "-headless", "-cpu", "-gpu"] {
                if name == affix + normalized || name == normalized + affix { return true }
            }
        }
        return false
    }
}
