extension BuiltInRules {
    /// RND002–RND005 per file, and the facts the project-wide RND001 needs.
    static let randomnessFileRules: [any FileRule] = [
        RandomnessFactsRule(),
        MissingRandomStateRule(),
        NondeterministicSeedRule(),
        NondeterministicGPUConfigRule(),
        DataLoaderWorkerSeedRule(),
    ]
    static let randomnessProjectRules: [any ProjectRule] = [UnseededRandomnessRule()]
}
