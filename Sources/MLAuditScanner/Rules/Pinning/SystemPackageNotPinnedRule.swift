import MLAuditCore
import MLAuditParsers

/// PIN009: `apt-get install curl`, `apk add git`, `dnf install gcc`: an OS package
/// installed without a version.
struct SystemPackageNotPinnedRule: FileRule {
    let ruleIDs = ["PIN009"]

    func applies(to kind: FileKind) -> Bool { ShellBearingKinds.all.contains(kind) }

    func check(_ file: FileContext) {
        for located in file.installCommands {
            let install = located.install
            guard install.tool.family == .system else { continue }
            // `apt-get install -f` repairs broken dependencies; it names no new package.
            if install.tool != .apk, install.hasOption(["-f", "--fix-broken"]) { continue }
            for word in install.packages {
                guard case .unpinned(let name) = PackageArguments.classifySystem(word, tool: install.tool) else { continue }
                file.report("PIN009", at: word,
                            message: "`\(name)` is installed by `\(install.displayName)` without a version; pin it (`\(pinExample(name, install.tool))`) so every build installs the same package",
                            cell: located.cell)
            }
        }
    }

    func pinExample(_ name: String, _ tool: PackageTool) -> String {
        switch tool {
        case .yum, .dnf, .microdnf: "\(name)-<version>"
        default: "\(name)=<version>"
        }
    }
}
