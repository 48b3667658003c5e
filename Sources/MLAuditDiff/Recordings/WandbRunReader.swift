import Foundation
import MLAuditEnvironment

/// A Weights & Biases run folder (`wandb/run-…` or `wandb/offline-run-…`). Older
/// clients write `files/wandb-metadata.json`; current ones keep the machine
/// description in the binary `run-<id>.wandb` log and only `requirements.txt`
/// (and `conda-environment.yaml`) in `files/`. Whatever the folder has is read;
/// what it lacks is listed as not compared, with the reason. No file is read
/// through a link that leaves the run folder.
enum WandbRunReader {
    /// The run folder and its `files/` folder for a path naming either, or `wandb-metadata.json`.
    static func folders(for path: String) -> (run: String, files: String) {
        var isDirectory: ObjCBool = false
        var files = path
        if !(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            files = (path as NSString).deletingLastPathComponent
            if files.isEmpty { files = "." }
        } else if FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("files")) {
            files = (path as NSString).appendingPathComponent("files")
        }
        let run = (files as NSString).lastPathComponent == "files" ? (files as NSString).deletingLastPathComponent : files
        return (run.isEmpty ? "." : run, files)
    }

    static func read(path: String, source: String) throws(RecordingError) -> EnvironmentRecording {
        let (run, files) = folders(for: path)
        let join = { (folder: String, name: String) in (folder as NSString).appendingPathComponent(name) }
        var recording = EnvironmentRecording(source: source, format: .wandb)
        recording.primaryPath = join(files, "requirements.txt")
        // W&B lists GPUs whenever the machine has them, so a run without any ran without one.
        recording.recordsAbsentGPUs = true
        var described = false
        let metadataPath = FileManager.default.fileExists(atPath: path) && !isDirectory(path) ? path : join(files, "wandb-metadata.json")
        if let metadata = InputFile.readPart(metadataPath, inside: run, into: &recording) {
            try readMetadata(metadata, into: &recording, run: run)
            recording.primaryPath = metadata.path
            described = true
        } else if let log = logFile(in: run, into: &recording) {
            if let environment = WandbLogDecoder.environment(in: log.bytes) {
                apply(environment, place: SourcePlace(path: log.path), to: &recording)
                described = true
            } else {
                let why = "the W&B run keeps it in \((log.path as NSString).lastPathComponent), whose environment record could not be decoded"
                for section in [DiffSection.python, .platform, .gpu, .git, .hardware] { recording.unavailable[section] = why }
            }
        }
        var hasPackages = false
        if let requirements = InputFile.readPart(join(files, "requirements.txt"), inside: run, into: &recording) {
            recording.covers(.pypi)
            recording.omitsInstallerTools = true
            PipFreezeReader.addPackages(from: requirements, to: &recording)
            hasPackages = true
        }
        if let conda = InputFile.readPart(join(files, "conda-environment.yaml"), inside: run, into: &recording) {
            let condaRoot = try conda.yaml()
            CondaReaders.addEnvironmentDependencies(condaRoot["dependencies"]?.items ?? [], file: conda, to: &recording)
            hasPackages = true
        }
        guard described || hasPackages else {
            if let problem = recording.problems.first { throw RecordingError(path: problem.path, reason: problem.reason) }
            throw RecordingError(path: source, reason: "a W&B run folder needs files/requirements.txt, files/wandb-metadata.json "
                + "or a run-<id>.wandb log; none is here")
        }
        if !described && recording.unavailable.isEmpty {
            let why = "the W&B run has no wandb-metadata.json or .wandb log"
            for section in [DiffSection.python, .platform, .gpu, .git, .hardware] { recording.unavailable[section] = why }
        }
        if !described { recording.recordsAbsentGPUs = false }
        return recording
    }

    static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    /// The run's `run-<id>.wandb` log, if there is exactly one.
    static func logFile(in run: String, into recording: inout EnvironmentRecording) -> InputFile? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: run)) ?? []).filter { $0.hasSuffix(".wandb") }.sorted()
        guard let name = names.first else { return nil }
        return InputFile.readPart((run as NSString).appendingPathComponent(name), inside: run, into: &recording)
    }

    static func apply(_ environment: WandbEnvironment, place: SourcePlace, to recording: inout EnvironmentRecording) {
        if let python = environment.python { recording.interpreter = interpreter(python, place: place) }
        if let os = environment.os { recording.platform = TrackerReaders.platformString(os, place: place) }
        var accelerators = AcceleratorRecord(gpuCount: environment.gpuNames.isEmpty ? environment.gpuCount ?? 0 : environment.gpuNames.count,
                                             place: place)
        if !environment.gpuNames.isEmpty {
            accelerators.gpuModels = environment.gpuNames.sorted()
        } else if let type = environment.gpuType, let count = environment.gpuCount, count > 0 {
            accelerators.gpuModels = Array(repeating: type, count: count)
        }
        accelerators.cuda = environment.cudaVersion
        recording.accelerators = accelerators
        let memory = environment.memoryTotal.flatMap { $0 <= UInt64(Int64.max) ? Int64($0) : nil }
        if environment.cpuCountLogical != nil || memory != nil || environment.cpuModel != nil {
            recording.hardware = HardwareRecord(cpuModel: environment.cpuModel, logicalCores: environment.cpuCountLogical ?? environment.cpuCount,
                                                memoryBytes: memory, place: place)
        }
        if let commit = environment.gitCommit, !commit.isEmpty { recording.code = CodeRecord(commit: commit, dirty: nil, place: place) }
    }

    /// `3.10.12` or `CPython 3.10.12`.
    static func interpreter(_ text: String, place: SourcePlace) -> InterpreterRecord {
        let parts = text.split(separator: " ")
        return InterpreterRecord(implementation: parts.count > 1 ? String(parts[0]) : nil, version: parts.last.map(String.init), place: place)
    }

    /// `wandb-metadata.json`, as older clients (and `wandb sync`ed runs) write it.
    static func readMetadata(_ file: InputFile, into recording: inout EnvironmentRecording, run: String) throws(RecordingError) {
        let root = try file.json()
        guard root.isMapping else { throw RecordingError(path: file.path, line: root.line, reason: "wandb-metadata.json must be an object") }
        let place = { (node: DocumentNode?) in SourcePlace(path: file.path, line: node?.line ?? 1) }
        if let python = root["python"]?.text { recording.interpreter = interpreter(python, place: place(root["python"])) }
        if let os = root["os"]?.text { recording.platform = TrackerReaders.platformString(os, place: place(root["os"])) }
        var accelerators = AcceleratorRecord(gpuCount: 0, place: place(root["gpu"] ?? root["gpu_nvidia"]))
        if let devices = root["gpu_nvidia"]?.items ?? root["gpu_devices"]?.items {
            accelerators.gpuCount = devices.count
            accelerators.gpuModels = devices.compactMap { $0["name"]?.text }.sorted()
        } else if let count = root["gpu_count"]?.int {
            accelerators.gpuCount = max(count, 0)
            if let name = root["gpu"]?.text, count > 0 { accelerators.gpuModels = Array(repeating: name, count: min(count, 1024)) }
        }
        accelerators.cuda = root["cuda"]?.text ?? root["cudaVersion"]?.text ?? root["cuda_version"]?.text
        recording.accelerators = accelerators
        let cores = root["cpu_count_logical"]?.int ?? root["cpu_count"]?.int
        var memory: Int64?
        if let total = root["memory", "total"]?.text, let value = Double(total), value.isFinite, value >= 0 {
            // Older clients write GB as a float, newer ones bytes as a string.
            let bytes = value > 1_000_000 ? value : value * 1_073_741_824
            memory = bytes < 9.2e18 ? Int64(bytes) : nil
        }
        if cores != nil || memory != nil {
            recording.hardware = HardwareRecord(cpuModel: nil, logicalCores: cores, memoryBytes: memory, place: place(root["cpu_count"]))
        }
        if let git = root["git"], let commit = git["commit"]?.text {
            let patch = ((file.path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("diff.patch")
            let dirty = ConfinedFile.size(patch, inside: run).map { $0 > 0 } ?? false
            recording.code = CodeRecord(commit: commit, dirty: dirty, place: place(git["commit"]))
        }
    }
}
