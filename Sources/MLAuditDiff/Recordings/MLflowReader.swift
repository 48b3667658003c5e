import Foundation

/// MLflow recordings: a model folder (`MLmodel` with `requirements.txt`,
/// `conda.yaml`, `python_env.yaml`), a `python_env.yaml` on its own, and a run
/// folder (`mlruns/<experiment>/<run>/`: the git commit in `tags/`, the logged
/// model under `artifacts/` (MLflow 2) or `../models/<model id>/artifacts/`
/// (MLflow 3)). A model's requirements are the packages it asked for, not the
/// whole environment. No file is read through a link that leaves the folder.
enum MLflowReader {
    static func join(_ folder: String, _ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    /// A run folder: has `meta.yaml` and a `tags` folder (and no `MLmodel`).
    static func isRunFolder(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: join(folder, "meta.yaml")) && FileManager.default.fileExists(atPath: join(folder, "tags"))
            && !FileManager.default.fileExists(atPath: join(folder, "MLmodel"))
    }

    /// `path`: a model or run folder, or a file detected as `MLmodel` or `python_env.yaml` by its content.
    static func read(directory path: String, source: String) throws(RecordingError) -> EnvironmentRecording {
        guard !WandbRunReader.isDirectory(path) else {
            if isRunFolder(path) { return try readRun(path, source: source) }
            return try readModel(path, source: source, root: path)
        }
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let isModel = try InputFile.read(path).lines.contains { $0.text.hasPrefix("flavors:") }
        return try readModel(folder, source: source, root: folder, modelName: isModel ? name : "MLmodel",
                             environmentName: isModel ? "python_env.yaml" : name)
    }

    /// A run: the logged model's environment, plus the commit MLflow tagged the run with.
    static func readRun(_ run: String, source: String) throws(RecordingError) -> EnvironmentRecording {
        let experiment = (run as NSString).deletingLastPathComponent.isEmpty ? "." : (run as NSString).deletingLastPathComponent
        var recording: EnvironmentRecording
        if let model = modelFolder(of: run, experiment: experiment) {
            recording = try readModel(model, source: source, root: experiment)
        } else {
            recording = EnvironmentRecording(source: source, format: .mlflow)
            recording.primaryPath = join(run, "meta.yaml")
            recording.unavailable[.packages] = "the MLflow run logged no model with requirements"
            recording.unavailable[.python] = "the MLflow run logged no model"
        }
        let commitPath = join(join(run, "tags"), "mlflow.source.git.commit")
        if let tag = InputFile.readPart(commitPath, inside: run, into: &recording) {
            let commit = tag.text.trimmed
            if !commit.isEmpty { recording.code = CodeRecord(commit: commit, dirty: nil, place: SourcePlace(path: tag.path)) }
        }
        return recording
    }

    /// The model a run logged: `artifacts/MLmodel`, `artifacts/<name>/MLmodel` (MLflow 2),
    /// or the model its `outputs/<id>` names under the experiment's `models/` (MLflow 3).
    static func modelFolder(of run: String, experiment: String) -> String? {
        let artifacts = join(run, "artifacts")
        if FileManager.default.fileExists(atPath: join(artifacts, "MLmodel")) { return artifacts }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: artifacts)) ?? []).sorted()
        if let name = names.first(where: { FileManager.default.fileExists(atPath: join(join(artifacts, $0), "MLmodel")) }) {
            return join(artifacts, name)
        }
        let outputs = ((try? FileManager.default.contentsOfDirectory(atPath: join(run, "outputs"))) ?? []).sorted()
        for id in outputs where !id.contains("/") && id != ".." && id != "." {
            let model = join(join(join(experiment, "models"), id), "artifacts")
            if FileManager.default.fileExists(atPath: join(model, "MLmodel")) { return model }
        }
        return nil
    }

    /// A model folder, or a folder with only `python_env.yaml` (and the requirements it names).
    static func readModel(_ directory: String, source: String, root: String, modelName: String = "MLmodel",
                          environmentName: String = "python_env.yaml") throws(RecordingError) -> EnvironmentRecording {
        var recording = EnvironmentRecording(source: source, format: .mlflow)
        recording.listsDirectRequirementsOnly = true
        recording.omitsInstallerTools = true
        if let model = InputFile.readPart(join(directory, modelName), inside: root, into: &recording) {
            let node = try model.yaml()
            guard let flavors = node["flavors"] else {
                throw RecordingError(path: model.path, line: node.line, key: "flavors", reason: "an MLmodel file needs a flavors mapping")
            }
            recording.primaryPath = model.path
            if let version = flavors["python_function", "python_version"] {
                recording.interpreter = InterpreterRecord(implementation: "cpython", version: version.text,
                                                          place: SourcePlace(path: model.path, line: version.line))
            }
        }
        var requirementFiles: [String] = []
        if let file = InputFile.readPart(join(directory, environmentName), inside: root, into: &recording) {
            let env = try file.yaml()
            if recording.primaryPath == source { recording.primaryPath = file.path }
            if let version = env["python"] {
                recording.interpreter = InterpreterRecord(implementation: "cpython", version: version.text,
                                                          place: SourcePlace(path: file.path, line: version.line))
            }
            for item in env["dependencies"]?.items ?? [] {
                guard let text = item.text?.trimmed else { continue }
                if text.hasPrefix("-r ") {
                    requirementFiles.append(String(text.dropFirst(3)).trimmed)
                } else {
                    recording.covers(.pypi)
                    CondaReaders.addPipRequirement(text, line: item.line, file: file, to: &recording)
                }
            }
        }
        if requirementFiles.isEmpty { requirementFiles = ["requirements.txt"] }
        var readRequirements = false
        for name in requirementFiles where !name.hasPrefix("/") && !name.contains("..") {
            guard let file = InputFile.readPart(join(directory, name), inside: root, into: &recording) else { continue }
            // Findings without a package line point at the requirements, where a fix would go.
            recording.primaryPath = file.path
            recording.covers(.pypi)
            PipFreezeReader.addPackages(from: file, to: &recording)
            readRequirements = true
        }
        if !readRequirements, let file = InputFile.readPart(join(directory, "conda.yaml"), inside: root, into: &recording) {
            let env = try file.yaml()
            if recording.primaryPath == source { recording.primaryPath = file.path }
            // The conda file of a model lists python and pip loosely; only its pip packages are pinned.
            recording.covers(.pypi)
            for item in env["dependencies"]?.items ?? [] {
                for entry in item["pip"]?.items ?? [] {
                    if let text = entry.text { CondaReaders.addPipRequirement(text, line: entry.line, file: file, to: &recording) }
                }
            }
        }
        if recording.primaryPath == source && recording.packages.isEmpty && recording.interpreter == nil {
            throw RecordingError(path: source, reason: "no MLflow model here: expected MLmodel, python_env.yaml or requirements.txt")
        }
        return recording
    }
}
