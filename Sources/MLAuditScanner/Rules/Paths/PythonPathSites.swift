import MLAuditCore
import MLAuditParsers

/// Paths in Python code and notebook code cells: every string literal (comments are
/// tokens of their own and never read), and for PATH003 the `Path.home() / …` and
/// `os.path.join(os.path.expanduser("~"), …)` expressions.
enum PythonPathSites {
    static func check(_ source: PythonSource, _ reporter: PathReporter) {
        var builtRoles: PythonCallRoles?
        func roles() -> PythonCallRoles {
            if let builtRoles { return builtRoles }
            let roles = PythonCallRoles(source)
            builtRoles = roles
            return roles
        }
        if reporter.file.isEnabled("PATH003") { checkHomeExpressions(source, reporter, roles) }
        let tokens = source.tokens
        let bytes = source.bytes
        var candidates: [Int] = []
        for (index, token) in tokens.enumerated() where token.kind == .string
            && PathClassifier.mayHoldMention(bytes, token.start..<token.end) {
            candidates.append(index)
        }
        // Only literals whose value holds a path can be reported: the call roles, which cost a
        // pass over every call, are built only when some literal does.
        var sites: [(index: Int, text: MappedText)] = []
        for index in candidates {
            guard let text = QuotedStringText.python(tokens[index], in: bytes),
                  PathClassifier.mayHoldPath(text.bytes), !PathClassifier.mentions(in: text.bytes).isEmpty else { continue }
            sites.append((index, text))
        }
        guard !sites.isEmpty else { return }
        let roles = roles()
        // Tests build paths to feed the code under test; only paths they read or write are locations.
        let isTestFile = TestFiles.isTest(reporter.file.relativePath)
        for (index, text) in sites {
            let token = tokens[index]
            if roles.isURL(token.start) || roles.isDocumentation(token.start) { continue }
            let previous = significantTokens(before: index, count: 4, tokens)
            // `base + "/api/v1"`, `root / "/x"`: the literal continues something else.
            if let last = previous.first, isOp(last, in: bytes, "+") || isOp(last, in: bytes, "/") { continue }
            // `"https://host/resolve/main" "/img/cat.png"`: the second half of a URL split over adjacent literals.
            if continuesURL(index, tokens, bytes) { continue }
            // Docstrings and other bare string statements are documentation, not code.
            if isStringStatement(index, tokens) { continue }
            // `text.replace("/branch/master/badge.svg", …)`, `path.startswith("/a/b")`: a text fragment.
            if roles.isTextFragment(token.start) { continue }
            if isTestFile, !roles.isFileOperation(token.start) { continue }
            let name = roles.names[token.start] ?? assignedName(previous, bytes)
            reporter.check(PathSite(text: text, name: name, fileUse: roles.fileUses[token.start],
                                    isEnvironmentDefault: roles.isEnvironmentDefault(token.start),
                                    python: source))
        }
    }

    /// Whether the string at `index` follows adjacent string literals (implicit concatenation)
    /// one of which holds a URL, so it is a piece of that URL.
    static func continuesURL(_ index: Int, _ tokens: [PythonToken], _ bytes: [UInt8]) -> Bool {
        var k = index - 1
        while k >= 0 {
            switch tokens[k].kind {
            case .nl, .comment: k -= 1
            case .string:
                if bytes[tokens[k].start..<tokens[k].end].firstRange(of: Array("://".utf8)) != nil { return true }
                k -= 1
            default: return false
            }
        }
        return false
    }

    /// Whether the string at `index` belongs to a statement made only of string literals
    /// (a docstring, or a string left as a comment).
    static func isStringStatement(_ index: Int, _ tokens: [PythonToken]) -> Bool {
        func skippable(_ kind: PythonTokenKind) -> Bool { kind == .nl || kind == .comment || kind == .indent || kind == .dedent }
        var k = index - 1
        while k >= 0, skippable(tokens[k].kind) || tokens[k].kind == .string { k -= 1 }
        guard k < 0 || tokens[k].kind == .newline else { return false }
        var j = index + 1
        while j < tokens.count, tokens[j].kind == .nl || tokens[j].kind == .comment || tokens[j].kind == .string { j += 1 }
        return j >= tokens.count || tokens[j].kind == .newline || tokens[j].kind == .dedent
    }

    /// Up to `count` significant tokens before `index`, nearest first.
    static func significantTokens(before index: Int, count: Int, _ tokens: [PythonToken]) -> [PythonToken] {
        var found: [PythonToken] = []
        var k = index - 1
        while k >= 0, found.count < count {
            switch tokens[k].kind {
            case .nl, .comment, .indent, .dedent: break
            default: found.append(tokens[k])
            }
            k -= 1
        }
        return found
    }

