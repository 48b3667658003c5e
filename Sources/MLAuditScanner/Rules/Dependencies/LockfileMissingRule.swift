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
        case "Project.toml", "DESCRIPTION", "activate.R", "package.json", "pixi.toml": break
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
        case "pixi.toml":
            guard !siblings.contains("pixi.lock"), let toml = try? TOMLReader.parse(project.fileContext(for: file).text),
                  let loose = Self.loosePixiDependency(toml) else { return }
            project.report("LCK001", in: file, line: 1,
                           message: "\(loose) and possibly other pixi dependencies allow a range of versions, and no pixi.lock records what was resolved: run pixi lock (or pixi install) and commit pixi.lock")
        case "package.json":
            guard let object = (try? JSONSerialization.jsonObject(with: Data(project.fileContext(for: file).bytes))) as? [String: Any] else { return }
            // A library's relaxation covers a published npm package, not a demo or site app beside the Python package.
            if isLibrary, Self.isPublishedNpmPackage(object) { return }
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

    /// A package.json meant for a registry: not private, with an entry point others import or run.
    static func isPublishedNpmPackage(_ object: [String: Any]) -> Bool {
        if object["private"] as? Bool == true { return false }
        return ["main", "module", "exports", "bin", "types", "files"].contains { object[$0] != nil }
    }

    /// The first dependency (`name = "spec"`) of a pixi manifest's dependency tables
    /// (top level, `target.*`, `feature.*`) that is not one exact version.
    static func loosePixiDependency(_ toml: TOMLTable) -> String? {
        var tables: [TOMLTable] = []
        func collect(_ table: TOMLTable) {
            for key in ["dependencies", "pypi-dependencies"] { if let t = table[key]?.table { tables.append(t) } }
        }
        collect(toml)
        for group in ["target", "feature"] {
            guard let outer = toml[group]?.table else { continue }
            for key in outer.keys.sorted() { if let inner = outer[key]?.table { collect(inner) } }
        }
        for table in tables {
            for name in table.keys.sorted() {
                var spec: String?
                if let s = table[name]?.string { spec = s }
                else if let t = table[name]?.table {
                    // Local paths, git and URL sources are not registry versions.
                    if t["path"] != nil || t["git"] != nil || t["url"] != nil { continue }
                    spec = t["version"]?.string ?? "*"
                }
                guard let spec else { continue }
                if !isExactPixiVersion(spec) { return "\(name) = \"\(spec)\"" }
            }
        }
        return nil
    }

    /// `==1.2.3` or `1.2.3` with no wildcard or operator (conda's exact match).
    static func isExactPixiVersion(_ spec: String) -> Bool {
        var t = Substring(spec.trimmingINIBlanks())
        if t.hasPrefix("==") { t = t.dropFirst(2) }
        guard let first = t.first, first.isNumber else { return false }
        return !t.contains { "*<>~^!=,| ".contains($0) }
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
