import MLAuditCore
/// The statement structure of a token stream: simple statements with the blocks
/// (def, class, try, if, ...) that enclose them, found from the indentation of
/// logical lines. Shared by the import and call extractors.
struct PythonStatements {
    enum BlockKind: Equatable {
        case function
        case classBody
        /// The body of a `try` (the id indexes `tryGuards`).
        case tryBody(Int)
        /// An `except` clause of a try.
        case handler(Int)
        /// if/elif/else/for/while/with/match/case/finally.
        case other
    }

    struct Block {
        var kind: BlockKind
        /// Indentation column, doubled (odd values are statements after a header's colon).
        var indent: Int
        /// For function blocks, the index into `functions`.
        var function: Int? = nil
        /// An `if`/`elif` whose condition checks that an optional module is there
        /// (`is_xla_available()`, `_CLICK_AVAILABLE`, `HAS_APEX`) or `TYPE_CHECKING`.
        var checksAvailability = false
    }

    /// A `def` and the significant-token range its header and body cover.
    struct FunctionBlock {
        var name: String
        /// Enclosing class and function names, outermost first.
        var outer: [String]
        var isMethod: Bool
        var headerStart: Int
        var end: Int
    }

    struct Statement {
        /// Range into `significant`.
        var range: Range<Int>
        /// Blocks enclosing the statement, outermost first.
        var blocks: [Block]
    }

    /// Indices of tokens other than comments, NL, INDENT and DEDENT.
    var significant: [Int] = []
    var statements: [Statement] = []
    /// Per try statement, the strongest guard its handlers give against a failed import.
    var tryGuards: [PythonImport.Guard] = []
    /// Every function definition, in source order.
    var functions: [FunctionBlock] = []
    /// Names of class blocks by indentation, for qualified function names.
    private var classNames: [Int: String] = [:]

    init(tokens: [PythonToken], bytes: [UInt8]) {
        significant.reserveCapacity(tokens.count)
        for (k, t) in tokens.enumerated() {
            switch t.kind {
            case .comment, .nl, .indent, .dedent: continue
            default: significant.append(k)
            }
        }
        var stack: [Block] = []
        var lineStart = 0
        var k = 0
        while k <= significant.count {
            if k == significant.count || tokens[significant[k]].kind == .newline {
                if k > lineStart {
                    let column = Self.indentColumn(of: tokens[significant[lineStart]].start, in: bytes)
                    processLine(lineStart..<k, indent: column * 2, tokens: tokens, bytes: bytes, stack: &stack)
                }
                lineStart = k + 1
            }
            k += 1
        }
    }

    static func indentColumn(of offset: Int, in bytes: [UInt8]) -> Int {
        var start = offset
        while start > 0, bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09 || bytes[start - 1] == 0x0C { start -= 1 }
        var column = 0
        for k in start..<offset {
            switch bytes[k] {
            case 0x09: column = (column / 8 + 1) * 8
            case 0x0C: column = 0
            default: column += 1
            }
        }
        return column
    }

    func text(_ token: PythonToken, _ bytes: [UInt8]) -> ArraySlice<UInt8> { bytes[token.start..<token.end] }

    static let compoundKeywords: Set<String> = ["if", "elif", "else", "for", "while", "try", "except", "finally", "with", "def",
                                                "class", "async", "match", "case"]
    /// The same, for matching a token's bytes without building a string per statement.
    private static let compoundKeywordWords = ByteWords(compoundKeywords)

