/// A TOML 1.0 syntax check over the UTF-8 bytes, run before toml++ sees a text:
/// toml++ (3.4.0, under TOMLKit) aborts the process on some malformed input instead
/// of reporting it (`d = [1,}`, `x = 1979-05-27T)07:32:00Z`, `[|x]` after a byte-order
/// mark) and recurses once per part of a dotted key, so toml++ is only ever given
/// text this check accepts.
///
/// One pass, no recursion (arrays and inline tables nest on an explicit stack), so
/// time is linear in the bytes and the stack use is constant. It checks the grammar
/// of the specification's ABNF: keys, strings of the four kinds and their escapes,
/// integers (with range), floats, booleans, offset and local dates and times (with
/// calendar ranges), arrays, inline tables, comments and line endings. What is left
/// to toml++, which reports it: keys defined twice and tables redefined.
public struct TOMLSyntax {
    public struct Limits: Sendable {
        /// Deepest nesting: arrays and inline tables, plus the parts of the dotted keys leading to a value.
        public var maxDepth = 200
        /// Most key/value pairs and table headers in a document.
        public var maxKeys = 1_000_000
        public init(maxDepth: Int = 200, maxKeys: Int = 1_000_000) {
            self.maxDepth = maxDepth
            self.maxKeys = maxKeys
        }
    }

    public struct Failure: Error, Sendable {
        public var line: Int
        public var column: Int
        public var reason: String
    }

    /// Returns nil for valid TOML, else the first error with its line and column.
    public static func check(_ text: String, limits: Limits = Limits()) -> Failure? {
        var copy = text
        return copy.withUTF8 { buffer -> Failure? in
            var checker = TOMLSyntax(bytes: buffer, limits: limits)
            do throws(Failure) {
                try checker.document()
                return nil
            } catch {
                return error
            }
        }
    }

