import MLAuditCore

/// DEC003: Python code, and no interpreter version declared anywhere. Reported once,
/// at line 1 of the first Python code file in path order.
struct PythonVersionNotDeclaredRule: ProjectRule {
    let ruleIDs = ["DEC003"]

    func check(_ project: ProjectContext) {
        guard project.index.isComplete else { return }
        let code = project.index.files.filter { $0.kind == .python || $0.kind == .notebook || $0.kind == .setupPy }
        guard let first = code.min(by: { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }) else { return }
        let deps = ProjectDependencies(project)
        guard PythonVersionSources.declarations(project, deps).isEmpty else { return }
        project.report("DEC003", in: first, line: 1,
                       message: "the project has Python code but declares no Python version: set requires-python in pyproject.toml, or add a .python-version file (e.g. 3.11)")
    }
}
