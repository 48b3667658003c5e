import Foundation
import MLAuditCore
import TOMLKit

/// LCK001: a manifest with a dependency that is not an exact pin, and no lock for it.
/// Python manifests come from the shared facts; Julia, R and npm manifests are read here.
struct LockfileMissingRule: ProjectRule {
    let ruleIDs = ["LCK001"]

    func check(_ project: ProjectContext) {
        let deps = ProjectDependencies(project)
        let choice = ProjectKindChoice(project)
        let isLibrary = choice.kind == .library
        for manifest in deps.manifests {
            switch manifest.kind {
            case .pyproject, .pipfile, .requirementsInput, .conda, .setupPy: break
            default: continue
            }
            guard let loose = manifest.dependencies.first(where: { !$0.isExact && $0.source == .registry }) else { continue }
            guard LockLocations.candidates(for: manifest, deps: deps, project: project, ancestors: true).isEmpty,
                  let file = deps.index.file(at: manifest.path) else { continue }
            if manifest.isPackageMetadata {
                if isLibrary {
                    // Say, for --verbose, why package metadata was left alone.
                    project.diagnose(Diagnostic(kind: .skipped, path: file.displayPath, line: 1,
                                                message: "LCK001 does not ask a library's package metadata for a lock (\(choice.description))"))
                    continue
                }
                // A setup.py of an application says what to install only if nothing else does.
                if manifest.kind == .setupPy, deps.manifests.contains(where: { $0.kind != .setupPy && $0.declaresDependencies
                    && RelativePath.directory(of: $0.path) == RelativePath.directory(of: manifest.path) }) { continue }
            }
            let kindNote = manifest.isPackageMetadata ? " (\(choice.description); set project-kind: library if it is a published package)" : ""
            project.report("LCK001", in: file, line: 1,
                           message: "\(loose.written) and possibly other dependencies allow a range of versions, and no lock file records what was resolved\(kindNote): \(Self.advice(manifest.kind))")
        }
        for file in project.index.files {
            checkOtherEcosystem(file, deps: deps, project: project, isLibrary: isLibrary)
        }
    }

    static func advice(_ kind: ManifestKind) -> String {
        switch kind {
        case .pyproject: return "generate one (uv lock, poetry lock or pdm lock) and commit it"
        case .setupPy: return "compile the dependencies into a pinned requirements file (pip-compile setup.py, or uv pip compile setup.py) and commit it"
        case .pipfile: return "run pipenv lock and commit Pipfile.lock"
        case .requirementsInput: return "compile it (pip-compile or uv pip compile) and commit the .txt"
        case .conda: return "run conda-lock -f environment.yml and commit conda-lock.yml"
        case .julia: return "instantiate the project and commit Manifest.toml"
        case .rPackage: return "run renv::snapshot() and commit renv.lock"
        case .npm: return "run npm install (or yarn, pnpm) and commit the lock file"
        default: return "commit a lock file"
        }
    }

    private func checkOtherEcosystem(_ file: DiscoveredFile, deps: ProjectDependencies, project: ProjectContext, isLibrary: Bool) {
        let name = RelativePath.name(of: file.relativePath)
        switch name {
        case "Project.toml", "DESCRIPTION", "activate.R", "package.json": break
        default: return
        }
        let dir = RelativePath.directory(of: file.relativePath)
        let siblings = Set(LockLocations.names(in: dir, project: project))
        switch name {
        case "Project.toml":
            guard let toml = try? TOMLReader.parse(project.fileContext(for: file).text),
                  let depsTable = toml["deps"]?.table, !depsTable.keys.isEmpty else { return }
            if isLibrary && toml["uuid"] != nil { return }
            if siblings.contains("Manifest.toml") || siblings.contains("JuliaManifest.toml")
                || siblings.contains(where: { $0.hasPrefix("Manifest-v") && $0.hasSuffix(".toml") }) { return }
            project.report("LCK001", in: file, line: 1,
                           message: "the Julia project has dependencies but no Manifest.toml records their versions: \(Self.advice(.julia))")
        case "DESCRIPTION":
            guard !isLibrary, !siblings.contains("renv.lock"), Self.rPackageHasDependencies(project.fileContext(for: file).text) else { return }
            project.report("LCK001", in: file, line: 1,
                           message: "the R package declares dependencies but no renv.lock records their versions: \(Self.advice(.rPackage))")
        case "activate.R":
            let parent = RelativePath.directory(of: dir)
            guard RelativePath.name(of: dir) == "renv", !LockLocations.names(in: parent, project: project).contains("renv.lock"),
                  !LockLocations.names(in: parent, project: project).contains("DESCRIPTION") else { return }
            project.report("LCK001", in: file, line: 1,
                           message: "the project uses renv but has no renv.lock: \(Self.advice(.rPackage))")
        case "package.json":
            if isLibrary { return }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(project.fileContext(for: file).bytes))) as? [String: Any] else { return }
            let versions = ["dependencies", "devDependencies", "optionalDependencies"]
                .flatMap { (object[$0] as? [String: Any])?.values.compactMap { $0 as? String } ?? [] }
            guard versions.contains(where: { !Self.isExactNpmVersion($0) }) else { return }
            let locks: Set<String> = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb"]
            var current = dir
            while true {
                if !locks.isDisjoint(with: LockLocations.names(in: current, project: project)) { return }
                if current.isEmpty { break }
                current = RelativePath.directory(of: current)
            }
            project.report("LCK001", in: file, line: 1,
                           message: "package.json allows version ranges and no npm, yarn, pnpm or bun lock records what was installed: \(Self.advice(.npm))")
        default:
            return
        }
    }

    static func isExactNpmVersion(_ text: String) -> Bool {
        var t = Substring(text.trimmingINIBlanks())
        if t.hasPrefix("=") { t = t.dropFirst() }
        if t.hasPrefix("v") { t = t.dropFirst() }
        let core = t.prefix { $0 != "-" && $0 != "+" }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// `Imports:`, `LinkingTo:` or a `Depends:` naming more than R itself.
    static func rPackageHasDependencies(_ text: String) -> Bool {
        var field: String?
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            if line.first == " " || line.first == "\t" {
                if let field { values[field, default: ""] += " " + line }
            } else if let colon = line.firstIndex(of: ":") {
                field = String(line[..<colon])
                values[field!] = String(line[line.index(after: colon)...])
            }
        }
        if let imports = values["Imports"], !imports.trimmingINIBlanks().isEmpty { return true }
        if let depends = values["Depends"] {
            let packages = depends.split(separator: ",").map { $0.prefix { $0 != "(" }.trimmingCharacters(in: .whitespaces) }
            return packages.contains { !$0.isEmpty && $0 != "R" }
        }
        return false
    }
}
