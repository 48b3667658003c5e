import MLAuditCore
import MLAuditParsers

/// PIN005 in install commands: `pip install https://…/pkg.whl` (or `name @ https://…`)
/// without a `#sha256=` fragment. pip's command line has no `--hash` option, so the
/// fragment is the only way to verify the download there.
struct InstallCommandURLHashRule: FileRule {
    let ruleIDs = ["PIN005"]

    func applies(to kind: FileKind) -> Bool { ShellBearingKinds.all.contains(kind) }

    func check(_ file: FileContext) {
        for located in file.installCommands where located.install.tool.family == .python {
            let install = located.install
            for word in install.packages where word.text.contains("://") {
                guard let spec = RequirementSpec.parse(Substring(word.text)), spec.form == .url, spec.urlHash == nil,
                      let url = spec.url else { continue }
                let name = spec.name.map { "`\($0)` from " } ?? ""
                file.report("PIN005", at: word,
                            message: "\(name)`\(PinningText.redacted(url))` is downloaded by `\(install.displayName)` without a hash; add a #sha256=<digest> fragment to the URL (or install from a requirements file with --hash) so a changed file is refused",
                            cell: located.cell)
            }
        }
    }
}
