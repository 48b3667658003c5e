import MLAuditCore
/// The value of an argument or assignment, when it is a literal the linter can read.
public enum PythonValue: Sendable, Hashable {
    /// A string literal (implicitly concatenated pieces joined), decoded.
    case string(String)
    /// A number as written, with a leading sign if any ("42", "-1", "1e-3").
    case number(String)
    case bool(Bool)
    case none
    /// A name or dotted name as written (`seed`, `torch.float32`).
    case name(String)
    /// Anything else: a call, an expression, an f-string, a bytes literal...
    case nonLiteral

    public var isLiteral: Bool {
        switch self {
        case .string, .number, .bool, .none: return true
        case .name, .nonLiteral: return false
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

public struct PythonArgument: Sendable, Hashable {
    /// The keyword of `name=value`; nil for positional and starred arguments.
    public var keyword: String?
    public var value: PythonValue
    /// 1 for `*args`, 2 for `**kwargs`, else 0.
    public var stars: Int
    /// Byte range of the whole argument.
    public var range: Range<Int>
}

public struct PythonCall: Sendable, Hashable {
    /// The callee as written, calls in the chain shown as `()`: `np.random.seed`, `torch.Generator().manual_seed`.
    public var callee: String
    /// The callee with its first name resolved through the file's imports (`numpy.random.seed`);
    /// equal to `callee` when the first name is not imported.
    public var qualifiedName: String
    /// The first name of the callee was bound by an import.
    public var isImported: Bool
    public var arguments: [PythonArgument]
    /// Position of the callee's first byte.
    public var line: Int
    public var column: Int
    /// From the callee's first byte to past the closing parenthesis (or the end of the logical line).
    public var range: Range<Int>

    public var positional: [PythonArgument] { arguments.filter { $0.keyword == nil && $0.stars == 0 } }
    public func argument(_ keyword: String) -> PythonArgument? { arguments.first { $0.keyword == keyword } }
    /// The `index`-th positional argument, or the keyword argument `keyword`.
    public func argument(_ index: Int, or keyword: String) -> PythonArgument? {
        var seen = 0
        for argument in arguments where argument.keyword == nil && argument.stars == 0 {
            if seen == index { return argument }
            seen += 1
        }
        return self.argument(keyword)
    }
    public var hasStarredArguments: Bool { arguments.contains { $0.stars > 0 } }
}

/// `name = value`, `a.b.c = value` or `a.b["key"] = value` at the start of a statement.
public struct PythonAttributeAssignment: Sendable, Hashable {
    /// The target's dotted name as written (without the subscript).
    public var target: String
    /// The target resolved through imports (`torch.backends.cudnn.benchmark`).
    public var qualifiedName: String
    /// The key of a subscript target (`os.environ["PYTHONHASHSEED"]`), if any.
    public var key: PythonValue?
    public var value: PythonValue
    public var line: Int
    public var column: Int
    public var range: Range<Int>
}

/// A string literal token and where it is.
public struct PythonStringSite: Sendable, Hashable {
    /// The decoded value (nil for f-strings and undecodable literals).
    public var value: String?
    public var isFormatted: Bool
    public var isBytes: Bool
    public var line: Int
    public var column: Int
    public var range: Range<Int>
}

/// A function definition (`def` or `async def`) and the bytes its header and body span.
public struct PythonFunction: Sendable, Hashable {
    public var name: String
    /// Enclosing classes and functions, then the name: `Trainer.setup`.
    public var qualifiedName: String
    /// Defined directly in a class body.
    public var isMethod: Bool
    /// Defined inside another function.
    public var isNested: Bool
    public var range: Range<Int>
    public var line: Int
    /// Index (in `PythonCallSummary.functions`) of the function this one is defined in.
    public var parent: Int?
}

public struct PythonCallSummary: Sendable, Hashable {
    public var calls: [PythonCall]
    public var assignments: [PythonAttributeAssignment]
    public var strings: [PythonStringSite]
    public var functions: [PythonFunction] = []

    /// The innermost function whose body holds byte `offset` (nil at module level).
    /// Functions are in source order, so the last one starting before `offset` either
    /// holds it or has an ancestor that does.
    public func enclosingFunction(ofByte offset: Int) -> PythonFunction? {
        var lo = 0
        var hi = functions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if functions[mid].range.lowerBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        var candidate = lo - 1
        while candidate >= 0 {
            if functions[candidate].range.contains(offset) { return functions[candidate] }
            guard let parent = functions[candidate].parent else { return nil }
            candidate = parent
        }
        return nil
    }
}

public enum PythonCalls {
    /// Local name -> what it refers to, from the imports (module-level bindings win over nested ones).
    public static func aliasTable(_ imports: [PythonImport]) -> [String: String] {
        var table: [String: String] = [:]
        for pass in 0..<2 {
            for item in imports where (item.scope == .module || item.scope == .moduleBlock) == (pass == 0) {
                guard let bound = item.boundName, let target = item.target, table[bound] == nil else { continue }
                table[bound] = target
            }
        }
        return table
    }

    /// Resolves the first component of a dotted name through an alias table.
    public static func resolve(_ dotted: String, _ aliases: [String: String]) -> String {
        let head: Substring
        let rest: Substring
        if let dot = dotted.firstIndex(where: { $0 == "." || $0 == "(" }) {
            head = dotted[..<dot]
            rest = dotted[dot...]
        } else {
            head = dotted[...]
            rest = ""
        }
        guard let target = aliases[String(head)] else { return dotted }
        return target + rest
    }

    public static func extract(_ tokens: [PythonToken], _ bytes: [UInt8], _ imports: [PythonImport]) -> [PythonCall] {
        analyze(tokens, bytes, imports).calls
    }

    /// Calls, attribute assignments and string literals of a file, in source order.
    public static func analyze(_ tokens: [PythonToken], _ bytes: [UInt8], _ imports: [PythonImport]) -> PythonCallSummary {
        analyze(tokens, PythonStatements(tokens: tokens, bytes: bytes), PythonLineTable(bytes), bytes, imports)
    }

    /// The same, for an already parsed file.
    public static func analyze(_ parse: PythonParse, _ bytes: [UInt8], _ imports: [PythonImport]) -> PythonCallSummary {
        analyze(parse.tokens, parse.structure, parse.lines, bytes, imports)
    }

    static func analyze(_ tokens: [PythonToken], _ structure: PythonStatements, _ table: PythonLineTable, _ bytes: [UInt8],
                        _ imports: [PythonImport]) -> PythonCallSummary {
        var walker = CallWalker(tokens: tokens, sig: structure.significant, bytes: bytes, aliases: aliasTable(imports),
                                cursor: PythonPositionCursor(table, bytes))
        for statement in structure.statements where !statement.range.isEmpty {
            // `case Point(x=0):` is a class pattern and `match (a, b):` a subject, not calls.
            let first = tokens[structure.significant[statement.range.lowerBound]]
            guard first.kind == .name, statement.range.count >= 2,
                  walker.isOp(statement.range.upperBound - 1, UInt8(ascii: ":")) else { continue }
            let word = bytes[first.start..<first.end]
            if word.elementsEqual("case".utf8) {
                var k = statement.range.lowerBound
                while k < statement.range.upperBound {
                    let t = tokens[structure.significant[k]]
                    if t.kind == .name, bytes[t.start..<t.end].elementsEqual("if".utf8) { break }  // the guard has real calls
                    walker.notCall[k] = true
                    let p = Int(walker.partner[k])
                    if p > k {
                        for q in k...min(p, statement.range.upperBound - 1) { walker.notCall[q] = true }
                        k = p + 1
                    } else {
                        k += 1
                    }
                }
            } else if word.elementsEqual("match".utf8) {
                walker.notCall[statement.range.lowerBound + 1] = true
            }
        }
        let calls = walker.calls()
        let assignments = walker.assignments(structure.statements)
        var strings: [PythonStringSite] = []
        strings.reserveCapacity(walker.stringCount)
        var cursor = PythonPositionCursor(table, bytes)
        for t in tokens where t.kind == .string {
            let literal = PythonStringLiteral(t, in: bytes)
            let pos = cursor.position(ofByte: t.start)
            strings.append(PythonStringSite(value: literal?.value(in: bytes), isFormatted: literal?.isFormatted ?? false,
                                            isBytes: literal?.isBytes ?? false, line: pos.line, column: pos.column, range: t.range))
        }
        var functions: [PythonFunction] = []
        // Functions come in source order: an enclosing one is still open (its end not passed).
        var open: [(end: Int, index: Int)] = []
        for f in structure.functions where f.end > f.headerStart {
            let first = tokens[structure.significant[f.headerStart]]
            let last = tokens[structure.significant[f.end - 1]]
            let pos = cursor.position(ofByte: first.start)
            while let top = open.last, top.end <= f.headerStart { open.removeLast() }
            let parent = open.last?.index
            open.append((f.end, functions.count))
            functions.append(PythonFunction(name: f.name, qualifiedName: f.outer.isEmpty ? f.name : (f.outer + [f.name]).joined(separator: "."),
                                            isMethod: f.isMethod, isNested: parent != nil, range: first.start..<last.end, line: pos.line,
                                            parent: parent))
        }
        return PythonCallSummary(calls: calls, assignments: assignments, strings: strings, functions: functions)
    }

    /// Tokenizes, extracts imports and analyzes in one call.
    public static func analyze(_ bytes: [UInt8]) -> PythonCallSummary {
        let tokens = PythonLexer.tokenize(bytes)
        return analyze(tokens, bytes, PythonImports.extract(tokens, bytes))
    }

    /// `notCallees` as bytes, for checking tokens without making strings of them.
    static let notCalleeWords = ByteWords(notCallees)

    static let notCallees: Set<String> = ["if", "elif", "while", "for", "in", "not", "and", "or", "return", "yield", "assert",
                                          "del", "await", "lambda", "is", "with", "as", "import", "from", "raise", "except",
                                          "else", "def", "class", "global", "nonlocal", "pass"]
}

private struct CallWalker {
    let tokens: [PythonToken]
    let sig: [Int]
    let bytes: [UInt8]
    let aliases: [String: String]
    let aliasNames: NameFilter
    /// Every alias is ASCII, so a name's bytes can be filtered before the lookup:
    /// for ASCII, equal strings are equal bytes.
    let aliasesAreASCII: Bool
    var cursor: PythonPositionCursor
    /// Opening parentheses and string tokens among the significant ones, to size the results.
    private(set) var parenthesisCount = 0
    private(set) var stringCount = 0
    /// Reused for each call's arguments, so the array a call keeps is allocated once at its size.
    private var argumentScratch: [PythonArgument] = []
    /// For each significant bracket, the index of its partner (-1 when unmatched).
    var partner: [Int32]
    /// Opening parentheses that do not start calls (class patterns of `case`, the subject of `match`).
    var notCall: [Bool]

    init(tokens: [PythonToken], sig: [Int], bytes: [UInt8], aliases: [String: String], cursor: PythonPositionCursor) {
        self.tokens = tokens
        self.sig = sig
        self.bytes = bytes
        self.aliases = aliases
        aliasNames = NameFilter(aliases.keys)
        aliasesAreASCII = aliases.keys.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        self.cursor = cursor
        notCall = [Bool](repeating: false, count: sig.count)
        // Built in locals over the arrays' storage: this pass runs over every significant token.
        var partner = [Int32](repeating: -1, count: sig.count)
        var parentheses = 0
        var strings = 0
        var stack: [Int] = []
        tokens.withUnsafeBufferPointer { tokens in
            sig.withUnsafeBufferPointer { sig in
                bytes.withUnsafeBufferPointer { bytes in
                    partner.withUnsafeMutableBufferPointer { partner in
                        for k in 0..<sig.count {
                            let t = tokens[sig[k]]
                            if t.kind == .newline { stack.removeAll(keepingCapacity: true); continue }
                            if t.kind == .string { strings += 1 }
                            guard t.kind == .op, t.end - t.start == 1 else { continue }
                            switch bytes[t.start] {
                            case UInt8(ascii: "("):
                                parentheses += 1
                                stack.append(k)
                            case UInt8(ascii: "["), UInt8(ascii: "{"): stack.append(k)
                            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                                if let open = stack.popLast() {
                                    partner[open] = Int32(k)
                                    partner[k] = Int32(open)
                                }
                            default: break
                            }
                        }
                    }
                }
            }
        }
        self.partner = partner
        parenthesisCount = parentheses
        stringCount = strings
    }

    func token(_ k: Int) -> PythonToken { tokens[sig[k]] }
    func text(_ k: Int) -> String { let t = token(k); return String(decoding: bytes[t.start..<t.end], as: UTF8.self) }

    func isOp(_ k: Int, _ c: UInt8) -> Bool {
        guard k >= 0, k < sig.count else { return false }
        let t = token(k)
        return t.kind == .op && t.end - t.start == 1 && bytes[t.start] == c
    }

    func isName(_ k: Int) -> Bool { k >= 0 && k < sig.count && token(k).kind == .name }

    /// Whether name token `k` is a keyword that is never called (`if (`, `return (`).
    func isNotCallee(_ k: Int) -> Bool {
        let t = token(k)
        return PythonCalls.notCalleeWords.contains(bytes[t.start..<t.end])
    }

    /// The dotted chain ending at name `k`, walking back over `.name` and `name(...)`:
    /// where it starts, and its text (`a.b().c`).
    func chain(endingAt k: Int) -> (start: Int, text: String)? {
        // Back to the chain's first name, checking its shape; then forward to spell it.
        var j = k
        var names = 1
        while j >= 2, isOp(j - 1, UInt8(ascii: ".")) {
            if isName(j - 2) {
                j -= 2
            } else if isOp(j - 2, UInt8(ascii: ")")), partner[j - 2] >= 1, isName(Int(partner[j - 2]) - 1),
                      !isNotCallee(Int(partner[j - 2]) - 1) {
                j = Int(partner[j - 2]) - 1
            } else {
                return nil
            }
            names += 1
        }
        if isOp(j - 1, UInt8(ascii: ".")) { return nil }
        if names == 1 { return (j, text(k)) }
        // Measured first, then spelled into the string's own storage.
        var length = 0
        walkChain(from: j, to: k) { piece in length += piece.count }
        let text = String(unsafeUninitializedCapacity: length) { buffer in
            var filled = 0
            walkChain(from: j, to: k) { piece in
                for b in piece {
                    buffer[filled] = b
                    filled += 1
                }
            }
            return filled
        }
        return (j, text)
    }

    private static let callMark: [UInt8] = [UInt8(ascii: "("), UInt8(ascii: ")")]
    private static let dot: [UInt8] = [UInt8(ascii: ".")]

    /// The pieces spelling the chain from name `j` to name `k`, checked by `chain(endingAt:)`.
    private func walkChain(from j: Int, to k: Int, _ piece: (ArraySlice<UInt8>) -> Void) {
        var p = j
        while true {
            let t = token(p)
            piece(bytes[t.start..<t.end])
            guard p < k else { break }
            if isOp(p + 1, UInt8(ascii: ".")) {
                p += 2
            } else {
                // `name(...)`: the walk back came through this call's parentheses.
                piece(Self.callMark[...])
                p = Int(partner[p + 1]) + 2
            }
            piece(Self.dot[...])
        }
    }

    mutating func calls() -> [PythonCall] {
        var result: [PythonCall] = []
        result.reserveCapacity(parenthesisCount)
        for k in 1..<max(1, sig.count) where isOp(k, UInt8(ascii: "(")) && isName(k - 1) && !notCall[k] {
            if isNotCallee(k - 1) { continue }
            guard let (start, callee) = chain(endingAt: k - 1) else { continue }
            if start >= 1, isName(start - 1) {
                let before = token(start - 1)
                let word = bytes[before.start..<before.end]
                if word.elementsEqual("def".utf8) || word.elementsEqual("class".utf8) { continue }
            }
            let close = Int(partner[k])
            let argsEnd = close >= 0 ? close : lineEnd(from: k)
            let stop = close >= 0 ? token(close).end : token(max(k, argsEnd - 1)).end
            // The chain starts with a name token, so that token is the head `resolve` looks up.
            let head = token(start)
            let target = aliasNames.mayContain(bytes[head.start..<head.end]) ? aliases[text(start)] : nil
            let headLength = head.end - head.start
            let qualified = target.map { $0 + String(decoding: callee.utf8.dropFirst(headLength), as: UTF8.self) } ?? callee
            let pos = cursor.position(ofByte: token(start).start)
            result.append(PythonCall(callee: callee, qualifiedName: qualified, isImported: target != nil,
                                     arguments: arguments(k + 1..<argsEnd), line: pos.line, column: pos.column,
                                     range: token(start).start..<stop))
        }
        return result
    }

    func lineEnd(from k: Int) -> Int {
        var j = k
        while j < sig.count && token(j).kind != .newline { j += 1 }
        return j
    }

    mutating func arguments(_ range: Range<Int>) -> [PythonArgument] {
        // The scratch array is taken out of `self` while it fills: passing the stored
        // property inout to a method of `self` would copy the whole walker per call.
        var scratch: [PythonArgument] = []
        swap(&scratch, &argumentScratch)
        scratch.removeAll(keepingCapacity: true)
        collectArguments(range, into: &scratch)
        let result = scratch.isEmpty ? [] : Array(scratch)
        swap(&scratch, &argumentScratch)
        return result
    }

    func collectArguments(_ range: Range<Int>, into args: inout [PythonArgument]) {
        var a = range.lowerBound
        var j = a
        while j <= range.upperBound {
            if j == range.upperBound || isOp(j, UInt8(ascii: ",")) {
                if let arg = argument(a..<j) { args.append(arg) }
                a = j + 1
                j += 1
                continue
            }
            let p = Int(partner[j])
            let t = token(j)
            if t.kind == .name, t.end - t.start == 6, bytes[t.start..<t.end].elementsEqual("lambda".utf8) {
                // A lambda's parameters are separated by commas too: skip to its colon.
                var q = j + 1
                while q < range.upperBound && !isOp(q, UInt8(ascii: ":")) {
                    let pq = Int(partner[q])
                    q = pq > q && pq < range.upperBound ? pq + 1 : q + 1
                }
                j = q + 1
                continue
            }
            if t.kind == .name, t.end - t.start == 3, bytes[t.start..<t.end].elementsEqual("for".utf8), !range.isEmpty {
                // An unparenthesized generator expression is the only argument.
                args.removeAll(keepingCapacity: true)
                args.append(PythonArgument(keyword: nil, value: .nonLiteral, stars: 0,
                                           range: token(range.lowerBound).start..<token(range.upperBound - 1).end))
                return
            }
            if p > j, t.kind == .op, p < range.upperBound { j = p + 1 } else { j += 1 }
        }
    }

    func argument(_ range: Range<Int>) -> PythonArgument? {
        guard !range.isEmpty else { return nil }
        var a = range.lowerBound
        var stars = 0
        var keyword: String?
        let first = token(a)
        if first.kind == .op, bytes[first.start..<first.end].elementsEqual("*".utf8) {
            stars = 1
            a += 1
        } else if first.kind == .op, bytes[first.start..<first.end].elementsEqual("**".utf8) {
            stars = 2
            a += 1
        } else if range.count >= 2, isName(a), isOp(a + 1, UInt8(ascii: "=")) {
            keyword = text(a)
            a += 2
        }
        let value = stars > 0 ? PythonValue.nonLiteral : self.value(a..<range.upperBound)
        return PythonArgument(keyword: keyword, value: value, stars: stars,
                              range: first.start..<token(range.upperBound - 1).end)
    }

    /// The literal value of the tokens `range`, if they form one.
    func value(_ range: Range<Int>) -> PythonValue {
        guard !range.isEmpty else { return .nonLiteral }
        let first = token(range.lowerBound)
        if first.kind == .string {
            var out = ""
            for k in range {
                let t = token(k)
                guard t.kind == .string, let lit = PythonStringLiteral(t, in: bytes), !lit.isBytes,
                      let v = lit.value(in: bytes) else { return .nonLiteral }
                out += v
            }
            return .string(out)
        }
        if range.count == 1 && first.kind == .number { return .number(text(range.lowerBound)) }
        if range.count == 2, first.kind == .op, token(range.lowerBound + 1).kind == .number,
           isOp(range.lowerBound, UInt8(ascii: "-")) || isOp(range.lowerBound, UInt8(ascii: "+")) {
            return .number(text(range.lowerBound) + text(range.lowerBound + 1))
        }
        if first.kind == .name {
            if range.count == 1 {
                let word = bytes[first.start..<first.end]
                if word.elementsEqual("True".utf8) { return .bool(true) }
                if word.elementsEqual("False".utf8) { return .bool(false) }
                if word.elementsEqual("None".utf8) { return .none }
            }
            // A dotted name: name (. name)*
            guard range.count % 2 == 1, !isNotCallee(range.lowerBound) else { return .nonLiteral }
            for k in range {
                if (k - range.lowerBound) % 2 == 0 {
                    guard isName(k) else { return .nonLiteral }
                } else if !isOp(k, UInt8(ascii: ".")) {
                    return .nonLiteral
                }
            }
            return .name(dottedText(range))
        }
        return .nonLiteral
    }

    /// `a.b.c` from the tokens name (. name)*: the names' bytes and dots, in one string.
    func dottedText(_ range: Range<Int>) -> String {
        if range.count == 1 { return text(range.lowerBound) }
        let first = token(range.lowerBound).start
        let last = token(range.upperBound - 1).end
        // Usually written without spaces (`a.b`): then the source bytes are the text.
        if last - first == (range.lowerBound..<range.upperBound).reduce(0, { $0 + token($1).end - token($1).start }) {
            return String(decoding: bytes[first..<last], as: UTF8.self)
        }
        return stride(from: range.lowerBound, to: range.upperBound, by: 2).map { text($0) }.joined(separator: ".")
    }

    /// `PythonCalls.resolve` for a dotted name whose first name is token `head`: the
    /// alias lookup is skipped when the filter says no alias can match.
    func resolve(_ dotted: String, head: Int) -> String {
        let t = token(head)
        let word = bytes[t.start..<t.end]
        let asciiHead = word.allSatisfy { $0 < 0x80 }
        if aliasesAreASCII, asciiHead, !aliasNames.mayContain(word) { return dotted }
        // An ASCII name's head is its first token's text: looked up without a scan by Character.
        if asciiHead, dotted.utf8.allSatisfy({ $0 < 0x80 }) {
            guard let target = aliases[String(decoding: word, as: UTF8.self)] else { return dotted }
            return target + String(decoding: dotted.utf8.dropFirst(word.count), as: UTF8.self)
        }
        return PythonCalls.resolve(dotted, aliases)
    }

    mutating func assignments(_ statements: [PythonStatements.Statement]) -> [PythonAttributeAssignment] {
        var result: [PythonAttributeAssignment] = []
        for statement in statements {
            let r = statement.range
            guard r.count >= 3, isName(r.lowerBound) else { continue }
            // The shape is checked on tokens first: most statements are not assignments.
            var j = r.lowerBound + 1
            while j + 1 < r.upperBound, isOp(j, UInt8(ascii: ".")), isName(j + 1) { j += 2 }
            let namesEnd = j
            var keyRange: Range<Int>?
            if isOp(j, UInt8(ascii: "[")), partner[j] > j, Int(partner[j]) < r.upperBound {
                let close = Int(partner[j])
                keyRange = j + 1..<close
                j = close + 1
            }
            guard j < r.upperBound, isOp(j, UInt8(ascii: "=")) else { continue }
            let target = dottedText(r.lowerBound..<namesEnd)
            let key = keyRange.map { value($0) }
            let start = token(r.lowerBound).start
            let pos = cursor.position(ofByte: start)
            result.append(PythonAttributeAssignment(target: target, qualifiedName: resolve(target, head: r.lowerBound),
                                                    key: key, value: value(j + 1..<r.upperBound),
                                                    line: pos.line, column: pos.column,
                                                    range: start..<token(r.upperBound - 1).end))
        }
        return result
    }
}
