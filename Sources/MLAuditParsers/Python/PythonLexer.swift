/// The kinds of token `PythonLexer` produces, after CPython's `tokenize` module.
public enum PythonTokenKind: UInt8, Sendable, Hashable {
    case name
    case number
    /// A whole string literal, prefix and quotes included (an f-string is one token).
    case string
    case comment
    case op
    /// The end of a logical line (a line break outside brackets, or the end of the file).
    case newline
    /// A line break that does not end a logical line (blank line, comment line, inside brackets).
    case nl
    /// More indentation than the enclosing block; spans the leading whitespace.
    case indent
    /// Less indentation; zero-length, at the first token of the line.
    case dedent
    /// Bytes that start no token (`$`, `?`, a backtick, control bytes, a stray backslash).
    case error
}

/// One token: its kind and its byte range in the input. Offsets are stored in 32 bits
/// (inputs of 4 GiB and more are lexed up to that size) to keep token arrays small.
public struct PythonToken: Sendable, Hashable {
    public let kind: PythonTokenKind
    private let flags: UInt8
    private let start32: UInt32
    private let end32: UInt32

    public init(kind: PythonTokenKind, start: Int, end: Int, isUnterminated: Bool = false) {
        self.kind = kind
        self.flags = isUnterminated ? 1 : 0
        self.start32 = UInt32(truncatingIfNeeded: start)
        self.end32 = UInt32(truncatingIfNeeded: end)
    }

    public var start: Int { Int(start32) }
    public var end: Int { Int(end32) }
    public var range: Range<Int> { start..<end }
    /// A string literal whose closing quote is missing (it ends at the end of its line,
    /// or at the end of the file for a triple-quoted one).
    public var isUnterminated: Bool { flags & 1 != 0 }
}

extension PythonToken: CustomStringConvertible {
    public var description: String { "\(kind)@\(start)..<\(end)\(isUnterminated ? "!" : "")" }
}

/// A tokenizer for Python source over raw UTF-8 bytes. It never fails: stray bytes
/// become `.error` tokens, unterminated strings end at the end of their line (or of
/// the file, when triple-quoted), invalid UTF-8 is read as identifier bytes. Time is
/// linear in the input size.
public enum PythonLexer {
    public static func tokenize(_ bytes: [UInt8]) -> [PythonToken] {
        bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(buffer)
            lexer.run()
            return lexer.tokens
        }
    }

    // Byte classes.
    static let classIdentStart: UInt8 = 1
    static let classDigit: UInt8 = 2
    static let classSpace: UInt8 = 3
    static let classNewline: UInt8 = 4
    static let classQuote: UInt8 = 5
    static let classOp: UInt8 = 6
    static let classError: UInt8 = 7

    static let byteClass: [UInt8] = {
        var table = [UInt8](repeating: classError, count: 256)
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(c)] = classIdentStart }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(c)] = classIdentStart }
        table[Int(UInt8(ascii: "_"))] = classIdentStart
        for c in 0x80...0xFF { table[c] = classIdentStart }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(c)] = classDigit }
        for c in [0x20, 0x09, 0x0C] { table[c] = classSpace }
        table[0x0A] = classNewline
        table[0x0D] = classNewline
        table[Int(UInt8(ascii: "'"))] = classQuote
        table[Int(UInt8(ascii: "\""))] = classQuote
        for c in "()[]{},:;.+-*/%&|^~<>=@!".utf8 { table[Int(c)] = classOp }
        return table
    }()

    /// Bytes that continue an identifier (letters, digits, `_`, any non-ASCII byte).
    @inline(__always) static func isIdentContinue(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c >= 0x80
    }

    /// String prefix flags of an identifier of one or two letters followed by a quote.
    struct Prefix {
        var raw = false
        var bytes = false
        var formatted = false
    }

    /// The prefix flags if `s[start..<end]` is a valid string prefix (r, b, u, f, t and
    /// the two-letter combinations rb, br, fr, rf, tr, rt, in any case).
    static func prefix(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Prefix? {
        let count = end - start
        guard count >= 1, count <= 2 else { return nil }
        var p = Prefix()
        var sawU = false
        for k in start..<end {
            switch s[k] | 0x20 {
            case UInt8(ascii: "r"):
                if p.raw { return nil }
                p.raw = true
            case UInt8(ascii: "b"):
                if p.bytes { return nil }
                p.bytes = true
            case UInt8(ascii: "f"), UInt8(ascii: "t"):
                if p.formatted { return nil }
                p.formatted = true
            case UInt8(ascii: "u"):
                sawU = true
            default:
                return nil
            }
        }
        if sawU && count != 1 { return nil }
        if p.bytes && p.formatted { return nil }
        return p
    }
}

