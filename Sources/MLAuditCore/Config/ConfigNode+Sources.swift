import TOMLKit
import Yams

extension ConfigNode {
    /// Builds a node tree from YAML text, keeping 1-based lines.
    public static func fromYAML(_ text: String, file: String) throws -> ConfigNode? {
        do {
            guard let node = try YAMLGuard.compose(text, limits: InputLimits()) else { return nil }
            return try convert(node, file: file)
        } catch let error as YAMLGuard.LimitExceeded {
            throw ConfigError(file: file, line: error.line, reason: "YAML \(error.reason)")
        } catch let error as YamlError {
            throw ConfigError(file: file, line: YAMLErrorLocation.line(of: error), reason: "invalid YAML: \(Excerpt.quote(YAMLErrorLocation.reason(of: error), limit: 160))")
        }
    }

    private static func convert(_ node: Node, file: String) throws -> ConfigNode {
        let line = node.mark.map { $0.line }
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, line: line)
        case .sequence(let seq):
            return .sequence(try seq.map { try convert($0, file: file) }, line: line)
        case .mapping(let map):
            var pairs: [(key: String, keyLine: Int?, value: ConfigNode)] = []
            for (key, value) in map {
                guard let name = key.scalar?.string else {
                    throw ConfigError(file: file, line: key.mark?.line, reason: "mapping keys must be plain strings")
                }
                pairs.append((name, key.mark?.line, try convert(value, file: file)))
            }
            return .mapping(pairs, line: line)
        case .alias:
            throw ConfigError(file: file, line: line, reason: "YAML aliases are not supported in configuration")
        }
    }

    /// Builds a node tree from the `[tool.mlaudit]` table of a pyproject.toml, or nil when it has none.
    public static func fromPyproject(_ text: String, file: String) throws -> ConfigNode? {
        let table: TOMLTable
        do {
            table = try TOMLReader.parse(text)
        } catch {
            throw ConfigError(file: file, line: error.line, reason: "invalid TOML: \(error.description)")
        }
        guard let tool = table["tool"]?.table, let ours = tool["mlaudit"]?.table else { return nil }
        let lines = TOMLKeyLines(text: text, tablePrefix: "tool.mlaudit")
        return convert(ours, path: [], lines: lines, line: lines.line(forTable: []))
    }

    private static func convert(_ value: TOMLValueConvertible, path: [String], lines: TOMLKeyLines, line: Int?) -> ConfigNode {
        if let table = value.table {
            var pairs: [(key: String, keyLine: Int?, value: ConfigNode)] = []
            for key in table.keys.sorted() {
                guard let child = table[key] else { continue }
                let keyLine = lines.line(forKey: path + [key])
                pairs.append((key, keyLine, convert(child, path: path + [key], lines: lines, line: keyLine)))
            }
            return .mapping(pairs, line: line)
        }
        if let array = value.array {
            return .sequence(array.map { convert($0, path: path, lines: lines, line: line) }, line: line)
        }
        if let s = value.string { return .scalar(s, line: line) }
        if let b = value.bool { return .scalar(b ? "true" : "false", line: line) }
        if let i = value.int { return .scalar(String(i), line: line) }
        if let d = value.double { return .scalar(String(d), line: line) }
        return .scalar(String(describing: value), line: line)
    }
}

/// Finds the line of `key = …` entries and `[table]` headers below a table prefix.
/// TOMLKit reports no positions for values, and configuration errors must name a line.
struct TOMLKeyLines {
    private var keyLines: [String: Int] = [:]
    private var tableLines: [String: Int] = [:]
    private let prefix: String

    init(text: String, tablePrefix: String) {
        prefix = tablePrefix
        var current = ""
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: " \t\r")
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: "[] \t").replacingSpacesAroundDots()
                current = name
                if tableLines[name] == nil { tableLines[name] = lineNumber }
                continue
            }
            guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = String(line[..<eq]).trimmingCharacters(in: " \t\"'").replacingSpacesAroundDots()
            let full = current.isEmpty ? key : "\(current).\(key)"
            if keyLines[full] == nil { keyLines[full] = lineNumber }
        }
    }

    /// Whether the text names the table (`[tool.mlaudit]`, `[tool . "mlaudit"]`, `tool.mlaudit.select = …`),
    /// read without parsing: for text that does not parse.
    static func declaresTable(_ text: String, _ dotted: String) -> Bool {
        let squeezed = String(text.unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\"" && $0 != "'" }.map(Character.init))
        return squeezed.contains(dotted)
    }

    func line(forKey path: [String]) -> Int? {
        let full = ([prefix] + path).joined(separator: ".")
        return keyLines[full] ?? tableLines[full]
    }

    func line(forTable path: [String]) -> Int? {
        tableLines[([prefix] + path).joined(separator: ".")]
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }

    func replacingSpacesAroundDots() -> String {
        split(separator: ".").map { $0.trimmingCharacters(in: " \t\"'") }.joined(separator: ".")
    }
}

/// Line numbers and short reasons out of Yams' errors.
public enum YAMLErrorLocation {
    public static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    public static func reason(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            if let context, !context.text.isEmpty { return "\(problem) (\(context.text))" }
            return problem
        default:
            return "\(error)"
        }
    }
}
