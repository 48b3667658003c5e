import Foundation

/// Sacred runs, and the platform strings trackers record (W&B and MLflow: their own readers).
enum TrackerReaders {
    /// Sacred's `run.json`: host info, the experiment's dependencies and repositories.
    static func readSacred(_ root: DocumentNode, file: InputFile, source: String) throws(RecordingError) -> EnvironmentRecording {
        guard let host = root["host"], let experiment = root["experiment"] else {
            throw RecordingError(path: file.path, line: root.line, key: root["host"] == nil ? "host" : "experiment",
                                 reason: "a Sacred run.json needs host and experiment objects")
        }
        var recording = EnvironmentRecording(source: source, format: .sacred)
        recording.primaryPath = file.path
        let place = { (node: DocumentNode?) in SourcePlace(path: file.path, line: node?.line ?? 1) }
        if let version = host["python_version"]?.text {
            recording.interpreter = InterpreterRecord(version: version, place: place(host["python_version"]))
        }
        if let os = host["os"]?.items, os.count >= 2, let detail = os[1].text {
            recording.platform = platformString(detail, place: place(host["os"]))
        }
        if let cpu = host["cpu"]?.text { recording.hardware = HardwareRecord(cpuModel: cpu, place: place(host["cpu"])) }
        if let gpus = host["gpus"] {
            let list = gpus["gpus"]?.items ?? []
            recording.accelerators = AcceleratorRecord(gpuCount: list.count, gpuModels: list.compactMap { $0["model"]?.text },
                                                       driver: gpus["driver_version"]?.text, place: place(gpus))
        }
        if let env = host["ENV"]?.pairs {
            var values: [String: String] = [:]
            for (name, value) in env { values[name] = value.text ?? "" }
            recording.variables = VariableRecord(values: values, place: place(host["ENV"]))
        }
        recording.omitsInstallerTools = true
        recording.covers(.pypi)
        for (index, item) in (experiment["dependencies"]?.items ?? []).enumerated() {
            guard let text = item.text, let eq = text.range(of: "==") else {
                recording.problems.append(RecordingProblem(path: file.path, line: item.line, reason: "experiment.dependencies[\(index)] is not name==version"))
                continue
            }
            recording.add(RecordedPackage(ecosystem: .pypi, name: String(text[..<eq.lowerBound]), version: String(text[eq.upperBound...]),
                                          place: place(item)))
        }
        if let repository = experiment["repositories"]?.items?.first {
            recording.code = CodeRecord(commit: repository["commit"]?.text, dirty: repository["dirty"]?.bool, place: place(repository["commit"]))
        }
        return recording
    }

    /// `Linux-5.15.0-91-generic-x86_64-with-glibc2.35` (Python's `platform.platform()`).
    static func platformString(_ text: String, place: SourcePlace) -> PlatformRecord {
        var libc: String?
        var body = Substring(text)
        if let with = body.range(of: "-with-") {
            let tail = body[with.upperBound...]
            if tail.hasPrefix("glibc") { libc = "glibc " + tail.dropFirst(5) }
            body = body[..<with.lowerBound]
        }
        let parts = body.split(separator: "-")
        let system = parts.first.map(String.init)
        var arch: String?
        if let last = parts.last, ["x86_64", "aarch64", "arm64", "amd64", "i686", "ppc64le", "s390x"].contains(String(last)) { arch = String(last) }
        var kernel: String?
        if parts.count >= 3, system == "Linux" {
            kernel = parts[1 ..< (arch == nil ? parts.count : parts.count - 1)].joined(separator: "-")
        }
        return PlatformRecord(architecture: arch, system: system, libc: libc, kernel: kernel, place: place)
    }
}