/// How a string scan ended.
private enum ScanEnd {
    /// The closing quote (or `}` of a replacement field) was consumed.
    case closed
    /// Stopped before a line break (single-quoted string) or at the end of input.
    case stopped
}

private struct Lexer {
    let s: UnsafeBufferPointer<UInt8>
    let n: Int
    var tokens: [PythonToken] = []
    var i = 0
    var depth = 0
    var indents: [Int] = [0]
    var atLineStart = true
    var lineHasContent = false
    /// Single-quoted f-strings may span lines inside brackets of a replacement field
    /// (PEP 701). After one such scan fails, later ones stay on one line, so that a
    /// broken file cannot make the lexer rescan it again and again.
    var allowMultilineSingle = true
    /// Set while scanning a single-quoted string when any line break must end the scan.
    var lineBound = false
    var crossedNewline = false
    static let maxFStringNesting = 32

    init(_ s: UnsafeBufferPointer<UInt8>) {
        self.s = s
        n = min(s.count, Int(UInt32.max))
        tokens.reserveCapacity(n / 6 + 16)
    }

    mutating func emit(_ kind: PythonTokenKind, _ start: Int, _ end: Int, unterminated: Bool = false) {
        tokens.append(PythonToken(kind: kind, start: start, end: end, isUnterminated: unterminated))
    }

    @inline(__always) func byte(_ k: Int) -> UInt8 { k < n ? s[k] : 0 }

    @inline(__always) func isNewline(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }

    /// Length of the line break at k (0 when there is none).
    @inline(__always) func newlineLength(_ k: Int) -> Int {
        guard k < n else { return 0 }
        if s[k] == 0x0A { return 1 }
        if s[k] == 0x0D { return k + 1 < n && s[k + 1] == 0x0A ? 2 : 1 }
        return 0
    }

    mutating func run() {
        if n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF { i = 3 }  // UTF-8 byte order mark
        let table = PythonLexer.byteClass
        table.withUnsafeBufferPointer { cls in
            while i < n {
                if atLineStart && depth == 0 {
                    atLineStart = false
                    if handleIndentation() { continue }
                }
                let c = s[i]
                switch cls[Int(c)] {
                case PythonLexer.classSpace:
                    var j = i + 1
                    while j < n, cls[Int(s[j])] == PythonLexer.classSpace { j += 1 }
                    i = j
                case PythonLexer.classNewline:
                    let len = newlineLength(i)
                    if depth == 0 && lineHasContent {
                        emit(.newline, i, i + len)
                        lineHasContent = false
                    } else {
                        emit(.nl, i, i + len)
                    }
                    i += len
                    atLineStart = depth == 0
                case PythonLexer.classIdentStart:
                    lexName()
                case PythonLexer.classDigit:
                    lexNumber()
                case PythonLexer.classQuote:
                    lexString(prefixStart: i, prefix: PythonLexer.Prefix())
                case PythonLexer.classOp:
                    if c == UInt8(ascii: "."), byte(i + 1) >= 0x30, byte(i + 1) <= 0x39 {
                        lexNumber()
                    } else {
                        lexOp()
                    }
                default:
                    if c == UInt8(ascii: "#") {
                        let start = i
                        var j = i
                        while j < n && !isNewline(s[j]) { j += 1 }
                        i = j
                        emit(.comment, start, i)
                    } else if c == UInt8(ascii: "\\") && newlineLength(i + 1) > 0 {
                        i += 1 + newlineLength(i + 1)
                    } else {
                        // A run of stray bytes is one error token.
                        let start = i
                        i += 1
                        while i < n, cls[Int(s[i])] == PythonLexer.classError, s[i] != UInt8(ascii: "#"), s[i] != UInt8(ascii: "\\") {
                            i += 1
                        }
                        emit(.error, start, i)
                        lineHasContent = true
                    }
                }
            }
        }
        if lineHasContent { emit(.newline, n, n) }
        while indents.count > 1 {
            indents.removeLast()
            emit(.dedent, n, n)
        }
    }

