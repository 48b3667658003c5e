import MLAuditCore
import TOMLKit

/// Lockfiles read as environment descriptions: the packages that would be
/// installed on this platform (`poetry.lock`, `uv.lock`, `pylock.toml`, `Pipfile.lock`).
enum LockReaders {
    static func table(_ file: InputFile) throws(RecordingError) -> TOMLTable {
        do {
            return try TOMLReader.parse(file.text)
        } catch {
            throw RecordingError(path: file.path, line: error.line, reason: "invalid TOML: \(error.description)")
        }
    }

    /// One `[[key]]` table of a lock, with its place in the file.
    struct LockEntry {
        let index: Int
        let line: Int?
        let table: TOMLTable
        let name: String
    }

    /// A Python lock's recording and its `[[key]]` tables that have a name (and a
    /// version, when `needsVersion`); the others are problems of the recording.
    static func lockEntries(_ root: TOMLTable, key: String, file: InputFile, source: String, format: RecordingFormat,
                            needsVersion: Bool = false) -> (EnvironmentRecording, [LockEntry]) {
        var recording = EnvironmentRecording(source: source, format: format)
        recording.primaryPath = file.path
        recording.covers(.pypi)
        recording.omitsInstallerTools = true
        let lines = TOMLArrayLines(text: file.text, header: "[[\(key)]]")
        var entries: [LockEntry] = []
        for (index, value) in (root[key]?.array ?? TOMLArray()).enumerated() {
            let line = lines.nameLine(index)
            guard let table = value.table, let name = table["name"]?.string, !needsVersion || table["version"]?.string != nil else {
                let wanted = needsVersion ? "name or version" : "name"
                recording.problems.append(RecordingProblem(path: file.path, line: line, reason: "[[\(key)]] #\(index + 1) has no \(wanted)"))
                continue
            }
            entries.append(LockEntry(index: index, line: line, table: table, name: name))
        }
        return (recording, entries)
    }

    /// The `[[package]]` tables poetry, uv and PDM write; a lock without them is not one.
    static func requirePackageTables(_ root: TOMLTable, file: InputFile, lockName: String) throws(RecordingError) {
        guard root["package"]?.array != nil else {
            throw RecordingError(path: file.path, key: "package", reason: "a \(lockName) needs [[package]] tables")
        }
    }

