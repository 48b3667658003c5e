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
            var facts = DataReferenceFacts(references: extractor.references, configurationPaths: extractor.configurationPaths,
                                           producedFiles: extractor.producedFiles, producedDirectories: extractor.producedDirectories)
            if file.kind == .notebook {
                // `!wget -O data/x.csv URL`, `!unzip x.zip -d data`: the notebook fetches these itself.
                let shell = ShellDownloads(file)
                facts.producedFiles.formUnion(shell.files)
                facts.producedDirectories.formUnion(shell.directories)
                facts.references.removeAll { reference in
                    let path = PythonDataReferences.normalized(reference.path)
                    return shell.files.contains(path) || PythonDataReferences.isInside(path, shell.directories)
                }
            }
            if !facts.references.isEmpty || !facts.configurationPaths.isEmpty || !facts.producedFiles.isEmpty || !facts.producedDirectories.isEmpty {
                file.publish(DataReferenceFacts.key, facts)
            }
        case .yaml, .json:
            guard Self.mayBeConfiguration(file.relativePath) else { return }
            // Paths in a configuration that names its own data root are relative to that root.
            if Self.namesDataRoot(file.text) { return }
            let collector = ConfigurationDataPaths(file)
            if file.kind == .yaml { YAMLPathSites.check(file, collector) } else { JSONPathSites.check(file, collector) }
            if !collector.references.isEmpty {
                file.publish(DataConfigurationFacts.key, DataConfigurationFacts(references: collector.references))
            }
        default:
            break
        }
    }

    /// Keys that set the directory other paths of a configuration are relative to.
    static let dataRootKeys: Set<String> = ["root", "data_root", "dataset_root", "data_dir", "dataset_dir", "data_path", "dataset_path",
                                             "data_prefix", "img_prefix", "image_root", "img_dir", "base_dir", "root_dir", "data_home"]

    /// Whether a YAML or JSON text has a key (at any depth) from `dataRootKeys`.
    static func namesDataRoot(_ text: String) -> Bool {
        for line in text.split(whereSeparator: \.isNewline) {
            var key = line.drop { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "\"" || $0 == "{" || $0 == "," }
            guard let colon = key.firstIndex(of: ":") else { continue }
            key = key[..<colon]
            if key.last == "\"" { key = key.dropLast() }
            if dataRootKeys.contains(key.lowercased()) { return true }
        }
        return false
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
