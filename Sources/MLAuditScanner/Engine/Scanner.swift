import Dispatch
import Foundation
import MLAuditCore

/// Runs a scan: discovery, then every file rule on every file in parallel (each file
/// read once), then the project rules of each root.
public enum Scanner {
    public static func scan(_ options: ScanOptions, fileRules: [any FileRule] = BuiltInRules.fileRules,
                            projectRules: [any ProjectRule] = BuiltInRules.projectRules) throws -> ScanResult {
        let roots = try ProjectRoots.resolve(paths: options.paths, base: options.baseDirectory)
        var findings: [Finding] = []
        var diagnostics: [Diagnostic] = []
        var filesChecked = 0
        var checkedFiles: [String] = []
        var enabledUnion: Set<String> = []
        var configFiles: [String] = []
        var omitted: [FindingCap.Key: Int] = [:]
        var cap = Configuration().maxFindingsPerRule

        for root in roots {
            let configuration = try configuration(for: root, options: options)
            if let source = configuration.sourcePath, !configFiles.contains(source) { configFiles.append(source) }
            let enabled = enabledRules(configuration: configuration, options: options)
            cap = configuration.maxFindingsPerRule
            enabledUnion.formUnion(enabled)

            var discovery = FileDiscovery(root: root.url, displayRoot: root.displayRoot, configuration: configuration)
            if let explicit = root.explicitFiles {
                for file in explicit { discovery.addExplicit(relativePath: file.relative, displayPath: file.display, absolutePath: file.absolute) }
            } else {
                discovery.walkAll()
                if options.trackedOnly, let tracked = TrackedFiles.load(root: root.url, displayRoot: root.displayRoot).paths {
                    discovery.keepOnly(tracked)
                }
            }
            diagnostics += discovery.diagnostics
            let index = ProjectIndex(root: root.url, displayRoot: root.displayRoot, files: discovery.files, isComplete: root.explicitFiles == nil)

            let activeFileRules = fileRules.filter { !enabled.isDisjoint(with: $0.ruleIDs) }
            let outcomes = checkFiles(index: index, configuration: configuration, enabled: enabled, rules: activeFileRules, jobs: options.jobs)
            var facts: [String: [String: any Sendable]] = [:]
            for outcome in outcomes where !options.projectFindingsOnly {
                findings += outcome.findings
                diagnostics += outcome.diagnostics
                for (rule, count) in outcome.omitted { omitted[FindingCap.Key(path: outcome.displayPath, rule: rule), default: 0] += count }
            }
            for outcome in outcomes {
                if outcome.checked {
                    filesChecked += 1
                    checkedFiles.append(outcome.displayPath)
                }
                if !outcome.facts.isEmpty { facts[outcome.relativePath] = outcome.facts }
            }

            let activeProjectRules = projectRules.filter { options.runProjectRules && !enabled.isDisjoint(with: $0.ruleIDs) }
            let projects = checkProject(rules: activeProjectRules, index: index, configuration: configuration, facts: facts,
                                        enabled: enabled, verifyData: options.verifyData, jobs: options.jobs)
            for project in projects {
                findings += project.allFindings
                diagnostics += project.diagnostics
                for entry in project.omitted { omitted[FindingCap.Key(path: entry.path, rule: entry.rule), default: 0] += entry.count }
            }
        }

        let rules = Catalogue.rules.filter { enabledUnion.contains($0.id) }
        let capped = FindingCap.apply(Array(Set(findings)).sorted(by: Finding.reportOrder), limit: cap, omitted: omitted)
        diagnostics += capped.diagnostics
        return ScanResult(
            findings: capped.findings,
            diagnostics: Array(Set(diagnostics)).sorted(by: Diagnostic.reportOrder),
            filesChecked: filesChecked,
            checkedFiles: checkedFiles,
            rules: rules,
            configurationFiles: configFiles
        )
    }

