import MLAuditCore
import MLAuditParsers

/// PIN005: a remote archive or wheel URL requirement (not VCS, not a local file)
/// without a `#sha256=`-style fragment or `--hash` option.
struct URLRequirementWithoutHashRule: FileRule {
    let ruleIDs = ["PIN005"]

    func applies(to kind: FileKind) -> Bool { ManifestRequirements.kinds.contains(kind) }

    func check(_ file: FileContext) {
        for requirement in file.manifestRequirements {
            guard let spec = requirement.spec, spec.form == .url, !requirement.hasHash, let url = spec.url else { continue }
            let name = spec.name.map { "\($0) from " } ?? ""
            let option = file.kind == .requirements || file.kind == .requirementsInput || file.kind == .condaEnvironment
                ? "a --hash=sha256:<digest> option or " : ""
            file.report("PIN005", line: requirement.line, column: requirement.column,
                        message: "\(name)\(PinningText.redacted(url)) is downloaded without a hash: add \(option)a #sha256=<digest> fragment so a changed file is refused")
        }
    }
}
