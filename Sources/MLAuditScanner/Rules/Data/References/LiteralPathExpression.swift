import MLAuditCore
import MLAuditParsers

/// A path the code spells out: a string literal, literals joined by `os.path.join`,
/// `Path(…)` and `/`, or the literal prefix of an f-string. Anything else is a path
/// chosen at run time and out of reach.
struct LiteralPath {
    var path: String
    var kind: DataReference.Kind
    /// Offset (in the Python program) of the first literal, where findings are placed.
    var offset: Int
    /// Start offsets of every string token that makes up the path.
    var tokenStarts: [Int]
}

/// Evaluates expressions made only of literals, over the tokens of one Python program.
struct LiteralPathEvaluator {
    let source: PythonSource
    /// Indices of the significant tokens (no comments, blank-line breaks or indentation), in order.
    private let significant: [Int]
    private let callsByStart: [Int: [PythonCall]]

    static let joinFunctions = NameSet(["os.path.join", "posixpath.join", "ntpath.join"])
    static let pathConstructors = NameSet(["pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath"])

    init(_ source: PythonSource) {
        self.source = source
        var significant: [Int] = []
        significant.reserveCapacity(source.tokens.count)
        for (i, token) in source.tokens.enumerated() {
            switch token.kind {
            case .nl, .comment, .indent, .dedent: continue
            default: significant.append(i)
            }
        }
        self.significant = significant
        var calls: [Int: [PythonCall]] = [:]
        for call in source.calls where Self.isPathBuilder(call) { calls[call.range.lowerBound, default: []].append(call) }
        callsByStart = calls
    }

    /// Position (among significant tokens) of the token starting at `offset`.
    private func position(ofTokenAt offset: Int) -> Int? {
        guard let p = firstSignificant(atOrAfter: offset), source.tokens[significant[p]].start == offset else { return nil }
        return p
    }

    /// Whether a call is a path constructor or join, by what its name resolves to.
    static func isPathBuilder(_ call: PythonCall) -> Bool {
        pathConstructors.contains(call.qualifiedName) || joinFunctions.contains(call.qualifiedName)
            || (!call.isImported && (call.callee == "Path" || call.callee == "os.path.join"))
    }

    /// Whether a call is `os.path.join` (or its POSIX/Windows twins), by what its name resolves to.
    static func isJoin(_ call: PythonCall) -> Bool {
        joinFunctions.contains(call.qualifiedName) || (!call.isImported && call.callee == "os.path.join")
    }

    /// The path an argument spells out, if it is made only of literals.
    func evaluate(_ argument: PythonArgument) -> LiteralPath? {
        guard argument.stars == 0 else { return nil }
        var start = argument.range.lowerBound
        if argument.keyword != nil {
            // Skip `keyword =`.
            guard let p = position(ofTokenAt: start), p + 2 < significant.count else { return nil }
            start = source.tokens[significant[p + 2]].start
        }
        return evaluate(start..<argument.range.upperBound)
    }

    /// The path the tokens in a byte range spell out, if they are only literals.
    func evaluate(_ range: Range<Int>) -> LiteralPath? {
        guard let p = position(ofTokenAt: range.lowerBound) else { return nil }
        var parts: [String] = []
        var starts: [Int] = []
        var kind = DataReference.Kind.file
        var q = p
        var expectOperand = true
        while q < significant.count {
            let token = source.tokens[significant[q]]
            if token.start >= range.upperBound { break }
            if expectOperand {
                guard kind == .file else { return nil }  // nothing may follow an f-string's run-time part
                if token.kind == .string {
                    var value = ""
                    var r = q
                    // Implicitly concatenated literals form one operand.
                    while r < significant.count, source.tokens[significant[r]].kind == .string, source.tokens[significant[r]].start < range.upperBound {
                        let t = source.tokens[significant[r]]
                        guard let literal = PythonStringLiteral(t, in: source.bytes), !literal.isBytes else { return nil }
                        starts.append(t.start)
                        if literal.isFormatted {
                            guard let prefix = Self.formattedPrefix(literal, source.bytes), let slash = prefix.lastIndex(of: "/") else { return nil }
                            value += prefix[..<slash]
                            kind = .directory
                            r += 1
                            break
                        }
                        guard let v = literal.value(in: source.bytes) else { return nil }
                        value += v
                        r += 1
                    }
                    parts.append(value)
                    q = r
                } else if token.kind == .name, let call = callsByStart[token.start]?.first {
                    guard !call.hasStarredArguments, call.arguments.allSatisfy({ $0.keyword == nil }), !call.positional.isEmpty else { return nil }
                    for argument in call.positional {
                        guard let inner = evaluate(argument.range), inner.kind == .file || argument.range == call.positional.last?.range else { return nil }
                        parts.append(inner.path)
                        starts += inner.tokenStarts
                        kind = inner.kind
                    }
                    // Continue after the call's closing parenthesis.
                    guard let next = firstSignificant(atOrAfter: call.range.upperBound) else { q = significant.count; break }
                    q = next
                } else {
                    return nil
                }
                expectOperand = false
            } else {
                guard token.kind == .op, source.bytes[token.start..<token.end].elementsEqual("/".utf8) else { return nil }
                expectOperand = true
                q += 1
            }
        }
        guard !expectOperand, !parts.isEmpty, let offset = starts.first else { return nil }
        let joined = parts.filter { !$0.isEmpty }.joined(separator: "/")
        guard !joined.isEmpty else { return nil }
        return LiteralPath(path: joined, kind: kind, offset: offset, tokenStarts: starts)
    }

    private func firstSignificant(atOrAfter offset: Int) -> Int? {
        var lo = 0
        var hi = significant.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if source.tokens[significant[mid]].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < significant.count ? lo : nil
    }

    /// The text of an f-string before its first replacement field (`{{` is a literal brace).
    static func formattedPrefix(_ literal: PythonStringLiteral, _ bytes: [UInt8]) -> String? {
        var out: [UInt8] = []
        var k = literal.contentRange.lowerBound
        while k < literal.contentRange.upperBound {
            let b = bytes[k]
            if b == UInt8(ascii: "{") {
                if k + 1 < literal.contentRange.upperBound, bytes[k + 1] == b {
                    out.append(b)
                    k += 2
                    continue
                }
                return String(decoding: out, as: UTF8.self)
            }
            if b == 0x5C { return nil }  // escapes in the prefix: not worth decoding here
            out.append(b)
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The significant tokens just before and after a token (nil at the edges).
    func neighbours(ofTokenAt offset: Int) -> (previous: PythonToken?, next: PythonToken?) {
        guard let p = position(ofTokenAt: offset) else { return (nil, nil) }
        var n = p + 1
        // Skip the rest of an implicit concatenation.
        while n < significant.count, source.tokens[significant[n]].kind == .string { n += 1 }
        return (p > 0 ? source.tokens[significant[p - 1]] : nil, n < significant.count ? source.tokens[significant[n]] : nil)
    }

    /// The significant tokens before a token, nearest first.
    func previousTokens(ofTokenAt offset: Int, count: Int) -> [PythonToken] {
        guard let p = position(ofTokenAt: offset) else { return [] }
        var found: [PythonToken] = []
        var q = p - 1
        while q >= 0, found.count < count {
            found.append(source.tokens[significant[q]])
            q -= 1
        }
        return found
    }
}
