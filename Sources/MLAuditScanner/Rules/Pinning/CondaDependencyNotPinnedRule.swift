import Foundation
import MLAuditCore
import MLAuditParsers

/// PIN003: a conda environment file's dependency (or entry of its `pip:` list)
/// without an exact version, unless a conda lock file sits in the same directory.
/// `python` itself is left to the interpreter-version checks.
struct CondaDependencyNotPinnedRule: FileRule {
    let ruleIDs = ["PIN003"]

    func applies(to kind: FileKind) -> Bool { kind == .condaEnvironment }

    func check(_ file: FileContext) {
        let env = file.condaEnvironment
        guard !env.dependencies.isEmpty || !env.pip.entries.isEmpty, !Self.hasLock(file) else { return }
        for dep in env.dependencies {
            guard let spec = CondaMatchSpec.parse(Substring(dep.text)), spec.name.lowercased() != "python", !spec.isPinned else { continue }
            file.report("PIN003", line: dep.line, column: dep.column, message: Self.message(spec, written: dep.text))
        }
        for entry in env.pip.entries where entry.spec.form == .named && !entry.spec.isExactPin {
            let written = (entry.spec.name ?? entry.text) + entry.spec.specifierText
            file.report("PIN003", line: entry.line, column: entry.column,
                        message: "\(written) in the pip section is not pinned to an exact version: pin it with ==VERSION, or commit a conda-lock file")
        }
    }

    static func message(_ spec: CondaMatchSpec, written: String) -> String {
        let text = written.trimmingINIBlanks()
        switch spec.pinning {
        case .unversioned:
            return "\(text) has no version: pin it (\(spec.name)=X.Y.Z or \(spec.name)==X.Y.Z), or commit a conda-lock file"
        case .prefix(let version):
            return "\(text) matches any \(version).* version: pin the full version (\(spec.name)==\(version).N), or commit a conda-lock file"
        case .range, .exact:
            return "\(text) is not an exact version: pin it (\(spec.name)==X.Y.Z), or commit a conda-lock file"
        }
    }

    /// Names that other ecosystems give their lock files; every other `*.lock` beside
    /// the environment is taken for a conda explicit/lock file.
    static let otherLocks: Set<String> = [
        "poetry.lock", "uv.lock", "pdm.lock", "pipfile.lock", "pixi.lock", "cargo.lock", "yarn.lock",
        "gemfile.lock", "composer.lock", "flake.lock", "bun.lock", "mix.lock", "podfile.lock", "pubspec.lock",
        "package.lock", "deno.lock", "gradle.lock", "conan.lock", "paket.lock", "mkdocs.lock",
    ]

    static func isCondaLock(name: String) -> Bool {
        let lower = name.lowercased()
        if lower == "conda-lock.yml" || lower == "conda-lock.yaml" { return true }
        if lower.hasSuffix(".conda-lock.yml") || lower.hasSuffix(".conda-lock.yaml") { return true }
        if lower.hasSuffix("-explicit.txt") || lower.hasSuffix("_explicit.txt") || lower == "explicit.txt" { return true }
        if lower.hasSuffix(".lock") { return !otherLocks.contains(lower) }
        return false
    }

    static func hasLock(_ file: FileContext) -> Bool {
        var names = file.project.siblings(of: file.relativePath).map { RelativePath.name(of: $0.relativePath) }
        if !file.project.isComplete {
            // Only some files were named on the command line: look at the directory itself.
            let dir = RelativePath.directory(of: file.relativePath)
            let url = dir.isEmpty ? file.project.root : file.project.root.appendingPathComponent(dir)
            names += (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        }
        return names.contains(where: isCondaLock(name:))
    }
}
