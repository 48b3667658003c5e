import MLAuditCore
import MLAuditParsers

/// PIN001: an entry of a requirements file (not a `*.in` compiler input) that is
/// not an exact pin. Entries pinned exactly by a file included with `-c` or `-r`
/// count as pinned (pip resolves them together). URLs, VCS and local paths are
/// PIN004/PIN005's business. The project kind does not matter here: `library`
/// relaxes package metadata, never requirements files.
struct RequirementNotPinnedRule: FileRule {
    let ruleIDs = ["PIN001"]

    func applies(to kind: FileKind) -> Bool { kind == .requirements }

    func check(_ file: FileContext) {
        let parsed = file.requirementsFile
        let unpinned = parsed.entries.filter { $0.spec.form == .named && !$0.spec.isExactPin }
        guard !unpinned.isEmpty, !PackageMetadataRequirements.isPackageMetadata(file) else { return }
        let includes = RequirementIncludes.resolve(for: file, parsed)
        var siblings: [String: String]?
        for entry in unpinned {
            guard let name = entry.spec.normalizedName, includes.pinned[name] == nil else { continue }
            if siblings == nil { siblings = RequirementIncludes.siblingPins(of: file) }
            let suggestion = siblings?[name]
            file.report("PIN001", line: entry.line, column: entry.column,
                        message: Self.message(entry.spec, suggestedVersion: suggestion))
        }
    }

    static func message(_ spec: RequirementSpec, suggestedVersion: String?) -> String {
        let name = spec.name ?? "?"
        let extras = spec.extras.isEmpty ? "" : "[\(spec.extras.joined(separator: ","))]"
        let written = name + extras + spec.specifierText
        if let version = suggestedVersion {
            return "\(written) is not pinned to an exact version: pin it, e.g. \(name)\(extras)==\(version)"
        }
        return "\(written) is not pinned to an exact version: pin it with ==VERSION"
    }
}
