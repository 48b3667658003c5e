import MLAuditCore
/// What one recording says about an environment, whatever tool wrote it.
/// Every section is optional: `nil` means "this recording does not say",
/// which a comparison reports as "not compared", never as drift.
public struct EnvironmentRecording: Sendable {
    /// The path the user named (a file or a directory), for messages.
    public var source: String
    public var format: RecordingFormat
    /// The file most of the recording came from (inside `source` when that is a
    /// directory); findings without a more precise place point at its first line.
    public var primaryPath: String
    /// Packages per ecosystem; an ecosystem the recording does not cover is absent.
    public var packages: [PackageEcosystem: [String: RecordedPackage]] = [:]
    public var interpreter: InterpreterRecord?
    public var platform: PlatformRecord?
    public var accelerators: AcceleratorRecord?
    public var variables: VariableRecord?
    /// Keyed by recorded path.
    public var data: [String: DataRecord]?
    public var code: CodeRecord?
    /// Keyed by manager (`dpkg`, `apk`), then by package name.
    public var systemPackages: [String: [String: SystemPackageRecord]]?
    public var hardware: HardwareRecord?
    /// The format leaves out the installer's own tools (pip, setuptools, wheel), as
    /// `pip freeze` and lockfiles do, so their absence is not a removal.
    public var omitsInstallerTools = false
    /// Parts of the input that could not be read; the rest of the recording stands.
    public var problems: [RecordingProblem] = []
    /// The recording lists only the packages asked for (an MLflow model's requirements),
    /// not everything installed, so packages only on the other side are not "added".
    public var listsDirectRequirementsOnly = false
    /// The recording lists GPUs whenever a machine has them (W&B), so a run without a
    /// GPU entry ran without one.
    public var recordsAbsentGPUs = false
    /// Sections the recording could not supply, and why (shown as not compared).
    public var unavailable: [DiffSection: String] = [:]
    /// The projects a lock describes (uv's editable root, `pip lock`'s directory): code,
    /// left out of the packages, so the other side's install of them is not "added".
    public var projectNames: Set<String> = []

    public init(source: String, format: RecordingFormat) {
        self.source = source
        self.format = format
        primaryPath = source
    }

    /// Adds a package, keeping the first entry when a name repeats.
    public mutating func add(_ package: RecordedPackage) {
        if packages[package.ecosystem]?[package.name] == nil {
            packages[package.ecosystem, default: [:]][package.name] = package
        }
    }

    /// Makes room for `count` packages of an ecosystem (and marks it recorded).
    public mutating func reserve(_ ecosystem: PackageEcosystem, _ count: Int) {
        packages[ecosystem, default: [:]].reserveCapacity(count)
    }

    /// Marks an ecosystem as recorded even when it holds no package.
    public mutating func covers(_ ecosystem: PackageEcosystem) {
        if packages[ecosystem] == nil { packages[ecosystem] = [:] }
    }
}

/// A file and line an item of a recording was read from.
public struct SourcePlace: Sendable, Hashable {
    public var path: String
    public var line: Int

    public init(path: String, line: Int = 1) {
        self.path = path
        self.line = max(1, line)
    }
}

/// Where a package comes from. Operating-system packages are kept apart (see `SystemPackageRecord`).
public enum PackageEcosystem: String, Sendable, Hashable, CaseIterable, Comparable {
    case pypi, conda

    public static func < (a: PackageEcosystem, b: PackageEcosystem) -> Bool { a.rawValue < b.rawValue }
}

public struct RecordedPackage: Sendable, Hashable {
    public var ecosystem: PackageEcosystem
    /// Normalised for matching (PEP 503 for PyPI, lower case for conda).
    public var name: String
    /// The version as recorded; empty when the recording names the package without one.
    public var version: String
    /// conda build string (`py311h64a7726_0`).
    public var build: String?
    /// VCS commit the package was built from.
    public var commit: String?
    /// Archive hash (`sha256=…`) of a direct-URL install.
    public var archiveHash: String?
    /// How the package was installed, when the recording says.
    public var origin: PackageOrigin?
    /// The checkout of an editable install (a path, without `file://`).
    public var checkout: String?
    /// The name was taken from the checkout's folder (uv writes `-e file:///path` without one).
    public var nameFromCheckout = false
    public var place: SourcePlace?

    public init(ecosystem: PackageEcosystem, name: String, version: String, build: String? = nil,
                commit: String? = nil, archiveHash: String? = nil, origin: PackageOrigin? = nil, place: SourcePlace? = nil) {
        self.origin = origin
        self.ecosystem = ecosystem
        self.name = ecosystem == .pypi ? PackageName.normalized(name) : name.lowercased()
        self.version = version
        self.build = build
        self.commit = commit
        self.archiveHash = archiveHash
        self.place = place
    }
}

/// Where an installed package came from.
public enum PackageOrigin: String, Sendable, Hashable {
    /// A package index (or a wheel or sdist found there).
    case index
    /// An editable install of a local checkout (`pip install -e`).
    case editable
    /// Built from a version-control checkout.
    case vcs
    /// A wheel or sdist named by URL or file path.
    case archive
    /// A local directory (not editable).
    case directory

