/// `pip list --format=json` and `pip inspect`.
enum PipJSONReaders {
    static func readList(_ root: DocumentNode, file: InputFile, source: String) throws(RecordingError) -> EnvironmentRecording {
        guard let items = root.items else {
            throw RecordingError(path: file.path, line: root.line, reason: "pip list JSON must be an array of {name, version} objects")
        }
        var recording = EnvironmentRecording(source: source, format: .pipList)
        recording.primaryPath = file.path
        recording.covers(.pypi)
        for (index, item) in items.enumerated() {
            guard let name = item["name"]?.nonEmptyText, let version = item["version"]?.text else {
                recording.problems.append(RecordingProblem(path: file.path, line: item.line, reason: "entry [\(index)] has no name or version"))
                continue
            }
            recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: version, place: SourcePlace(path: file.path, line: item["name"]?.line ?? item.line)))
        }
        return recording
    }

    static func readInspect(_ root: DocumentNode, file: InputFile, source: String) throws(RecordingError) -> EnvironmentRecording {
        guard let installed = root["installed"]?.items else {
            throw RecordingError(path: file.path, line: root.line, key: "installed", reason: "pip inspect JSON needs an 'installed' array")
        }
        var recording = EnvironmentRecording(source: source, format: .pipInspect)
        recording.primaryPath = file.path
        recording.covers(.pypi)
        for (index, item) in installed.enumerated() {
            guard let metadata = item["metadata"], let name = metadata["name"]?.nonEmptyText, let version = metadata["version"]?.text else {
                recording.problems.append(RecordingProblem(path: file.path, line: item.line, reason: "installed[\(index)] has no metadata.name or metadata.version"))
                continue
            }
            let direct = item["direct_url"]
            let archive = direct?["archive_info"]
            let hash = archive?["hash"]?.text ?? archive?["hashes"]?.pairs?.first.map { "\($0.key)=\($0.value.text ?? "")" }
            recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: version, commit: direct?["vcs_info", "commit_id"]?.text,
                                          archiveHash: hash, place: SourcePlace(path: file.path, line: metadata["name"]?.line ?? item.line)))
        }
        if let env = root["environment"] {
            let place = SourcePlace(path: file.path, line: env.line)
            recording.interpreter = InterpreterRecord(implementation: env["implementation_name"]?.text,
                                                      version: env["python_full_version"]?.text ?? env["python_version"]?.text, place: place)
            recording.platform = PlatformRecord(architecture: env["platform_machine"]?.nonEmptyText, system: env["platform_system"]?.nonEmptyText,
                                                kernel: env["platform_release"]?.nonEmptyText, place: place)
        }
        return recording
    }
}
