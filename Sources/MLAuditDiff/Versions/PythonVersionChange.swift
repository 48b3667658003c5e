import MLAuditParsers

/// PEP 440 classification of a Python package's version change.
enum PythonVersionChange {
    enum Classification: Equatable {
        /// Either side is not a PEP 440 version (the caller falls back to conda's ordering).
        case unparsed
        case equal
        case changed(PackageChange)
    }

    static func classify(_ old: String, _ new: String) -> Classification {
        guard let a = PEP440Version(old), let b = PEP440Version(new) else { return .unparsed }
        switch VersionChange.classify(from: a, to: b) {
        case .none: return .equal
        case .epoch: return .changed(.epoch)
        case .major: return .changed(.major)
        case .minor: return .changed(.minor)
        case .patch: return .changed(.patch)
        case .prerelease: return .changed(.preRelease)
        case .postrelease: return .changed(.postRelease)
        case .devrelease: return .changed(.devRelease)
        case .local: return .changed(.local)
        }
    }
}
