import MLAuditCore
import MLAuditParsers
import TOMLKit

/// PIN006: a package index added beside the default one. Reported at the option
/// or key that adds it (for TOML index tables, at their `url` value):
/// `--extra-index-url` in requirements files and conda `pip:` lists,
/// `extra-index-url` in pip.conf/pip.ini ([global], [install], [download], [wheel]),
/// `[tool.uv] extra-index-url`, `[tool.uv.pip] extra-index-url`, `[[tool.uv.index]]`
/// entries that are neither `default = true` nor `explicit = true`,
/// `[[tool.poetry.source]]` with `priority = "supplemental"`/`"secondary"` or
/// `secondary = true`, and every Pipfile `[[source]]` after the first.
struct ExtraIndexURLRule: FileRule {
    let ruleIDs = ["PIN006"]

    func applies(to kind: FileKind) -> Bool {
        switch kind {
        case .requirements, .requirementsInput, .condaEnvironment, .pipConfig, .pyproject, .pipfile: true
        default: false
        }
    }

    func check(_ file: FileContext) {
        for index in Self.declarations(file) {
            let target = index.url.map { " \(PinningText.redacted($0))" } ?? ""
            file.report("PIN006", line: index.line, column: index.column,
                        message: "\(index.what)\(target) adds a second package index: the resolver may take a package from either (dependency confusion, results that depend on the index contents); use one index that mirrors what you need, or pin the package to its index")
        }
    }

    static let pipConfigSections: Set<String> = ["global", "install", "download", "wheel"]

    static func declarations(_ file: FileContext) -> [ExtraIndexDeclaration] {
        switch file.kind {
        case .requirements, .requirementsInput:
            return fromOptions(file.requirementsFile.options)
        case .condaEnvironment:
            return fromOptions(file.condaEnvironment.pip.options)
        case .pipConfig:
            return file.iniEntries.compactMap { entry in
                var key = entry.key.lowercased().replacingUnderscores()
                if key.hasPrefix("--") { key.removeFirst(2) }
                guard key == "extra-index-url", pipConfigSections.contains(entry.section.lowercased()) else { return nil }
                let urls = entry.parts.map(\.text).joined(separator: " ")
                return ExtraIndexDeclaration(line: entry.line, column: entry.column, url: urls.isEmpty ? nil : urls,
                                             what: "extra-index-url in [\(entry.section)]")
            }
        case .pyproject:
            return fromPyproject(file)
        case .pipfile:
            return fromPipfile(file)
        default:
            return []
        }
    }

    static func fromOptions(_ options: [RequirementsFile.Option]) -> [ExtraIndexDeclaration] {
        options.filter { $0.kind == .extraIndexURL }.map {
            ExtraIndexDeclaration(line: $0.line, column: $0.column, url: $0.value, what: "--extra-index-url")
        }
    }

    static func fromPyproject(_ file: FileContext) -> [ExtraIndexDeclaration] {
        guard let tool = file.tomlTable?["tool"]?.table else { return [] }
        let locator = file.tomlLocator
        var out: [ExtraIndexDeclaration] = []
        let uv = tool["uv"]?.table
        for (path, table) in [(["tool", "uv"], uv), (["tool", "uv", "pip"], uv?["pip"]?.table)] {
            guard let table, let value = table["extra-index-url"] else { continue }
            let urls = value.array.map { $0.compactMap(\.string) } ?? value.string.map { [$0] } ?? []
            let place = locator.key("extra-index-url", inTable: path)
            out.append(ExtraIndexDeclaration(line: place?.line ?? 1, column: place?.column ?? 1, url: urls.joined(separator: " "),
                                             what: "extra-index-url in [\(path.joined(separator: "."))]"))
        }
        if let indexes = uv?["index"]?.array {
            for (n, element) in indexes.enumerated() {
                guard let index = element.table, index["default"]?.bool != true, index["explicit"]?.bool != true else { continue }
                let name = index["name"]?.string.map { " \"\($0)\"" } ?? ""
                out.append(place(of: index, array: ["tool", "uv", "index"], occurrence: n, locator: locator,
                                 what: "[[tool.uv.index]]\(name) (neither default nor explicit)"))
            }
        }
        if let sources = tool["poetry"]?.table?["source"]?.array {
            for (n, element) in sources.enumerated() {
                guard let source = element.table else { continue }
                let priority = source["priority"]?.string?.lowercased()
                guard priority == "supplemental" || priority == "secondary" || source["secondary"]?.bool == true else { continue }
                let name = source["name"]?.string.map { " \"\($0)\"" } ?? ""
                out.append(place(of: source, array: ["tool", "poetry", "source"], occurrence: n, locator: locator,
                                 what: "[[tool.poetry.source]]\(name) with priority \(priority ?? "secondary")"))
            }
        }
        return out
    }

    static func fromPipfile(_ file: FileContext) -> [ExtraIndexDeclaration] {
        guard let sources = file.tomlTable?["source"]?.array, sources.count > 1 else { return [] }
        var out: [ExtraIndexDeclaration] = []
        for (n, element) in sources.enumerated() where n > 0 {
            guard let source = element.table else { continue }
            let name = source["name"]?.string.map { " \"\($0)\"" } ?? ""
            out.append(place(of: source, array: ["source"], occurrence: n, locator: file.tomlLocator,
                             what: "an additional [[source]]\(name)"))
        }
        return out
    }

    /// An index table is reported at its `url` value, else at its header.
    static func place(of table: TOMLTable, array: [String], occurrence: Int, locator: TOMLLocator, what: String) -> ExtraIndexDeclaration {
        let url = table["url"]?.string
        let section = locator.arrayElement(array, occurrence: occurrence)
        var place = url.flatMap { locator.string($0, preferring: section.map { [$0] } ?? []) }
        if place == nil, let section { place = TOMLLocator.Place(line: section.headerLine, column: 1) }
        return ExtraIndexDeclaration(line: place?.line ?? 1, column: place?.column ?? 1, url: nil, what: what + (url.map { " at \(PinningText.redacted($0))" } ?? ""))
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
