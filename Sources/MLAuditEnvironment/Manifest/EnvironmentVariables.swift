/// Allowlisted environment variables that affect determinism or the toolchain.
public struct EnvironmentVariables: Codable, Sendable, Equatable {
    /// Name → value for allowlisted variables that are set (URL credentials
    /// removed).
    public var variables: [String: String]
    /// Allowlisted variables that are set but whose value was withheld
    /// because the name or the value looks secret; sorted.
    public var redacted: [String]
    /// Allowlisted variables that are not set; sorted. Lets a diff tell
    /// "unset" from "not recorded".
    public var unset: [String]
}
