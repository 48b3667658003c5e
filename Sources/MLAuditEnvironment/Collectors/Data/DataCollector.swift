import Foundation
import MLAuditCore
import MLAuditHashing

/// Collects the `data` section: each `--data` path (file or directory,
/// recursively) with size and SHA-256, using the hash cache.
struct DataCollector {
    let context: SnapshotContext
    let projectRoot: String
    let paths: [String]
    let useCache: Bool

    /// One file to hash: which entry it belongs to and where it is.
    private struct Job {
        let entry: Int
        let absolute: String
        let relative: String
    }

    func collect() -> Section<DataInventory> {
        guard !paths.isEmpty else { return .skipped("no --data paths given") }
        var warnings: [String] = []
        let cache = openCache(&warnings)

        var entries: [DataEntry] = []
        var jobs: [Job] = []
        var walkErrors: [Int: [String]] = [:]
        var seen: Set<String> = []
        let realRoot = FileSystem.realPath(projectRoot) ?? projectRoot
        for given in paths {
            if given.contains("://") {
                // A URL is not a path (and may carry credentials): recorded redacted, never fetched.
                let shown = Redaction.stripURLCredentials(given)
                guard seen.insert(shown).inserted else { continue }
                entries.append(DataEntry(path: shown, kind: .error, errors: ["a URL, not a local path: not hashed"]))
                continue
            }
            let absolute = Path.absolute(given, base: context.workingDirectory)
            guard seen.insert(absolute).inserted else { continue }
            let display = Path.relative(absolute, to: projectRoot) ?? Redaction.stripURLCredentials(given)
            let index = entries.count
            guard FileSystem.status(absolute, followSymlinks: false) != nil else {
                entries.append(DataEntry(path: display, kind: .missing, errors: ["no such file or directory"]))
                continue
            }
            // Only data inside the project is hashed: a path (or a link on the way) that leads
            // elsewhere could reveal digests of files such as /etc/shadow.
            guard let real = FileSystem.realPath(absolute), Path.relative(real, to: realRoot) != nil,
                  let status = FileSystem.status(real) else {
                entries.append(DataEntry(path: display, kind: .error, errors: ["outside the project root: not hashed"]))
                continue
            }
            switch status.kind {
            case .regular:
                entries.append(DataEntry(path: display, kind: .file))
                jobs.append(Job(entry: index, absolute: real, relative: ""))
            case .directory:
                entries.append(DataEntry(path: display, kind: .directory))
                var errors: [String] = []
                walk(real, relative: "", entry: index, root: realRoot, jobs: &jobs, errors: &errors)
                if !errors.isEmpty { walkErrors[index] = errors }
            default:
                entries.append(DataEntry(path: display, kind: .error, errors: ["not a regular file or directory"]))
            }
        }

        let results = hashAll(jobs, cache: cache)
        var filesByEntry: [Int: [HashedFile]] = [:]
        var errorsByEntry = walkErrors
        for (job, result) in zip(jobs, results) {
            switch result {
            case let .success(size, sha256):
                filesByEntry[job.entry, default: []].append(HashedFile(path: job.relative, size: size, sha256: sha256))
            case let .failure(message):
                errorsByEntry[job.entry, default: []].append(message)
            }
        }

        for index in entries.indices {
            let errors = errorsByEntry[index]?.sorted()
            switch entries[index].kind {
            case .file:
                if let file = filesByEntry[index]?.first {
                    entries[index].size = file.size
                    entries[index].sha256 = file.sha256
                } else {
                    entries[index].kind = .error
                }
                entries[index].errors = errors
            case .directory:
                let files = (filesByEntry[index] ?? []).sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
                entries[index].files = files
                entries[index].fileCount = files.count
                entries[index].size = files.reduce(0) { $0 + $1.size }
                entries[index].errors = errors
                if errors == nil {
                    // sha256sum-style listing, so `sha256sum -c` users recognise it.
                    var listing = SHA256()
                    for file in files { listing.update("\(file.sha256)  \(file.path)\n") }
                    entries[index].sha256 = listing.finalize().hex
                }
            case .missing, .error:
                break
            }
        }

        if let cache {
            do {
                try cache.save()
            } catch {
                warnings.append("data hash cache not saved: \(error)")
            }
        }
        entries.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return .ok(DataInventory(entries: entries), warnings: warnings)
    }

    private func openCache(_ warnings: inout [String]) -> HashCache? {
        guard useCache, let directory = context.resolvedCacheDirectory else { return nil }
        let absolute = Path.absolute(directory, base: context.workingDirectory)
        if Path.relative(absolute, to: projectRoot) != nil {
            warnings.append("data hash cache not used: \(absolute) is inside the project")
            return nil
        }
        return HashCache(directory: absolute)
    }

    /// Regular files below `directory`; symlinked files are followed when they stay
    /// inside `root`, symlinked directories are not (no cycles, no escapes).
    private func walk(_ directory: String, relative: String, entry: Int, root: String, jobs: inout [Job], errors: inout [String]) {
        let listing: [FileSystem.Entry]
        do {
            listing = try FileSystem.list(directory)
        } catch {
            errors.append("\(error)")
            return
        }
        for item in listing.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            let path = Path.join(directory, item.name)
            let relativePath = relative.isEmpty ? item.name : relative + "/" + item.name
            if item.isSymlink {
                guard let real = FileSystem.realPath(path), FileSystem.status(real)?.kind == .regular else { continue }
                if Path.relative(real, to: root) == nil {
                    errors.append("\(relativePath): a link that leads outside the project root: not hashed")
                } else {
                    jobs.append(Job(entry: entry, absolute: real, relative: relativePath))
                }
                continue
            }
            let kind = item.isDirectory.map { $0 ? FileStatus.Kind.directory : .regular }
                ?? FileSystem.status(path, followSymlinks: false)?.kind
            if kind == .directory {
                walk(path, relative: relativePath, entry: entry, root: root, jobs: &jobs, errors: &errors)
            } else if kind == .regular || (item.isDirectory == false && FileSystem.isRegularFile(path)) {
                jobs.append(Job(entry: entry, absolute: path, relative: relativePath))
            }
        }
    }

    private enum Outcome: Sendable {
        case success(size: Int64, sha256: String)
        case failure(String)
    }

    /// Hashes the jobs on all cores; results come back in job order.
    private func hashAll(_ jobs: [Job], cache: HashCache?) -> [Outcome] {
        let slots = ResultSlots<Outcome>(count: jobs.count, initial: .failure("not hashed"))
        let paths = jobs.map(\.absolute)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let path = paths[index]
            if let cache, let status = FileSystem.status(path), status.kind == .regular,
               let known = cache.lookup(path: path, status: status) {
                slots.set(index, .success(size: status.size, sha256: known))
                return
            }
            do {
                let result = try FileHasher().hash(path: path)
                cache?.store(path: path, status: result.status, sha256: result.digest.hex)
                slots.set(index, .success(size: result.size, sha256: result.digest.hex))
            } catch {
                slots.set(index, .failure("\(error)"))
            }
        }
        return slots.values
    }
}

/// Fixed slots filled concurrently, read once everyone is done.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value]

    init(count: Int, initial: Value) { storage = Array(repeating: initial, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }

    var values: [Value] { lock.withLock { storage } }
}