/// CycloneDX JSON SBOMs: components with `pkg:pypi/…`, `pkg:conda/…`, `pkg:deb/…` purls.
enum CycloneDXReader {
    static func read(_ root: DocumentNode, file: InputFile, source: String) throws(RecordingError) -> EnvironmentRecording {
        guard root["bomFormat"]?.text == "CycloneDX" else {
            throw RecordingError(path: file.path, line: root.line, key: "bomFormat", reason: "not a CycloneDX BOM")
        }
        var recording = EnvironmentRecording(source: source, format: .cyclonedx)
        recording.primaryPath = file.path
        var system: [String: [String: SystemPackageRecord]] = [:]
        var stack = root["components"]?.items ?? []
        var seen = 0
        var unnamed: [DocumentNode] = []
        while !stack.isEmpty {
            let component = stack.removeFirst()
            stack += component["components"]?.items ?? []
            seen += 1
            guard let purl = component["purl"]?.text else {
                unnamed.append(component)
                continue
            }
            guard let parsed = PackageURL(purl) else {
                recording.problems.append(RecordingProblem(path: file.path, line: component["purl"]?.line, reason: "invalid purl '\(purl)'"))
                continue
            }
            let place = SourcePlace(path: file.path, line: component["name"]?.line ?? component.line)
            let version = parsed.version ?? component["version"]?.text ?? ""
            switch parsed.type {
            case "pypi":
                recording.add(RecordedPackage(ecosystem: .pypi, name: parsed.name, version: version, place: place))
            case "conda":
                recording.add(RecordedPackage(ecosystem: .conda, name: parsed.name, version: version, build: parsed.qualifiers["build"], place: place))
            case "deb", "apk":
                let manager = parsed.type == "deb" ? "dpkg" : "apk"
                system[manager, default: [:]][parsed.name] = SystemPackageRecord(manager: manager, name: parsed.name, version: version, place: place)
            default:
                continue
            }
        }
        // cyclonedx-py writes editable and VCS installs without a purl; in a BOM of Python
        // packages such a library is one of them. Elsewhere its ecosystem is unknown: said, not dropped.
        let pythonBOM = recording.packages[.pypi] != nil || root["metadata", "tools"].map(mentionsPythonTool) == true
        for component in unnamed where component["type"]?.text ?? "library" == "library" {
            guard let name = component["name"]?.text else { continue }
            let place = SourcePlace(path: file.path, line: component["name"]?.line ?? component.line)
            if pythonBOM {
                recording.add(RecordedPackage(ecosystem: .pypi, name: name, version: component["version"]?.text ?? "", place: place))
            } else {
                recording.problems.append(RecordingProblem(path: file.path, line: place.line,
                                                           reason: "component '\(name)' has no purl: its ecosystem is unknown, not compared"))
            }
        }
        if seen == 0 && root["components"] == nil {
            throw RecordingError(path: file.path, line: root.line, key: "components", reason: "the BOM lists no components")
        }
        if recording.packages[.pypi] == nil { recording.covers(.pypi) }
        recording.omitsInstallerTools = true
        if !system.isEmpty { recording.systemPackages = system }
        return recording
    }
}

extension CycloneDXReader {
    /// Whether the BOM's tools (1.4 array or 1.5 `components`) include a Python SBOM generator.
    static func mentionsPythonTool(_ tools: DocumentNode) -> Bool {
        let entries = (tools.items ?? []) + (tools["components"]?.items ?? [])
        return entries.contains { ($0["name"]?.text ?? "").lowercased().hasPrefix("cyclonedx-py") || $0["name"]?.text == "cyclonedx-bom" }
    }
}

/// The parts of a package URL (`pkg:type/namespace/name@version?qualifiers`) a diff needs.
struct PackageURL {
    var type: String
    var name: String
    var version: String?
    var qualifiers: [String: String] = [:]

    init?(_ text: String) {
        guard text.hasPrefix("pkg:") else { return nil }
        var rest = Substring(text.dropFirst(4))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { qualifiers[String(kv[0])] = String(kv[1]).removingPercentEncoding ?? String(kv[1]) }
            }
            rest = rest[..<question]
        }
        if let at = rest.lastIndex(of: "@") {
            version = String(rest[rest.index(after: at)...]).removingPercentEncoding
            rest = rest[..<at]
        }
        let parts = rest.split(separator: "/")
        guard parts.count >= 2 else { return nil }
        type = parts[0].lowercased()
        name = String(parts[parts.count - 1]).removingPercentEncoding ?? String(parts[parts.count - 1])
        guard !name.isEmpty else { return nil }
    }
}
