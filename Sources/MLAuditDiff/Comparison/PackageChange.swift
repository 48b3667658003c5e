import MLAuditCore

/// How a package's version (or build) changed, most significant first; decides ENV001's level.
public enum PackageChange: String, Sendable, Hashable {
    case epoch
    case major
    /// Same public version, different local label (`+cu118` → `+cu121`).
    case local
    /// Same version, different conda build string.
    case build
    /// Same version, built from another VCS commit.
    case commit
    /// Same version, different archive hash.
    case archive
    /// Same version, installed another way (a hashed wheel, then an editable checkout).
    case origin
    case minor
    case patch
    case preRelease = "pre-release"
    case postRelease = "post-release"
    case devRelease = "dev-release"
    /// Versions that differ in a way no finer rule describes (unparseable spellings).
    case other

    public var severity: Severity {
        switch self {
        case .epoch, .major, .local, .build, .commit, .archive, .origin: .error
        case .minor, .other: .warning
        case .patch, .preRelease, .postRelease, .devRelease: .note
        }
    }

    public var explanation: String {
        switch self {
        case .epoch: "version epoch changed"
        case .major: "major version"
        case .local: "local build label changed: a different build of the package"
        case .build: "same version, different conda build"
        case .commit: "same version built from another commit"
        case .archive: "same version from a different archive"
        case .origin: "same version installed from another source"
        case .minor: "minor version"
        case .patch: "patch version"
        case .preRelease: "pre-release changed"
        case .postRelease: "post-release changed"
        case .devRelease: "development release changed"
        case .other: "version changed"
        }
    }
}
