extension BuiltInRules {
    /// PIN001, PIN003–PIN006 over dependency manifests.
    static let manifestPinningRules: [any FileRule] = [
        RequirementNotPinnedRule(),
        CondaDependencyNotPinnedRule(),
        VCSRequirementNotPinnedRule(),
        URLRequirementWithoutHashRule(),
        ExtraIndexURLRule(),
    ]
}