    static func isOp(_ token: PythonToken, in bytes: [UInt8], _ op: String) -> Bool {
        token.kind == .op && bytes[token.start..<token.end].elementsEqual(op.utf8)
    }

    static func text(_ token: PythonToken, _ bytes: [UInt8]) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// The name a literal is given to: `name = "…"`, `obj.name = "…"`, `f(name="…")`,
    /// `name: str = "…"`, `{"name": "…"}`, `mapping["name"] = "…"`.
    static func assignedName(_ previous: [PythonToken], _ bytes: [UInt8]) -> String? {
        guard previous.count >= 2 else { return nil }
        if isOp(previous[0], in: bytes, "=") {
            // `os.environ["HF_HOME"] = "…"`: the key names the value.
            if previous.count >= 3, isOp(previous[1], in: bytes, "]"), previous[2].kind == .string {
                return PythonStringLiteral.value(of: previous[2], in: bytes)
            }
            guard previous[1].kind == .name else { return nil }
            if previous.count >= 4, isOp(previous[2], in: bytes, ":"), previous[3].kind == .name { return text(previous[3], bytes) }
            return text(previous[1], bytes)
        }
        if isOp(previous[0], in: bytes, ":"), previous[1].kind == .string {
            return PythonStringLiteral.value(of: previous[1], in: bytes)
        }
        return nil
    }

    // MARK: PATH003 expressions

    static func checkHomeExpressions(_ source: PythonSource, _ reporter: PathReporter, _ roles: () -> PythonCallRoles) {
        let bytes = source.bytes
        func report(_ offset: Int, _ expression: String) {
            if roles().isEnvironmentDefault(offset) { return }
            reporter.report("PATH003", fileOffset: source.fileOffset(ofByte: offset), cell: source.cell(ofByte: offset),
                            message: PathMessages.homeExpression(expression))
        }
        var homeCalls: [Int] = []
        for call in source.calls {
            if isHomeCall(call) { homeCalls.append(call.range.lowerBound) }
            guard call.qualifiedName == "pathlib.Path.home" || call.callee == "Path.home" else { continue }
            var after = call.range.upperBound
            while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
            guard after < bytes.count else { continue }
            let divides = bytes[after] == PathClassifier.slash && !(after + 1 < bytes.count && bytes[after + 1] == PathClassifier.slash)
            if divides || bytes[after...].starts(with: ".joinpath".utf8) {
                let operand = divides ? after + 1 : after + ".joinpath(".utf8.count
                guard namesVisibleEntry(bytes, from: operand) else { continue }
                report(call.range.lowerBound, divides ? "\(call.callee)() / …" : "\(call.callee)().joinpath(…)")
            }
        }
        guard !homeCalls.isEmpty else { return }
        for call in source.calls where call.qualifiedName == "os.path.join" {
            let positional = call.positional
            guard positional.count >= 2, homeCalls.contains(where: { positional[0].range.contains($0) }),
                  namesVisibleEntry(bytes, from: positional[1].range.lowerBound) else { continue }
            report(call.range.lowerBound, "\(call.callee)(<home>, …)")
        }
    }

    /// Whether the code at `start` is a string literal naming an entry of the home that is not
    /// hidden: `"data"` is, `".cache"` (tool state and caches) and a computed name are not.
    static func namesVisibleEntry(_ bytes: [UInt8], from start: Int) -> Bool {
        var k = start
        while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x28 { k += 1 }
        var prefix = 0
        while k < bytes.count, prefix < 2, "rRbBfFuU".utf8.contains(bytes[k]) { k += 1; prefix += 1 }
        guard k < bytes.count, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") else { return false }
        let quote = bytes[k]
        while k < bytes.count, bytes[k] == quote { k += 1 }
        return k < bytes.count && bytes[k] != UInt8(ascii: ".") && bytes[k] != quote
    }

    /// `os.path.expanduser("~")`, `os.getenv("HOME")`, `os.environ.get("HOME")`, `Path.home()`.
    static func isHomeCall(_ call: PythonCall) -> Bool {
        func argument() -> String? { call.positional.first?.value.stringValue }
        switch call.qualifiedName {
        case "os.path.expanduser": return argument() == "~"
        case "os.getenv", "os.environ.get": return argument() == "HOME"
        case "pathlib.Path.home": return true
        default: return false
        }
    }
}
