import Foundation
import TOMLKit

/// What `mlaudit init` writes, and where: `mlaudit.yaml`, or a `[tool.mlaudit]` table
/// appended to pyproject.toml. An existing configuration is never replaced, except a
/// YAML file with `force`; the new configuration is checked with the real loader first.
public struct ConfigSetup: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case yaml
        case pyproject
    }

    public var format: Format
    public var file: URL
    /// The file as the user named the project directory (for messages).
    public var displayPath: String
    /// The whole new file (for pyproject.toml, its text with the table appended).
    public var content: String
    /// Only what is new: the YAML file, or the appended table.
    public var addition: String
    public var replacesExistingFile: Bool
    public var projectKind: ProjectKindGuess
    /// Problems that did not stop the setup, such as a pyproject.toml that does not parse.
    public var warnings: [ConfigError] = []

    /// Plans the setup for `directory`. `format` nil means pyproject when pyproject.toml
    /// exists and no YAML configuration does, else YAML.
    public static func plan(in directory: URL, displayPrefix: String = "", format requested: Format?, force: Bool) throws -> ConfigSetup {
        let files = FileManager.default
        let pyprojectName = displayPrefix + "pyproject.toml"
        let existingYAML = ConfigLoader.fileNames.first { files.fileExists(atPath: directory.appendingPathComponent($0).path) }
        let pyproject = PyprojectState(url: directory.appendingPathComponent("pyproject.toml"), displayPath: pyprojectName, directory: directory)
        let format = requested ?? (existingYAML == nil && pyproject.text != nil ? .pyproject : .yaml)

        if let table = pyproject.table, table["tool"]?.table?["mlaudit"] != nil {
            throw ConfigError(file: pyprojectName, line: pyproject.line(containing: "mlaudit"),
                              reason: "mlaudit is already configured in [tool.mlaudit]; edit that table instead")
        }
        if let existingYAML {
            if format == .pyproject {
                throw ConfigError(file: displayPrefix + existingYAML, line: nil,
                                  reason: "already configures mlaudit and takes precedence over pyproject.toml; edit it, or remove it first")
            }
            if !force {
                throw ConfigError(file: displayPrefix + existingYAML, line: nil,
                                  reason: "already exists; mlaudit init does not replace a configuration (--force replaces this file)")
            }
        }

        let guess = ProjectKindGuess.guess(pyproject: pyproject.table, in: directory)
        switch format {
        case .yaml:
            let name = existingYAML ?? ConfigLoader.fileNames[0]
            let text = ConfigTemplate.yaml(projectKind: guess)
            _ = try ConfigLoader.parse(yaml: text, file: displayPrefix + name)
            var setup = ConfigSetup(format: .yaml, file: directory.appendingPathComponent(name), displayPath: displayPrefix + name,
                                    content: text, addition: text, replacesExistingFile: existingYAML != nil, projectKind: guess)
            if let problem = pyproject.problem {
                setup.warnings.append(ConfigError(file: problem.file, line: problem.line, reason: problem.reason + " (project-kind guessed without it)"))
            }
            return setup
        case .pyproject:
            guard var text = pyproject.text else {
                throw ConfigError(file: pyprojectName, line: nil, reason: "not found; use --format yaml to write mlaudit.yaml instead")
            }
            if let problem = pyproject.problem {
                throw ConfigError(file: problem.file, line: problem.line, reason: problem.reason + "; fix it, or use --format yaml")
            }
            let newline = text.contains("\r\n") ? "\r\n" : "\n"
            var addition = ConfigTemplate.pyprojectTable(projectKind: guess)
            if newline != "\n" { addition = addition.replacingOccurrences(of: "\n", with: newline) }
            if !text.isEmpty && !text.hasSuffix("\n") { text += newline }
            let content = text + (text.isEmpty ? "" : newline) + addition
            do {
                guard let node = try ConfigNode.fromPyproject(content, file: pyprojectName) else {
                    throw ConfigError(file: pyprojectName, line: nil, reason: "the appended [tool.mlaudit] table is not read back")
                }
                _ = try ConfigLoader.interpret(node, file: pyprojectName)
            } catch let error as ConfigError {
                throw ConfigError(file: pyprojectName, line: error.line,
                                  reason: "cannot add [tool.mlaudit] here (\(error.reason)); use --format yaml")
            }
            return ConfigSetup(format: .pyproject, file: pyproject.url.resolvingSymlinksInPath(), displayPath: pyprojectName,
                               content: content, addition: addition, replacesExistingFile: true, projectKind: guess)
        }
    }
}

/// pyproject.toml as found: its text and table, or why it could not be read.
private struct PyprojectState {
    var url: URL
    var text: String?
    var table: TOMLTable?
    var problem: ConfigError?

    init(url: URL, displayPath: String, directory: URL) {
        self.url = url
        var st = stat()
        guard lstat(url.path, &st) == 0 else { return }
        // Never read or extended through a link out of the project (the table would be
        // appended to the link's target), and read non-blocking and bounded.
        guard let resolved = ContainedPath.resolve(url.path, inside: directory.path) else {
            problem = ConfigError(file: displayPath, line: nil, reason: "is a link out of the project or does not resolve; not read")
            text = ""
            return
        }
        let data: [UInt8]
        do {
            data = try BoundedFile.read(path: resolved, limit: ConfigLoader.maxConfigBytes)
        } catch {
            problem = ConfigError(file: displayPath, line: nil, reason: "cannot be read: \(error.description)")
            text = ""
            return
        }
        guard let decoded = String(validating: data, as: UTF8.self) else {
            problem = ConfigError(file: displayPath, line: nil, reason: "is not UTF-8")
            text = ""
            return
        }
        text = decoded
        do {
            table = try TOMLReader.parse(decoded)
        } catch {
            problem = ConfigError(file: displayPath, line: error.line, reason: "invalid TOML: \(error.description)")
        }
    }

    /// The first table header or dotted key naming `tool.<name>`, for pointing at an existing table.
    func line(containing name: String) -> Int? {
        guard let text else { return nil }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let compact = line.filter { $0 != " " && $0 != "\t" && $0 != "\"" }
            if compact.hasPrefix("[tool.\(name)") || compact.hasPrefix("tool.\(name).") { return index + 1 }
        }
        return nil
    }
}