    /// Measures the indentation of a new logical line and emits INDENT/DEDENT tokens.
    /// Returns true when the line is blank (its whitespace is consumed, nothing emitted).
    mutating func handleIndentation() -> Bool {
        let start = i
        var column = 0
        var k = i
        while k < n {
            let c = s[k]
            if c == 0x20 { column += 1 } else if c == 0x09 { column = (column / 8 + 1) * 8 } else if c == 0x0C { column = 0 } else { break }
            k += 1
        }
        if k >= n || isNewline(s[k]) || s[k] == UInt8(ascii: "#") {
            i = k
            return k >= n
        }
        if s[k] == UInt8(ascii: "\\") && newlineLength(k + 1) > 0 {
            // A line continuation right after the indentation: the logical line goes on below.
            i = k
            return false
        }
        if column > indents[indents.count - 1] {
            indents.append(column)
            emit(.indent, start, k)
        } else {
            while indents.count > 1 && column < indents[indents.count - 1] {
                indents.removeLast()
                emit(.dedent, k, k)
            }
        }
        i = k
        return false
    }

    mutating func lexName() {
        let start = i
        // Scanned with a local index: a stored one is written back to memory at every byte.
        var j = i + 1
        while j < n && PythonLexer.isIdentContinue(s[j]) { j += 1 }
        i = j
        if i < n, s[i] == 0x22 || s[i] == 0x27, let prefix = PythonLexer.prefix(s, start, i) {
            lexString(prefixStart: start, prefix: prefix)
            return
        }
        emit(.name, start, i)
        lineHasContent = true
    }

