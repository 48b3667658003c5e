import MLAuditParsers

/// conda's own recordings: `conda env export` YAML, `conda list --explicit`,
/// `conda list --export`, and conda-lock's YAML lock.
enum CondaReaders {
    static func readEnvironmentExport(_ root: DocumentNode, file: InputFile, source: String) throws(RecordingError) -> EnvironmentRecording {
        guard let dependencies = root["dependencies"]?.items else {
            throw RecordingError(path: file.path, line: root.line, key: "dependencies", reason: "a conda environment file needs a 'dependencies' list")
        }
        var recording = EnvironmentRecording(source: source, format: .condaEnv)
        recording.primaryPath = file.path
        addEnvironmentDependencies(dependencies, file: file, to: &recording)
        return recording
    }

    /// Adds the `dependencies` of an environment file (conda specs and the `pip:` list);
    /// `python=X.Y.Z` also gives the interpreter.
    static func addEnvironmentDependencies(_ dependencies: [DocumentNode], file: InputFile, to recording: inout EnvironmentRecording) {
        recording.covers(.conda)
        recording.covers(.pypi)
        for item in dependencies {
            if let pip = item["pip"]?.items {
                for entry in pip {
                    guard let text = entry.text else { continue }
                    addPipRequirement(text, line: entry.line, file: file, to: &recording)
                }
                continue
            }
            guard let text = item.text else {
                recording.problems.append(RecordingProblem(path: file.path, line: item.line, reason: "dependency is neither a string nor a pip: list"))
                continue
            }
            guard let spec = CondaMatchSpec.parse(Substring(text)) else {
                recording.problems.append(RecordingProblem(path: file.path, line: item.line, reason: "cannot read conda dependency '\(text)'"))
                continue
            }
            let place = SourcePlace(path: file.path, line: item.line)
            let version = spec.version.map { $0.hasPrefix("==") ? String($0.dropFirst(2)) : $0.hasPrefix("=") ? String($0.dropFirst()) : $0 } ?? ""
            let exact = version.allSatisfy { !"<>!*,|~ ".contains($0) } ? version : ""
            if spec.name == "python", !exact.isEmpty {
                recording.interpreter = InterpreterRecord(implementation: nil, version: exact, place: place)
            }
            recording.add(RecordedPackage(ecosystem: .conda, name: spec.name, version: exact, build: spec.build, place: place))
        }
    }