    static func readPoetry(_ file: InputFile, source: String, context: ReadContext) throws(RecordingError) -> EnvironmentRecording {
        let root = try table(file)
        try requirePackageTables(root, file: file, lockName: "poetry.lock")
        var (recording, entries) = lockEntries(root, key: "package", file: file, source: source, format: .poetryLock, needsVersion: true)
        for entry in entries {
            let (package, name, line) = (entry.table, entry.name, entry.line)
            let version = package["version"]?.string ?? ""
            if let marker = package["markers"] {
                let texts = marker.string.map { [$0] } ?? (marker.table.map { table in table.keys.compactMap { table[$0]?.string } } ?? [])
                if !texts.isEmpty, !texts.contains(where: { MarkerEvaluator.isSatisfied($0, context: context) }) { continue }
            }
            let source = package["source"]?.table
            let commit = source?["type"]?.string == "git" ? source?["resolved_reference"]?.string : nil
            recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: version, commit: commit,
                                          place: SourcePlace(path: file.path, line: line ?? 1)))
        }
        return recording
    }

    static func readUV(_ file: InputFile, source: String, context: ReadContext) throws(RecordingError) -> EnvironmentRecording {
        let root = try table(file)
        try requirePackageTables(root, file: file, lockName: "uv.lock")
        let tables = (root["package"]?.array ?? TOMLArray()).map { $0.table }
        let installed = UVLockGraph(tables: tables, context: context).installed()
        var (recording, entries) = lockEntries(root, key: "package", file: file, source: source, format: .uvLock)
        for entry in entries {
            let (package, name, line, index) = (entry.table, entry.name, entry.line, entry.index)
            let source = package["source"]?.table
            // The project itself is code, compared through git (ENV008), not a dependency.
            if source?["virtual"] != nil || source?["editable"]?.string == "." {
                recording.projectNames.insert(PackageName.normalized(name))
                continue
            }
            if let installed, !installed.contains(index) { continue }
            if let markers = package["resolution-markers"]?.array?.compactMap(\.string), !markers.isEmpty,
               !markers.contains(where: { MarkerEvaluator.isSatisfied($0, context: context) }) { continue }
            var commit: String?
            if let git = source?["git"]?.string, let hash = git.lastIndex(of: "#") { commit = String(git[git.index(after: hash)...]) }
            recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: package["version"]?.string ?? "", commit: commit,
                                          origin: uvOrigin(source), place: SourcePlace(path: file.path, line: line ?? 1)))
        }
        return recording
    }

    static func uvOrigin(_ source: TOMLTable?) -> PackageOrigin? {
        guard let source else { return nil }
        if source["registry"] != nil { return .index }
        if source["editable"] != nil { return .editable }
        if source["git"] != nil { return .vcs }
        if source["url"] != nil || source["path"] != nil { return .archive }
        if source["directory"] != nil { return .directory }
        return nil
    }

    /// PDM's `pdm.lock`: `[[package]]` with `groups` and a `marker`. `pdm install` installs
    /// the `default` group and the development groups; optional groups only on request,
    /// so packages of no installed group are left out.
    static func readPDM(_ file: InputFile, source: String, context: ReadContext) throws(RecordingError) -> EnvironmentRecording {
        let root = try table(file)
        try requirePackageTables(root, file: file, lockName: "pdm.lock")
        var (recording, entries) = lockEntries(root, key: "package", file: file, source: source, format: .pdmLock)
        for entry in entries {
            let (package, name, line) = (entry.table, entry.name, entry.line)
            let groups = package["groups"]?.array?.compactMap(\.string) ?? ["default"]
            guard groups.contains(where: { $0 == "default" || $0 == "dev" }) else { continue }
            if let marker = package["marker"]?.string, !MarkerEvaluator.isSatisfied(marker, context: context) { continue }
            var origin: PackageOrigin = .index
            if package["editable"]?.bool == true { origin = .editable } else if package["git"] != nil { origin = .vcs }
            else if package["path"] != nil { origin = .directory } else if package["url"] != nil { origin = .archive }
            recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: package["version"]?.string ?? "",
                                          commit: package["revision"]?.string, origin: origin,
                                          place: SourcePlace(path: file.path, line: line ?? 1)))
        }
        return recording
    }

    static func readPylock(_ file: InputFile, source: String, context: ReadContext) throws(RecordingError) -> EnvironmentRecording {
        let root = try table(file)
        guard root["lock-version"] != nil else {
            throw RecordingError(path: file.path, key: "lock-version", reason: "a pylock.toml must declare lock-version")
        }
        var (recording, entries) = lockEntries(root, key: "packages", file: file, source: source, format: .pylock)
        for entry in entries {
            let (package, name, line) = (entry.table, entry.name, entry.line)
            if let marker = package["marker"]?.string, !MarkerEvaluator.isSatisfied(marker, context: context) { continue }
            // `pip lock .` lists the project itself as a directory: code, not a dependency.
            let directory = package["directory"]?.table
            if let path = directory?["path"]?.string, path == "." || path == "./" {
                recording.projectNames.insert(PackageName.normalized(name))
                continue
            }
            var origin: PackageOrigin?
            if package["wheels"] != nil || package["sdist"] != nil || package["index"] != nil { origin = .index }
            else if package["vcs"] != nil { origin = .vcs } else if package["archive"] != nil { origin = .archive }
            else if let directory { origin = directory["editable"]?.bool == true ? .editable : .directory }
            let commit = package["vcs"]?.table?["commit-id"]?.string
            let hash = package["archive"]?.table?["hashes"]?.table.flatMap { hashes in hashes["sha256"]?.string.map { "sha256=\($0)" } }
            recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: package["version"]?.string ?? "", commit: commit,
                                          archiveHash: hash, origin: origin, place: SourcePlace(path: file.path, line: line ?? 1)))
        }
        return recording
    }

    static func readPipfile(_ root: DocumentNode, file: InputFile, source: String, context: ReadContext) throws(RecordingError) -> EnvironmentRecording {
        guard root["_meta"] != nil, root["default"]?.isMapping == true else {
            throw RecordingError(path: file.path, line: root.line, key: "default", reason: "a Pipfile.lock needs _meta and a default object")
        }
        var recording = EnvironmentRecording(source: source, format: .pipfileLock)
        recording.primaryPath = file.path
        recording.covers(.pypi)
        recording.omitsInstallerTools = true
        if let requires = root["_meta", "requires"], let version = requires["python_full_version"]?.text ?? requires["python_version"]?.text {
            recording.interpreter = InterpreterRecord(version: version, place: SourcePlace(path: file.path, line: requires.line))
        }
        for group in ["default", "develop"] {
            for (name, entry) in root[group]?.pairs ?? [] {
                let place = SourcePlace(path: file.path, line: entry.line)
                if let marker = entry["markers"]?.text, !MarkerEvaluator.isSatisfied(marker, context: context) { continue }
                var version = entry["version"]?.text ?? ""
                if version.hasPrefix("===") { version.removeFirst(3) } else if version.hasPrefix("==") { version.removeFirst(2) }
                if entry["version"] == nil && entry["git"] == nil && entry["path"] == nil && entry["file"] == nil {
                    recording.problems.append(RecordingProblem(path: file.path, line: entry.line, reason: "\(group).\(name) has no version"))
                }
                recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: version, commit: entry["ref"]?.text, place: place))
            }
        }
        return recording
    }
}

/// The line of each `name = …` key below repeated `[[array]]` headers, in
/// order: TOMLKit keeps no positions, and findings must point at the package.
struct TOMLArrayLines {
    private var lines: [Int?] = []

    init(text: String, header: String) {
        var inEntry = false
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.trimmed
            if line.hasPrefix("[") {
                if line == header {
                    lines.append(nil)
                    inEntry = true
                } else if !line.hasPrefix(String(header.dropFirst(2).dropLast(2)).withBracket) {
                    inEntry = false
                }
                continue
            }
            if inEntry, lines.last.flatMap({ $0 }) == nil, line.hasPrefix("name"), line.dropFirst(4).trimmed.hasPrefix("=") {
                lines[lines.count - 1] = number
            }
        }
    }

    func nameLine(_ index: Int) -> Int? { index < lines.count ? lines[index] : nil }
}

private extension String {
    /// `package` → `[package.` (sub-tables of the current array entry).
    var withBracket: String { "[" + self + "." }
}
