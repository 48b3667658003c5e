import MLAuditCore
import MLAuditParsers

/// Collects, per file, the data paths DAT001 checks against the project's declarations:
/// the reads of Python files and notebooks, and the data paths in YAML and JSON
/// configuration (used only when code names that configuration file).
struct DataReferenceFactsRule: FileRule {
    let ruleIDs = ["DAT001"]

    func applies(to kind: FileKind) -> Bool {
        kind == .python || kind == .notebook || kind == .yaml || kind == .json
    }

    func check(_ file: FileContext) {
        switch file.kind {
        case .python, .notebook:
            guard let source = file.python else { return }
            let extractor = PythonDataReferences(source: source) { file.position(ofByte: $0) }
            extractor.extract()
            if !extractor.references.isEmpty || !extractor.configurationPaths.isEmpty {
                file.publish(DataReferenceFacts.key, DataReferenceFacts(references: extractor.references,
                                                                         configurationPaths: extractor.configurationPaths))
            }
        case .yaml, .json:
            guard Self.mayBeConfiguration(file.relativePath) else { return }
            let collector = ConfigurationDataPaths(file)
            if file.kind == .yaml { YAMLPathSites.check(file, collector) } else { JSONPathSites.check(file, collector) }
            if !collector.references.isEmpty {
                file.publish(DataConfigurationFacts.key, DataConfigurationFacts(references: collector.references))
            }
        default:
            break
        }
    }

    /// YAML files, and JSON files whose name says they configure something (a JSON data
    /// file such as COCO annotations lists thousands of paths relative to unknown places).
    static func mayBeConfiguration(_ path: String) -> Bool {
        let name = RelativePath.name(of: path).lowercased()
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { return true }
        return ["config", "cfg", "setting", "param", "args", "options"].contains { name.contains($0) }
    }
}

/// Keeps the configuration values that are relative paths to data files.
final class ConfigurationDataPaths: PathSiteSink {
    let file: FileContext
    private(set) var references: [DataReference] = []
    private let catalogue = DataFileCatalogue.shared

    init(_ file: FileContext) { self.file = file }

    func check(_ site: PathSite) {
        let value = site.text.string.trimmingCharacters(in: .whitespaces)
        guard PythonDataReferences.isPlainRelativePath(value), catalogue.dataExtension(of: value) != nil, !site.text.isEmpty else { return }
        if let name = site.name, catalogue.isOutputName(name) { return }
        if let directory = value.split(separator: "/").dropLast().first, catalogue.isOutputName(String(directory)) { return }
        let position = file.position(ofByte: site.text.fileOffset(of: 0))
        let key = site.name.map { " (`\($0)`)" } ?? ""
        references.append(DataReference(path: value, kind: .file, use: "named in configuration\(key) that code loads",
                                         line: position.line, column: position.column, cell: nil))
    }
}
