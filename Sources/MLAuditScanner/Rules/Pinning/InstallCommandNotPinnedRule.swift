import MLAuditCore
import MLAuditParsers

/// PIN002: `pip install torch`, `conda install pytorch`, `%pip install transformers>=4`:
/// a package installed by name without an exact version.
struct InstallCommandNotPinnedRule: FileRule {
    let ruleIDs = ["PIN002"]

    func applies(to kind: FileKind) -> Bool { ShellBearingKinds.all.contains(kind) }

    /// Installers whose own upgrade (`pip install --upgrade pip`) is reported with its own advice.
    static let installers: Set<String> = ["pip", "setuptools", "wheel", "uv"]

    func check(_ file: FileContext) {
        if TrackingWorkflow.isTracking(file) { return }
        for located in file.installCommands {
            let install = located.install
            switch install.tool.family {
            case .python:
                // Versions then come from the constraints file, which PIN001 checks.
                if install.usesConstraints { continue }
                for word in install.packages {
                    guard case .requirement(let name, let specifier, false) = PackageArguments.classifyPython(word) else { continue }
                    file.report("PIN002", at: word, message: pythonMessage(name: name, specifier: specifier, install: install), cell: located.cell)
                }
            case .conda:
                for word in install.packages {
                    guard case .spec(let name, let constraint, false) = PackageArguments.classifyConda(word) else { continue }
                    // The interpreter is left to the interpreter-version checks, as in PIN003.
                    if name.lowercased() == "python" { continue }
                    let shown = constraint.trimmingBlanks
                    let what: String
                    if shown.isEmpty {
                        what = "without a version"
                    } else if shown.hasPrefix("="), !shown.hasPrefix("=="), !shown.dropFirst().contains(where: { "=<>!~,|* ".contains($0) }) {
                        what = "with `\(shown)`, which conda reads as `\(shown.dropFirst()).*`"
                    } else {
                        what = "with `\(shown)`, not one exact version"
                    }
                    file.report("PIN002", at: word,
                                message: "`\(name)` is installed by `\(install.displayName)` \(what); pin a full version (`\(name)=X.Y.Z` or `\(name)==X.Y`) or create the environment from a conda lock file",
                                cell: located.cell)
                }
            case .system:
                continue
            }
        }
    }

    func pythonMessage(name: String, specifier: String, install: InstallCommand) -> String {
        let lower = name.lowercased()
        if Self.installers.contains(lower) {
            return "`\(name)` itself is installed by `\(install.displayName)` without an exact version, so the installer (and how it resolves) changes over time; pin it (`\(name)==X.Y.Z`)"
        }
        let what = specifier.isEmpty ? "without a version" : "with `\(specifier)`, not one exact version"
        return "`\(name)` is installed by `\(install.displayName)` \(what); pin it (`\(name)==X.Y.Z`) or install from a pinned requirements or lock file"
    }
}
