import MLAuditParsers

/// The Python front end as the scanner runs it: tokens, imports, calls.
enum PythonLexerTarget {
    static func run(_ bytes: [UInt8]) {
        let tokens = PythonLexer.tokenize(bytes)
        var previousEnd = 0
        for token in tokens {
            invariant(token.start >= previousEnd && token.start <= token.end && token.end <= bytes.count,
                      "token \(token) out of order or outside \(bytes.count) bytes")
            previousEnd = token.end
        }
        let imports = PythonImports.extract(tokens, bytes)
        for item in imports {
            invariant(item.line >= 1 && item.column >= 1, "import \(item.module) at line \(item.line), column \(item.column)")
            invariant(item.range.lowerBound >= 0 && item.range.upperBound <= bytes.count, "import range \(item.range)")
        }
        let summary = PythonCalls.analyze(tokens, bytes, imports)
        for call in summary.calls {
            invariant(call.line >= 1 && call.column >= 1, "call \(call.callee) at line \(call.line), column \(call.column)")
            invariant(call.range.lowerBound >= 0 && call.range.upperBound <= bytes.count, "call range \(call.range)")
        }
        for site in summary.strings {
            invariant(site.line >= 1 && site.range.upperBound <= bytes.count, "string at line \(site.line), range \(site.range)")
        }
        let table = PythonLineTable(bytes)
        for token in tokens.prefix(64) {
            let position = table.position(ofByte: token.start, in: bytes)
            invariant(position.line >= 1 && position.column >= 1, "position \(position) of byte \(token.start)")
        }
        for function in summary.functions {
            _ = summary.enclosingFunction(ofByte: function.range.lowerBound)
        }
    }
}
