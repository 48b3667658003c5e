import MLAuditCore
import MLAuditParsers
import TOMLKit
import Yams

/// A requirement declared in a dependency manifest, placed in the file. String
/// forms (requirements lines, PEP 508 strings) carry their parsed spec; tool tables
/// (poetry, uv sources, Pipfile) carry the VCS reference they describe.
/// The manifests whose requirement entries PIN004 and PIN005 read.
enum ManifestRequirements {
    static let kinds: Set<FileKind> = [.requirements, .requirementsInput, .condaEnvironment, .pyproject, .pipfile, .setupCfg]
}

struct ManifestRequirement {
    var name: String
    var line: Int
    var column: Int
    var spec: RequirementSpec?
    var vcs: VCSReference?
    /// How a table names its VCS revision (`branch "main"`, `tag "v1"`), for messages.
    var revisionDescription: String?
    /// The table key that pins a commit (`rev` for poetry and uv, `ref` for Pipfile).
    var revisionKey: String? = nil
    /// A hash pip checks: `--hash` options or a `#sha256=` fragment.
    var hasHash: Bool
    /// Where it was declared, for messages ("the pip section", "[project] dependencies").
    var context: String?
}

/// A package index added beside the default one (PIN006).
struct ExtraIndexDeclaration {
    var line: Int
    var column: Int
    var url: String?
    /// What declares it, e.g. "--extra-index-url" or "[[tool.uv.index]] \"pytorch\"".
    var what: String
}

/// A conda environment file's dependencies and its nested `pip:` list.
struct CondaEnvironment {
    struct Dependency {
        var text: String
        var line: Int
        var column: Int
    }

    var dependencies: [Dependency] = []
    /// The `pip:` entries read as requirements-file lines, placed in the YAML file.
    var pip = RequirementsFile()
}

extension FileContext {
    /// The requirements file, parsed once; its first malformed line becomes the file's diagnostic.
    var requirementsFile: RequirementsFile {
        artifact("pinning.requirements-file") { file -> RequirementsFile in
            let parsed = RequirementsFile.parse(bytes: file.bytes)
            if let problem = parsed.problems.first {
                file.diagnose(line: problem.line, column: problem.column, "line \(problem.line): \(problem.reason)")
            }
            return parsed
        }
    }

    var condaEnvironment: CondaEnvironment {
        artifact("pinning.conda-environment") { file in CondaEnvironmentReader.read(file) }
    }

    var tomlLocator: TOMLLocator {
        artifact("pinning.toml-locator") { TOMLLocator(file: $0) }
    }

    var iniEntries: [INIEntry] {
        artifact("pinning.ini-entries") { INIEntries.parse($0) }
    }

    /// Every requirement of a dependency manifest (requirements files, conda
    /// environments' pip lists, pyproject.toml, Pipfile, setup.cfg).
    var manifestRequirements: [ManifestRequirement] {
        artifact("pinning.manifest-requirements") { file -> [ManifestRequirement] in
            switch file.kind {
            case .requirements, .requirementsInput:
                return file.requirementsFile.entries.map { ManifestRequirement(entry: $0, context: nil) }
            case .condaEnvironment:
                return file.condaEnvironment.pip.entries.map { ManifestRequirement(entry: $0, context: "the pip section") }
            case .pyproject:
                return PyprojectRequirements.collect(file)
            case .pipfile:
                return PipfileRequirements.collect(file)
            case .setupCfg:
                return SetupCfgRequirements.collect(file)
            default:
                return []
            }
        }
    }
}

extension ManifestRequirement {
    init(entry: RequirementsFile.Entry, context: String?) {
        self.init(name: entry.spec.name ?? entry.text, line: entry.line, column: entry.column, spec: entry.spec,
                  vcs: entry.spec.vcs, revisionDescription: nil, hasHash: entry.hasHash, context: context)
    }
}

// MARK: Conda environments

