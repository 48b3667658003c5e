import Foundation

/// Works out what kind of recording a path holds: from a directory's layout,
/// a file's name, and finally its content.
public enum FormatDetector {
    /// The format and the path to read (a directory is resolved to the file or
    /// run directory inside it).
    public struct Detection: Sendable, Equatable {
        public var format: RecordingFormat
        public var path: String
    }

    /// Lockfile names looked for in a directory, in this order.
    static let directoryLocks: [(String, RecordingFormat)] = [
        ("poetry.lock", .poetryLock), ("uv.lock", .uvLock), ("pylock.toml", .pylock), ("Pipfile.lock", .pipfileLock),
        ("conda-lock.yml", .condaLock),
    ]

    public static func detect(path: String) throws(RecordingError) -> Detection {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RecordingError(path: path, reason: "no such file or directory")
        }
        if isDirectory.boolValue { return try detectDirectory(path) }
        if let byName = detectByName(path) { return byName }
        let file = try InputFile.read(path)
        return Detection(format: try detectContent(file), path: path)
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func detectDirectory(_ directory: String) throws(RecordingError) -> Detection {
        if exists(join(directory, "MLmodel")) { return Detection(format: .mlflow, path: directory) }
        for candidate in ["wandb-metadata.json", "files/wandb-metadata.json"] where exists(join(directory, candidate)) {
            return Detection(format: .wandb, path: join(directory, candidate))
        }
        if exists(join(directory, "run.json")) { return Detection(format: .sacred, path: join(directory, "run.json")) }
        let locks = directoryLocks.filter { exists(join(directory, $0.0)) }
        if locks.count == 1 { return Detection(format: locks[0].1, path: join(directory, locks[0].0)) }
        if locks.count > 1 {
            throw RecordingError(path: directory, reason: "holds several lockfiles (\(locks.map(\.0).joined(separator: ", "))); name the one to compare")
        }
        throw RecordingError(path: directory, reason: "no recording found inside: expected an MLflow model (MLmodel), a W&B run "
            + "(wandb-metadata.json), a Sacred run (run.json) or a lockfile; name a file instead")
    }

    static func detectByName(_ path: String) -> Detection? {
        let name = (path as NSString).lastPathComponent
        switch name {
        case "MLmodel": return Detection(format: .mlflow, path: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
        case "wandb-metadata.json": return Detection(format: .wandb, path: path)
        case "poetry.lock": return Detection(format: .poetryLock, path: path)
        case "uv.lock": return Detection(format: .uvLock, path: path)
        case "Pipfile.lock": return Detection(format: .pipfileLock, path: path)
        default: break
        }
        if name.hasPrefix("pylock.") && name.hasSuffix(".toml") { return Detection(format: .pylock, path: path) }
        if name == "conda-lock.yml" || name.hasSuffix(".conda-lock.yml") || name == "conda-lock.yaml" {
            return Detection(format: .condaLock, path: path)
        }
        return nil
    }

    static func detectContent(_ file: InputFile) throws(RecordingError) -> RecordingFormat {
        let first = file.bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        guard let first else { throw RecordingError(path: file.path, reason: "empty file") }
        if first == UInt8(ascii: "{") || (first == UInt8(ascii: "[") && startsJSONArray(file.bytes)) { return try detectJSON(file) }
        let lines = file.lines.map { ($0.number, $0.text.trimmed) }
        let meaningful = lines.filter { !$0.1.isEmpty && !$0.1.hasPrefix("#") }
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
        if topLevel.contains("lock-version") { return .pylock }
        if topLevel.contains("[[package]]") {
            if topLevel.contains("[metadata]") { return .poetryLock }
            return .uvLock
        }
        // YAML: a mapping with one of the known top-level keys at column 0.
        let yamlKeys = Set(file.lines.compactMap { line -> String? in
            guard let c = line.text.first, c != " ", c != "-", c != "#", let colon = line.text.firstIndex(of: ":") else { return nil }
            return String(line.text[..<colon])
        })
        if yamlKeys.contains("flavors") { return .mlflow }
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

    static func detectJSON(_ file: InputFile) throws(RecordingError) -> RecordingFormat {
        let root = try file.json()
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
