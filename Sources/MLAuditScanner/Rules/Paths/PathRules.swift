import MLAuditCore

extension BuiltInRules {
    /// PATH001–PATH003: user homes, machine-specific and home-relative paths.
    static let pathRules: [any FileRule] = [MachinePathRule()]
}

/// PATH001 (a user's home), PATH002 (a machine-specific location) and PATH003 (a
/// location below whoever's home) over code, notebooks, scripts and configuration.
/// One check reads each file once for all three; container definitions (Dockerfiles,
/// dev containers, the container side of compose files) and CI definitions are not read.
struct MachinePathRule: FileRule {
    let ruleIDs = ["PATH001", "PATH002", "PATH003"]

    static let kinds: Set<FileKind> = [.python, .setupPy, .notebook, .shell, .makefile, .yaml, .condaEnvironment, .compose, .json, .toml,
                                       .pyproject, .pipfile, .ini, .setupCfg, .pipConfig]

    func applies(to kind: FileKind) -> Bool { Self.kinds.contains(kind) }

    func check(_ file: FileContext) {
        if Self.isContainerDefinition(file.relativePath) || Self.isGitHubConfiguration(file.relativePath) { return }
        let reporter = PathReporter(file)
        switch file.kind {
        case .python, .setupPy, .notebook:
            if let source = file.python { PythonPathSites.check(source, reporter) }
            if file.kind == .notebook { ShellPathSites.check(file, reporter) }
        case .shell, .makefile:
            ShellPathSites.check(file, reporter)
        case .yaml, .condaEnvironment:
            YAMLPathSites.check(file, reporter)
        case .compose:
            ComposePathSites.check(file, reporter)
        case .json:
            JSONPathSites.check(file, reporter)
        case .toml, .pyproject, .pipfile:
            TOMLPathSites.check(file, reporter)
        case .ini, .setupCfg, .pipConfig:
            INIPathSites.check(file, reporter)
        default:
            break
        }
    }

    /// `.github/` files (dependabot, labelers, templates) give paths relative to the repository.
    static func isGitHubConfiguration(_ path: String) -> Bool {
        path.hasPrefix(".github/") || path.containsBytes("/.github/")
    }

    /// Dev container definitions describe paths inside the container.
    static func isContainerDefinition(_ path: String) -> Bool {
        path.hasPrefix(".devcontainer/") || path.containsBytes("/.devcontainer/") || path.hasSuffix("devcontainer.json")
    }
}
