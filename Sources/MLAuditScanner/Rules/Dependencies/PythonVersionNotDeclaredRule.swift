import MLAuditCore

/// DEC003: Python code, and no interpreter version declared anywhere. Reported once, at
/// line 1 of the project's main manifest (where a version would be declared), or of the
/// first Python code file in path order when the project has no manifest.
struct PythonVersionNotDeclaredRule: ProjectRule {
    let ruleIDs = ["DEC003"]

    /// Root-level manifests, in the order a reader looks for the project's Python version.
    static let manifests = ["pyproject.toml", "setup.cfg", "setup.py", "Pipfile", "environment.yml", "environment.yaml",
                            "requirements.txt"]

    func check(_ project: ProjectContext) {
        guard project.index.isComplete else { return }
        let code = project.index.files.filter { $0.kind == .python || $0.kind == .notebook || $0.kind == .setupPy }
        guard let first = code.min(by: { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }) else { return }
        let deps = ProjectDependencies(project)
        guard PythonVersionSources.declarations(project, deps).isEmpty else { return }
        let anchor = Self.manifests.lazy.compactMap { project.index.file(at: $0) }.first ?? first
        project.report("DEC003", in: anchor, line: 1,
                       message: "the project has Python code but declares no Python version: set requires-python in pyproject.toml, or add a .python-version file (e.g. 3.11)")
    }
}
