import MLAuditCore
import Testing

@Suite struct GlobPatternTests {
    struct Case: Sendable, CustomStringConvertible {
        var pattern: String
        var path: String
        var isDirectory = false
        var matches: Bool
        var description: String { "\(pattern) ~ \(path) = \(matches)" }
    }

    static let cases: [Case] = [
        Case(pattern: "*.pt", path: "models/best.pt", matches: true),
        Case(pattern: "*.pt", path: "models/best.pth", matches: false),
        Case(pattern: "/data", path: "data", isDirectory: true, matches: true),
        Case(pattern: "/data", path: "src/data", isDirectory: true, matches: false),
        Case(pattern: "data/", path: "src/data", isDirectory: true, matches: true),
        Case(pattern: "data/", path: "src/data", isDirectory: false, matches: false),
        Case(pattern: "docs/*.md", path: "docs/a.md", matches: true),
        Case(pattern: "docs/*.md", path: "docs/sub/a.md", matches: false),
        Case(pattern: "docs/*.md", path: "x/docs/a.md", matches: false),
        Case(pattern: "**/logs", path: "a/b/logs", isDirectory: true, matches: true),
        Case(pattern: "**/logs", path: "logs", isDirectory: true, matches: true),
        Case(pattern: "a/**/b", path: "a/b", matches: true),
        Case(pattern: "a/**/b", path: "a/x/y/b", matches: true),
        Case(pattern: "a/**", path: "a/x/y", matches: true),
        Case(pattern: "run[0-9].log", path: "run7.log", matches: true),
        Case(pattern: "run[!0-9].log", path: "run7.log", matches: false),
        Case(pattern: "?.txt", path: "a.txt", matches: true),
        Case(pattern: "?.txt", path: "ab.txt", matches: false),
        Case(pattern: "\\#notes", path: "#notes", matches: true),
        Case(pattern: "*.ckpt   ", path: "x.ckpt", matches: true),
        Case(pattern: "checkpoints/**/*.ckpt", path: "checkpoints/run1/epoch=3.ckpt", matches: true),
    ]

    @Test(arguments: cases)
    func matching(_ c: Case) throws {
        let pattern = try #require(GlobPattern(c.pattern, allowNegation: true))
        #expect(pattern.matches(c.path, isDirectory: c.isDirectory) == c.matches)
    }

    @Test func negationIsParsed() throws {
        let pattern = try #require(GlobPattern("!keep.csv", allowNegation: true))
        #expect(pattern.isNegated)
        #expect(pattern.matches("data/keep.csv", isDirectory: false))
        #expect(GlobPattern("", allowNegation: true) == nil)
        #expect(GlobPattern("/", allowNegation: true) == nil)
    }
}
