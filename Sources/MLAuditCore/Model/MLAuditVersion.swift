public enum MLAuditVersion {
    /// The version of this build (semantic versioning).
    public static let current = "0.1.0"
    public static let informationURI = "https://github.com/mlaudit/mlaudit"
}
