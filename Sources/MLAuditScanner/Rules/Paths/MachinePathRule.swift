import MLAuditCore
import MLAuditParsers
import Yams

/// PATH001–PATH003: paths that only exist on one machine (a user's home, a cluster
/// mount, a drive letter) or depend on who runs the code (`~/…`), in Python and
/// notebook code, shell text, and config values. Reported once per line and rule.
struct MachinePathRule: FileRule {
    let ruleIDs = ["PATH001", "PATH002", "PATH003"]

    static let configKinds: Set<FileKind> = [.yaml, .json, .toml, .ini, .pyproject, .setupCfg, .pipConfig, .condaEnvironment,
                                             .compose, .githubWorkflow, .githubAction, .gitlabCI]

    func applies(to kind: FileKind) -> Bool {
        kind == .python || kind == .notebook || kind == .shell || kind == .makefile || Self.configKinds.contains(kind)
    }

    func check(_ file: FileContext) {
        // Dependabot's `directory:` values are relative to the repository root.
        if RelativePath.name(of: file.relativePath).hasPrefix("dependabot.") { return }
        var reporter = PathReporter(file: file)
        switch file.kind {
        case .python, .notebook:
            if let source = file.python { PythonPaths.check(source, &reporter) }
            if file.kind == .notebook { ShellPaths.check(file, &reporter) }
        case .shell, .makefile:
            ShellPaths.check(file, &reporter)
        case .json:
            ConfigPaths.checkJSON(file, &reporter)
        case .toml, .pyproject:
            ConfigPaths.checkTOML(file, &reporter)
        case .ini, .setupCfg, .pipConfig:
            ConfigPaths.checkINI(file, &reporter)
        default:
            ConfigPaths.checkYAML(file, &reporter)
        }
    }
}

/// Reports path matches once per line and rule, with messages per kind.
struct PathReporter {
    let file: FileContext
    private var seen = Set<String>()

    init(file: FileContext) { self.file = file }

    /// CI runners are machines defined by the workflow itself: caching under `~/.cache`
    /// there is the documented practice, not a dependence on someone's home.
    var skipsHomeRelative: Bool { [.githubWorkflow, .githubAction, .gitlabCI].contains(file.kind) }

    mutating func report(_ match: PathClassifier.Match, atFileByte offset: Int, cell: Int? = nil) {
        if match.kind == .homeRelative && skipsHomeRelative { return }
        let position = file.position(ofByte: offset)
        let rule: String
        let message: String
        switch match.kind {
        case .userHome:
            rule = "PATH001"
            message = "`\(match.path)` is inside one user's home directory and exists on no other machine; use a path relative to the project, or read it from configuration or an environment variable"
        case .machine:
            rule = "PATH002"
            message = "`\(match.path)` is a machine-specific location; make it relative to the project or a configurable root (a config value, a command-line argument, an environment variable)"
        case .homeRelative:
            rule = "PATH003"
            message = "`\(match.path)` depends on the home directory of whoever runs the code; keep data and configuration inside the project or make the location configurable"
        }
        guard seen.insert("\(rule):\(position.line)").inserted else { return }
        file.report(rule, line: position.line, column: position.column, message: message, cell: cell)
    }
}