    static func configuration(for root: ProjectRoots.Root, options: ScanOptions) throws -> Configuration {
        if let given = options.configuration { return given }
        do {
            if let path = options.configPath {
                let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : options.baseDirectory.appendingPathComponent(path)
                var st = stat()
                guard lstat(url.path, &st) == 0 else {
                    throw ConfigError(file: path, line: nil, reason: "no such configuration file")
                }
                // A file named inside the scanned root is a file of the tree: it may not
                // link out of it. One named elsewhere is the caller's own choice.
                let standardized = url.standardizedFileURL.path
                let inside = ContainedPath.isInside(standardized, root: root.url.path)
                return try ConfigLoader.load(path: standardized, displayPath: path, boundary: inside ? root.url.path : nil)
            }
            // The scanned root, then its parents up to the root of the git work tree
            // holding it; outside a work tree only the root itself (a stray
            // /tmp/mlaudit.yaml never configures a scan of /tmp/project).
            let repository = repositoryRoot(containing: root.url)
            let boundary = (repository ?? root.url).path
            var dir = root.url
            while true {
                let prefix = ProjectRoots.display(dir, base: options.baseDirectory)
                if let found = try ConfigLoader.discover(in: dir, boundary: boundary, displayPrefix: prefix == "." ? "" : prefix + "/") {
                    return found
                }
                guard let repository, dir.path != repository.path else { break }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
            return Configuration()
        } catch let error as ConfigError {
            throw ScanError.configuration(error)
        }
    }

    /// The nearest directory at or above `directory` holding `.git` (a directory, or the file of a linked work tree).
    static func repositoryRoot(containing directory: URL) -> URL? {
        var dir = directory.standardizedFileURL
        while true {
            var st = stat()
            if lstat(dir.appendingPathComponent(".git").path, &st) == 0 { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    static func enabledRules(configuration: Configuration, options: ScanOptions) -> Set<String> {
        Set(Catalogue.rules.filter { rule in
            rule.status == .stable && rule.scope == .scan
                && configuration.isEnabled(rule.id, extraSelect: options.select, extraIgnore: options.ignore)
        }.map(\.id))
    }

    struct FileOutcome: @unchecked Sendable {
        var relativePath = ""
        var displayPath = ""
        var checked = false
        var findings: [Finding] = []
        var diagnostics: [Diagnostic] = []
        var facts: [String: any Sendable] = [:]
        var omitted: [String: Int] = [:]
    }

    static func checkFiles(index: ProjectIndex, configuration: Configuration, enabled: Set<String>,
                           rules: [any FileRule], jobs: Int?) -> [FileOutcome] {
        let files = index.files
        // Largest files first, each taken by whichever thread is free: a few big
        // notebooks at the end of a fixed split left one thread working alone.
        let largestFirst = { files.indices.sorted { files[$0].size > files[$1].size || (files[$0].size == files[$1].size && $0 < $1) } }
        return ParallelMap.map(count: files.count, workers: workerCount(jobs), order: largestFirst, state: {}) { _, i in
            checkFile(files[i], index: index, configuration: configuration, enabled: enabled, rules: rules)
        }
    }

    static func workerCount(_ jobs: Int?) -> Int {
        max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Runs the project rules of one root, each with its own context (so they can run
    /// on different threads: they only read the index and the facts). The contexts come
    /// back in the order of `rules`.
    static func checkProject(rules: [any ProjectRule], index: ProjectIndex, configuration: Configuration,
                             facts: [String: [String: any Sendable]], enabled: Set<String>, verifyData: Bool,
                             jobs: Int?) -> [ProjectContext] {
        let contexts = rules.map { _ in
            ProjectContext(index: index, configuration: configuration, facts: facts, enabledRules: enabled, verifyData: verifyData,
                           workers: workerCount(jobs))
        }
        let shared = UncheckedSendable(contexts)
        _ = ParallelMap.map(count: rules.count, workers: workerCount(jobs), state: {}) { _, i in rules[i].check(shared.value[i]) }
        return contexts
    }

    static func checkFile(_ file: DiscoveredFile, index: ProjectIndex, configuration: Configuration,
                          enabled: Set<String>, rules: [any FileRule]) -> FileOutcome {
        var outcome = FileOutcome(relativePath: file.relativePath, displayPath: file.displayPath)
        let applicable = rules.filter { $0.applies(to: file.kind) }
        if applicable.isEmpty { return outcome }
        let limit = configuration.readLimit(for: file.kind)
        if file.size > limit.bytes {
            outcome.diagnostics.append(Diagnostic(kind: .skipped, path: file.displayPath, message: "larger than \(limit.key) (\(file.size) bytes)"))
            return outcome
        }
        let bytes: [UInt8]
        do {
            bytes = try FileReader.read(path: file.absolutePath, limit: limit.bytes)
        } catch {
            outcome.diagnostics.append(Diagnostic(kind: .unreadable, path: file.displayPath, message: "cannot read: \(error)"))
            return outcome
        }
        if BinaryDetector.looksBinary(bytes) {
            let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            outcome.diagnostics.append(Diagnostic(kind: .skipped, path: file.displayPath, message: utf16 ? "UTF-16 text (only UTF-8 is read)" : "binary content"))
            return outcome
        }
        let context = FileContext(file: file, bytes: bytes, project: index, configuration: configuration, enabledRules: enabled)
        for rule in applicable { rule.check(context) }
        outcome.checked = true
        outcome.findings = context.findings
        outcome.diagnostics = context.diagnostics
        outcome.omitted = context.omittedPerRule
        // The file is still checked (invalid bytes read as U+FFFD), but the tools that
        // consume it (Python, pip, conda) would reject it, so it is a problem, not a skip.
        if let offset = bytes.withUnsafeBufferPointer(UTF8Validation.firstInvalidOffset) {
            let position = context.position(ofByte: offset)
            outcome.diagnostics.append(Diagnostic(kind: .parseError, path: file.displayPath, line: position.line, column: position.column,
                                                  message: "not valid UTF-8 (invalid bytes are read as U+FFFD)"))
        }
        outcome.facts = context.facts
        return outcome
    }
}

/// Hands out the indices 0..<count, each once, to whichever thread asks next.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var position = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard position < count else { return nil }
        position += 1
        return position - 1
    }
}

/// Work spread over threads, each with state of its own (a cache), results in index order.
/// With more than one thread, indices are handed out in `order` when one is given
/// (which thread takes which is then up to the threads), else in index order.
enum ParallelMap {
    static func map<State, T>(count: Int, workers: Int, order: (() -> [Int])? = nil, state makeState: @Sendable () -> State,
                              _ body: @Sendable (inout State, Int) -> T) -> [T] {
        let slots = ResultSlots<T>(count: count)
        let threads = min(workers, count)
        if threads <= 1 {
            var state = makeState()
            for i in 0..<count { slots[i] = body(&state, i) }
        } else {
            let sequence = order?() ?? Array(0..<count)
            let queue = WorkQueue(count: count)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                var state = makeState()
                while let next = queue.next() { slots[sequence[next]] = body(&state, sequence[next]) }
            }
        }
        return slots.values
    }
}

/// Values handed to worker threads that touch disjoint parts of them (one context per thread).
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Preallocated result slots written by index from many threads (each slot by one thread only).
/// The slots live in memory allocated once: going through an Array's mutable buffer
/// from several threads checks and may copy the shared buffer, which crashed scans of
/// 100,000 files.
final class ResultSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }
    deinit {
        _ = storage.deinitialize()
        storage.deallocate()
    }
    subscript(i: Int) -> T? {
        get { storage[i] }
        set { storage[i] = newValue }
    }
    var values: [T] { storage.compactMap { $0 } }
}

enum BinaryDetector {
    /// A NUL byte in the first 8 KiB marks binary content, as git decides.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let n = min(bytes.count, 8192)
        return bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress, n > 0 else { return false }
            return memchr(base, 0, n) != nil
        }
    }
}
