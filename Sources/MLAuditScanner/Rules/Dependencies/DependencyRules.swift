extension BuiltInRules {
    /// The facts the dependency rules share, and LCK003 per requirements file.
    static let dependencyFileRules: [any FileRule] = [DependencyFactsRule(), RequirementsWithoutHashesRule()]
    /// DEC001–DEC003, LCK001 and LCK002 look at the project as a whole.
    static let dependencyProjectRules: [any ProjectRule] = [
        UndeclaredImportRule(), PythonVersionNotDeclaredRule(), LockfileMissingRule(), LockfileOutOfSyncRule(),
    ]
}
