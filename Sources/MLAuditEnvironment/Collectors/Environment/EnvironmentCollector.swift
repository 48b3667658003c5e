import MLAuditCore
/// Collects the `env` section: allowlisted variables (plus `--env` names),
/// with secret-looking names and token-shaped values redacted.
struct EnvironmentCollector {
    let context: SnapshotContext
    let extraNames: [String]

    func collect() -> Section<EnvironmentVariables> {
        let names = Set(EnvironmentAllowlist.names + extraNames.map(Self.variableName).filter { !$0.isEmpty })
        var variables: [String: String] = [:]
        var redacted: [String] = []
        var unset: [String] = []
        for name in names {
            guard let value = context.environment[name] else {
                unset.append(name)
                continue
            }
            if Redaction.nameLooksSecret(name) || Redaction.valueLooksSecret(value) {
                redacted.append(name)
            } else {
                variables[name] = Redaction.stripURLCredentials(value)
            }
        }
        return .ok(EnvironmentVariables(variables: variables, redacted: redacted.sorted(), unset: unset.sorted()))
    }

    /// The variable an `--env` argument names: `NAME=value` (a common slip) names `NAME`,
    /// and the value given there is never recorded.
    static func variableName(_ argument: String) -> String {
        guard let equals = argument.firstIndex(of: "=") else { return argument }
        return String(argument[..<equals])
    }
}