    public var label: String {
        switch self {
        case .index: "a package index"
        case .editable: "an editable checkout"
        case .vcs: "a version-control checkout"
        case .archive: "a wheel or archive file"
        case .directory: "a local directory"
        }
    }
}

public struct InterpreterRecord: Sendable, Hashable {
    /// Lower case (`cpython`, `pypy`); nil when the recording does not say.
    public var implementation: String?
    public var version: String?
    public var place: SourcePlace?

    public init(implementation: String? = nil, version: String? = nil, place: SourcePlace? = nil) {
        self.implementation = implementation.map { $0.lowercased() }
        self.version = version
        self.place = place
    }
}

public struct PlatformRecord: Sendable, Hashable {
    /// Normalised (`x86_64`, `aarch64`).
    public var architecture: String?
    /// `Linux`, `Darwin`, `Windows`.
    public var system: String?
    /// `ubuntu 22.04`.
    public var distribution: String?
    /// `glibc 2.35`.
    public var libc: String?
    public var kernel: String?
    public var place: SourcePlace?

    public init(architecture: String? = nil, system: String? = nil, distribution: String? = nil, libc: String? = nil,
                kernel: String? = nil, place: SourcePlace? = nil) {
        self.architecture = architecture.map(Architecture.normalized)
        self.system = system.map(SystemName.normalized)
        self.distribution = distribution
        self.libc = libc
        self.kernel = kernel
        self.place = place
    }
}

public struct AcceleratorRecord: Sendable, Hashable {
    /// Number of visible GPUs; 0 when the recording says there is none.
    public var gpuCount: Int?
    /// Model names, sorted.
    public var gpuModels: [String]?
    public var cuda: String?
    public var cudnn: String?
    public var driver: String?
    public var place: SourcePlace?

    public init(gpuCount: Int? = nil, gpuModels: [String]? = nil, cuda: String? = nil, cudnn: String? = nil,
                driver: String? = nil, place: SourcePlace? = nil) {
        self.gpuCount = gpuCount
        self.gpuModels = gpuModels?.sorted()
        self.cuda = cuda
        self.cudnn = cudnn
        self.driver = driver
        self.place = place
    }
}

/// Environment variables. A name is compared only when both recordings know
/// whether it was set.
public struct VariableRecord: Sendable, Hashable {
    public var values: [String: String]
    public var unset: Set<String>
    /// Set, but the value was withheld (secret-looking).
    public var redacted: Set<String>
    public var place: SourcePlace?

    public init(values: [String: String] = [:], unset: Set<String> = [], redacted: Set<String> = [], place: SourcePlace? = nil) {
        self.values = values
        self.unset = unset
        self.redacted = redacted
        self.place = place
    }

    public enum State: Hashable, Sendable {
        case value(String)
        case redacted
        case unset
    }

    public func state(of name: String) -> State? {
        if let value = values[name] { return .value(value) }
        if redacted.contains(name) { return .redacted }
        if unset.contains(name) { return .unset }
        return nil
    }
}

public struct DataRecord: Sendable, Hashable {
    public var path: String
    /// nil when the data was missing or could not be hashed.
    public var sha256: String?
    public var missing: Bool
    public var place: SourcePlace?

    public init(path: String, sha256: String?, missing: Bool = false, place: SourcePlace? = nil) {
        self.path = path
        self.sha256 = sha256
        self.missing = missing
        self.place = place
    }
}

public struct CodeRecord: Sendable, Hashable {
    public var commit: String?
    /// Uncommitted changes to tracked files; nil when unknown.
    public var dirty: Bool?
    public var place: SourcePlace?

    public init(commit: String?, dirty: Bool?, place: SourcePlace? = nil) {
        self.commit = commit
        self.dirty = dirty
        self.place = place
    }
}

public struct SystemPackageRecord: Sendable, Hashable {
    public var manager: String
    public var name: String
    public var version: String
    public var place: SourcePlace?

    public init(manager: String, name: String, version: String, place: SourcePlace? = nil) {
        self.manager = manager
        self.name = name
        self.version = version
        self.place = place
    }
}

public struct HardwareRecord: Sendable, Hashable {
    public var cpuModel: String?
    public var logicalCores: Int?
    public var memoryBytes: Int64?
    public var place: SourcePlace?

    public init(cpuModel: String? = nil, logicalCores: Int? = nil, memoryBytes: Int64? = nil, place: SourcePlace? = nil) {
        self.cpuModel = cpuModel
        self.logicalCores = logicalCores
        self.memoryBytes = memoryBytes
        self.place = place
    }
}

/// A part of an input that could not be read (a malformed line or entry).
public struct RecordingProblem: Sendable, Hashable {
    public var path: String
    public var line: Int?
    public var reason: String

    public init(path: String, line: Int?, reason: String) {
        self.path = path
        self.line = line
        self.reason = Redaction.redactText(RecordingError.excerpt(reason))
    }
}
