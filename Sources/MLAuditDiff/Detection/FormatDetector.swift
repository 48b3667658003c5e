import Foundation

/// Works out what kind of recording a path holds: from a directory's layout,
/// a file's name, and finally its content.
public enum FormatDetector {
    /// The format and the path to read (a directory is resolved to the file or
    /// run directory inside it).
    public struct Detection: Sendable {
        public var format: RecordingFormat
        public var path: String
        /// The file and its parsed JSON when detection already read them, so they are read once.
        var file: InputFile?
        var json: DocumentNode?

        init(format: RecordingFormat, path: String, file: InputFile? = nil, json: DocumentNode? = nil) {
            self.format = format
            self.path = path
            self.file = file
            self.json = json
        }
    }

    /// Lockfile names looked for in a directory, in this order.
    static let directoryLocks: [(String, RecordingFormat)] = [
        ("poetry.lock", .poetryLock), ("uv.lock", .uvLock), ("pylock.toml", .pylock), ("Pipfile.lock", .pipfileLock),
        ("pdm.lock", .pdmLock), ("conda-lock.yml", .condaLock),
    ]

    public static func detect(path: String) throws(RecordingError) -> Detection {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RecordingError(path: path, reason: "no such file or directory")
        }
        try checkNamedPath(path)
        if isDirectory.boolValue { return try detectDirectory(path) }
        if let byName = detectByName(path) { return byName }
        let file = try InputFile.read(path)
        return try detectContent(file)
    }

    /// A recording named on the command line may itself be a committed link (say, to
    /// `/proc/self/environ`): one that leads outside the current directory is not read.
    static func checkNamedPath(_ path: String) throws(RecordingError) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        let lexical = "/" + parts.joined(separator: "/")
        guard let real = realPath(path), real != lexical else { return }
        let base = realPath(FileManager.default.currentDirectoryPath) ?? FileManager.default.currentDirectoryPath
        if real != base && !real.hasPrefix(base == "/" ? "/" : base + "/") {
            throw RecordingError(path: path, reason: "is a link that leads outside the current directory; not read")
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func detectDirectory(_ directory: String) throws(RecordingError) -> Detection {
        if exists(join(directory, "MLmodel")) || exists(join(directory, "python_env.yaml")) || MLflowReader.isRunFolder(directory) {
            return Detection(format: .mlflow, path: directory)
        }
        if isWandbRun(directory) { return Detection(format: .wandb, path: directory) }
        if exists(join(directory, "run.json")) { return Detection(format: .sacred, path: join(directory, "run.json")) }
        let locks = directoryLocks.filter { exists(join(directory, $0.0)) }
        if locks.count == 1 { return Detection(format: locks[0].1, path: join(directory, locks[0].0)) }
        if locks.count > 1 {
            throw RecordingError(path: directory, reason: "holds several lockfiles (\(locks.map(\.0).joined(separator: ", "))); name the one to compare")
        }
        throw RecordingError(path: directory, reason: "no recording found inside: expected an MLflow model (MLmodel), a W&B run "
            + "(wandb-metadata.json), a Sacred run (run.json) or a lockfile; name a file instead")
    }

    /// A W&B run folder: metadata, a `.wandb` log, or `files/requirements.txt` in a `run-…` folder.
    static func isWandbRun(_ directory: String) -> Bool {
        if exists(join(directory, "wandb-metadata.json")) || exists(join(directory, "files/wandb-metadata.json")) { return true }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if names.contains(where: { $0.hasSuffix(".wandb") }) { return true }
        let folder = (URL(fileURLWithPath: directory).standardized.path as NSString).lastPathComponent
        return (folder.hasPrefix("run-") || folder.hasPrefix("offline-run-")) && exists(join(directory, "files/requirements.txt"))
    }

    static func detectByName(_ path: String) -> Detection? {
        let name = (path as NSString).lastPathComponent
        let parent = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        switch name {
        case "MLmodel", "python_env.yaml": return Detection(format: .mlflow, path: parent)
        case "wandb-metadata.json": return Detection(format: .wandb, path: path)
        case "poetry.lock": return Detection(format: .poetryLock, path: path)
        case "uv.lock": return Detection(format: .uvLock, path: path)
        case "Pipfile.lock": return Detection(format: .pipfileLock, path: path)
        case "pdm.lock": return Detection(format: .pdmLock, path: path)
        default: break
        }
        if name.hasPrefix("pylock.") && name.hasSuffix(".toml") { return Detection(format: .pylock, path: path) }
        if name == "conda-lock.yml" || name.hasSuffix(".conda-lock.yml") || name == "conda-lock.yaml" {
            return Detection(format: .condaLock, path: path)
        }
        return nil
    }

    static func detectContent(_ file: InputFile) throws(RecordingError) -> Detection {
        if let json = try parsedJSON(file) {
            return Detection(format: try detectJSON(json, file: file), path: file.path, file: file, json: json)
        }
        return Detection(format: try detectText(file), path: file.path, file: file)
    }

    /// The parsed document when the file is JSON, else nil.
    static func parsedJSON(_ file: InputFile) throws(RecordingError) -> DocumentNode? {
        let first = file.bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        guard let first, first == UInt8(ascii: "{") || (first == UInt8(ascii: "[") && startsJSONArray(file.bytes)) else { return nil }
        return try file.json()
    }

    static func detectText(_ file: InputFile) throws(RecordingError) -> RecordingFormat {
        let first = file.bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        // `pip freeze` of a fresh environment prints nothing.
        guard first != nil else { return .pipFreeze }
        let lines = file.lines.map { ($0.number, $0.text.trimmed) }
        let meaningful = lines.filter { !$0.1.isEmpty && !$0.1.hasPrefix("#") }
        if meaningful.isEmpty { return .pipFreeze }
        if meaningful.contains(where: { $0.1 == "@EXPLICIT" }) { return .condaExplicit }
        if lines.contains(where: { $0.1.hasPrefix("# platform:") }),
           meaningful.allSatisfy({ $0.1.split(separator: "=", omittingEmptySubsequences: false).count == 3 }) {
            return .condaList
        }
        let topLevel = Set(lines.compactMap { line -> String? in
            let text = line.1
            if text.hasPrefix("[") { return String(text) }
            guard let eq = text.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
            return String(text[..<eq]).trimmed
        })
        if topLevel.contains("[[packages]]") || (topLevel.contains("lock-version") && !topLevel.contains("[[package]]")) { return .pylock }
        if topLevel.contains("[[package]]") {
            if topLevel.contains("lock_version") { return .pdmLock }
            if topLevel.contains("[metadata]") { return .poetryLock }
            return .uvLock
        }
        // YAML: a mapping with one of the known top-level keys at column 0.
        let yamlKeys = Set(file.lines.compactMap { line -> String? in
            guard let c = line.text.first, c != " ", c != "-", c != "#", let colon = line.text.firstIndex(of: ":") else { return nil }
            return String(line.text[..<colon])
        })
        if yamlKeys.contains("flavors") { return .mlflow }
        if yamlKeys.contains("python") && (yamlKeys.contains("build_dependencies") || yamlKeys.contains("dependencies"))
            && !yamlKeys.contains("channels") { return .mlflow }
        if yamlKeys.contains("package") && yamlKeys.contains("metadata") { return .condaLock }
        if yamlKeys.contains("dependencies") { return .condaEnv }
        if meaningful.contains(where: { $0.1.contains("==") || $0.1.contains(" @ ") || $0.1.hasPrefix("-e ") }) { return .pipFreeze }
        throw RecordingError(path: file.path, line: meaningful.first?.0,
                             reason: "cannot tell what kind of recording this is; name it with --old-format/--new-format (\(formatNames))")
    }

    /// `[{`, `["`, `[]` open a JSON array; `[[package]]` and `[metadata]` are TOML headers.
    static func startsJSONArray(_ bytes: [UInt8]) -> Bool {
        guard let open = bytes.firstIndex(of: UInt8(ascii: "[")) else { return false }
        let next = bytes[(open + 1)...].first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        return next == nil || next == UInt8(ascii: "{") || next == UInt8(ascii: "\"") || next == UInt8(ascii: "]")
    }

    static func detectJSON(_ root: DocumentNode, file: InputFile) throws(RecordingError) -> RecordingFormat {
        if root.items != nil { return .pipList }
        if root["meta", "schema_version"] != nil { return .manifest }
        if root["bomFormat"] != nil { return .cyclonedx }
        if root["installed"]?.items != nil { return .pipInspect }
        if root["_meta"] != nil && root["default"] != nil { return .pipfileLock }
        if root["host"] != nil && root["experiment"] != nil { return .sacred }
        if root["python"] != nil && (root["os"] != nil || root["startedAt"] != nil || root["program"] != nil) { return .wandb }
        throw RecordingError(path: file.path, line: root.line,
                             reason: "JSON of an unknown kind: not an mlaudit manifest, pip list/inspect output, Pipfile.lock, "
                                 + "Sacred run.json, wandb-metadata.json or CycloneDX BOM; name it with --old-format/--new-format")
    }

    static var formatNames: String { RecordingFormat.readable.map(\.rawValue).joined(separator: ", ") }
}
