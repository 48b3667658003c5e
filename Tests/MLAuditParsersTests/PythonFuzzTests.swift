import Foundation
import MLAuditParsers
import MLAuditTestSupport
import Testing

/// Random bytes and random mixes of Python fragments must lex and analyze without
/// crashing or hanging, with every offset inside the input and tokens in order.
@Suite struct PythonFuzzTests {
    typealias Generator = SeededGenerator

    static let fragments = ["import ", "from ", " as ", "np", ".", "torch", "(", ")", "[", "]", "{", "}", ",", ":", ";", "=",
                            "'", "\"", "'''", "\"\"\"", "f'", "f\"", "rb'", "\\", "\n", "\r\n", "\r", "    ", "\t", "#", "# c\n",
                            "try:", "except ImportError:", "def ", "class ", "if ", "1", "0x1f", "1.5e-3", "é", "\u{0}", "{x}",
                            "{{", "}}", "!r", "...", "**", "->", ":=", "$", "`", "seed", "True", "None", "\u{FEFF}"]

    func check(_ bytes: [UInt8]) {
        let tokens = PythonLexer.tokenize(bytes)
        var previousEnd = 0
        for t in tokens {
            #expect(t.start >= previousEnd && t.start <= t.end && t.end <= bytes.count, "\(t) in \(bytes)")
            previousEnd = t.end
            if t.kind == .string {
                _ = PythonStringLiteral.value(of: t, in: bytes)
            }
        }
        let imports = PythonImports.extract(tokens, bytes)
        for item in imports { #expect(item.range.upperBound <= bytes.count && item.line >= 1) }
        let summary = PythonCalls.analyze(tokens, bytes, imports)
        for call in summary.calls {
            #expect(call.range.lowerBound <= call.range.upperBound && call.range.upperBound <= bytes.count)
            for arg in call.arguments { #expect(arg.range.upperBound <= bytes.count) }
        }
        for a in summary.assignments { #expect(a.range.upperBound <= bytes.count) }
        for s in summary.strings { #expect(s.range.upperBound <= bytes.count && s.line >= 1 && s.column >= 1) }
    }

    @Test func randomByteSoup() {
        var g = Generator(state: 1)
        for _ in 0..<3000 {
            let count = Int(g.next() % 64)
            check((0..<count).map { _ in UInt8(truncatingIfNeeded: g.next()) })
        }
    }

    @Test func randomPythonFragments() {
        var g = Generator(state: 99)
        for _ in 0..<4000 {
            let text = (0..<Int(g.next() % 48)).map { _ in g.pick(Self.fragments) }.joined()
            let bytes = Array(text.utf8)
            check(bytes)
            if bytes.count > 2 { check(Array(bytes[..<(bytes.count / 2)])) }
        }
    }

    /// Lexer throughput on a generated ~50 MB file; only with MLAUDIT_PYTHON_BENCH=1,
    /// best run with `swift test -c release --filter PythonFuzzTests/throughput`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MLAUDIT_PYTHON_BENCH"] == "1"))
    func throughput() {
        let chunk = """
        import numpy as np
        from torch.utils.data import DataLoader as DL  # comment with 'quotes'
        def train(model, cfg):
            loader = DL(dataset, batch_size=cfg.get("bs", 32), shuffle=True, num_workers=4)
            for i, (x, y) in enumerate(loader):
                out = model(x) ** 2 + 0x1F - 1.5e-3
                print(f"step {i}: {out.mean():.3f} {d["k"]}", r'\\d+', b'\\x00')
            s = '''doc
            string'''
            return np.random.seed(42)

        """
        let unit = Array(chunk.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50_000_000 + unit.count)
        while bytes.count < 50_000_000 { bytes.append(contentsOf: unit) }
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure { count = PythonLexer.tokenize(bytes).count }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let mb = Double(bytes.count) / 1_000_000
        print("PythonLexer: \(mb) MB, \(count) tokens, \(seconds) s, \(mb / seconds) MB/s")
        var oneLine = bytes
        for k in 0..<oneLine.count where oneLine[k] == 0x0A { oneLine[k] = 0x3B }
        let e2 = clock.measure { count = PythonLexer.tokenize(oneLine).count }
        let s2 = Double(e2.components.seconds) + Double(e2.components.attoseconds) / 1e18
        print("PythonLexer one line: \(count) tokens, \(s2) s, \(mb / s2) MB/s")
        let e3 = clock.measure { count = PythonCalls.analyze(bytes).calls.count }
        let s3 = Double(e3.components.seconds) + Double(e3.components.attoseconds) / 1e18
        print("PythonCalls.analyze: \(count) calls, \(s3) s, \(mb / s3) MB/s")
    }
}