    private mutating func processLine(_ line: Range<Int>, indent: Int, tokens: [PythonToken], bytes: [UInt8], stack: inout [Block]) {
        var start = line.lowerBound
        var indent = indent
        while start < line.upperBound {
            let first = tokens[significant[start]]
            // Closes the blocks this statement is not inside.
            var closedTry: Int?
            while let top = stack.last, top.indent >= indent {
                stack.removeLast()
                if top.indent == indent {
                    switch top.kind {
                    case .tryBody(let id), .handler(let id): closedTry = id
                    default: break
                    }
                }
            }
            var keyword = ""
            if first.kind == .name, first.end - first.start <= 6 {
                keyword = Self.compoundKeywordWords.word(matching: text(first, bytes)) ?? ""
            }
            if !keyword.isEmpty, let colon = headerColon(start..<line.upperBound, keyword: keyword, tokens: tokens, bytes: bytes) {
                var kind = BlockKind.other
                switch keyword {
                case "def": kind = .function
                case "class": kind = .classBody
                case "async":
                    if start + 1 < line.upperBound, text(tokens[significant[start + 1]], bytes).elementsEqual("def".utf8) { kind = .function }
                case "try":
                    kind = .tryBody(tryGuards.count)
                    tryGuards.append(.none)
                case "except":
                    if let id = closedTry {
                        tryGuards[id] = max(tryGuards[id], handlerGuard(start + 1..<colon, tokens: tokens, bytes: bytes))
                        kind = .handler(id)
                    }
                default: break
                }
                statements.append(Statement(range: start..<(colon + 1), blocks: stack))
                extendFunctions(stack, to: colon + 1)
                var block = Block(kind: kind, indent: indent)
                if keyword == "if" || keyword == "elif" {
                    block.checksAvailability = conditionChecksAvailability(start + 1..<colon, tokens: tokens, bytes: bytes)
                }
                if kind == .function || kind == .classBody {
                    let nameIndex = start + (keyword == "async" ? 2 : 1)
                    let name = nameIndex < colon ? String(decoding: text(tokens[significant[nameIndex]], bytes), as: UTF8.self) : ""
                    if kind == .function {
                        let outer = stack.compactMap { b -> String? in
                            if let f = b.function { return functions[f].name }
                            return b.kind == .classBody ? classNames[b.indent] : nil
                        }
                        block.function = functions.count
                        functions.append(FunctionBlock(name: name, outer: outer, isMethod: stack.last?.kind == .classBody,
                                                       headerStart: start, end: colon + 1))
                    } else {
                        classNames[indent] = name
                    }
                }
                stack.append(block)
                start = colon + 1
                indent += 1  // what follows the colon on this line is inside the block
                continue
            }
            // A simple statement runs to the next top-level semicolon.
            var end = start
            var depth = 0
            while end < line.upperBound {
                let t = tokens[significant[end]]
                if t.kind == .op && t.end - t.start == 1 {
                    switch bytes[t.start] {
                    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
                    default: break
                    }
                    if depth == 0 && bytes[t.start] == UInt8(ascii: ";") { break }
                }
                end += 1
            }
            if end > start {
                statements.append(Statement(range: start..<end, blocks: stack))
                extendFunctions(stack, to: end)
            }
            start = end + 1
        }
    }

    private mutating func extendFunctions(_ stack: [Block], to end: Int) {
        for block in stack {
            if let f = block.function { functions[f].end = max(functions[f].end, end) }
        }
    }

