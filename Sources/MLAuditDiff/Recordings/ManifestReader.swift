import MLAuditCore
import MLAuditEnvironment

/// Reads an mlaudit manifest (`mlaudit snapshot`), schema versions 1 up to the one this build writes.
enum ManifestReader {
    static func read(_ root: DocumentNode, path: String, source: String) throws(RecordingError) -> EnvironmentRecording {
        guard root.isMapping, let meta = root["meta"] else {
            throw RecordingError(path: path, line: root.line, key: "meta", reason: "not an mlaudit manifest (no meta object)")
        }
        guard let version = meta["schema_version"]?.int else {
            throw RecordingError(path: path, line: meta.line, key: "meta.schema_version", reason: "missing or not an integer")
        }
        if version > Manifest.schemaVersion || version < 1 {
            let writer = meta["mlaudit_version"]?.text.map { "mlaudit \($0) or later" } ?? "a newer mlaudit"
            throw RecordingError(path: path, line: meta["schema_version"]?.line, key: "meta.schema_version",
                                 reason: "manifest schema version \(version) is not supported by mlaudit \(MLAuditVersion.current) "
                                     + "(reads versions 1–\(Manifest.schemaVersion)); it was written by \(writer), use that version to compare it")
        }
        var recording = EnvironmentRecording(source: source, format: .manifest)
        recording.primaryPath = path
        let place = { (node: DocumentNode?) in SourcePlace(path: path, line: node?.line ?? 1) }
        func section(_ key: String) -> DocumentNode? {
            guard let node = root[key], node["status"]?.text == "ok" else { return nil }
            return node
        }

        if let python = section("python") {
            recording.interpreter = InterpreterRecord(implementation: python["implementation"]?.text, version: python["version"]?.text,
                                                      place: place(python["version"]))
            let entries = python["packages"]?.items ?? []
            recording.reserve(.pypi, entries.count)
            for entry in entries {
                guard let name = entry["name"]?.nonEmptyText, let version = entry["version"]?.text else {
                    recording.problems.append(RecordingProblem(path: path, line: entry.line, reason: "python.packages entry without name or version"))
                    continue
                }
                let direct = entry["direct_url"]
                recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: version, commit: direct?["commit_id"]?.text,
                                              archiveHash: direct?["archive_hash"]?.text, origin: Self.origin(direct),
                                              place: place(entry["name"])))
            }
        }
        if let conda = section("conda") {
            recording.covers(.conda)
            for entry in conda["packages"]?.items ?? [] {
                guard let name = entry["name"]?.nonEmptyText, let version = entry["version"]?.text else {
                    recording.problems.append(RecordingProblem(path: path, line: entry.line, reason: "conda.packages entry without name or version"))
                    continue
                }
                // pip-installed packages show up in conda-meta only as pypi builds; they are read from `python`.
                if entry["channel"]?.text == "pypi" { continue }
                recording.add(RecordedPackage(ecosystem: .conda, name: name, version: version, build: entry["build"]?.nonEmptyText,
                                              place: place(entry["name"])))
            }
        }
        if let host = section("host") {
            var distribution: String?
            if let id = host["os", "id"]?.text {
                distribution = [id, host["os", "version_id"]?.text].compactMap { $0 }.joined(separator: " ")
            }
            let libc = host["libc"].flatMap { libc in libc["name"]?.text.map { [$0, libc["version"]?.text].compactMap { $0 }.joined(separator: " ") } }
            recording.platform = PlatformRecord(architecture: host["architecture"]?.text, system: host["kernel", "name"]?.text,
                                                distribution: distribution, libc: libc, kernel: host["kernel", "release"]?.text,
                                                place: place(host["architecture"]))
            recording.hardware = HardwareRecord(cpuModel: host["cpu", "model"]?.text, logicalCores: host["cpu", "logical_cores"]?.int,
                                                memoryBytes: host["memory", "total_bytes"]?.text.flatMap { Int64($0) },
                                                place: place(host["cpu"]))
        }
        if let accelerators = section("accelerators") {
            var record = AcceleratorRecord(place: place(accelerators["nvidia"]))
            let nvidia = accelerators["nvidia"]
            switch nvidia?["status"]?.text {
            case "found":
                let gpus = nvidia?["gpus"]?.items ?? []
                record.gpuCount = gpus.count
                record.gpuModels = gpus.compactMap { $0["name"]?.text }.sorted()
                record.driver = gpus.compactMap { $0["driver_version"]?.text }.first
            case "absent":
                record.gpuCount = 0
            default:
                break
            }
            if accelerators["cuda", "status"]?.text == "found" {
                record.cuda = accelerators["cuda", "toolkit_version"]?.text ?? accelerators["cuda", "nvcc_version"]?.text
            }
            if accelerators["cudnn", "status"]?.text == "found" { record.cudnn = accelerators["cudnn", "version"]?.text }
            recording.accelerators = record
        }
        if let env = section("env") {
            var values: [String: String] = [:]
            for pair in env["variables"]?.pairs ?? [] { values[pair.key] = pair.value.text ?? "" }
            recording.variables = VariableRecord(values: values, unset: Set((env["unset"]?.items ?? []).compactMap(\.text)),
                                                 redacted: Set((env["redacted"]?.items ?? []).compactMap(\.text)), place: place(env["variables"]))
        }
        if let git = section("git") {
            recording.code = CodeRecord(commit: git["commit"]?.text, dirty: git["dirty"]?.bool, place: place(git["commit"]))
        }
        if let data = section("data") {
            var entries: [String: DataRecord] = [:]
            for entry in data["entries"]?.items ?? [] {
                guard let path = entry["path"]?.text else { continue }
                let kind = entry["kind"]?.text
                entries[path] = DataRecord(path: path, sha256: entry["sha256"]?.text, missing: kind == "missing" || kind == "error",
                                           place: place(entry["path"]))
            }
            recording.data = entries
        }
        if let system = section("system_packages") {
            var managers: [String: [String: SystemPackageRecord]] = [:]
            for (manager, database) in system["managers"]?.pairs ?? [] where database["status"]?.text == "ok" {
                var packages: [String: SystemPackageRecord] = [:]
                for entry in database["packages"]?.items ?? [] {
                    guard let name = entry["name"]?.text, let version = entry["version"]?.text else { continue }
                    if packages[name] == nil {
                        packages[name] = SystemPackageRecord(manager: manager, name: name, version: version, place: place(entry["name"]))
                    }
                }
                managers[manager] = packages
            }
            recording.systemPackages = managers
        }
        return recording
    }
}

extension ManifestReader {
    /// How a distribution was installed, from its PEP 610 record: none means an index (or a local build of a release).
    static func origin(_ direct: DocumentNode?) -> PackageOrigin {
        guard let direct else { return .index }
        if direct["editable"]?.bool == true { return .editable }
        if direct["vcs"] != nil || direct["commit_id"] != nil { return .vcs }
        if direct["archive_hash"] != nil { return .archive }
        let url = direct["url"]?.text ?? ""
        return url.hasSuffix(".whl") || url.hasSuffix(".tar.gz") || url.hasSuffix(".zip") ? .archive : .directory
    }
}
