/// Classifies a version change for ENV001.
public enum VersionClassifier {
    /// nil when the versions are equal under the ecosystem's ordering.
    public static func classify(_ old: String, _ new: String, ecosystem: PackageEcosystem) -> PackageChange? {
        if old == new { return nil }
        if ecosystem == .pypi {
            switch PythonVersionChange.classify(old, new) {
            case .equal: return nil
            case .changed(let change): return change
            case .unparsed: break
            }
        }
        return condaStyle(old, new)
    }

    /// conda's ordering, also the fallback for Python versions PEP 440 cannot parse.
    static func condaStyle(_ oldText: String, _ newText: String) -> PackageChange? {
        let old = CondaVersion(oldText), new = CondaVersion(newText)
        if old == new { return nil }
        if old.epoch != new.epoch { return .epoch }
        if old.sameExceptLocal(new) { return .local }
        guard let index = old.firstDifferingComponent(new) else { return .other }
        if old.differsOnlyInLabel(new, at: index) {
            let labels = (oldText + " " + newText).lowercased()
            if labels.contains("post") { return .postRelease }
            if labels.contains("dev") { return .devRelease }
            return .preRelease
        }
        switch index {
        case 0: return .major
        case 1: return .minor
        default: return .patch
        }
    }
}
