import MLAuditCore
import TOMLKit
import Yams

extension FileContext {
    /// The file's YAML document (first document of a stream), with line marks;
    /// nil after reporting a parse diagnostic.
    public var yamlNode: Node? {
        artifact("yaml") { file -> Node? in
            do {
                return try YAMLGuard.compose(file.text, limits: file.configuration.limits)
            } catch let error as YAMLGuard.LimitExceeded {
                file.diagnose(line: error.line, "YAML not read: \(error.reason)")
                return nil
            } catch let error as YamlError {
                file.diagnose(line: YAMLErrorLocation.line(of: error), "invalid YAML: \(YAMLErrorLocation.reason(of: error))")
                return nil
            } catch {
                file.diagnose("invalid YAML: \(error)")
                return nil
            }
        }
    }

    /// The file's TOML table; nil after reporting a parse diagnostic.
    public var tomlTable: TOMLTable? {
        artifact("toml") { file -> TOMLTable? in
            // Depth (max-nesting-depth) and syntax are checked by TOMLReader before toml++ reads the text.
            do throws(TOMLReadError) {
                return try TOMLReader.parse(file.text, limits: file.configuration.limits)
            } catch {
                file.diagnose(line: error.line, column: error.column, "invalid TOML: \(error.description)")
                return nil
            }
        }
    }
}

extension Node {
    /// 1-based line of this node, or 1 when unknown.
    public var line: Int { mark?.line ?? 1 }
    /// 1-based column of this node, or 1 when unknown.
    public var column: Int { mark?.column ?? 1 }
}