enum CondaEnvironmentReader {
    static func read(_ file: FileContext) -> CondaEnvironment {
        var env = CondaEnvironment()
        guard let root = file.yamlNode, let deps = root.mapping?["dependencies"]?.sequence else { return env }
        for item in deps {
            if let scalar = item.scalar {
                let offset = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
                env.dependencies.append(.init(text: scalar.string, line: item.line, column: item.column + offset))
                continue
            }
            guard let pip = item.mapping?["pip"]?.sequence else { continue }
            for entry in pip {
                guard let scalar = entry.scalar else { continue }
                let offset = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
                let parsed = RequirementsFile.parse(scalar.string)
                let line = entry.line
                let base = entry.column + offset
                // One YAML item is one requirements line: line 1 of the parse is the item's line.
                func column(_ c: Int) -> Int { base + c - 1 }
                for var e in parsed.entries {
                    e.line = line
                    e.column = column(e.column)
                    env.pip.entries.append(e)
                }
                for var o in parsed.options {
                    o.line = line
                    o.column = column(o.column)
                    o.valueLine = line
                    o.valueColumn = column(o.valueColumn)
                    env.pip.options.append(o)
                }
                for var p in parsed.problems {
                    p.line = line
                    p.column = column(p.column)
                    env.pip.problems.append(p)
                }
            }
        }
        if let problem = env.pip.problems.first {
            file.diagnose(line: problem.line, column: problem.column, "line \(problem.line): pip entry: \(problem.reason)")
        }
        return env
    }
}

// MARK: PEP 508 strings

enum PEP508Strings {
    /// Turns one PEP 508 string of a manifest into a requirement placed at its literal;
    /// a malformed string becomes the file's diagnostic.
    static func requirement(_ text: String, place: TOMLLocator.Place?, context: String, file: FileContext) -> ManifestRequirement? {
        let line = place?.line ?? 1
        let column = place?.column ?? 1
        switch RequirementSpec.parseResult(Substring(text)) {
        case .success(let spec):
            return ManifestRequirement(name: spec.name ?? text, line: line, column: column, spec: spec, vcs: spec.vcs,
                                       revisionDescription: nil, hasHash: spec.urlHash != nil, context: context)
        case .failure(let error):
            if !text.contains("${") {
                file.diagnose(line: line, column: column, "line \(line): invalid requirement '\(text)' in \(context): \(error.reason)")
            }
            return nil
        }
    }
}

// MARK: pyproject.toml

enum PyprojectRequirements {
    static func collect(_ file: FileContext) -> [ManifestRequirement] {
        guard let toml = file.tomlTable else { return [] }
        let locator = file.tomlLocator
        var out: [ManifestRequirement] = []

        func strings(_ value: TOMLValueConvertible?, context: String, sections: [[String]]) {
            guard let array = value?.array else { return }
            let preferred = sections.flatMap { locator.sections($0) }
            for element in array {
                guard let text = element.string else { continue }
                let place = locator.string(text, preferring: preferred)
                if let requirement = PEP508Strings.requirement(text, place: place, context: context, file: file) {
                    out.append(requirement)
                }
            }
        }

        let project = toml["project"]?.table
        strings(project?["dependencies"], context: "[project] dependencies", sections: [["project"]])
        if let optional = project?["optional-dependencies"]?.table {
            for key in optional.keys {
                strings(optional[key], context: "[project.optional-dependencies] \(key)",
                        sections: [["project", "optional-dependencies"], ["project"]])
            }
        }
        if let groups = toml["dependency-groups"]?.table {
            for key in groups.keys {
                strings(groups[key], context: "[dependency-groups] \(key)", sections: [["dependency-groups"]])
            }
        }
        strings(toml["build-system"]?.table?["requires"], context: "[build-system] requires", sections: [["build-system"]])
        let tool = toml["tool"]?.table
        if let pdm = tool?["pdm"]?.table?["dev-dependencies"]?.table {
            for key in pdm.keys {
                strings(pdm[key], context: "[tool.pdm.dev-dependencies] \(key)", sections: [["tool", "pdm", "dev-dependencies"]])
            }
        }

        if let poetry = tool?["poetry"]?.table {
            var tables: [([String], TOMLTable)] = []
            if let deps = poetry["dependencies"]?.table { tables.append((["tool", "poetry", "dependencies"], deps)) }
            if let deps = poetry["dev-dependencies"]?.table { tables.append((["tool", "poetry", "dev-dependencies"], deps)) }
            if let groups = poetry["group"]?.table {
                for group in groups.keys {
                    if let deps = groups[group]?.table?["dependencies"]?.table {
                        tables.append((["tool", "poetry", "group", group, "dependencies"], deps))
                    }
                }
            }
            for (path, deps) in tables {
                out += vcsTables(deps, path: path, revisionKeys: ["rev"], describeKeys: ["branch", "tag", "rev"],
                                 vcsKeys: [("git", .git)], context: "[\(path.joined(separator: "."))]", locator: locator)
            }
        }
        if let sources = tool?["uv"]?.table?["sources"]?.table {
            out += vcsTables(sources, path: ["tool", "uv", "sources"], revisionKeys: ["rev"], describeKeys: ["branch", "tag", "rev"],
                             vcsKeys: [("git", .git)], context: "[tool.uv.sources]", locator: locator)
        }
        return out
    }

