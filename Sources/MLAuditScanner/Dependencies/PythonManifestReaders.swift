import MLAuditCore
import MLAuditParsers
import TOMLKit

/// Reads the Python dependency manifests of the model from files the scanner
/// classified: requirements files and compiler inputs, pyproject.toml, Pipfile,
/// setup.cfg, setup.py (statically) and conda environment files.
enum PythonManifestReader {
    static func read(_ file: FileContext) -> DependencyManifest? {
        switch file.kind {
        case .requirements, .requirementsInput:
            return requirements(file)
        case .pyproject:
            return PyprojectManifestReader.read(file)
        case .pipfile:
            return PipfileManifestReader.read(file)
        case .setupCfg:
            return setupCfg(file)
        case .setupPy:
            return SetupPyManifestReader.read(file)
        case .condaEnvironment:
            return conda(file)
        default:
            return nil
        }
    }

    static func dependency(_ requirement: ManifestRequirement, context: String) -> DeclaredDependency? {
        guard let spec = requirement.spec, let name = spec.name else { return nil }
        return dependency(spec, name: name, line: requirement.line, column: requirement.column, context: context)
    }

    static func dependency(_ spec: RequirementSpec, name: String, line: Int, column: Int, context: String) -> DeclaredDependency {
        let extras = spec.extras.isEmpty ? "" : "[\(spec.extras.joined(separator: ","))]"
        return DeclaredDependency(
            name: name, key: RequirementSpec.normalize(name: name), written: name + extras + spec.specifierText,
            constraint: VersionConstraints.pep508(spec), isExact: spec.isExactPin, isConditional: spec.marker != nil, marker: spec.marker,
            source: spec.form == .named ? .registry : .direct, line: line, column: column, context: context)
    }

    static func requirements(_ file: FileContext) -> DependencyManifest {
        let name = RelativePath.name(of: file.relativePath).lowercased()
        var manifest = DependencyManifest(path: file.relativePath, kind: file.kind == .requirementsInput ? .requirementsInput : .requirements)
        manifest.isConstraints = name.hasPrefix("constraints") || name.contains("-constraints") || name.contains("_constraints")
        guard !manifest.isConstraints else { return manifest }
        for entry in file.requirementsFile.entries {
            guard let name = entry.spec.name ?? repositoryName(entry.spec) else { continue }
            manifest.dependencies.append(dependency(entry.spec, name: name, line: entry.line, column: entry.column, context: file.relativePath))
        }
        return manifest
    }

    /// `git+https://github.com/huggingface/peft.git` without `#egg=`: pip learns the name
    /// from the package's metadata, which is, nearly always, the repository's name.
    static func repositoryName(_ spec: RequirementSpec) -> String? {
        guard spec.form == .vcs || spec.form == .url, var url = spec.url else { return nil }
        if let cut = url.firstIndex(where: { $0 == "#" || $0 == "?" }) { url = String(url[..<cut]) }
        if let at = url.lastIndex(of: "@"), let slash = url.lastIndex(of: "/"), at > slash { url = String(url[..<at]) }
        var last = url.split(separator: "/").last.map(String.init) ?? ""
        if last.hasSuffix(".git") { last = String(last.dropLast(4)) }
        guard spec.form == .vcs || !last.contains("."), !last.isEmpty,
              last.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else { return nil }
        return last
    }

    static func setupCfg(_ file: FileContext) -> DependencyManifest {
        var manifest = DependencyManifest(path: file.relativePath, kind: .setupCfg)
        manifest.isPackageMetadata = true
        for requirement in SetupCfgRequirements.collect(file) {
            guard let dep = dependency(requirement, context: requirement.context ?? "setup.cfg") else { continue }
            if requirement.context?.contains("setup_requires") == true {
                manifest.buildDependencies.append(dep)
            } else {
                manifest.dependencies.append(dep)
            }
        }
        for entry in file.iniEntries where entry.section.lowercased() == "options" {
            if entry.key.lowercased().replacingDashes() == "python_requires", let part = entry.parts.first {
                manifest.pythonVersion = (part.text, part.line)
            }
            if entry.key.lowercased() == "name", let part = entry.parts.first {
                manifest.projectName = RequirementSpec.normalize(name: part.text)
            }
        }
        for entry in file.iniEntries where entry.section.lowercased() == "metadata" && entry.key.lowercased() == "name" {
            if let part = entry.parts.first { manifest.projectName = RequirementSpec.normalize(name: part.text) }
        }
        return manifest
    }

