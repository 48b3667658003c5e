import MLAuditCore
import MLAuditParsers

/// Reads `setup.py` without running it: literal lists given to `install_requires`,
/// `extras_require`, `tests_require` and `setup_requires` (directly, or through a
/// module-level name assigned a literal), and a literal `python_requires`. A value
/// computed at run time (`list(install_requires)`, a helper over a table) is read from
/// the requirement tables the file spells out (`_deps = ["torch>=2.1", "numpy"]`) or is
/// left to the requirements file the setup.py opens; failing both, the scan says with
/// --verbose that it could not be read. A valid setup.py is never a parse error.
enum SetupPyManifestReader {
    static let keywords: Set<String> = ["install_requires", "extras_require", "tests_require", "setup_requires", "python_requires", "name"]

    static func read(_ file: FileContext) -> DependencyManifest {
        var manifest = DependencyManifest(path: file.relativePath, kind: .setupPy)
        manifest.isPackageMetadata = true
        let bytes = file.bytes
        let tokens = PythonLexer.tokenize(bytes).filter { $0.kind != .comment && $0.kind != .nl && $0.kind != .indent && $0.kind != .dedent }
        func text(_ i: Int) -> Substring {
            Substring(decoding: bytes[tokens[i].range], as: UTF8.self)
        }
        func isOp(_ i: Int, _ op: String) -> Bool { i < tokens.count && tokens[i].kind == .op && text(i) == op }

        // Module-level `NAME = <value>`: the token index where the value starts.
        var assignments: [Substring: Int] = [:]
        for i in tokens.indices where tokens[i].kind == .name && isOp(i + 1, "=") && (i == 0 || tokens[i - 1].kind == .newline) {
            assignments[text(i)] = i + 2
        }

        var unread: [(key: String, line: Int)] = []
        var consumed = Set<Int>()
        for i in tokens.indices {
            let key: String
            if tokens[i].kind == .name, isOp(i + 1, "="), i > 0, isOp(i - 1, ",") || isOp(i - 1, "(") {
                key = String(text(i))
            } else if tokens[i].kind == .string, isOp(i + 1, ":"), let value = PythonStringLiteral.value(of: tokens[i], in: bytes) {
                key = value
            } else {
                continue
            }
            guard keywords.contains(key) else { continue }
            var start = i + 2
            let valueName: Substring? = start < tokens.count && tokens[start].kind == .name ? text(start) : nil
            if start < tokens.count, tokens[start].kind == .name, let assigned = assignments[text(start)],
               start + 1 < tokens.count, isOp(start + 1, ",") || isOp(start + 1, ")") || tokens[start + 1].kind == .newline {
                start = assigned
            }
            guard start < tokens.count else { continue }
            let line = file.position(ofByte: tokens[i].start).line
            if key == "python_requires" || key == "name" {
                if tokens[start].kind == .string, let value = PythonStringLiteral.value(of: tokens[start], in: bytes) {
                    if key == "name" { manifest.projectName = RequirementSpec.normalize(name: value) } else { manifest.pythonVersion = (value, line) }
                }
                continue
            }
            var (strings, complete) = literalStrings(from: start, tokens: tokens, text: text)
            if let valueName {
                // `extras = {}` filled by `extras["test"] = [...]` statements: read their literals.
                let itemStrings = subscriptAssignedStrings(of: valueName, tokens: tokens, text: text)
                if !itemStrings.isEmpty { (strings, complete) = (itemStrings, true) }
            }
            if !complete { unread.append((key, line)) }
            for token in strings {
                consumed.insert(token.start)
                guard let value = PythonStringLiteral.value(of: token, in: bytes) else { continue }
                let position = file.position(ofByte: token.start)
                for part in value.split(whereSeparator: \.isNewline) {
                    let trimmed = String(part).trimmingINIBlanks()
                    guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let spec = RequirementSpec.parse(Substring(trimmed)), let name = spec.name else { continue }
                    let dep = PythonManifestReader.dependency(spec, name: name, line: position.line, column: position.column + 1, context: "setup.py \(key)")
                    if key == "setup_requires" { manifest.buildDependencies.append(dep) } else { manifest.dependencies.append(dep) }
                }
            }
        }
        if !unread.isEmpty, !opensRequirementsFile(tokens: tokens, bytes: bytes) {
            let table = requirementTables(tokens: tokens, bytes: bytes, text: text).filter { !consumed.contains($0.start) }
            for token in table {
                guard let value = PythonStringLiteral.value(of: token, in: bytes),
                      let spec = RequirementSpec.parse(Substring(value.trimmingINIBlanks())), let name = spec.name,
                      RequirementSpec.normalize(name: name) != "python" else { continue }
                let position = file.position(ofByte: token.start)
                manifest.dependencies.append(PythonManifestReader.dependency(spec, name: name, line: position.line, column: position.column + 1,
                                                                             context: "setup.py requirement table"))
            }
            if table.isEmpty {
                for (key, line) in unread {
                    file.notePartNotRead(line: line, "\(key) in setup.py is computed at run time and names no requirement table or requirements file: mlaudit does not run setup.py, so these dependencies are unknown")
                }
            }
        }
        return manifest
    }

