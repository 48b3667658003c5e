import Foundation

/// Experiment trackers' run records: Weights & Biases, Sacred, MLflow models.
enum TrackerReaders {
    /// A W&B run: `wandb-metadata.json` with its sibling `requirements.txt` and
    /// `conda-environment.yaml` (in the run's `files/` directory).
    static func readWandb(metadataPath: String, source: String) throws(RecordingError) -> EnvironmentRecording {
        let file = try InputFile.read(metadataPath)
        let root = try file.json()
        guard root.isMapping else { throw RecordingError(path: file.path, line: root.line, reason: "wandb-metadata.json must be an object") }
        var recording = EnvironmentRecording(source: source, format: .wandb)
        recording.primaryPath = file.path
        let place = { (node: DocumentNode?) in SourcePlace(path: file.path, line: node?.line ?? 1) }

        if let python = root["python"]?.text {
            // "3.10.12" or "CPython 3.10.12".
            let parts = python.split(separator: " ")
            recording.interpreter = InterpreterRecord(implementation: parts.count > 1 ? String(parts[0]) : nil,
                                                      version: parts.last.map(String.init), place: place(root["python"]))
        }
        if let os = root["os"]?.text { recording.platform = platformString(os, place: place(root["os"])) }
        var accelerators = AcceleratorRecord(place: place(root["gpu"] ?? root["gpu_nvidia"]))
        var knowsGPU = false
        if let devices = root["gpu_nvidia"]?.items ?? root["gpu_devices"]?.items {
            accelerators.gpuCount = devices.count
            accelerators.gpuModels = devices.compactMap { $0["name"]?.text }.sorted()
            knowsGPU = true
        } else if let count = root["gpu_count"]?.int {
            accelerators.gpuCount = count
            if let name = root["gpu"]?.text { accelerators.gpuModels = Array(repeating: name, count: max(count, 1)) }
            knowsGPU = true
        }
        if let cuda = root["cuda"]?.text ?? root["cudaVersion"]?.text {
            accelerators.cuda = cuda
            knowsGPU = true
        }
        if knowsGPU { recording.accelerators = accelerators }
        let cores = root["cpu_count_logical"]?.int ?? root["cpu_count"]?.int
        var memory: Int64?
        if let total = root["memory", "total"]?.text, let value = Double(total) {
            // Older clients write GB as a float, newer ones bytes as a string.
            memory = value > 1_000_000 ? Int64(value) : Int64(value * 1_073_741_824)
        }
        if cores != nil || memory != nil {
            recording.hardware = HardwareRecord(cpuModel: nil, logicalCores: cores, memoryBytes: memory, place: place(root["cpu_count"]))
        }
        let directory = (metadataPath as NSString).deletingLastPathComponent
        if let git = root["git"], let commit = git["commit"]?.text {
            let patch = (directory as NSString).appendingPathComponent("diff.patch")
            let dirty = (try? FileManager.default.attributesOfItem(atPath: patch)[.size] as? Int).map { $0 > 0 } ?? false
            recording.code = CodeRecord(commit: commit, dirty: dirty, place: place(git["commit"]))
        }
        let requirements = (directory as NSString).appendingPathComponent("requirements.txt")
        if FileManager.default.fileExists(atPath: requirements) {
            recording.covers(.pypi)
            recording.omitsInstallerTools = true
            PipFreezeReader.addPackages(from: try InputFile.read(requirements), to: &recording)
        }
        let conda = (directory as NSString).appendingPathComponent("conda-environment.yaml")
        if FileManager.default.fileExists(atPath: conda) {
            let condaFile = try InputFile.read(conda)
            let condaRoot = try condaFile.yaml()
            CondaReaders.addEnvironmentDependencies(condaRoot["dependencies"]?.items ?? [], file: condaFile, to: &recording)
        }
        return recording
    }

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

    /// An MLflow model directory: `MLmodel`, and the environment files it names
    /// (`requirements.txt`, `conda.yaml`, `python_env.yaml`).
    static func readMLflow(directory: String, source: String) throws(RecordingError) -> EnvironmentRecording {
        let join = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        let model = try InputFile.read(join("MLmodel"))
        let root = try model.yaml()
        guard let flavors = root["flavors"] else {
            throw RecordingError(path: model.path, line: root.line, key: "flavors", reason: "an MLmodel file needs a flavors mapping")
        }
        var recording = EnvironmentRecording(source: source, format: .mlflow)
        recording.primaryPath = model.path
        if let version = flavors["python_function", "python_version"]?.text {
            recording.interpreter = InterpreterRecord(implementation: "cpython", version: version,
                                                      place: SourcePlace(path: model.path, line: flavors["python_function", "python_version"]?.line ?? 1))
        }
        let pythonEnv = join("python_env.yaml")
        if FileManager.default.fileExists(atPath: pythonEnv) {
            let file = try InputFile.read(pythonEnv)
            let env = try file.yaml()
            if let version = env["python"]?.text {
                recording.interpreter = InterpreterRecord(implementation: "cpython", version: version, place: SourcePlace(path: file.path, line: env["python"]?.line ?? 1))
            }
        }
        let requirements = join("requirements.txt")
        let conda = join("conda.yaml")
        if FileManager.default.fileExists(atPath: requirements) {
            recording.primaryPath = requirements
            recording.covers(.pypi)
            recording.omitsInstallerTools = true
            PipFreezeReader.addPackages(from: try InputFile.read(requirements), to: &recording)
        } else if FileManager.default.fileExists(atPath: conda) {
            let file = try InputFile.read(conda)
            let env = try file.yaml()
            recording.primaryPath = conda
            recording.omitsInstallerTools = true
            // The conda file of a model lists python and pip loosely; only its pip packages are pinned.
            recording.covers(.pypi)
            for item in env["dependencies"]?.items ?? [] {
                for entry in item["pip"]?.items ?? [] {
                    if let text = entry.text { CondaReaders.addPipRequirement(text, line: entry.line, file: file, to: &recording) }
                }
            }
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
        while !stack.isEmpty {
            let component = stack.removeFirst()
            stack += component["components"]?.items ?? []
            seen += 1
            guard let purl = component["purl"]?.text else { continue }
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
        if seen == 0 && root["components"] == nil {
            throw RecordingError(path: file.path, line: root.line, key: "components", reason: "the BOM lists no components")
        }
        if recording.packages[.pypi] == nil { recording.covers(.pypi) }
        recording.omitsInstallerTools = true
        if !system.isEmpty { recording.systemPackages = system }
        return recording
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
