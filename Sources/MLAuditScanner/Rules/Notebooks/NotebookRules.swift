extension BuiltInRules {
    /// NBK001–NBK003, from the notebook JSON (any kernel language).
    static let notebookRules: [any FileRule] = [
        OutOfOrderExecutionRule(),
        HiddenStateRule(),
        ErrorOutputRule(),
    ]
}
