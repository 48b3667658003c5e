/// Every check that ships, gathered from the family registries.
public enum BuiltInRules {
    public static let fileRules: [any FileRule] = manifestPinningRules + dependencyFileRules + commandPinningRules + randomnessFileRules + notebookRules + dataSourceRules + dataDeclarationFileRules + pathRules
    public static let projectRules: [any ProjectRule] = randomnessProjectRules + dependencyProjectRules + dataDeclarationProjectRules
}
