import Foundation

/// Finds and reads the project configuration.
public enum ConfigLoader {
    public static let fileNames = ["mlaudit.yaml", ".mlaudit.yaml", "mlaudit.yml", ".mlaudit.yml"]

    static let topLevelKeys = [
        "select", "ignore", "severity", "per-file-ignores", "exclude", "project-kind",
        "max-file-size", "max-notebook-size", "max-nesting-depth", "max-yaml-nodes", "max-findings-per-rule", "large-file-threshold", "import-map", "data",
    ]

    /// The largest configuration file read (a mlaudit YAML file, or the pyproject.toml holding `[tool.mlaudit]`).
    public static let maxConfigBytes = 1_000_000

    /// Looks for a configuration file in `directory`: the mlaudit YAML files first, then `[tool.mlaudit]`.
    /// Returns nil when there is none. `displayPrefix` is prepended to file names in errors.
    /// A candidate is read only when, with its links resolved, it lies inside `boundary`
    /// (the scanned root or the repository holding it): a committed `mlaudit.yaml` that
    /// links to `/proc/self/environ` or `../../secret` is a configuration error, never read.
    public static func discover(in directory: URL, boundary: String? = nil, displayPrefix: String = "") throws -> Configuration? {
        let limit = boundary ?? directory.path
        for name in fileNames {
            let path = directory.appendingPathComponent(name).path
            guard exists(path) else { continue }
            return try load(path: path, displayPath: displayPrefix + name, boundary: limit)
        }
        let pyproject = directory.appendingPathComponent("pyproject.toml").path
        guard exists(pyproject), let resolved = ContainedPath.resolve(pyproject, inside: limit),
              let bytes = try? BoundedFile.read(path: resolved, limit: maxConfigBytes) else {
            // A pyproject that links out of the project is not read (the scan skips it too).
            return nil
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("mlaudit") else { return nil }
        let display = displayPrefix + "pyproject.toml"
        let node: ConfigNode?
        do {
            node = try ConfigNode.fromPyproject(text, file: display)
        } catch {
            // A pyproject that does not parse is reported by the scan itself; it is a
            // configuration error only when it holds the configuration.
            if TOMLKeyLines.declaresTable(text, "tool.mlaudit") { throw error }
            return nil
        }
        guard let node else { return nil }
        var config = try interpret(node, file: display)
        config.sourcePath = display
        config.sourceAbsolutePath = URL(fileURLWithPath: pyproject).standardizedFileURL.path
        return config
    }

    /// Whether a name exists (as anything, a dangling or looping link included).
    private static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Reads an explicitly named configuration file (YAML, or a pyproject.toml's `[tool.mlaudit]`).
    public static func load(url: URL, displayPath: String) throws -> Configuration {
        try load(path: url.path, displayPath: displayPath, boundary: nil)
    }

    /// Reads a configuration file; with a `boundary`, only when it resolves inside it.
    public static func load(path: String, displayPath: String, boundary: String?) throws -> Configuration {
        let resolved: String
        if let boundary {
            guard let inside = ContainedPath.resolve(path, inside: boundary) else {
                let reason = ContainedPath.realPath(path) == nil
                    ? "cannot be resolved (a broken link, a link loop or too many links); not read"
                    : "is a link out of the project; not read"
                throw ConfigError(file: displayPath, line: nil, reason: reason)
            }
            resolved = inside
        } else {
            guard let real = ContainedPath.realPath(path) else {
                throw ConfigError(file: displayPath, line: nil, reason: "cannot read the configuration file: \(String(cString: strerror(errno)))")
            }
            resolved = real
        }
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path: resolved, limit: maxConfigBytes)
        } catch {
            throw ConfigError(file: displayPath, line: nil, reason: "cannot read the configuration file: \(error.description)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError(file: displayPath, line: nil, reason: "the configuration file is not UTF-8")
        }
        var config: Configuration
        if path.hasSuffix(".toml") {
            guard let node = try ConfigNode.fromPyproject(text, file: displayPath) else {
                throw ConfigError(file: displayPath, line: nil, reason: "no [tool.mlaudit] table")
            }
            config = try interpret(node, file: displayPath)
        } else {
            config = try parse(yaml: text, file: displayPath)
        }
        config.sourcePath = displayPath
        config.sourceAbsolutePath = URL(fileURLWithPath: path).standardizedFileURL.path
        return config
    }

    public static func parse(yaml text: String, file: String) throws -> Configuration {
        guard let node = try ConfigNode.fromYAML(text, file: file) else { return Configuration() }
        return try interpret(node, file: file)
    }

    public static func interpret(_ node: ConfigNode, file: String) throws -> Configuration {
        guard case .mapping(let pairs, _) = node else {
            throw ConfigError(file: file, line: node.line, reason: "the configuration must be a mapping of keys to values")
        }
        var config = Configuration()
        for (key, keyLine, value) in pairs {
            let fail = { (reason: String) in ConfigError(file: file, line: value.line ?? keyLine, reason: reason) }
            switch key {
            case "select":
                config.select = try ruleSelectors(value, key: key, file: file)
            case "ignore":
                config.ignore = try ruleSelectors(value, key: key, file: file)
            case "severity":
                guard case .mapping(let entries, _) = value else { throw fail("'severity' maps rule IDs to error, warning or note") }
                for (rule, line, level) in entries {
                    guard Catalogue.rule(rule) != nil else {
                        throw ConfigError(file: file, line: line, reason: "unknown rule '\(Excerpt.quote(rule))' in 'severity'")
                    }
                    guard let text = level.scalar, let severity = Severity(rawValue: text.lowercased()) else {
                        throw ConfigError(file: file, line: level.line ?? line, reason: "severity of \(Excerpt.quote(rule)) must be error, warning or note")
                    }
                    config.severityOverrides[rule.uppercased()] = severity
                }
            case "per-file-ignores":
                guard case .mapping(let entries, _) = value else { throw fail("'per-file-ignores' maps globs to lists of rule IDs") }
                for (glob, line, rules) in entries {
                    guard let pattern = GlobPattern(glob) else { throw ConfigError(file: file, line: line, reason: "empty glob in 'per-file-ignores'") }
                    config.perFileIgnores.append((pattern, try ruleSelectors(rules, key: "per-file-ignores", file: file)))
                }
            case "exclude":
                config.exclude = try strings(value, key: key, file: file).map { text in
                    guard let pattern = GlobPattern(text) else { throw fail("empty glob in 'exclude'") }
                    return pattern
                }
            case "project-kind":
                guard let text = value.scalar, let kind = ProjectKind(rawValue: text) else {
                    throw fail("'project-kind' must be application or library")
                }
                config.projectKind = kind
                config.projectKindIsSet = true
            case "max-file-size":
                config.maxFileSize = try size(value, key: key, file: file, ceiling: Ceiling.fileSize)
            case "max-notebook-size":
                config.maxNotebookSize = try size(value, key: key, file: file, ceiling: Ceiling.fileSize)
            case "max-nesting-depth":
                config.limits.maxNestingDepth = try count(value, key: key, file: file, ceiling: Ceiling.nestingDepth)
            case "max-yaml-nodes":
                config.limits.maxYAMLNodes = try count(value, key: key, file: file, ceiling: Ceiling.yamlNodes)
            case "max-findings-per-rule":
                config.maxFindingsPerRule = try count(value, key: key, file: file, ceiling: Ceiling.findingsPerRule)
            case "large-file-threshold":
                config.largeFileThreshold = try size(value, key: key, file: file)
            case "import-map":
                guard case .mapping(let entries, _) = value else { throw fail("'import-map' maps import names to distribution names") }
                for (module, _, dists) in entries {
                    config.importMap[module] = try strings(dists, key: key, file: file)
                }
            case "data":
                config.data = try dataEntries(value, file: file)
            default:
                let hint = closest(to: key, in: topLevelKeys).map { " (did you mean '\($0)'?)" } ?? ""
                throw ConfigError(file: file, line: keyLine, reason: "unknown key '\(Excerpt.quote(key))'\(hint)")
            }
        }
        return config
    }

    private static func strings(_ node: ConfigNode, key: String, file: String) throws -> [String] {
        switch node {
        case .scalar(let s, _):
            return [s]
        case .sequence(let items, _):
            return try items.map { item in
                guard let s = item.scalar else { throw ConfigError(file: file, line: item.line, reason: "'\(key)' must be a list of strings") }
                return s
            }
        case .mapping(_, let line):
            throw ConfigError(file: file, line: line, reason: "'\(key)' must be a list of strings")
        }
    }

    private static func ruleSelectors(_ node: ConfigNode, key: String, file: String) throws -> [String] {
        let values = try strings(node, key: key, file: file)
        for value in values where !Catalogue.isKnownSelector(value) {
            throw ConfigError(file: file, line: node.line, reason: "'\(Excerpt.quote(value))' in '\(key)' names no rule")
        }
        return values.map { $0.uppercased() }
    }

    /// The most a configuration may raise a limit to: a tree's own `mlaudit.yaml` can
    /// loosen the limits, but not so far that a scan of it runs out of memory or stack.
    public enum Ceiling {
        public static let fileSize = 1 << 30
        public static let nestingDepth = 1000
        public static let yamlNodes = 100_000_000
        public static let findingsPerRule = 10_000
    }

    private static func size(_ node: ConfigNode, key: String, file: String, ceiling: Int = Int.max) throws -> Int {
        guard let text = node.scalar, let bytes = ByteSize.parse(text) else {
            throw ConfigError(file: file, line: node.line, reason: "'\(key)' must be a size such as 5MB, 512KiB or 1000000"
                + (ceiling < Int.max ? " (at most \(ceiling) bytes)" : ""))
        }
        guard bytes <= ceiling else {
            throw ConfigError(file: file, line: node.line, reason: "'\(key)' may be at most \(ceiling) bytes (1GiB)")
        }
        return bytes
    }

    private static func count(_ node: ConfigNode, key: String, file: String, ceiling: Int) throws -> Int {
        guard let text = node.scalar, let number = Int(text.replacingOccurrences(of: "_", with: "")), number > 0 else {
            throw ConfigError(file: file, line: node.line, reason: "'\(key)' must be a positive whole number (at most \(ceiling))")
        }
        guard number <= ceiling else {
            throw ConfigError(file: file, line: node.line, reason: "'\(key)' may be at most \(ceiling)")
        }
        return number
    }

    private static func dataEntries(_ node: ConfigNode, file: String) throws -> [DataDeclaration] {
        guard case .sequence(let items, _) = node else {
            throw ConfigError(file: file, line: node.line, reason: "'data' must be a list of entries with at least a path")
        }
        let allowed: Set<String> = ["path", "source", "sha256", "md5", "size", "description", "license"]
        return try items.map { item in
            guard case .mapping(let pairs, let line) = item else {
                throw ConfigError(file: file, line: item.line, reason: "a 'data' entry must be a mapping with at least a path")
            }
            var entry = DataDeclaration(path: "", line: line)
            for (key, keyLine, value) in pairs {
                guard allowed.contains(key) else { throw ConfigError(file: file, line: keyLine, reason: "unknown key '\(Excerpt.quote(key))' in a 'data' entry") }
                guard let text = value.scalar else { throw ConfigError(file: file, line: keyLine, reason: "'\(key)' must be a string") }
                switch key {
                case "path": entry.path = text
                case "source": entry.source = text
                case "sha256":
                    guard text.count == 64, text.allSatisfy(\.isHexDigit) else {
                        throw ConfigError(file: file, line: keyLine, reason: "'sha256' must be 64 hexadecimal digits")
                    }
                    entry.sha256 = text.lowercased()
                    entry.checksumLine = entry.checksumLine ?? keyLine
                case "md5":
                    guard text.count == 32, text.allSatisfy(\.isHexDigit) else {
                        throw ConfigError(file: file, line: keyLine, reason: "'md5' must be 32 hexadecimal digits")
                    }
                    entry.md5 = text.lowercased()
                    entry.checksumLine = entry.checksumLine ?? keyLine
                case "size":
                    guard let bytes = ByteSize.parse(text) else { throw ConfigError(file: file, line: keyLine, reason: "'size' must be a size") }
                    entry.size = bytes
                case "description": entry.description = text
                default: entry.license = text
                }
            }
            if entry.path.isEmpty { throw ConfigError(file: file, line: line, reason: "a 'data' entry needs a 'path'") }
            return entry
        }
    }

    /// The known key within edit distance 2, for "did you mean" hints.
    static func closest(to key: String, in candidates: [String]) -> String? {
        guard key.count <= 64 else { return nil }
        return candidates.map { ($0, editDistance(Array(key), Array($0))) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Sizes written as `5MB`, `512KiB`, `1.5GB` or plain bytes.
public enum ByteSize {
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: " ").uppercased()
        let units: [(String, Double)] = [
            ("KIB", 1024), ("MIB", 1024 * 1024), ("GIB", 1024 * 1024 * 1024),
            ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("K", 1000), ("M", 1_000_000), ("G", 1_000_000_000), ("B", 1),
        ]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            // Checked: `9223372036854775807KB` or `1e400MB` is not a size, never a trap.
            guard let number = Double(trimmed.dropLast(suffix.count).trimmingCharacters(in: " ")), number >= 0 else { return nil }
            let bytes = number * factor
            guard bytes.isFinite, bytes < 9.0e18 else { return nil }
            return Int(bytes)
        }
        guard let plain = Int(trimmed), plain >= 0 else { return nil }
        return plain
    }
}
