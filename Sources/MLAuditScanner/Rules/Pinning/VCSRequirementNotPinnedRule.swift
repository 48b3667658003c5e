import MLAuditCore
import MLAuditParsers

/// PIN004: a `git+`/`hg+` requirement in a dependency manifest whose revision is
/// not a full commit hash (a branch, a tag, an abbreviated hash, or nothing).
/// Applies whatever the project kind: a VCS URL is unreproducible in package
/// metadata too.
struct VCSRequirementNotPinnedRule: FileRule {
    let ruleIDs = ["PIN004"]

    func applies(to kind: FileKind) -> Bool { ManifestRequirements.kinds.contains(kind) }

    func check(_ file: FileContext) {
        for requirement in file.manifestRequirements {
            guard let vcs = requirement.vcs, vcs.kind == .git || vcs.kind == .hg, !vcs.isPinnedToCommit else { continue }
            file.report("PIN004", line: requirement.line, column: requirement.column, message: Self.message(requirement, vcs))
        }
    }

    static func message(_ requirement: ManifestRequirement, _ vcs: VCSReference) -> String {
        let system = vcs.kind == .git ? "git" : "Mercurial"
        let hash = vcs.kind == .git ? "the full 40-character commit hash" : "the full 40-character changeset hash"
        let key = requirement.revisionKey ?? "rev"
        let isTable = requirement.spec == nil
        guard let revision = vcs.revision ?? requirement.revisionDescription else {
            let fix = isTable ? "add \(key) = \"<commit>\" with \(hash)" : "append @<commit> with \(hash) to the URL"
            return "\(requirement.name) is installed from \(system) without a revision, so it follows the default branch: \(fix)"
        }
        let shown = requirement.revisionDescription ?? "\"\(revision)\""
        let what = revision.count >= 4 && revision.count < 40 && revision.allSatisfy(\.isHexDigit)
            ? "an abbreviated hash, which can become ambiguous"
            : "a branch or tag, which can move"
        let fix = isTable ? "use \(key) = \"<commit>\" with \(hash)" : "replace it with \(hash)"
        return "\(requirement.name) is installed from \(system) at \(shown), \(what): \(fix)"
    }
}