    static func conda(_ file: FileContext) -> DependencyManifest {
        var manifest = DependencyManifest(path: file.relativePath, kind: .conda)
        let env = file.condaEnvironment
        for dep in env.dependencies {
            guard let spec = CondaMatchSpec.parse(Substring(dep.text)) else { continue }
            if spec.name.lowercased() == "python" {
                if spec.version != nil { manifest.pythonVersion = (spec.version!, dep.line) }
                continue
            }
            manifest.dependencies.append(DeclaredDependency(
                name: spec.name, key: spec.name.lowercased(), written: dep.text.trimmingINIBlanks(),
                constraint: VersionConstraints.conda(spec), isExact: spec.isPinned, isConda: true,
                line: dep.line, column: dep.column, context: "dependencies"))
        }
        for entry in env.pip.entries {
            guard let name = entry.spec.name else { continue }
            manifest.dependencies.append(dependency(entry.spec, name: name, line: entry.line, column: entry.column, context: "the pip section"))
        }
        return manifest
    }
}

// MARK: pyproject.toml

enum PyprojectManifestReader {
    static func read(_ file: FileContext) -> DependencyManifest? {
        guard let toml = file.tomlTable else { return nil }
        let locator = file.tomlLocator
        var manifest = DependencyManifest(path: file.relativePath, kind: .pyproject)

        func strings(_ value: TOMLValueConvertible?, context: String, sections: [[String]], build: Bool = false) {
            guard let array = value?.array else { return }
            let preferred = sections.flatMap { locator.sections($0) }
            for element in array {
                guard let text = element.string else { continue }
                let place = locator.string(text, preferring: preferred)
                guard let requirement = PEP508Strings.requirement(text, place: place, context: context, file: file),
                      let dep = PythonManifestReader.dependency(requirement, context: context) else { continue }
                if build { manifest.buildDependencies.append(dep) } else { manifest.dependencies.append(dep) }
            }
        }

        let project = toml["project"]?.table
        if let project {
            manifest.isPackageMetadata = true
            manifest.projectName = project["name"]?.string.map { RequirementSpec.normalize(name: $0) }
            if let requires = project["requires-python"]?.string {
                manifest.pythonVersion = (requires, locator.key("requires-python", inTable: ["project"])?.line ?? 1)
            }
        }
        strings(project?["dependencies"], context: "[project] dependencies", sections: [["project"]])
        if let optional = project?["optional-dependencies"]?.table {
            for key in optional.keys.sorted() {
                strings(optional[key], context: "[project.optional-dependencies] \(key)",
                        sections: [["project", "optional-dependencies"], ["project"]])
            }
        }
        if let groups = toml["dependency-groups"]?.table {
            for key in groups.keys.sorted() {
                strings(groups[key], context: "[dependency-groups] \(key)", sections: [["dependency-groups"]])
            }
        }
        strings(toml["build-system"]?.table?["requires"], context: "[build-system] requires", sections: [["build-system"]], build: true)

        let tool = toml["tool"]?.table
        if let pdm = tool?["pdm"]?.table?["dev-dependencies"]?.table {
            for key in pdm.keys.sorted() {
                strings(pdm[key], context: "[tool.pdm.dev-dependencies] \(key)", sections: [["tool", "pdm", "dev-dependencies"]])
            }
        }
        if let uv = tool?["uv"]?.table {
            strings(uv["dev-dependencies"], context: "[tool.uv] dev-dependencies", sections: [["tool", "uv"]])
        }
        if let envs = tool?["hatch"]?.table?["envs"]?.table {
            for env in envs.keys.sorted() {
                guard let table = envs[env]?.table else { continue }
                for key in ["dependencies", "extra-dependencies"] {
                    strings(table[key], context: "[tool.hatch.envs.\(env)] \(key)",
                            sections: [["tool", "hatch", "envs", env], ["tool", "hatch", "envs"]])
                }
            }
        }
        if let poetry = tool?["poetry"]?.table {
            if manifest.projectName == nil { manifest.projectName = poetry["name"]?.string.map { RequirementSpec.normalize(name: $0) } }
            if poetry["name"] != nil || poetry["dependencies"] != nil { manifest.isPackageMetadata = true }
            var tables: [([String], TOMLTable)] = []
            if let deps = poetry["dependencies"]?.table { tables.append((["tool", "poetry", "dependencies"], deps)) }
            if let deps = poetry["dev-dependencies"]?.table { tables.append((["tool", "poetry", "dev-dependencies"], deps)) }
            if let groups = poetry["group"]?.table {
                for group in groups.keys.sorted() {
                    if let deps = groups[group]?.table?["dependencies"]?.table {
                        tables.append((["tool", "poetry", "group", group, "dependencies"], deps))
                    }
                }
            }
            for (path, deps) in tables {
                let context = "[\(path.joined(separator: "."))]"
                for name in deps.keys.sorted() {
                    let place = locator.key(name, inTable: path)
                    if name.lowercased() == "python" {
                        if let text = deps[name]?.string { manifest.pythonVersion = (text, place?.line ?? 1) }
                        continue
                    }
                    manifest.dependencies.append(poetryDependency(name, deps[name], place: place, context: context))
                }
            }
        }
        // Workspace members and local sources are not registry packages.
        if let sources = tool?["uv"]?.table?["sources"]?.table {
            let direct = Set(sources.keys.filter { key in
                guard let t = sources[key]?.table else { return sources[key]?.array != nil }
                return t["workspace"] != nil || t["path"] != nil || t["git"] != nil || t["url"] != nil
            }.map { RequirementSpec.normalize(name: $0) })
            for i in manifest.dependencies.indices where direct.contains(manifest.dependencies[i].key) {
                manifest.dependencies[i].source = .direct
            }
        }
        return manifest
    }

