import Foundation
import MLAuditCore

/// Takes a snapshot: runs the section collectors (concurrently — most of
/// the wall time is waiting for the interpreter and git) and assembles the
/// manifest.
public struct Snapshotter: Sendable {
    public let options: SnapshotOptions
    public let context: SnapshotContext

    public init(options: SnapshotOptions, context: SnapshotContext = SnapshotContext()) {
        self.options = options
        self.context = context
    }

    /// The absolute, normalised project root.
    var projectRoot: String { Path.absolute(options.projectRoot, base: context.workingDirectory) }

    public func capture() -> Manifest {
        let root = projectRoot
        let parts = SectionResults()
        // Collectors that wait on a subprocess come first; every collector
        // gets its own thread, so waiting never holds up the others (GCD's
        // concurrentPerform would run only one job per core).
        let jobs: [@Sendable () -> Void] = [
            { parts.python = run(.python) {
                PythonCollector(context: context, requestedInterpreter: options.pythonExecutable, timeout: options.subprocessTimeout).collect()
            } },
            { parts.git = run(.git) {
                GitCollector(context: context, projectRoot: root, timeout: options.subprocessTimeout, ignoredPaths: ignoredPaths).collect()
            } },
            { parts.accelerators = run(.accelerators) { AcceleratorCollector(context: context, timeout: options.subprocessTimeout).collect() } },
            { parts.host = run(.host) { HostCollector(context: context, includeHostname: options.includeHostname).collect() } },
            { parts.conda = run(.conda) { CondaCollector(context: context).collect() } },
            { parts.systemPackages = run(.systemPackages) { SystemPackagesCollector(context: context).collect() } },
            { parts.env = run(.env) { EnvironmentCollector(context: context, extraNames: options.extraEnvironmentNames).collect() } },
            { parts.lockfiles = run(.lockfiles) { LockfileCollector(projectRoot: root).collect() } },
            { parts.data = run(.data) {
                DataCollector(context: context, projectRoot: root, paths: options.dataPaths, useCache: options.useDataCache).collect()
            } },
        ]
        Self.runConcurrently(jobs)

        return Manifest(
            meta: meta(projectRoot: root),
            host: parts.host, accelerators: parts.accelerators, python: parts.python, conda: parts.conda,
            systemPackages: parts.systemPackages, env: parts.env, git: parts.git, lockfiles: parts.lockfiles, data: parts.data
        )
    }

    /// The manifest as canonical JSON bytes.
    public static func encode(_ manifest: Manifest) throws -> [UInt8] {
        try CanonicalJSON.encode(manifest)
    }

    /// Writes `bytes` to `path` atomically (temporary file + rename).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try AtomicFileWriter.write(bytes, to: path)
    }

    /// Runs each job on its own thread and returns when all are done.
    static func runConcurrently(_ jobs: [@Sendable () -> Void]) {
        let group = DispatchGroup()
        for job in jobs {
            group.enter()
            let thread = Thread {
                job()
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
    }

    private func run<Content>(_ section: ManifestSection, _ collect: () -> Section<Content>) -> Section<Content> {
        if options.skip.contains(section) { return .skipped("skipped on request") }
        return collect()
    }

    /// Paths `git status` changes that belong to mlaudit itself (the manifest
    /// being written), absolute.
    var ignoredPaths: [String] {
        options.outputPath.map { [Path.absolute($0, base: context.workingDirectory)] } ?? []
    }

    func meta(projectRoot: String) -> ManifestMeta {
        ManifestMeta(
            schemaVersion: Manifest.schemaVersion,
            mlauditVersion: MLAuditVersion.current,
            createdAt: createdAt(),
            commandLine: Self.recordedCommandLine(options.commandLine),
            projectRoot: projectRoot
        )
    }

    func createdAt() -> String? {
        switch options.timestamp {
        case .omitted:
            return nil
        case let .fixed(date):
            return Timestamp.iso8601(date)
        case .automatic:
            if let epoch = context.environment["SOURCE_DATE_EPOCH"], let seconds = Int64(epoch.trimmingSpaces()) {
                return Timestamp.iso8601(Date(timeIntervalSince1970: TimeInterval(seconds)))
            }
            return Timestamp.iso8601(context.now())
        }
    }

    /// The program path reduced to its name; arguments redacted. `--env NAME=value`
    /// keeps only the name: the value is the environment's to record, or to withhold.
    static func recordedCommandLine(_ arguments: [String]) -> [String] {
        guard let first = arguments.first else { return [] }
        var recorded = [Path.lastComponent(first)]
        var namesVariable = false
        for argument in arguments.dropFirst() {
            if namesVariable {
                recorded.append(EnvironmentCollector.variableName(argument))
            } else if argument.hasPrefix("--env=") {
                recorded.append("--env=" + EnvironmentCollector.variableName(String(argument.dropFirst(6))))
            } else {
                recorded.append(Redaction.sanitizeArgument(argument))
            }
            namesVariable = argument == "--env"
        }
        return recorded
    }
}

/// Seconds-precision UTC ISO 8601.
enum Timestamp {
    static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))Z"
    }
}

/// Where the concurrently running collectors leave their sections.
private final class SectionResults: @unchecked Sendable {
    private let lock = NSLock()
    private var _host: Section<HostInfo> = .failed("not collected")
    private var _accelerators: Section<AcceleratorInfo> = .failed("not collected")
    private var _python: Section<PythonEnvironment> = .failed("not collected")
    private var _conda: Section<CondaEnvironment> = .failed("not collected")
    private var _systemPackages: Section<SystemPackages> = .failed("not collected")
    private var _env: Section<EnvironmentVariables> = .failed("not collected")
    private var _git: Section<GitState> = .failed("not collected")
    private var _lockfiles: Section<LockfileInventory> = .failed("not collected")
    private var _data: Section<DataInventory> = .failed("not collected")

    var host: Section<HostInfo> { get { lock.withLock { _host } } set { lock.withLock { _host = newValue } } }
    var accelerators: Section<AcceleratorInfo> {
        get { lock.withLock { _accelerators } } set { lock.withLock { _accelerators = newValue } }
    }
    var python: Section<PythonEnvironment> { get { lock.withLock { _python } } set { lock.withLock { _python = newValue } } }
    var conda: Section<CondaEnvironment> { get { lock.withLock { _conda } } set { lock.withLock { _conda = newValue } } }
    var systemPackages: Section<SystemPackages> {
        get { lock.withLock { _systemPackages } } set { lock.withLock { _systemPackages = newValue } }
    }
    var env: Section<EnvironmentVariables> { get { lock.withLock { _env } } set { lock.withLock { _env = newValue } } }
    var git: Section<GitState> { get { lock.withLock { _git } } set { lock.withLock { _git = newValue } } }
    var lockfiles: Section<LockfileInventory> { get { lock.withLock { _lockfiles } } set { lock.withLock { _lockfiles = newValue } } }
    var data: Section<DataInventory> { get { lock.withLock { _data } } set { lock.withLock { _data = newValue } } }
}
