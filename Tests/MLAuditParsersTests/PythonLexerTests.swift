import MLAuditParsers
import Testing

/// Renders tokens as `kind:text` (layout tokens without text) for compact expectations.
func pythonTokens(_ source: String, layout: Bool = false) -> [String] {
    let bytes = Array(source.utf8)
    return PythonLexer.tokenize(bytes).compactMap { t in
        switch t.kind {
        case .newline, .nl, .indent, .dedent:
            return layout ? "\(t.kind)" : nil
        default:
            let text = String(decoding: bytes[t.start..<t.end], as: UTF8.self)
            return "\(t.kind):\(text)\(t.isUnterminated ? "!" : "")"
        }
    }
}

@Suite struct PythonLexerTests {
    @Test func simpleStatement() {
        #expect(pythonTokens("x = np.random.seed(42)  # seed\n") ==
            ["name:x", "op:=", "name:np", "op:.", "name:random", "op:.", "name:seed", "op:(", "number:42", "op:)", "comment:# seed"])
    }

    @Test(arguments: [
        "'a'", "\"a\"", "r'a\\'b'", "b\"x\"", "u'x'", "f'{x}'", "rb'x'", "BR'x'", "Rb\"x\"", "fR'x'", "rf\"{x}\"", "F'x'",
        "'''a\nb'''", "\"\"\"a\"\nb\"\"\"", "b'''x'''", "'a\\\nb'", "t'{x}'",
    ])
    func stringForms(_ literal: String) {
        #expect(pythonTokens(literal) == ["string:\(literal)"])
    }

    @Test func invalidPrefixesAreNames() {
        #expect(pythonTokens("ub'x'") == ["name:ub", "string:'x'"])
        #expect(pythonTokens("bf'x'") == ["name:bf", "string:'x'"])
        #expect(pythonTokens("rr'x'") == ["name:rr", "string:'x'"])
    }

    @Test func tripleQuotesSpanLinesAndKeepLineCounting() {
        let src = "a = '''one\ntwo ' \" ''' + \"\"\"x\n\"\"\"\nb\n"
        #expect(pythonTokens(src, layout: true) == [
            "name:a", "op:=", "string:'''one\ntwo ' \" '''", "op:+", "string:\"\"\"x\n\"\"\"", "newline", "name:b", "newline",
        ])
    }

    @Test(arguments: [
        "f\"{x[\"a\"]}\"",
        "f'{x!r:>{width}}'",
        "f'{{literal}} {a}'",
        "f\"{f\"{f\"{1}\"}\"}\"",
        "f'{\"}\"}'",
        "f'{d[\"k\"]:{\"x\"}}'",
        "f'''{\n x\n}'''",
        "f\"{', '.join([\n 'a',  # c\n 'b'])}\"",
        "rf'\\{x}'",
        "f'{a:=10}'",
        "f'{x!=y}'",
        "f'{lambda: 1}'",
    ])
    func fStringsAreOneToken(_ literal: String) {
        #expect(pythonTokens(literal + " + 1") == ["string:\(literal)", "op:+", "number:1"])
    }

    @Test func commentsMayHoldQuotes() {
        #expect(pythonTokens("x # it's \"q\n'y'") == ["name:x", "comment:# it's \"q", "string:'y'"])
    }

    @Test func continuationAndBracketsMakeOneLogicalLine() {
        #expect(pythonTokens("a = 1 + \\\n    2\nb = (1,\n  2)\nc = [\n]\n", layout: true) == [
            "name:a", "op:=", "number:1", "op:+", "number:2", "newline",
            "name:b", "op:=", "op:(", "number:1", "op:,", "nl", "number:2", "op:)", "newline",
            "name:c", "op:=", "op:[", "nl", "op:]", "newline",
        ])
    }

    @Test func indentationAndBlankLines() {
        let src = "if x:\n    y\n\n    # c\n        \n    z\nw\n"
        #expect(pythonTokens(src, layout: true) == [
            "name:if", "name:x", "op::", "newline", "indent", "name:y", "newline", "nl", "comment:# c", "nl", "nl",
            "name:z", "newline", "dedent", "name:w", "newline",
        ])
    }

    @Test func bracketsClosingMidLineDoNotRestartIndentation() {
        let src = "def f():\n    if (a and\n        b):\n        x\n    y\n"
        #expect(pythonTokens(src, layout: true) == [
            "name:def", "name:f", "op:(", "op:)", "op::", "newline", "indent", "name:if", "op:(", "name:a", "name:and", "nl",
            "name:b", "op:)", "op::", "newline", "indent", "name:x", "newline", "dedent", "name:y", "newline", "dedent",
        ])
    }

    @Test func dedentsAtEndOfFileWithoutFinalNewline() {
        #expect(pythonTokens("def f():\n  if a:\n    return 1", layout: true) == [
            "name:def", "name:f", "op:(", "op:)", "op::", "newline", "indent", "name:if", "name:a", "op::", "newline",
            "indent", "name:return", "number:1", "newline", "dedent", "dedent",
        ])
    }

    @Test(arguments: [
        ("0x_FF", "number:0x_FF"), ("1_000.5e-3j", "number:1_000.5e-3j"), (".5", "number:.5"), ("1e5", "number:1e5"),
        ("0o17", "number:0o17"), ("3.", "number:3."),
    ])
    func numbers(_ source: String, _ expected: String) {
        #expect(pythonTokens(source) == [expected])
    }

    @Test func operators() {
        #expect(pythonTokens("a **= b // c -> d := e != f ... @ g <<= 1") == [
            "name:a", "op:**=", "name:b", "op://", "name:c", "op:->", "name:d", "op::=", "name:e", "op:!=", "name:f",
            "op:...", "op:@", "name:g", "op:<<=", "number:1",
        ])
    }

    @Test func unterminatedStrings() {
        #expect(pythonTokens("x = 'abc\ny = 1\n") == ["name:x", "op:=", "string:'abc!", "name:y", "op:=", "number:1"])
        #expect(pythonTokens("x = '''abc\ny = 1\n") == ["name:x", "op:=", "string:'''abc\ny = 1\n!"])
        #expect(pythonTokens("f'{x\ny'") == ["string:f'{x!", "name:y", "string:'!"])
        #expect(pythonTokens("f\"{(\n1\n") == ["string:f\"{(!", "number:1"])
    }

    @Test func strayBytesBecomeErrorTokens() {
        #expect(pythonTokens("a $? b \\ c\u{0}d") == ["name:a", "error:$?", "name:b", "error:\\", "name:c", "error:\u{0}", "name:d"])
    }

    @Test func invalidUTF8AndCRLF() {
        let bytes: [UInt8] = [0x78, 0x20, 0xFF, 0xFE, 0x0D, 0x0A, 0x79, 0x0D, 0x7A]
        let tokens = PythonLexer.tokenize(bytes)
        #expect(tokens.map(\.kind) == [.name, .name, .newline, .name, .newline, .name, .newline])
        #expect(tokens[2].range == 4..<6)
    }

    @Test func deepBracketsDoNotRecurse() {
        let src = String(repeating: "(", count: 100_000) + String(repeating: "]", count: 100_000) + "\nx"
        let tokens = PythonLexer.tokenize(Array(src.utf8))
        #expect(tokens.count == 200_003)
        let nested = String(repeating: "f'{", count: 5_000) + String(repeating: "}'", count: 5_000)
        let t2 = PythonLexer.tokenize(Array(nested.utf8))
        #expect(t2.allSatisfy { $0.end <= nested.utf8.count })
    }

    @Test func manyUnterminatedMultilineFStringsStayLinear() {
        // Each line would otherwise scan to the end of the file.
        let src = String(repeating: "f\"{(\n'''\\\n", count: 20_000)
        let tokens = PythonLexer.tokenize(Array(src.utf8))
        #expect(tokens.allSatisfy { $0.end <= src.utf8.count })
    }
}

