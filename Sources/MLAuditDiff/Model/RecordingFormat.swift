/// The kinds of recording `mlaudit diff` reads (names used by `--old-format`/`--new-format`).
public enum RecordingFormat: String, Sendable, CaseIterable, Hashable {
    case manifest
    case pipFreeze = "pip-freeze"
    case pipList = "pip-list"
    case pipInspect = "pip-inspect"
    case condaEnv = "conda-env"
    case condaExplicit = "conda-explicit"
    case condaList = "conda-list"
    case condaLock = "conda-lock"
    case poetryLock = "poetry-lock"
    case uvLock = "uv-lock"
    case pipfileLock = "pipfile-lock"
    case pdmLock = "pdm-lock"
    case pylock
    case wandb
    case sacred
    case mlflow
    case cyclonedx
    /// The machine `mlaudit diff` runs on.
    case live

    /// What the format is, for help and messages.
    public var title: String {
        switch self {
        case .manifest: "mlaudit manifest (mlaudit snapshot)"
        case .pipFreeze: "pip freeze output or pinned requirements"
        case .pipList: "pip list --format=json"
        case .pipInspect: "pip inspect JSON"
        case .condaEnv: "conda env export YAML"
        case .condaExplicit: "conda list --explicit"
        case .condaList: "conda list --export"
        case .condaLock: "conda-lock YAML"
        case .poetryLock: "poetry.lock"
        case .uvLock: "uv.lock"
        case .pipfileLock: "Pipfile.lock"
        case .pdmLock: "pdm.lock"
        case .pylock: "pylock.toml (PEP 751)"
        case .wandb: "Weights & Biases run folder (wandb-metadata.json, or an offline run's .wandb log)"
        case .sacred: "Sacred run.json"
        case .mlflow: "MLflow model directory (MLmodel), run folder (mlruns/<experiment>/<run>) or python_env.yaml"
        case .cyclonedx: "CycloneDX JSON SBOM"
        case .live: "the live environment"
        }
    }

    /// Formats a user can name on the command line.
    public static var readable: [RecordingFormat] { allCases.filter { $0 != .live } }
}
