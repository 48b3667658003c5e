import MLAuditCore
@testable import MLAuditScanner
import MLAuditTestSupport
import Testing

/// The ignore file's index of patterns (by name, ending, start) must give the same
/// answer as trying every pattern from the last one down, as git does.
@Suite struct IgnoreIndexTests {
    static func naiveLastMatch(_ patterns: [GlobPattern], _ path: String, isDirectory: Bool) -> Int? {
        patterns.indices.reversed().first { patterns[$0].matches(path, isDirectory: isDirectory) }
    }

    @Test func requiredEndingsAndStartsAreLiteralOnly() {
        #expect(GlobPattern("ckpt_*.tmp")?.requiredEnding == Array(".tmp".utf8))
        #expect(GlobPattern("ckpt_*.tmp")?.requiredStart == Array("ckpt_".utf8))
        #expect(GlobPattern("cache*")?.requiredStart == Array("cache".utf8))
        #expect(GlobPattern("cache*")?.requiredEnding == nil)
        #expect(GlobPattern("a?b")?.requiredEnding == Array("b".utf8))
        #expect(GlobPattern("[*]x")?.requiredEnding == nil, "a class, not a wildcard, comes before the ending")
        #expect(GlobPattern("x[ab]")?.requiredStart == nil)
        #expect(GlobPattern("logs/*.tmp")?.requiredEnding == nil, "anchored patterns are tried on whole paths")
        #expect(GlobPattern("a*\\")?.requiredEnding == nil)
    }

    @Test func indexedLookupAgreesWithTryingEveryPattern() {
        var random = SeededGenerator(state: 20261203)
        let parts = ["a", "b", "ckpt", "_1", ".tmp", ".py", "x", "*", "?", "[ab]", "**", "/", "!"]
        let names = ["a", "b", "ckpt_1.tmp", "x.py", "ab", "ckpt", "a.tmp", "bx", "ckpt_1.py", "xa.tmp"]
        for _ in 0..<300 {
            var lines: [String] = []
            for _ in 0..<(1 + Int(random.next() % 12)) {
                var line = ""
                for _ in 0..<(1 + Int(random.next() % 4)) { line += random.pick(parts) }
                if random.next() % 4 == 0 { line += "/" }
                lines.append(line)
            }
            let file = IgnoreFile(base: "", text: lines.joined(separator: "\n"))
            for _ in 0..<20 {
                var path = random.pick(names)
                if random.next() % 2 == 0 { path = random.pick(names) + "/" + path }
                let isDirectory = random.next() % 3 == 0
                let components = GlobPattern.components(of: Array(path.utf8))
                let indexed = file.localComponents(components).flatMap { file.lastMatch($0, isDirectory: isDirectory) }
                let naive = Self.naiveLastMatch(file.patterns, path, isDirectory: isDirectory)
                #expect(indexed == naive, "\(lines) on \(path) (directory: \(isDirectory))")
            }
        }
    }
}
