import MLAuditParsers

/// `pip freeze` output and pinned requirements files: `name==version`,
/// `name @ url` (version from a wheel file name, commit from a VCS URL),
/// `-e git+…@commit#egg=name`.
enum PipFreezeReader {
    static func read(_ file: InputFile, source: String) -> EnvironmentRecording {
        var recording = EnvironmentRecording(source: source, format: .pipFreeze)
        recording.primaryPath = file.path
        recording.omitsInstallerTools = true
        recording.covers(.pypi)
        addPackages(from: file, to: &recording)
        return recording
    }

    /// Adds the requirements of `file` as PyPI packages (also used for the
    /// requirements.txt that tracker runs and MLflow models carry).
    static func addPackages(from file: InputFile, to recording: inout EnvironmentRecording) {
        let parsed = RequirementsFile.parse(bytes: file.bytes)
        for problem in parsed.problems {
            recording.problems.append(RecordingProblem(path: file.path, line: problem.line, reason: problem.reason))
        }
        for entry in parsed.entries {
            let spec = entry.spec
            let place = SourcePlace(path: file.path, line: entry.line)
            var version = ""
            var commit: String?
            var archiveHash: String?
            switch spec.pinning {
            case .exact(let pinned):
                version = pinned
            case .vcs(_, let revision, _):
                commit = revision
            case .directURL, .local:
                if let url = spec.url ?? spec.path { version = wheelVersion(url) ?? "" }
                archiveHash = spec.url.flatMap { URLHash.inURL(Substring($0)) }.map { "\($0.algorithm)=\($0.value)" }
            case .unpinned:
                break
            }
            guard let name = spec.name else {
                recording.problems.append(RecordingProblem(path: file.path, line: entry.line, reason: "requirement '\(entry.text)' names no package"))
                continue
            }
            recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: version, commit: commit, archiveHash: archiveHash, place: place))
        }
    }

    /// The version in a wheel or sdist file name at the end of a URL or path
    /// (`…/torch-2.1.0%2Bcu121-cp311-cp311-linux_x86_64.whl` → `2.1.0+cu121`).
    static func wheelVersion(_ url: String) -> String? {
        var file = Substring(url)
        if let hash = file.firstIndex(of: "#") { file = file[..<hash] }
        if let slash = file.lastIndex(of: "/") { file = file[file.index(after: slash)...] }
        let name = file.replacingOccurrences(of: "%2B", with: "+").replacingOccurrences(of: "%2b", with: "+")
        if name.hasSuffix(".whl") {
            let parts = name.dropLast(4).split(separator: "-")
            return parts.count >= 3 ? String(parts[1]) : nil
        }
        for suffix in [".tar.gz", ".zip", ".tar.bz2"] where name.hasSuffix(suffix) {
            let stem = name.dropLast(suffix.count)
            guard let dash = stem.lastIndex(of: "-") else { return nil }
            return String(stem[stem.index(after: dash)...])
        }
        return nil
    }
}