    static func addPipRequirement(_ text: String, line: Int, file: InputFile, to recording: inout EnvironmentRecording) {
        let single = RequirementsFile.parse(text)
        guard let entry = single.entries.first, let name = entry.spec.name else {
            recording.problems.append(RecordingProblem(path: file.path, line: line, reason: "cannot read pip requirement '\(text)'"))
            return
        }
        var version = ""
        var commit: String?
        switch entry.spec.pinning {
        case .exact(let pinned): version = pinned
        case .vcs(_, let revision, _): commit = revision
        case .directURL, .local: version = (entry.spec.url ?? entry.spec.path).flatMap(PipFreezeReader.wheelVersion) ?? ""
        case .unpinned: break
        }
        recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: version, commit: commit, place: SourcePlace(path: file.path, line: line)))
    }

    /// `conda list --explicit`: `@EXPLICIT` and one package URL a line.
    static func readExplicit(_ file: InputFile, source: String) -> EnvironmentRecording {
        var recording = EnvironmentRecording(source: source, format: .condaExplicit)
        recording.primaryPath = file.path
        recording.covers(.conda)
        for (number, raw) in file.lines {
            let line = raw.trimmed
            if line.isEmpty || line.hasPrefix("#") || line == "@EXPLICIT" {
                if let subdir = platformComment(line) { recording.platform = CondaSubdir.platform(subdir, place: SourcePlace(path: file.path, line: number)) }
                continue
            }
            guard let package = packageFromURL(String(line)) else {
                recording.problems.append(RecordingProblem(path: file.path, line: number, reason: "not a conda package URL"))
                continue
            }
            addConda(package, place: SourcePlace(path: file.path, line: number), to: &recording)
        }
        return recording
    }

    /// `conda list --export`: `name=version=build` a line; `pypi_0` builds were installed by pip.
    static func readExport(_ file: InputFile, source: String) -> EnvironmentRecording {
        var recording = EnvironmentRecording(source: source, format: .condaList)
        recording.primaryPath = file.path
        recording.covers(.conda)
        recording.covers(.pypi)
        for (number, raw) in file.lines {
            let line = raw.trimmed
            if line.isEmpty || line.hasPrefix("#") {
                if let subdir = platformComment(line) { recording.platform = CondaSubdir.platform(subdir, place: SourcePlace(path: file.path, line: number)) }
                continue
            }
            let fields = line.split(separator: "=", omittingEmptySubsequences: false)
            guard fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty else {
                recording.problems.append(RecordingProblem(path: file.path, line: number, reason: "expected name=version=build, found '\(line)'"))
                continue
            }
            let place = SourcePlace(path: file.path, line: number)
            if fields[2].hasPrefix("pypi") {
                recording.add(RecordedPackage(ecosystem: .pypi, name: String(fields[0]), version: String(fields[1]), place: place))
            } else {
                addConda((String(fields[0]), String(fields[1]), String(fields[2])), place: place, to: &recording)
            }
        }
        return recording
    }

    /// conda-lock's `conda-lock.yml` (lock version 1), the packages of one platform.
    static func readLock(_ root: DocumentNode, file: InputFile, source: String, context: ReadContext) throws(RecordingError) -> EnvironmentRecording {
        guard let packages = root["package"]?.items else {
            throw RecordingError(path: file.path, line: root.line, key: "package", reason: "a conda-lock file needs a 'package' list")
        }
        let platforms = (root["metadata", "platforms"]?.items ?? []).compactMap(\.text)
        let platform = platforms.contains(context.condaSubdir) ? context.condaSubdir : (platforms.first ?? context.condaSubdir)
        var recording = EnvironmentRecording(source: source, format: .condaLock)
        recording.primaryPath = file.path
        recording.covers(.conda)
        recording.covers(.pypi)
        recording.platform = CondaSubdir.platform(platform, place: SourcePlace(path: file.path, line: root["metadata"]?.line ?? 1))
        for (index, entry) in packages.enumerated() {
            guard let name = entry["name"]?.nonEmptyText, let version = entry["version"]?.text else {
                recording.problems.append(RecordingProblem(path: file.path, line: entry.line, reason: "package[\(index)] has no name or version"))
                continue
            }
            guard entry["platform"]?.text == platform else { continue }
            let place = SourcePlace(path: file.path, line: entry["name"]?.line ?? entry.line)
            if entry["manager"]?.text == "pip" {
                recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: version, place: place))
            } else {
                let build = entry["url"]?.text.flatMap(packageFromURL)?.build
                if name == "python" { recording.interpreter = InterpreterRecord(implementation: "cpython", version: version, place: place) }
                recording.add(RecordedPackage(ecosystem: .conda, name: name, version: version, build: build, place: place))
            }
        }
        return recording
    }

    static func addConda(_ package: (name: String, version: String, build: String), place: SourcePlace, to recording: inout EnvironmentRecording) {
        if package.name == "python" {
            recording.interpreter = InterpreterRecord(implementation: package.build.contains("pypy") ? "pypy" : "cpython", version: package.version, place: place)
        }
        recording.add(RecordedPackage(ecosystem: .conda, name: package.name, version: package.version, build: package.build, place: place))
    }

    /// `# platform: linux-64` → `linux-64`.
    static func platformComment(_ line: Substring) -> String? {
        guard line.hasPrefix("#") else { return nil }
        let body = line.dropFirst().trimmed
        guard body.hasPrefix("platform:") else { return nil }
        return String(body.dropFirst("platform:".count).trimmed)
    }

    /// name, version and build from a package file URL (`…/numpy-1.26.4-py311h64a7726_0.conda#md5`).
    static func packageFromURL(_ url: String) -> (name: String, version: String, build: String)? {
        var file = Substring(url)
        if let hash = file.firstIndex(of: "#") { file = file[..<hash] }
        guard let slash = file.lastIndex(of: "/") else { return nil }
        file = file[file.index(after: slash)...]
        if file.hasSuffix(".tar.bz2") { file = file.dropLast(8) } else if file.hasSuffix(".conda") { file = file.dropLast(6) } else { return nil }
        guard let buildDash = file.lastIndex(of: "-") else { return nil }
        let build = file[file.index(after: buildDash)...]
        let rest = file[..<buildDash]
        guard let versionDash = rest.lastIndex(of: "-") else { return nil }
        let name = rest[..<versionDash], version = rest[rest.index(after: versionDash)...]
        guard !name.isEmpty, !version.isEmpty, !build.isEmpty else { return nil }
        return (String(name), String(version), String(build))
    }
}

/// conda platform names (`linux-64`, `osx-arm64`).
enum CondaSubdir {
    static func platform(_ subdir: String, place: SourcePlace) -> PlatformRecord? {
        let parts = subdir.split(separator: "-", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let system: String
        switch parts[0] {
        case "linux": system = "Linux"
        case "osx": system = "Darwin"
        case "win": system = "Windows"
        default: return nil
        }
        let arch: String
        switch parts[1] {
        case "64": arch = "x86_64"
        case "32": arch = "x86"
        default: arch = String(parts[1])
        }
        return PlatformRecord(architecture: arch, system: system, place: place)
    }
}
