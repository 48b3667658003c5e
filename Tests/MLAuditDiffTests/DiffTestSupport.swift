import Foundation
import MLAuditDiff
import MLAuditTestSupport

/// Paths of the recordings in fixtures/diff.
enum DiffFixtures {
    static func path(_ relative: String) -> String {
        PackagePaths.fixtures.appendingPathComponent("diff").appendingPathComponent(relative).path
    }

    /// One recording of the same environment per supported format.
    static let sameEnvironment: [String] = [
        "manifest/old.json", "pip-freeze/requirements-old.txt", "pip-list/pip-list.json", "pip-inspect/pip-inspect.json",
        "conda-env/environment-old.yml", "conda-explicit/explicit.txt", "conda-list/conda-list-export.txt",
        "conda-lock/conda-lock.yml", "poetry/poetry.lock", "uv/uv.lock", "pipfile/Pipfile.lock", "pylock/pylock.toml",
        "wandb/run-20240312_101500-3kx9f2ab", "sacred/1/run.json", "mlflow/model", "cyclonedx/sbom.cdx.json",
    ]

    static func load(_ relative: String) throws -> EnvironmentRecording {
        try RecordingLoader.load(path: path(relative))
    }
}

/// Reads `text` written to a temporary file named `name` as a recording.
func readRecording(_ name: String, _ text: String, format: RecordingFormat? = nil) throws -> EnvironmentRecording {
    let tree = try TemporaryTree(files: [name: text])
    return try withExtendedLifetime(tree) { try RecordingLoader.load(path: tree.url.appendingPathComponent(name).path, format: format) }
}

/// The error reading `text` as `name` gives, or nil when it reads.
func readError(_ name: String, _ text: String, format: RecordingFormat? = nil) -> RecordingError? {
    do {
        _ = try readRecording(name, text, format: format)
        return nil
    } catch let error as RecordingError {
        return error
    } catch {
        return nil
    }
}