    /// Dependencies written as tables (`name = { git = "…", branch = "main" }`, or an
    /// array of such tables) in `deps`, whose path in the document is `path`.
    static func vcsTables(_ deps: TOMLTable, path: [String], revisionKeys: [String], describeKeys: [String],
                          vcsKeys: [(String, VCSKind)], context: String, locator: TOMLLocator) -> [ManifestRequirement] {
        var out: [ManifestRequirement] = []
        for name in deps.keys {
            let value = deps[name]
            var tables: [TOMLTable] = []
            if let table = value?.table { tables = [table] }
            if let array = value?.array { tables = array.compactMap { $0.table } }
            for table in tables {
                guard let (key, kind) = vcsKeys.first(where: { table[$0.0]?.string != nil }),
                      let url = table[key]?.string else { continue }
                let revision = revisionKeys.lazy.compactMap { table[$0]?.string }.first
                let described = describeKeys.lazy.compactMap { k in table[k]?.string.map { "\(k) \"\($0)\"" } }.first
                let preferred = locator.sections(path + [name]) + locator.sections(path)
                let place = locator.string(url, preferring: preferred) ?? locator.key(name, inTable: path)
                out.append(ManifestRequirement(
                    name: name, line: place?.line ?? 1, column: place?.column ?? 1, spec: nil,
                    vcs: VCSReference(kind: kind, repository: url, revision: revision),
                    revisionDescription: described, revisionKey: revisionKeys.first, hasHash: false, context: context))
            }
        }
        return out
    }
}

// MARK: Pipfile

enum PipfileRequirements {
    static let nonPackageTables: Set<String> = ["source", "requires", "pipenv", "scripts"]

    static func collect(_ file: FileContext) -> [ManifestRequirement] {
        guard let toml = file.tomlTable else { return [] }
        var out: [ManifestRequirement] = []
        for category in toml.keys where !nonPackageTables.contains(category) {
            guard let deps = toml[category]?.table else { continue }
            out += PyprojectRequirements.vcsTables(
                deps, path: [category], revisionKeys: ["ref"], describeKeys: ["ref"],
                vcsKeys: [("git", .git), ("hg", .hg)], context: "[\(category)]", locator: file.tomlLocator)
        }
        return out
    }
}

// MARK: setup.cfg

enum SetupCfgRequirements {
    static let optionKeys: Set<String> = ["install_requires", "setup_requires", "tests_require"]

    static func collect(_ file: FileContext) -> [ManifestRequirement] {
        var out: [ManifestRequirement] = []
        for entry in file.iniEntries {
            let section = entry.section.lowercased()
            let key = entry.key.lowercased().replacingDashes()
            let context: String
            if section == "options", optionKeys.contains(key) {
                context = "[options] \(entry.key)"
            } else if section == "options.extras_require" {
                context = "[options.extras_require] \(entry.key)"
            } else {
                continue
            }
            // setuptools: a dangling list is one requirement per line; a one-line value
            // is split at ';'.
            var pieces: [INIEntry.Part] = []
            if entry.parts.count == 1, entry.parts[0].line == entry.line {
                var column = entry.parts[0].column
                for piece in entry.parts[0].text.split(separator: ";", omittingEmptySubsequences: false) {
                    let leading = piece.prefix(while: { $0 == " " || $0 == "\t" }).unicodeScalars.count
                    let text = String(piece).trimmingINIBlanks()
                    if !text.isEmpty { pieces.append(.init(text: text, line: entry.line, column: column + leading)) }
                    column += piece.unicodeScalars.count + 1
                }
            } else {
                pieces = entry.parts.filter { !$0.text.hasPrefix("#") }
            }
            for piece in pieces {
                // Markers and shapes setuptools reads differently are not this rule's concern.
                guard let spec = RequirementSpec.parse(Substring(piece.text)) else { continue }
                out.append(ManifestRequirement(name: spec.name ?? piece.text, line: piece.line, column: piece.column, spec: spec,
                                               vcs: spec.vcs, revisionDescription: nil, hasHash: spec.urlHash != nil, context: context))
            }
        }
        return out
    }
}

extension String {
    func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}

// MARK: Helpers for messages

enum PinningText {
    /// A URL with any `user:password@` part hidden, for messages.
    static func redacted(_ url: String) -> String {
        Redaction.redactText(url)
    }
}
