import MLAuditDiff

/// Every recording format `mlaudit diff` reads, through the same path as the
/// command: the first byte picks the format (or content detection), the rest is
/// the file. Run records read sibling files: for W&B and MLflow the rest is split
/// at NUL bytes into the main file and its siblings. Each recording read is then
/// compared with itself, with nothing, and with every version changed, and the
/// comparison rendered as the text table.
enum DiffReadersTarget {
    /// The formats the first byte chooses among; `nil` means detection from the content.
    static let choices: [RecordingFormat?] = RecordingFormat.readable.map { $0 } + [nil]

    /// File names each format is written under (detection by name must agree with the forced format).
    static func fileName(_ format: RecordingFormat?) -> String {
        switch format {
        case .poetryLock: "poetry.lock"
        case .uvLock: "uv.lock"
        case .pipfileLock: "Pipfile.lock"
        case .pdmLock: "pdm.lock"
        case .pylock: "pylock.toml"
        case .condaLock: "conda-lock.yml"
        case .wandb: "files/wandb-metadata.json"
        case .mlflow: "model/MLmodel"
        case .sacred: "run.json"
        default: "recording"
        }
    }

    static let siblings: [RecordingFormat: [String]] = [
        .wandb: ["files/requirements.txt", "files/conda-environment.yaml"],
        .mlflow: ["model/requirements.txt", "model/conda.yaml", "model/python_env.yaml"],
    ]

    static func run(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let format = choices[Int(selector) % choices.count]
        read(format: format, content: bytes.dropFirst())
    }

    static func read(format: RecordingFormat?, content: ArraySlice<UInt8>) {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        var parts = [content]
        if let format, let names = siblings[format] {
            parts = content.split(separator: 0, maxSplits: names.count, omittingEmptySubsequences: false)
            for (name, part) in zip(names, parts.dropFirst()) { scratch.write(name, part) }
        }
        let path = scratch.write(fileName(format), parts.first ?? [])
        let recording: EnvironmentRecording
        do throws(RecordingError) {
            recording = try RecordingLoader.load(path: path, format: format)
        } catch {
            if let line = error.line { invariant(line >= 1, "error at line \(line): \(error)") }
            return
        }
        check(recording)
        compare(recording)
    }

    static func check(_ recording: EnvironmentRecording) {
        for problem in recording.problems {
            if let line = problem.line { invariant(line >= 1, "problem at line \(line): \(problem.reason)") }
        }
        for packages in recording.packages.values {
            for package in packages.values {
                if let place = package.place { invariant(place.line >= 1, "\(package.name) at line \(place.line)") }
            }
        }
    }

    static func compare(_ recording: EnvironmentRecording) {
        var changed = recording
        for (ecosystem, packages) in changed.packages {
            for name in packages.keys { changed.packages[ecosystem]?[name]?.version = "1.0" }
        }
        let empty = EnvironmentRecording(source: "nothing", format: recording.format)
        let renderer = DiffTableRenderer()
        for (old, new) in [(recording, recording), (recording, empty), (empty, recording), (changed, recording)] {
            let result = EnvironmentComparison.compare(old, new)
            _ = renderer.render(differences: result.differences, findings: result.findings, skipped: result.skipped, problems: [])
        }
    }
}