    /// The index of the colon ending a compound statement's header, if the line is one.
    private func headerColon(_ range: Range<Int>, keyword: String, tokens: [PythonToken], bytes: [UInt8]) -> Int? {
        if keyword == "match" || keyword == "case" {
            // Soft keywords: `match = 1`, `match.x`, `match: int` are not headers.
            guard range.count > 2 else { return nil }
            let next = tokens[significant[range.lowerBound + 1]]
            if next.kind == .op, let c = bytes[next.start..<next.end].first,
               c == UInt8(ascii: "=") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":") {
                return nil
            }
        }
        var depth = 0
        for k in range.dropFirst() {
            let t = tokens[significant[k]]
            guard t.kind == .op, t.end - t.start == 1 else { continue }
            switch bytes[t.start] {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            case UInt8(ascii: ":") where depth == 0: return k
            case UInt8(ascii: ";") where depth == 0: return nil
            default: break
            }
        }
        return nil
    }

    /// Whether an `if` condition names an availability check: a function `is_*_available`,
    /// a flag spelled in capitals with `AVAILABLE`, `INSTALLED` or `GREATER_EQUAL` in it
    /// or starting with `HAS_`, or `TYPE_CHECKING` (the body never runs).
    private func conditionChecksAvailability(_ range: Range<Int>, tokens: [PythonToken], bytes: [UInt8]) -> Bool {
        for k in range {
            let t = tokens[significant[k]]
            guard t.kind == .name else { continue }
            let name = String(decoding: text(t, bytes), as: UTF8.self)
            if Self.isAvailabilityName(name) { return true }
        }
        return false
    }

    static func isAvailabilityName(_ name: String) -> Bool {
        asciiIsAvailabilityName(name) ?? unicodeIsAvailabilityName(name)
    }

    static func unicodeIsAvailabilityName(_ name: String) -> Bool {
        if name == "TYPE_CHECKING" { return true }
        let lower = name.lowercased()
        if lower.hasPrefix("is_") && lower.hasSuffix("_available") { return true }
        guard name == name.uppercased(), name.contains(where: \.isLetter) else { return false }
        let trimmed = name.drop { $0 == "_" }
        return name.contains("AVAILABLE") || name.contains("INSTALLED") || name.contains("GREATER_EQUAL") || trimmed.hasPrefix("HAS_")
    }

    /// `isAvailabilityName` on the bytes of an ASCII name (nil for other names), where
    /// case mapping and searching need no Unicode tables: every condition of every `if` asks.
    static func asciiIsAvailabilityName(_ name: String) -> Bool? {
        var name = name
        return name.withUTF8 { b -> Bool? in
            var hasLower = false
            var hasUpper = false
            for c in b {
                if c >= 0x80 { return nil }
                if c >= 0x61 && c <= 0x7A { hasLower = true } else if c >= 0x41 && c <= 0x5A { hasUpper = true }
            }
            func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
            func hasPrefix(_ p: StaticString, caseless: Bool) -> Bool {
                let n = p.utf8CodeUnitCount
                guard b.count >= n else { return false }
                let q = p.utf8Start
                for k in 0..<n where (caseless ? lower(b[k]) : b[k]) != q[k] { return false }
                return true
            }
            func contains(_ p: StaticString) -> Bool {
                let n = p.utf8CodeUnitCount
                guard b.count >= n else { return false }
                let q = p.utf8Start
                for start in 0...(b.count - n) {
                    var k = 0
                    while k < n, b[start + k] == q[k] { k += 1 }
                    if k == n { return true }
                }
                return false
            }
            if b.count == 13 && hasPrefix("TYPE_CHECKING", caseless: false) { return true }
            if hasPrefix("is_", caseless: true), b.count >= 10 {
                let suffix: StaticString = "_available"
                let q = suffix.utf8Start
                var matches = true
                for k in 0..<10 where lower(b[b.count - 10 + k]) != q[k] { matches = false; break }
                if matches { return true }
            }
            guard !hasLower, hasUpper else { return false }
            if contains("AVAILABLE") || contains("INSTALLED") || contains("GREATER_EQUAL") { return true }
            var start = 0
            while start < b.count, b[start] == UInt8(ascii: "_") { start += 1 }
            let p: StaticString = "HAS_"
            guard b.count - start >= 4 else { return false }
            for k in 0..<4 where b[start + k] != p.utf8Start[k] { return false }
            return true
        }
    }

    /// What an `except` clause catches, as a guard for imports in its try body.
    private func handlerGuard(_ range: Range<Int>, tokens: [PythonToken], bytes: [UInt8]) -> PythonImport.Guard {
        var sawName = false
        var best = PythonImport.Guard.none
        for k in range {
            let t = tokens[significant[k]]
            guard t.kind == .name else { continue }
            let name = text(t, bytes)
            if name.elementsEqual("as".utf8) { break }
            sawName = true
            if name.elementsEqual("ImportError".utf8) || name.elementsEqual("ModuleNotFoundError".utf8) {
                best = .importError
            } else if name.elementsEqual("Exception".utf8) || name.elementsEqual("BaseException".utf8) {
                best = max(best, .broadException)
            }
        }
        return sawName ? best : .broadException
    }
}
