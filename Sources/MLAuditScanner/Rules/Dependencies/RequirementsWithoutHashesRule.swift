import MLAuditCore
import MLAuditParsers

/// LCK003: a requirements file whose requirements are all exact pins but carry no
/// `--hash`, reported once at line 1; when only some carry hashes, each one without.
struct RequirementsWithoutHashesRule: FileRule {
    let ruleIDs = ["LCK003"]

    func applies(to kind: FileKind) -> Bool { kind == .requirements }

    func check(_ file: FileContext) {
        let name = RelativePath.name(of: file.relativePath).lowercased()
        let stem = name.hasSuffix(".txt") ? String(name.dropLast(4)) : name
        if stem.hasPrefix("constraints") || stem.hasSuffix("-constraints") || stem.hasSuffix("_constraints") { return }
        let entries = file.requirementsFile.entries
        guard !entries.isEmpty, entries.allSatisfy({ $0.spec.isExactPin }) else { return }
        let hashed = entries.filter(\.hasHash)
        if hashed.isEmpty {
            file.report("LCK003", line: 1,
                        message: "every requirement is pinned but none has a --hash: pip cannot verify the downloaded files; regenerate with pip-compile --generate-hashes and install with --require-hashes")
            return
        }
        for entry in entries where !entry.hasHash {
            file.report("LCK003", line: entry.line, column: entry.column,
                        message: "\(entry.spec.name ?? entry.text) has no --hash while other requirements of this file do: pip then refuses to install the file; add its hashes")
        }
    }
}
