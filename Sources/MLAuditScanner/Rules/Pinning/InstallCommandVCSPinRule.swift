import MLAuditCore
import MLAuditParsers

/// PIN004 in install commands: `pip install git+https://…@main`, `-e git+…`,
/// `"lib @ git+…@v1.2"` whose revision is not a full commit hash.
struct InstallCommandVCSPinRule: FileRule {
    let ruleIDs = ["PIN004"]

    func applies(to kind: FileKind) -> Bool { ShellBearingKinds.all.contains(kind) }

    func check(_ file: FileContext) {
        if TrackingWorkflow.isTracking(file) { return }
        for located in file.installCommands where located.install.tool.family == .python {
            let install = located.install
            for word in install.packages + install.editables {
                guard word.text.contains("+") || word.text.contains("://"),
                      let spec = RequirementSpec.parse(Substring(word.text)), let vcs = spec.vcs,
                      vcs.kind == .git || vcs.kind == .hg, !vcs.isPinnedToCommit else { continue }
                // A revision from a variable (`@$COMMIT`) cannot be judged here.
                if vcs.revision?.contains("$") == true { continue }
                file.report("PIN004", at: word, message: Self.message(spec: spec, vcs: vcs, install: install), cell: located.cell)
            }
        }
    }

    static func message(spec: RequirementSpec, vcs: VCSReference, install: InstallCommand) -> String {
        let system = vcs.kind == .git ? "git" : "Mercurial"
        let what = spec.name.map { "`\($0)`" } ?? "`\(PinningText.redacted(vcs.repository))`"
        guard let revision = vcs.revision else {
            return "\(what) is installed by `\(install.displayName)` from \(system) without a revision, so it follows the default branch; append @<commit> with the full 40-character commit hash"
        }
        let kind = revision.count >= 4 && revision.count < 40 && revision.allSatisfy(\.isHexDigit)
            ? "an abbreviated hash, which can become ambiguous"
            : "a branch or tag, which can move"
        return "\(what) is installed by `\(install.displayName)` from \(system) at `\(revision)`, \(kind); use the full 40-character commit hash"
    }
}