@Suite struct PythonStringLiteralTests {
    func value(_ literal: String) -> String? {
        let bytes = Array(literal.utf8)
        let tokens = PythonLexer.tokenize(bytes)
        guard tokens.count >= 1, tokens[0].kind == .string else { return "<not a string>" }
        return PythonStringLiteral.value(of: tokens[0], in: bytes)
    }

    @Test(arguments: [
        ("'a\\nb'", "a\nb"), ("\"t\\tx\"", "t\tx"), ("'\\\\'", "\\"), ("'it\\'s'", "it's"), ("\"\\\"\"", "\""),
        ("'\\x41\\u00e9\\U0001F600'", "Aé😀"), ("r'a\\nb'", "a\\nb"), ("R\"\\d+\"", "\\d+"), ("'''x\ny'''", "x\ny"),
        ("b'ab\\x7f'", "ab\u{7f}"), ("'\\101'", "A"), ("'\\q'", "\\q"), ("'a\\\nb'", "ab"), ("u'é'", "é"),
        ("'data/train.csv'", "data/train.csv"), ("rb'\\x80'", "\\x80"), ("''", ""), ("''''''", ""),
    ])
    func decodes(_ literal: String, _ expected: String) {
        #expect(value(literal) == expected)
    }

    @Test(arguments: ["f'x'", "b'\\xff'", "'\\N{BULLET}'", "'\\x4'", "'\\ud800'", "b'é'", "rf'x'"])
    func undecodable(_ literal: String) {
        #expect(value(literal) == nil)
    }

    @Test func unterminatedValueRunsToTokenEnd() {
        #expect(value("'abc\n") == "abc")
        #expect(value("'''abc") == "abc")
    }

    @Test func literalParts() throws {
        let bytes = Array("Rb'''x'''".utf8)
        let lit = try #require(PythonStringLiteral(PythonLexer.tokenize(bytes)[0], in: bytes))
        #expect(lit.isRaw && lit.isBytes && lit.isTriple && !lit.isFormatted)
        #expect(lit.contentRange == 5..<6)
    }
}
