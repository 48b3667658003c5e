extension BuiltInRules {
    /// PIN002, PIN007–PIN009 (and PIN004–PIN006 inside install commands) over
    /// Dockerfiles, scripts, Makefiles, CI files, compose files and notebooks.
    static let commandPinningRules: [any FileRule] = []
}
