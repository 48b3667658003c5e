/// What a file is, decided from its path alone (and a shebang for extension-less scripts).
public enum FileKind: String, Sendable, Hashable, CaseIterable, Codable {
    case python
    case notebook
    /// requirements*.txt, requirements/*.txt, constraints*.txt and the like.
    case requirements
    /// requirements*.in: inputs of a compiler such as pip-compile.
    case requirementsInput
    case pyproject
    case pipfile
    case pipfileLock
    case poetryLock
    case uvLock
    case pdmLock
    case pylock
    case setupCfg
    case setupPy
    /// conda environment.yml / .yaml.
    case condaEnvironment
    case condaLock
    case dockerfile
    case compose
    case githubWorkflow
    /// A composite or Docker GitHub action definition (action.yml).
    case githubAction
    case gitlabCI
    case shell
    case makefile
    case pipConfig
    /// Other YAML, JSON, TOML, INI/cfg files: configuration for PATH checks.
    case yaml
    case json
    case toml
    case ini
    /// Anything else: data, models, documentation, binaries. Never read by file checks.
    case other

    /// Classifies a `/`-separated relative path.
    public static func classify(path: String) -> FileKind {
        let slash = path.lastIndex(of: "/")
        let lower = (slash.map { path[path.index(after: $0)...] } ?? path[...]).lowercased()
        let parent: String
        if let slash {
            let dir = path[..<slash]
            parent = (dir.lastIndex(of: "/").map { dir[dir.index(after: $0)...] } ?? dir).lowercased()
        } else {
            parent = ""
        }

        switch lower {
        case "pyproject.toml": return .pyproject
        case "pipfile": return .pipfile
        case "pipfile.lock": return .pipfileLock
        case "poetry.lock": return .poetryLock
        case "uv.lock": return .uvLock
        case "pdm.lock": return .pdmLock
        case "setup.cfg": return .setupCfg
        case "setup.py": return .setupPy
        case "makefile", "gnumakefile": return .makefile
        case "pip.conf", "pip.ini": return .pipConfig
        case ".gitlab-ci.yml", ".gitlab-ci.yaml": return .gitlabCI
        case "conda-lock.yml", "conda-lock.yaml": return .condaLock
        case "action.yml", "action.yaml": return .githubAction
        default: break
        }
        let ext = lower.lastIndex(of: ".").map { String(lower[lower.index(after: $0)...]) } ?? ""
        if lower == "dockerfile" || lower == "containerfile" || lower.hasPrefix("dockerfile.") || lower.hasPrefix("containerfile.")
            || ext == "dockerfile" || ext == "containerfile" {
            return .dockerfile
        }
        switch ext {
        case "py", "pyi": return .python
        case "ipynb": return .notebook
        case "sh", "bash", "zsh": return .shell
        case "mk": return .makefile
        default: break
        }
        if ext == "txt" && isRequirementsName(stem: String(lower.dropLast(4)), parent: parent, path: path) { return .requirements }
        if ext == "in" && isRequirementsName(stem: String(lower.dropLast(3)), parent: parent, path: path) { return .requirementsInput }
        if ext == "toml" && lower.hasPrefix("pylock.") { return .pylock }
        if ext == "yml" || ext == "yaml" {
            if path.hasPrefix(".github/workflows/") || path.contains("/.github/workflows/") { return .githubWorkflow }
            if lower.hasPrefix("docker-compose") || lower.hasPrefix("compose.") || lower.hasPrefix("compose-") { return .compose }
            if lower.hasSuffix(".conda-lock.yml") || lower.hasSuffix(".conda-lock.yaml") { return .condaLock }
            if isCondaEnvironmentName(lower) { return .condaEnvironment }
            return .yaml
        }
        switch ext {
        case "json": return .json
        case "toml": return .toml
        case "ini", "cfg", "conf": return .ini
        default: return .other
        }
    }

    /// `requirements*.txt`, `test-requirements-extra.txt`, `dev_constraints.txt`, and any
    /// `.txt` under a `requirements/` (or `reqs/`) directory, however deep (`requirements/fabric/base.txt`).
    private static func isRequirementsName(stem: String, parent: String, path: String) -> Bool {
        if parent == "requirements" || parent == "reqs" { return true }
        if stem.contains("requirements") || stem.hasPrefix("constraints")
            || stem.hasSuffix("-constraints") || stem.hasSuffix("_constraints") {
            return true
        }
        let lowerPath = path.lowercased()
        return lowerPath.hasPrefix("requirements/") || lowerPath.contains("/requirements/")
            || lowerPath.hasPrefix("reqs/") || lowerPath.contains("/reqs/")
    }

    /// `environment*.yml`, `env*.yml`, `conda*.yml` (`conda.yaml`, `conda-extras.yaml`,
    /// `conda_env.yml`): the names conda environment files go by. Lock files are classified before.
    private static func isCondaEnvironmentName(_ lower: String) -> Bool {
        if lower.hasPrefix("environment") || lower.hasPrefix("conda") { return true }
        // `env.yml`, `env-gpu.yaml`, `env_cuda.yml`; not `envoy.yaml` or `envs.yaml`.
        guard lower.hasPrefix("env") else { return false }
        let rest = lower.dropFirst(3)
        return rest.hasPrefix(".") || rest.hasPrefix("-") || rest.hasPrefix("_")
    }
}
