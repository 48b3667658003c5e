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
            && PathClassifier.mayHoldMention(bytes[token.start..<token.end]) {
            candidates.append(index)
        }
        guard !candidates.isEmpty else { return }
        let roles = roles()
        for index in candidates {
            let token = tokens[index]
            if roles.isURL(token.start) || roles.isDocumentation(token.start) { continue }
            let previous = significantTokens(before: index, count: 4, tokens)
            // `base + "/api/v1"`, `root / "/x"`: the literal continues something else.
            if let last = previous.first, isOp(last, in: bytes, "+") || isOp(last, in: bytes, "/") { continue }
            guard let text = QuotedStringText.python(token, in: bytes) else { continue }
            let name = roles.names[token.start] ?? assignedName(previous, bytes)
            reporter.check(PathSite(text: text, name: name, fileUse: roles.fileUses[token.start],
                                    isEnvironmentDefault: roles.isEnvironmentDefault(token.start),
                                    python: source))
        }
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
                report(call.range.lowerBound, divides ? "\(call.callee)() / …" : "\(call.callee)().joinpath(…)")
            }
        }
        guard !homeCalls.isEmpty else { return }
        for call in source.calls where call.qualifiedName == "os.path.join" {
            let positional = call.positional
            guard positional.count >= 2, homeCalls.contains(where: { positional[0].range.contains($0) }) else { continue }
            report(call.range.lowerBound, "\(call.callee)(<home>, …)")
        }
    }

    /// `os.path.expanduser("~")`, `os.getenv("HOME")`, `os.environ.get("HOME")`, `Path.home()`.
    static func isHomeCall(_ call: PythonCall) -> Bool {
        let argument = call.positional.first?.value.stringValue
        switch call.qualifiedName {
        case "os.path.expanduser": return argument == "~"
        case "os.getenv", "os.environ.get": return argument == "HOME"
        case "pathlib.Path.home": return true
        default: return false
        }
    }
}
