/// Parses PEP 508 marker text on its UTF-8 bytes (recursive descent; `and` binds
/// tighter than `or`).
struct MarkerParser {
    /// Real markers are a few comparisons deep; these bounds keep the recursion of
    /// parsing, evaluating and freeing a marker shallow whatever a file holds.
    static let maxComparisons = 256
    static let maxNesting = 32

    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var comparisons = 0
    var nesting = 0

    static func parse(_ text: String) throws(MarkerParseError) -> MarkerExpression {
        let result: Result<MarkerExpression, MarkerParseError> = text.utf8.withContiguousBytes { buffer in
            var parser = MarkerParser(bytes: buffer)
            do throws(MarkerParseError) { return .success(try parser.marker()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    func fail(_ reason: String, at offset: Int) -> MarkerParseError {
        var column = 1
        for index in 0..<min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return MarkerParseError(reason: reason, offset: offset, column: column)
    }

    mutating func marker() throws(MarkerParseError) -> MarkerExpression {
        skipWhitespace()
        guard i < bytes.count else { throw fail("empty marker", at: i) }
        let expression = try orExpression()
        skipWhitespace()
        if i < bytes.count {
            throw fail("expected 'and' or 'or', found \(describeToken(at: i))", at: i)
        }
        return expression
    }

    mutating func orExpression() throws(MarkerParseError) -> MarkerExpression {
        var result = try andExpression()
        while consumeKeyword("or") { result = .or(result, try andExpression()) }
        return result
    }

    mutating func andExpression() throws(MarkerParseError) -> MarkerExpression {
        var result = try atom()
        while consumeKeyword("and") { result = .and(result, try atom()) }
        return result
    }

    mutating func atom() throws(MarkerParseError) -> MarkerExpression {
        skipWhitespace()
        if i < bytes.count, bytes[i] == 0x28 {  // (
            let open = i
            nesting += 1
            defer { nesting -= 1 }
            guard nesting <= Self.maxNesting else { throw fail("parentheses nested more than \(Self.maxNesting) deep", at: open) }
            i += 1
            skipWhitespace()
            guard i < bytes.count, bytes[i] != 0x29 else { throw fail("empty parentheses", at: open) }
            let inner = try orExpression()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == 0x29 else {
                throw fail("missing ')' to close the '(' at column \(fail("", at: open).column)", at: i)
            }
            i += 1
            return inner
        }
        let lhsStart = i
        comparisons += 1
        guard comparisons <= Self.maxComparisons else { throw fail("more than \(Self.maxComparisons) comparisons in one marker", at: lhsStart) }
        let lhs = try value()
        skipWhitespace()
        let opStart = i
        let op = try comparisonOperator()
        skipWhitespace()
        let rhsStart = i
        let rhs = try value()
        let comparison = MarkerComparison(lhs: lhs, op: op, rhs: rhs)
        try check(comparison, lhsStart: lhsStart, opStart: opStart, rhsStart: rhsStart)
        return .comparison(comparison)
    }

    /// Rejects comparisons with no defined meaning.
    func check(_ c: MarkerComparison, lhsStart: Int, opStart: Int, rhsStart: Int) throws(MarkerParseError) {
        switch (c.lhs, c.rhs) {
        case (.literal, .literal):
            throw fail("a marker comparison needs an environment variable on one side", at: lhsStart)
        case (.variable, .variable):
            throw fail("a marker comparison needs a quoted string on one side", at: rhsStart)
        case (.variable(let variable), .literal) where variable.isSet:
            throw fail("'\(variable.rawValue)' is a set: test it with '\"name\" in \(variable.rawValue)'", at: lhsStart)
        case (.literal, .variable(let variable)) where variable.isSet && c.op != .in && c.op != .notIn:
            throw fail("'\(variable.rawValue)' is a set: only 'in' and 'not in' apply to it", at: opStart)
        default:
            return
        }
    }

    mutating func value() throws(MarkerParseError) -> MarkerValue {
        guard i < bytes.count else { throw fail("expected a marker variable or a quoted string", at: i) }
        let quote = bytes[i]
        if quote == 0x22 || quote == 0x27 {
            let start = i
            i += 1
            let contentStart = i
            while i < bytes.count, bytes[i] != quote { i += 1 }
            guard i < bytes.count else {
                throw fail("unterminated string: missing closing \(quote == 0x22 ? "\"" : "'")", at: start)
            }
            let text = string(contentStart..<i)
            i += 1
            return .literal(text)
        }
        let start = i
        let name = word()
        guard !name.isEmpty else {
            throw fail("expected a marker variable or a quoted string, found \(describeToken(at: start))", at: start)
        }
        if ASCIIByte.isDigit(bytes[start]) {
            throw fail("expected a quoted string, found '\(name)' (marker values need quotes)", at: start)
        }
        guard let variable = MarkerVariable(name: name) else {
            throw fail("unknown marker variable '\(name)'", at: start)
        }
        return .variable(variable)
    }

    mutating func comparisonOperator() throws(MarkerParseError) -> MarkerOperator {
        let s = i
        if let spelling = ComparisonOperatorScanner.spelling(in: bytes, at: s) {
            guard spelling != "=" else { throw fail("'=' is not an operator (did you mean '=='?)", at: s) }
            i += spelling.utf8.count
            return MarkerOperator(rawValue: spelling)!
        }
        if consumeKeyword("in", skippingWhitespace: false) { return .in }
        if consumeKeyword("not", skippingWhitespace: false) {
            let afterNot = i
            skipWhitespace()
            guard i > afterNot, consumeKeyword("in", skippingWhitespace: false) else {
                throw fail("expected 'in' after 'not'", at: s)
            }
            return .notIn
        }
        throw fail("expected a comparison operator (==, !=, <, <=, >, >=, ~=, ===, in, not in), found \(describeToken(at: s))", at: s)
    }

    // MARK: Tokens

    static func isWordByte(_ b: UInt8) -> Bool { ASCIIByte.isAlphanumeric(b) || b == 0x5F || b == 0x2E }

    mutating func skipWhitespace() {
        while i < bytes.count, ASCIIByte.isWhitespace(bytes[i]) { i += 1 }
    }

    mutating func word() -> String {
        let start = i
        while i < bytes.count, Self.isWordByte(bytes[i]) { i += 1 }
        return string(start..<i)
    }

    /// Consumes `keyword` when it stands as a whole word at the cursor.
    mutating func consumeKeyword(_ keyword: String, skippingWhitespace: Bool = true) -> Bool {
        let saved = i
        if skippingWhitespace { skipWhitespace() }
        let start = i
        var k = i
        for expected in keyword.utf8 {
            guard k < bytes.count, bytes[k] == expected else { i = saved; return false }
            k += 1
        }
        guard k == bytes.count || !Self.isWordByte(bytes[k]) else { i = saved; return false }
        i = start + keyword.utf8.count
        return true
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func describeToken(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the marker" }
        var end = offset
        if Self.isWordByte(bytes[offset]) {
            while end < bytes.count, Self.isWordByte(bytes[end]) { end += 1 }
        } else {
            end += 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        return "'" + string(offset..<end) + "'"
    }
}
