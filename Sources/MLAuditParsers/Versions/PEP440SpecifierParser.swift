/// Parses a comma-separated specifier set on its UTF-8 bytes and checks each clause
/// against what PEP 440 allows for its operator.
struct PEP440SpecifierParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    static func parse(_ text: String) throws(PEP440SpecifierError) -> [PEP440Specifier] {
        let result: Result<[PEP440Specifier], PEP440SpecifierError> = text.utf8.withContiguousBytes { buffer in
            var parser = PEP440SpecifierParser(bytes: buffer)
            do throws(PEP440SpecifierError) { return .success(try parser.clauses()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    func fail(_ reason: String, at offset: Int) -> PEP440SpecifierError {
        PEP440SpecifierError(reason: reason, offset: offset)
    }

    mutating func skipWhitespace() {
        while i < bytes.count, ASCIIByte.isWhitespace(bytes[i]) { i += 1 }
    }

    mutating func clauses() throws(PEP440SpecifierError) -> [PEP440Specifier] {
        var result: [PEP440Specifier] = []
        skipWhitespace()
        if i == bytes.count { return result }
        while true {
            result.append(try clause())
            skipWhitespace()
            if i == bytes.count { return result }
            guard bytes[i] == 0x2C else {
                throw fail("expected ',' between version specifiers", at: i)
            }
            i += 1
            skipWhitespace()
            if i == bytes.count { return result }  // one trailing comma is allowed
            if bytes[i] == 0x2C { throw fail("empty version specifier between commas", at: i) }
        }
    }

    /// The clause `op` + `versionText` (the text alone, no surrounding whitespace
    /// or commas), or nil when PEP 440 does not allow it.
    static func clause(_ op: VersionOperator, _ versionText: String) -> PEP440Specifier? {
        versionText.utf8.withContiguousBytes { buffer in
            var parser = PEP440SpecifierParser(bytes: buffer)
            guard let clause = try? parser.versionClause(op, opStart: 0), parser.i == buffer.count else { return nil }
            return clause
        }
    }

    mutating func clause() throws(PEP440SpecifierError) -> PEP440Specifier {
        let opStart = i
        let op = try parseOperator()
        skipWhitespace()
        return try versionClause(op, opStart: opStart)
    }

    mutating func versionClause(_ op: VersionOperator, opStart: Int) throws(PEP440SpecifierError) -> PEP440Specifier {
        let start = i
        while i < bytes.count, !ASCIIByte.isWhitespace(bytes[i]), bytes[i] != 0x2C { i += 1 }
        guard i > start else { throw fail("missing version after '\(op.rawValue)'", at: start) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        if op == .arbitraryEqual {
            return PEP440Specifier(op: op, versionText: text, version: PEP440Version(text), isWildcard: false)
        }
        let isWildcard = i - start >= 2 && bytes[i - 2] == 0x2E && bytes[i - 1] == 0x2A
        if bytes[start..<i].contains(0x2A) && !isWildcard || isWildcard && bytes[start..<i - 2].contains(0x2A) {
            throw fail("invalid wildcard in '\(text)': '*' may only end the release numbers, as in '==1.2.*'", at: start)
        }
        if isWildcard {
            guard op == .equal || op == .notEqual else {
                throw fail("a wildcard version is only allowed with '==' or '!=', not '\(op.rawValue)'", at: opStart)
            }
            guard let prefix = PEP440VersionParser.parse(bytes, from: start, to: i - 2) else {
                throw fail("invalid version '\(text)'", at: start)
            }
            guard prefix.pre == nil, prefix.post == nil, prefix.dev == nil, prefix.local.isEmpty else {
                throw fail("a wildcard must follow the release numbers directly (e.g. '==1.2.*'), not '\(text)'", at: start)
            }
            return PEP440Specifier(op: op, versionText: text, version: prefix, isWildcard: true)
        }
        guard let version = PEP440VersionParser.parse(bytes, from: start, to: i) else {
            throw fail("invalid version '\(text)'", at: start)
        }
        if !version.local.isEmpty, op != .equal, op != .notEqual {
            throw fail("a local version label ('+\(version.local.map(\.description).joined(separator: "."))') is only allowed with '==' or '!='", at: start)
        }
        if op == .compatible, version.release.count < 2 {
            throw fail("'~=' needs a version with at least two release numbers (e.g. '~=2.1'), not '\(text)'", at: opStart)
        }
        return PEP440Specifier(op: op, versionText: text, version: version, isWildcard: false)
    }

    mutating func parseOperator() throws(PEP440SpecifierError) -> VersionOperator {
        let s = i
        guard let spelling = ComparisonOperatorScanner.spelling(in: bytes, at: s) else {
            throw fail("expected a version operator (==, !=, <=, >=, <, >, ~=, ===)", at: s)
        }
        guard spelling != "=" else { throw fail("'=' is not a version operator (did you mean '=='?)", at: s) }
        i += spelling.utf8.count
        return VersionOperator(rawValue: spelling)!
    }
}