    private let b: UnsafeBufferPointer<UInt8>
    private let n: Int
    private let limits: Limits
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private var keys = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, limits: Limits) {
        b = bytes
        n = bytes.count
        self.limits = limits
    }

    // MARK: - Bytes

    private static let space: UInt8 = 0x20, tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    private static let quote: UInt8 = 0x22, apostrophe: UInt8 = 0x27, hash: UInt8 = 0x23, backslash: UInt8 = 0x5C
    private static let openBracket: UInt8 = 0x5B, closeBracket: UInt8 = 0x5D, openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D
    private static let comma: UInt8 = 0x2C, dot: UInt8 = 0x2E, equals: UInt8 = 0x3D, underscore: UInt8 = 0x5F
    private static let plus: UInt8 = 0x2B, minus: UInt8 = 0x2D, colon: UInt8 = 0x3A

    private func at(_ k: Int) -> UInt8? { k < n ? b[k] : nil }
    private var current: UInt8? { i < n ? b[i] : nil }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) }
    private static func isBareKey(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || isDigit(c) || c == underscore || c == minus
    }
    /// Control characters no string or comment may hold (tab is allowed; line ends are handled apart).
    private static func isForbiddenControl(_ c: UInt8) -> Bool { (c < 0x20 && c != tab) || c == 0x7F }

    private func fail(_ reason: String, at position: Int? = nil) -> Failure {
        fail(reason, line: line, lineStart: lineStart, position: min(position ?? i, n))
    }

    private func fail(_ reason: String, line: Int, lineStart: Int, position end: Int) -> Failure {
        var column = 1
        var k = lineStart
        while k < end {
            if b[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return Failure(line: line, column: column, reason: reason)
    }

    private mutating func skipWhitespace() {
        while i < n, b[i] == Self.space || b[i] == Self.tab { i += 1 }
    }

    /// At a line end (LF or CRLF): consumes it. A CR alone is an error.
    private mutating func newline() throws(Failure) -> Bool {
        guard let c = current else { return false }
        if c == Self.lf {
            i += 1
        } else if c == Self.cr {
            guard at(i + 1) == Self.lf else { throw fail("a carriage return must be followed by a line feed") }
            i += 2
        } else {
            return false
        }
        line += 1
        lineStart = i
        return true
    }

    /// A comment from `#` to the end of the line (the line end is not consumed).
    private mutating func comment() throws(Failure) {
        i += 1
        while i < n, b[i] != Self.lf {
            if b[i] == Self.cr {
                if at(i + 1) == Self.lf { return }
                throw fail("a carriage return must be followed by a line feed")
            }
            if Self.isForbiddenControl(b[i]) { throw fail("control character in a comment") }
            i += 1
        }
    }

    /// After an expression: optional whitespace and comment, then a line end or the end of the text.
    private mutating func endOfLine(after what: String) throws(Failure) {
        skipWhitespace()
        if current == Self.hash { try comment() }
        if i >= n { return }
        guard try newline() else { throw fail("expected the end of the line after \(what)") }
    }

    // MARK: - Document

    private mutating func document() throws(Failure) {
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            i = 3
            lineStart = 3
        }
        while i < n {
            skipWhitespace()
            guard let c = current else { break }
            if try newline() { continue }
            if c == Self.hash {
                try comment()
                continue
            }
            try countKey()
            if c == Self.openBracket {
                try header()
            } else {
                let parts = try key(inHeader: false)
                skipWhitespace()
                guard current == Self.equals else { throw fail("expected '=' after a key") }
                i += 1
                skipWhitespace()
                try value(baseDepth: parts)
                try endOfLine(after: "a value")
            }
        }
    }

    private mutating func countKey() throws(Failure) {
        keys += 1
        if keys > limits.maxKeys { throw fail("more than \(limits.maxKeys) keys") }
    }

    private mutating func header() throws(Failure) {
        let array = at(i + 1) == Self.openBracket
        i += array ? 2 : 1
        skipWhitespace()
        _ = try key(inHeader: true)
        skipWhitespace()
        guard current == Self.closeBracket else { throw fail("expected '\(array ? "]]" : "]")' to close a table header") }
        if array {
            guard at(i + 1) == Self.closeBracket else { throw fail("expected ']]' to close an array-of-tables header") }
            i += 2
        } else {
            i += 1
        }
        try endOfLine(after: "a table header")
    }

    // MARK: - Keys

    /// A simple or dotted key; returns the number of parts.
    private mutating func key(inHeader: Bool) throws(Failure) -> Int {
        var parts = 0
        while true {
            parts += 1
            if parts > limits.maxDepth { throw fail("a key of more than \(limits.maxDepth) parts (max-nesting-depth)") }
            guard let c = current else { throw fail("expected a key") }
            if c == Self.quote {
                if at(i + 1) == Self.quote && at(i + 2) == Self.quote { throw fail("a key cannot be a multi-line string") }
                try basicString()
            } else if c == Self.apostrophe {
                if at(i + 1) == Self.apostrophe && at(i + 2) == Self.apostrophe { throw fail("a key cannot be a multi-line string") }
                try literalString()
            } else if Self.isBareKey(c) {
                while i < n, Self.isBareKey(b[i]) { i += 1 }
            } else {
                throw fail(inHeader && parts == 1 ? "a table header's key cannot start with this character" : "expected a key")
            }
            let beforeSpace = i
            skipWhitespace()
            guard current == Self.dot else {
                i = beforeSpace
                return parts
            }
            i += 1
            skipWhitespace()
        }
    }

    // MARK: - Values

    private enum Container { case array, inlineTable }

    /// One value, arrays and inline tables nested on an explicit stack. `baseDepth`
    /// is the number of key parts leading to it.
    private mutating func value(baseDepth: Int) throws(Failure) {
        var stack: [Container] = []
        // Key parts of the entry being read in each open inline table (0 for arrays).
        var keyParts: [Int] = []
        var depth = baseDepth
        // Where each open container starts: the text ending inside one names its opening.
        var openings: [(line: Int, lineStart: Int, index: Int)] = []
        func enter(_ container: Container, parts: Int = 0) throws(Failure) {
            stack.append(container)
            openings.append((line, lineStart, i - 1))
            keyParts.append(parts)
            depth += 1 + parts
            if depth > limits.maxDepth { throw fail("nested deeper than \(limits.maxDepth) levels (max-nesting-depth)") }
        }
        func leave() {
            stack.removeLast()
            openings.removeLast()
            depth -= 1 + keyParts.removeLast()
        }
        var needValue = true
        while true {
            if i >= n, let open = openings.last, let kind = stack.last {
                throw fail(kind == .array ? "an array opened here is not closed" : "an inline table opened here is not closed",
                           line: open.line, lineStart: open.lineStart, position: open.index)
            }
            if needValue {
                guard let c = current else { throw fail("expected a value") }
                if c == Self.openBracket {
                    i += 1
                    try enter(.array)
                    try skipArraySpace()
                    if current == Self.closeBracket {
                        i += 1
                        leave()
                        needValue = false
                    }
                    continue
                }
                if c == Self.openBrace {
                    i += 1
                    try enter(.inlineTable)
                    skipWhitespace()
                    if current == Self.closeBrace {
                        i += 1
                        leave()
                        needValue = false
                    } else {
                        try inlineEntryKey(&keyParts, &depth)
                    }
                    continue
                }
                try scalar()
                needValue = false
                continue
            }
            guard let top = stack.last else { return }
            switch top {
            case .array:
                try skipArraySpace()
                if current == Self.comma {
                    i += 1
                    try skipArraySpace()
                    if current == Self.closeBracket {
                        i += 1
                        leave()
                    } else {
                        needValue = true
                    }
                } else if current == Self.closeBracket {
                    i += 1
                    leave()
                } else {
                    throw fail("expected ',' or ']' in an array")
                }
            case .inlineTable:
                skipWhitespace()
                if current == Self.comma {
                    i += 1
                    skipWhitespace()
                    if current == Self.closeBrace { throw fail("an inline table cannot end with a comma") }
                    try inlineEntryKey(&keyParts, &depth)
                    needValue = true
                } else if current == Self.closeBrace {
                    i += 1
                    leave()
                } else {
                    throw fail(current == Self.lf || current == Self.cr
                        ? "an inline table must end on the line it starts" : "expected ',' or '}' in an inline table")
                }
            }
        }
    }

    /// `key =` of an inline table entry; its parts count towards the depth of its value.
    private mutating func inlineEntryKey(_ keyParts: inout [Int], _ depth: inout Int) throws(Failure) {
        try countKey()
        let parts = try key(inHeader: false)
        depth += parts - keyParts[keyParts.count - 1]
        keyParts[keyParts.count - 1] = parts
        if depth > limits.maxDepth { throw fail("nested deeper than \(limits.maxDepth) levels (max-nesting-depth)") }
        skipWhitespace()
        guard current == Self.equals else { throw fail("expected '=' after a key") }
        i += 1
        skipWhitespace()
    }

    /// Whitespace, comments and line ends between array elements.
    private mutating func skipArraySpace() throws(Failure) {
        while true {
            skipWhitespace()
            if current == Self.hash {
                try comment()
                continue
            }
            if try newline() { continue }
            return
        }
    }

    private mutating func scalar() throws(Failure) {
        let start = i
        guard let c = current else { throw fail("expected a value") }
        switch c {
        case Self.quote:
            if at(i + 1) == Self.quote && at(i + 2) == Self.quote { try multilineBasicString() } else { try basicString() }
        case Self.apostrophe:
            if at(i + 1) == Self.apostrophe && at(i + 2) == Self.apostrophe { try multilineLiteralString() } else { try literalString() }
        case 0x74: try word("true")
        case 0x66: try word("false")
        case 0x69: try word("inf")
        case 0x6E: try word("nan")
        case Self.plus, Self.minus:
            if at(i + 1) == 0x69 || at(i + 1) == 0x6E {
                i += 1
                try word(b[i] == 0x69 ? "inf" : "nan")
            } else {
                try number()
            }
        default:
            guard Self.isDigit(c) else { throw fail("expected a value") }
            if digitsAt(i, 4), at(i + 4) == Self.minus {
                try dateTime()
            } else if digitsAt(i, 2), at(i + 2) == Self.colon {
                try time()
            } else {
                try number()
            }
        }
        // A value ends at whitespace, a line end, a comment or the punctuation around it.
        if let next = current, !(next == Self.space || next == Self.tab || next == Self.lf || next == Self.cr || next == Self.hash
            || next == Self.comma || next == Self.closeBracket || next == Self.closeBrace) {
            throw fail(i == start ? "expected a value" : "unexpected character after a value")
        }
    }

    private mutating func word(_ text: StaticString) throws(Failure) {
        let count = text.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: count)
        guard i + count <= n else { throw fail("expected a value") }
        for k in 0 ..< count where b[i + k] != expected[k] { throw fail("expected a value") }
        i += count
    }

    // MARK: - Strings

    private mutating func basicString() throws(Failure) {
        i += 1
        while true {
            guard let c = current else { throw fail("unterminated string") }
            if c == Self.quote {
                i += 1
                return
            }
            if c == Self.lf || c == Self.cr { throw fail("unterminated string (a basic string cannot span lines)") }
            if c == Self.backslash {
                try escape()
                continue
            }
            if Self.isForbiddenControl(c) { throw fail("control character in a string") }
            i += 1
        }
    }

    private mutating func literalString() throws(Failure) {
        i += 1
        while true {
            guard let c = current else { throw fail("unterminated string") }
            if c == Self.apostrophe {
                i += 1
                return
            }
            if c == Self.lf || c == Self.cr { throw fail("unterminated string (a literal string cannot span lines)") }
            if Self.isForbiddenControl(c) { throw fail("control character in a string") }
            i += 1
        }
    }

    private mutating func multilineBasicString() throws(Failure) {
        i += 3
        while true {
            guard let c = current else { throw fail("unterminated multi-line string") }
            if c == Self.quote {
                if try closesMultiline(Self.quote) { return }
                continue
            }
            if try newline() { continue }
            if c == Self.backslash {
                // A line-ending backslash: whitespace up to the line end, then all whitespace and line ends.
                var k = i + 1
                while k < n, b[k] == Self.space || b[k] == Self.tab { k += 1 }
                if k < n, b[k] == Self.lf || b[k] == Self.cr {
                    i = k
                    while true {
                        skipWhitespace()
                        let more = try newline()
                        if !more { break }
                    }
                    continue
                }
                try escape()
                continue
            }
            if Self.isForbiddenControl(c) { throw fail("control character in a string") }
            i += 1
        }
    }

    private mutating func multilineLiteralString() throws(Failure) {
        i += 3
        while true {
            guard let c = current else { throw fail("unterminated multi-line string") }
            if c == Self.apostrophe {
                if try closesMultiline(Self.apostrophe) { return }
                continue
            }
            if try newline() { continue }
            if Self.isForbiddenControl(c) { throw fail("control character in a string") }
            i += 1
        }
    }

    /// At a run of quotes inside a multi-line string: one or two are content; three to
    /// five close it (the first ones being content); more is an error.
    private mutating func closesMultiline(_ q: UInt8) throws(Failure) -> Bool {
        var run = 0
        while i + run < n, b[i + run] == q { run += 1 }
        if run < 3 {
            i += run
            return false
        }
        if run > 5 { throw fail("too many quotes in a row in a multi-line string", at: i + 5) }
        i += run
        return true
    }

    private mutating func escape() throws(Failure) {
        guard let c = at(i + 1) else { throw fail("unterminated string") }
        switch c {
        case 0x62, 0x74, 0x6E, 0x66, 0x72, Self.quote, Self.backslash:  // b t n f r " \
            i += 2
        case 0x75, 0x55:  // \uXXXX, \UXXXXXXXX
            let count = c == 0x75 ? 4 : 8
            var scalar: UInt32 = 0
            for k in 0 ..< count {
                guard let h = at(i + 2 + k), Self.isHex(h) else { throw fail("\\\(c == 0x75 ? "u" : "U") needs \(count) hexadecimal digits") }
                scalar = scalar << 4 | UInt32(Self.hexValue(h))
            }
            guard scalar <= 0x10FFFF, !(0xD800 ... 0xDFFF).contains(scalar) else { throw fail("escape of a value that is not a Unicode scalar") }
            i += 2 + count
        default:
            throw fail("invalid escape sequence in a string", at: i + 1)
        }
    }

    private static func hexValue(_ c: UInt8) -> UInt8 {
        isDigit(c) ? c - 0x30 : (c | 0x20) - 0x61 + 10
    }

    // MARK: - Numbers

    private func digitsAt(_ k: Int, _ count: Int) -> Bool {
        guard k + count <= n else { return false }
        for j in k ..< k + count where !Self.isDigit(b[j]) { return false }
        return true
    }

    /// Digits (of `radix`) with single underscores between them; returns the value, or nil past Int64.
    private mutating func digitRun(radix: Int, what: String) throws(Failure) -> UInt64? {
        func isDigit(_ c: UInt8) -> Bool {
            switch radix {
            case 16: Self.isHex(c)
            case 8: c >= 0x30 && c <= 0x37
            case 2: c == 0x30 || c == 0x31
            default: Self.isDigit(c)
            }
        }
        guard let first = current, isDigit(first) else { throw fail("expected a digit in \(what)") }
        var value: UInt64? = 0
        while let c = current {
            if c == Self.underscore {
                guard let next = at(i + 1), isDigit(next), i > 0, isDigit(b[i - 1]) else {
                    throw fail("an underscore in a number must be between two digits")
                }
                i += 1
                continue
            }
            guard isDigit(c) else { break }
            if let v = value {
                let (product, overflowA) = v.multipliedReportingOverflow(by: UInt64(radix))
                let (sum, overflowB) = product.addingReportingOverflow(UInt64(Self.hexValue(c)))
                value = overflowA || overflowB ? nil : sum
            }
            i += 1
        }
        return value
    }

    private mutating func number() throws(Failure) {
        var negative = false
        if current == Self.plus || current == Self.minus {
            negative = current == Self.minus
            i += 1
        } else if current == 0x30, let prefix = at(i + 1), prefix == 0x78 || prefix == 0x6F || prefix == 0x62 {
            i += 2
            let radix = prefix == 0x78 ? 16 : prefix == 0x6F ? 8 : 2
            let value = try digitRun(radix: radix, what: "an integer")
            guard let value, value <= UInt64(Int64.max) else { throw fail("integer out of the 64-bit range") }
            return
        }
        guard let first = current, Self.isDigit(first) else { throw fail("expected a number") }
        let intStart = i
        let magnitude = try digitRun(radix: 10, what: "a number")
        if first == 0x30 && i - intStart > 1 { throw fail("a number cannot have leading zeros", at: intStart) }
        var isFloat = false
        if current == Self.dot {
            i += 1
            _ = try digitRun(radix: 10, what: "the fraction of a float")
            isFloat = true
        }
        if current == 0x65 || current == 0x45 {
            i += 1
            if current == Self.plus || current == Self.minus { i += 1 }
            _ = try digitRun(radix: 10, what: "the exponent of a float")
            isFloat = true
        }
        if !isFloat {
            let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
            guard let magnitude, magnitude <= limit else { throw fail("integer out of the 64-bit range", at: intStart) }
        }
    }

    // MARK: - Dates and times

    private mutating func fixedDigits(_ count: Int, _ what: String) throws(Failure) -> Int {
        guard digitsAt(i, count) else { throw fail("expected \(count) digits for the \(what)") }
        var value = 0
        for k in 0 ..< count { value = value * 10 + Int(b[i + k] - 0x30) }
        i += count
        return value
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        guard current == byte else { throw fail("expected \(what)") }
        i += 1
    }

    /// `YYYY-MM-DD`, optionally followed by `T`, `t` or a space and a time, and an offset.
    private mutating func dateTime() throws(Failure) {
        let year = try fixedDigits(4, "year")
        try expect(Self.minus, "'-' in a date")
        let month = try fixedDigits(2, "month")
        try expect(Self.minus, "'-' in a date")
        let day = try fixedDigits(2, "day")
        guard (1 ... 12).contains(month) else { throw fail("month out of range in a date") }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1 ... days).contains(day) else { throw fail("day out of range in a date") }
        guard let delimiter = current else { return }
        if delimiter == 0x54 || delimiter == 0x74 {
            i += 1
        } else if delimiter == Self.space, digitsAt(i + 1, 2), at(i + 3) == Self.colon {
            i += 1
        } else {
            return
        }
        try time()
        guard let offset = current else { return }
        if offset == 0x5A || offset == 0x7A {
            i += 1
        } else if offset == Self.plus || offset == Self.minus {
            i += 1
            let hours = try fixedDigits(2, "offset hours")
            try expect(Self.colon, "':' in a time offset")
            let minutes = try fixedDigits(2, "offset minutes")
            guard hours <= 23, minutes <= 59 else { throw fail("time offset out of range") }
        }
    }

    /// `HH:MM:SS` with an optional fraction.
    private mutating func time() throws(Failure) {
        let hour = try fixedDigits(2, "hour")
        try expect(Self.colon, "':' in a time")
        let minute = try fixedDigits(2, "minute")
        try expect(Self.colon, "':' and seconds in a time")
        let second = try fixedDigits(2, "second")
        guard hour <= 23, minute <= 59, second <= 60 else { throw fail("time out of range") }
        if current == Self.dot {
            i += 1
            guard let digit = current, Self.isDigit(digit) else { throw fail("expected digits after '.' in a time") }
            while let c = current, Self.isDigit(c) { i += 1 }
        }
    }
}