    /// Whether the file names a requirements file (`open("requirements.txt")`), which is
    /// read as a manifest of its own.
    static func opensRequirementsFile(tokens: [PythonToken], bytes: [UInt8]) -> Bool {
        tokens.contains { token in
            guard token.kind == .string, let value = PythonStringLiteral.value(of: token, in: bytes) else { return false }
            let kind = FileKind.classify(path: value)
            return kind == .requirements || kind == .requirementsInput
        }
    }

    /// The strings of literal lists, tuples or sets that hold only requirement specifiers,
    /// at least one of them with a version (`_deps = ["Pillow", "accelerate>=0.31.0"]`).
    static func requirementTables(tokens: [PythonToken], bytes: [UInt8], text: (Int) -> Substring) -> [PythonToken] {
        var result: [PythonToken] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .op, text(i) == "[" || text(i) == "(" || text(i) == "{" else {
                i += 1
                continue
            }
            let (strings, complete) = literalStrings(from: i, tokens: tokens, text: text)
            var versioned = false
            var allRequirements = complete && strings.count >= 2
            for token in strings where allRequirements {
                guard let value = PythonStringLiteral.value(of: token, in: bytes),
                      let spec = RequirementSpec.parse(Substring(value.trimmingINIBlanks())), spec.name != nil else {
                    allRequirements = false
                    break
                }
                if !spec.specifiers.isEmpty { versioned = true }
            }
            if allRequirements && versioned {
                result += strings
                // Skip past the table.
                i = tokens.firstIndex { $0.start > (strings.last?.start ?? 0) } ?? tokens.count
            } else {
                i += 1
            }
        }
        return result
    }

    /// The string tokens of a literal list, tuple or dict of lists starting at `start`;
    /// `complete` is false when anything but literals and punctuation appears.
    static func literalStrings(from start: Int, tokens: [PythonToken], text: (Int) -> Substring) -> ([PythonToken], complete: Bool) {
        guard tokens[start].kind == .op, ["[", "(", "{"].contains(text(start)) else {
            return ([], tokens[start].kind == .string)
        }
        var strings: [PythonToken] = []
        var complete = true
        var depth = 0
        var i = start
        while i < tokens.count {
            let token = tokens[i]
            switch token.kind {
            case .op:
                let t = text(i)
                if t == "[" || t == "(" || t == "{" { depth += 1 } else if t == "]" || t == ")" || t == "}" {
                    depth -= 1
                    if depth == 0 { return (strings, complete) }
                } else if t != "," && t != ":" {
                    complete = false
                }
            case .string:
                // A dict key (`"dev": [...]`) names an extra, not a requirement.
                if !(i + 1 < tokens.count && tokens[i + 1].kind == .op && text(i + 1) == ":") { strings.append(token) }
            case .newline:
                return (strings, false)
            default:
                complete = false
            }
            i += 1
        }
        return (strings, false)
    }

    /// String literals inside brackets on the right of `NAME[...] = ...` statements.
    static func subscriptAssignedStrings(of name: Substring, tokens: [PythonToken], text: (Int) -> Substring) -> [PythonToken] {
        var strings: [PythonToken] = []
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard tokens[i].kind == .name, text(i) == name, i == 0 || tokens[i - 1].kind == .newline,
                  i + 1 < tokens.count, tokens[i + 1].kind == .op, text(i + 1) == "[" else { continue }
            var j = i + 2
            while j < tokens.count, !(tokens[j].kind == .op && text(j) == "]") { j += 1 }
            guard j + 1 < tokens.count, tokens[j + 1].kind == .op, text(j + 1) == "=" else { continue }
            var depth = 0
            j += 2
            while j < tokens.count, tokens[j].kind != .newline {
                if tokens[j].kind == .op {
                    if text(j) == "[" { depth += 1 } else if text(j) == "]" { depth -= 1 }
                } else if tokens[j].kind == .string, depth > 0 {
                    strings.append(tokens[j])
                }
                j += 1
            }
        }
        return strings
    }
}
