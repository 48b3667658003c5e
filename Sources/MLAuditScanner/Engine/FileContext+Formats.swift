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
            } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
                return file.composeKeepingLastValue(keys: keys, at: context.mark)
            } catch let error as YamlError {
                if case .composer(let context, let problem, _, _) = error,
                   problem.contains("another document") || (context?.text.contains("single document") ?? false),
                   let first = YAMLTolerantCompose.firstDocument(file.text),
                   let node = try? YAMLGuard.compose(first, limits: file.configuration.limits) {
                    file.notePartNotRead(line: YAMLErrorLocation.line(of: error), "only the first YAML document of this file is read")
                    return node
                }
                file.diagnose(line: YAMLErrorLocation.line(of: error), "invalid YAML: \(YAMLErrorLocation.reason(of: error))")
                return nil
            } catch {
                file.diagnose("invalid YAML: \(error)")
                return nil
            }
        }
    }

    /// A document with duplicated keys, read as PyYAML reads it (the last value wins), with a
    /// short diagnostic per key; a parse error naming the key when it cannot be read so.
    private func composeKeepingLastValue(keys: [String], at mark: Mark) -> Node? {
        if let result = try? YAMLTolerantCompose.composeKeepingLastValue(text, limits: configuration.limits) {
            for duplicate in result.duplicates.prefix(10) {
                let kept = duplicate.keptLine.map { " and again at line \($0)" } ?? " twice"
                diagnoseReadAnyway(line: duplicate.firstLine,
                                   "duplicate YAML key '\(duplicate.key)' (line \(duplicate.firstLine)\(kept) in the same mapping): read with the last value, as PyYAML does; remove one of them")
            }
            return result.node
        }
        let names = keys.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        diagnose(line: mark.line, "invalid YAML: duplicate key \(names) in one mapping")
        return nil
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
