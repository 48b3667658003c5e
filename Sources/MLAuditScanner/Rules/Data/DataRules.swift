extension BuiltInRules {
    /// DAT002 and DAT003: downloads and hub loads that nothing pins.
    static let dataSourceRules: [any FileRule] = [
        UncheckedDownloadRule(),
        HubRevisionRule(),
    ]
}