    mutating func lexNumber() {
        let start = i
        @inline(__always) func digits(_ lexer: inout Lexer, hex: Bool) {
            while lexer.i < lexer.n {
                let c = lexer.s[lexer.i]
                if (c >= 0x30 && c <= 0x39) || c == 0x5F || (hex && ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)) {
                    lexer.i += 1
                } else {
                    break
                }
            }
        }
        let c1 = byte(i + 1) | 0x20
        if s[i] == 0x30 && (c1 == UInt8(ascii: "x") || c1 == UInt8(ascii: "o") || c1 == UInt8(ascii: "b")) {
            i += 2
            digits(&self, hex: true)
        } else {
            digits(&self, hex: false)
            if byte(i) == UInt8(ascii: ".") {
                i += 1
                digits(&self, hex: false)
            }
            if byte(i) | 0x20 == UInt8(ascii: "e") {
                let sign = byte(i + 1) == UInt8(ascii: "+") || byte(i + 1) == UInt8(ascii: "-") ? 1 : 0
                let d = byte(i + 1 + sign)
                if d >= 0x30 && d <= 0x39 {
                    i += 1 + sign
                    digits(&self, hex: false)
                }
            }
            if byte(i) | 0x20 == UInt8(ascii: "j") { i += 1 }
        }
        emit(.number, start, i)
        lineHasContent = true
    }

    @inline(__always) static func takesEquals(_ a: UInt8) -> Bool {
        switch a {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "@"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"),
             UInt8(ascii: "!"), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }

    mutating func lexOp() {
        let start = i
        let a = s[i]
        let b = byte(i + 1)
        let c = byte(i + 2)
        var len = 1
        if (a == 0x2A && b == 0x2A && c == 0x3D) || (a == 0x2F && b == 0x2F && c == 0x3D) || (a == 0x3E && b == 0x3E && c == 0x3D)
            || (a == 0x3C && b == 0x3C && c == 0x3D) || (a == 0x2E && b == 0x2E && c == 0x2E) {
            len = 3
        } else if b == 0x3D && Lexer.takesEquals(a) {
            len = 2
        } else if (a == 0x2A && b == 0x2A) || (a == 0x2F && b == 0x2F) || (a == 0x3C && b == 0x3C) || (a == 0x3E && b == 0x3E)
            || (a == 0x2D && b == 0x3E) || (a == 0x3C && b == 0x3E) {
            len = 2
        }
        switch a {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
        default: break
        }
        i += len
        emit(.op, start, i)
        lineHasContent = true
    }

    // MARK: Strings

    mutating func lexString(prefixStart: Int, prefix: PythonLexer.Prefix) {
        let quoteStart = i
        let triple = byte(i + 1) == s[i] && byte(i + 2) == s[i]
        lineBound = !triple && !allowMultilineSingle
        crossedNewline = false
        let end = scanString(at: quoteStart, raw: prefix.raw, formatted: prefix.formatted, nesting: 0)
        let unterminated = end.how == .stopped
        var stop = end.index
        if unterminated && !triple {
            // An unterminated single-quoted string ends at the end of its first line.
            var k = quoteStart
            while k < stop && !isNewline(s[k]) { k += 1 }
            if crossedNewline { allowMultilineSingle = false }
            stop = k
        }
        lineBound = false
        i = stop
        emit(.string, prefixStart, stop, unterminated: unterminated)
        lineHasContent = true
    }

    /// Scans a string literal whose opening quote is at `start`; returns the index just
    /// past its closing quote, or where it stopped.
    mutating func scanString(at start: Int, raw: Bool, formatted: Bool, nesting: Int) -> (index: Int, how: ScanEnd) {
        let q = s[start]
        let triple = byte(start + 1) == q && byte(start + 2) == q
        var k = start + (triple ? 3 : 1)
        let fmt = formatted && nesting < Lexer.maxFStringNesting
        while k < n {
            let c = s[k]
            if c == q {
                if !triple { return (k + 1, .closed) }
                if byte(k + 1) == q && byte(k + 2) == q { return (k + 3, .closed) }
                k += 1
            } else if c == 0x5C {  // backslash
                let next = byte(k + 1)
                if fmt && (next == UInt8(ascii: "{") || next == UInt8(ascii: "}")) {
                    k += 1
                } else if isNewline(next) {
                    if lineBound && !triple { return (k + 1, .stopped) }
                    crossedNewline = true
                    k += 1 + newlineLength(k + 1)
                } else {
                    k = min(n, k + 2)
                }
            } else if isNewline(c) {
                if !triple || lineBound { return (k, .stopped) }
                crossedNewline = true
                k += 1
            } else if fmt && c == UInt8(ascii: "{") {
                if byte(k + 1) == UInt8(ascii: "{") {
                    k += 2
                } else {
                    let r = scanField(at: k + 1, multiline: triple, nesting: nesting)
                    if r.how == .stopped { return r }
                    k = r.index
                }
            } else {
                k += 1
            }
        }
        return (n, .stopped)
    }

    /// Scans a replacement field of an f-string from just after its `{`; returns the
    /// index past its `}`, or where the enclosing string must stop.
    mutating func scanField(at start: Int, multiline: Bool, nesting: Int) -> (index: Int, how: ScanEnd) {
        var k = start
        var brackets = 0
        while k < n {
            let c = s[k]
            switch c {
            case 0x0A, 0x0D:
                if lineBound || (!multiline && brackets == 0) { return (k, .stopped) }
                crossedNewline = true
                k += 1
            case 0x22, 0x27:
                let r = scanString(at: k, raw: false, formatted: false, nesting: nesting + 1)
                if r.how == .stopped && r.index >= n { return r }
                k = r.index
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                brackets += 1
                k += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                brackets = max(0, brackets - 1)
                k += 1
            case UInt8(ascii: "}"):
                if brackets == 0 { return (k + 1, .closed) }
                brackets -= 1
                k += 1
            case UInt8(ascii: ":") where brackets == 0 && byte(k + 1) != UInt8(ascii: "="):
                return scanFormatSpec(at: k + 1, multiline: multiline, nesting: nesting)
            case UInt8(ascii: "#"):
                while k < n && !isNewline(s[k]) { k += 1 }
            case 0x5C:
                k = min(n, k + 1 + max(1, newlineLength(k + 1)))
            default:
                if PythonLexer.isIdentContinue(c) {
                    let nameStart = k
                    while k < n && PythonLexer.isIdentContinue(s[k]) { k += 1 }
                    if k < n, s[k] == 0x22 || s[k] == 0x27, let p = PythonLexer.prefix(s, nameStart, k) {
                        let r = scanString(at: k, raw: p.raw, formatted: p.formatted, nesting: nesting + 1)
                        if r.how == .stopped && r.index >= n { return r }
                        k = r.index
                    }
                } else {
                    k += 1
                }
            }
        }
        return (n, .stopped)
    }

    /// Scans a format spec (after `:` in a field) up to the field's closing `}`.
    mutating func scanFormatSpec(at start: Int, multiline: Bool, nesting: Int) -> (index: Int, how: ScanEnd) {
        var k = start
        while k < n {
            let c = s[k]
            if c == UInt8(ascii: "}") { return (k + 1, .closed) }
            if isNewline(c) {
                if lineBound || !multiline { return (k, .stopped) }
                crossedNewline = true
                k += 1
            } else if c == UInt8(ascii: "{") {
                let r = scanField(at: k + 1, multiline: multiline, nesting: nesting + 1)
                if r.how == .stopped { return r }
                k = r.index
            } else if c == 0x22 || c == 0x27 {
                // A quote in a format spec ends the enclosing string: hand it back.
                return (k, .closed)
            } else {
                k += 1
            }
        }
        return (n, .stopped)
    }
}
