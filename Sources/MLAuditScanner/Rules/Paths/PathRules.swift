extension BuiltInRules {
    /// PATH001–PATH003 over code, shell text and configuration values.
    static let pathRules: [any FileRule] = [MachinePathRule()]
}
