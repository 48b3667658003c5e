/// PEP 440 classification of a Python package's version change.
enum PythonVersionChange {
    enum Classification: Equatable {
        /// Either side is not a PEP 440 version (the caller falls back to conda's ordering).
        case unparsed
        case equal
        case changed(PackageChange)
    }

    static func classify(_ old: String, _ new: String) -> Classification {
        .unparsed
    }

    static func isUpgrade(_ old: String, _ new: String) -> Bool? {
        nil
    }
}