    static func poetryDependency(_ name: String, _ value: TOMLValueConvertible?, place: TOMLLocator.Place?, context: String) -> DeclaredDependency {
        var dep = DeclaredDependency(name: name, key: RequirementSpec.normalize(name: name), written: name, constraint: .any,
                                     isExact: false, line: place?.line ?? 1, column: place?.column ?? 1, context: context)
        var constraints: [String] = []
        var tables: [TOMLTable] = []
        if let text = value?.string { constraints.append(text) }
        if let table = value?.table { tables = [table] }
        if let array = value?.array { tables = array.compactMap { $0.table } }
        for table in tables {
            if table["git"] != nil || table["path"] != nil || table["url"] != nil { dep.source = .direct }
            if table["markers"] != nil || table["platform"] != nil || table["python"] != nil { dep.isConditional = true }
            if let version = table["version"]?.string { constraints.append(version) }
        }
        if tables.count > 1 { dep.isConditional = true }
        if dep.source == .direct {
            dep.constraint = .unchecked
            dep.written = "\(name) (\(tables.first?["git"]?.string ?? tables.first?["path"]?.string ?? tables.first?["url"]?.string ?? "direct source"))"
            return dep
        }
        var sets: [PEP440SpecifierSet] = []
        var unchecked = false
        for text in constraints {
            switch VersionConstraints.poetry(text) {
            case .any: dep.constraint = .any; dep.written = "\(name) = \"\(text)\""; return dep
            case .alternatives(let s): sets += s
            case .unchecked: unchecked = true
            }
        }
        dep.written = constraints.isEmpty ? name : "\(name) = \"\(constraints.joined(separator: "\" / \""))\""
        dep.isExact = !constraints.isEmpty && constraints.allSatisfy(VersionConstraints.poetryIsExact)
        dep.constraint = unchecked ? .unchecked : (sets.isEmpty ? .any : .alternatives(sets))
        return dep
    }
}

// MARK: Pipfile

enum PipfileManifestReader {
    static func read(_ file: FileContext) -> DependencyManifest? {
        guard let toml = file.tomlTable else { return nil }
        let locator = file.tomlLocator
        var manifest = DependencyManifest(path: file.relativePath, kind: .pipfile)
        if let requires = toml["requires"]?.table {
            for key in ["python_version", "python_full_version"] {
                if let text = requires[key]?.string {
                    manifest.pythonVersion = (text, locator.key(key, inTable: ["requires"])?.line ?? 1)
                }
            }
        }
        for category in toml.keys.sorted() where !PipfileRequirements.nonPackageTables.contains(category) {
            guard let deps = toml[category]?.table else { continue }
            for name in deps.keys.sorted() {
                let place = locator.key(name, inTable: [category])
                var dep = DeclaredDependency(name: name, key: RequirementSpec.normalize(name: name), written: name, constraint: .any,
                                             isExact: false, line: place?.line ?? 1, column: place?.column ?? 1, context: "[\(category)]")
                var version: String?
                if let text = deps[name]?.string { version = text }
                if let table = deps[name]?.table {
                    version = table["version"]?.string
                    if table["git"] != nil || table["path"] != nil || table["file"] != nil || table["hg"] != nil { dep.source = .direct }
                    let markerKeys = ["markers", "sys_platform", "platform_system", "os_name", "platform_machine", "python_version"]
                    if markerKeys.contains(where: { table[$0] != nil }) { dep.isConditional = true }
                }
                if dep.source == .direct {
                    dep.constraint = .unchecked
                } else if let version {
                    dep.constraint = VersionConstraints.pep440(version)
                    dep.isExact = VersionConstraints.pep440IsExact(version)
                    dep.written = "\(name) = \"\(version)\""
                }
                manifest.dependencies.append(dep)
            }
        }
        return manifest
    }
}
