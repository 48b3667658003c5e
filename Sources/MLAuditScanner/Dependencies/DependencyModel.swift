import MLAuditParsers

/// Which versions a declaration admits, in PEP 440 terms: one specifier set, or
/// alternatives (Poetry's `||`, conda's `|`) of which any may hold.
enum VersionConstraint: Sendable {
    /// No version restriction (`numpy`, `*`).
    case any
    case alternatives([PEP440SpecifierSet])
    /// A URL, VCS or path source, or a version syntax that cannot be compared: only
    /// the presence of the dependency can be checked.
    case unchecked

    /// Whether the locked version text satisfies the constraint; pre-releases count
    /// when they fall in the range (the lock already chose them).
    func admits(_ version: String) -> Bool {
        switch self {
        case .any, .unchecked:
            return true
        case .alternatives(let sets):
            // Versions outside PEP 440 (some conda builds: `1.1.1w`) cannot be compared.
            guard PEP440Version(version) != nil else { return true }
            return sets.contains { $0.contains(version, prereleases: true) }
        }
    }
}

/// Where a dependency comes from when it is not a registry package.
enum DependencySource: Sendable, Hashable {
    case registry
    /// A VCS, URL or local path source, or another member of the same workspace.
    case direct
}

/// One dependency declared in a manifest, placed at its declaration.
struct DeclaredDependency: Sendable {
    /// The name as written.
    var name: String
    /// PEP 503 normalised (for conda entries: lowercased).
    var key: String
    /// The declaration as a short text for messages (`pandas>=2.2`, `numpy = "^1.26"`).
    var written: String
    var constraint: VersionConstraint
    /// `==X.Y.Z`, `===X`, a bare Poetry version, or what conda considers pinned.
    var isExact: Bool
    /// Has an environment marker (or Pipfile/Poetry platform condition), so a
    /// platform-specific resolution may leave it out.
    var isConditional: Bool = false
    /// The PEP 508 marker as written, when there is one.
    var marker: String? = nil
    var isConda: Bool = false
    var source: DependencySource = .registry
    var line: Int
    var column: Int
    /// Where it was declared, for messages (`[project] dependencies`).
    var context: String
}

/// The manifests dependency rules read, one model for every format.
enum ManifestKind: String, Sendable {
    case requirements
    case requirementsInput
    case pyproject
    case pipfile
    case setupCfg
    case setupPy
    case conda
    case julia
    case rPackage
    case npm

    /// Python manifests: their dependencies are what Python code may import.
    var declaresPythonDependencies: Bool {
        switch self {
        case .julia, .rPackage, .npm: return false
        default: return true
        }
    }
}

/// A dependency manifest as read from one file.
struct DependencyManifest: Sendable {
    var path: String
    var kind: ManifestKind
    var dependencies: [DeclaredDependency] = []
    /// Dependencies that only build the project (`[build-system] requires`, `setup_requires`):
    /// they count for imports in `setup.py`, never for locks.
    var buildDependencies: [DeclaredDependency] = []
    /// The interpreter versions it declares (`>=3.10`, `^3.11`, `3.11`), with the line.
    var pythonVersion: (text: String, line: Int)?
    /// The project's own distribution name (normalised), when the manifest names it.
    var projectName: String?
    /// Package metadata (installed by others), relaxed by `project-kind: library`.
    var isPackageMetadata = false
    /// Constraints files restrict versions and declare nothing.
    var isConstraints = false

    var declaresDependencies: Bool { !dependencies.isEmpty }
}

/// One lock file: the versions it resolved, by normalised name.
struct DependencyLock: Sendable {
    enum Kind: String, Sendable {
        case uv = "uv.lock"
        case poetry = "poetry.lock"
        case pdm = "pdm.lock"
        case pylock = "pylock.toml"
        case pipfile = "Pipfile.lock"
        case condaLock = "conda-lock.yml"
        case compiledRequirements = "compiled requirements"
    }

    var path: String
    var kind: Kind
    /// Normalised name → every version locked for it ("" when the entry has no version).
    var packages: [String: [String]] = [:]
    /// Conda lock entries keyed by conda name, kept apart from its pip entries.
    var condaPackages: [String: [String]] = [:]
    /// Workspace members the lock records (uv `[manifest] members`).
    var members: Set<String> = []
    /// Locks resolved for one platform (compiled requirements, Pipfile.lock) may
    /// leave out dependencies whose marker is false there.
    var isPlatformSpecific: Bool { kind == .compiledRequirements || kind == .pipfile }

    mutating func add(_ name: String, version: String?, conda: Bool = false) {
        if conda {
            condaPackages[name.lowercased(), default: []].append(version ?? "")
        } else {
            packages[RequirementSpec.normalize(name: name), default: []].append(version ?? "")
        }
    }
}
