import Yams

/// Data files of the rule catalogue (`rules/data/*.yaml`): the API lists rules match
/// against, compiled into the binary like the catalogue itself.
public enum RuleData {
    /// The parsed content of `rules/data/<name>.yaml`. A file that fails to parse is a
    /// build defect caught by the catalogue tests, so this traps instead of throwing.
    public static func node(_ name: String) -> Node {
        guard let text = generatedFiles[name] else { preconditionFailure("rules/data/\(name).yaml is not compiled in") }
        do {
            guard let node = try Yams.compose(yaml: text) else { preconditionFailure("rules/data/\(name).yaml is empty") }
            return node
        } catch {
            preconditionFailure("rules/data/\(name).yaml: \(error)")
        }
    }
}
