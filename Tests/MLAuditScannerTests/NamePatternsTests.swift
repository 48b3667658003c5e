import Testing
@testable import MLAuditScanner

@Suite struct NamePatternsTests {
    @Test(arguments: [
        ("numpy.random.rand", true),
        ("numpy.random.default_rng().random", true),
        ("numpy.randomize", false),
        ("torch.cuda.manual_seed", true),
        ("torch.manual_seed", true),
        ("torch.cuda.manual_seed_all", false),
        ("tensorflow.random.shuffle", true),
        ("tensorflow.random", false),
        ("sklearn.utils.shuffle", true),
        ("x.sklearn.utils.shuffle", false),
    ])
    func wildcardsMatchRunsOfAnyCharacters(name: String, expected: Bool) {
        let patterns = NamePatterns(["numpy.random.*", "torch.*manual_seed", "tensorflow.*.shuffle", "sklearn.utils.shuffle"])
        #expect(patterns.matches(name) == expected)
    }

    @Test func aMiddlePieceMayNotOverlapTheSuffix() {
        let patterns = NamePatterns(["a.*bc*cd"])
        #expect(patterns.matches("a.bcd") == false)
        #expect(patterns.matches("a.bccd"))
        #expect(patterns.matches("a.xbcyycd"))
    }

    @Test func theTighterPathPrefilterKeepsEveryLiteralWithAMention() {
        let literals = [#""/home/ana/x""#, #"'~/data'"#, #"f"{root}/home""#, #""C:\\Users\\ana""#, #""$HOME/x""#,
                        #""file:///srv/x""#, #""data/train.csv""#, #""a/b/c""#]
        for literal in literals {
            let bytes = Array(literal.utf8)
            let value = Array(literal.dropFirst(literal.hasPrefix("f") ? 2 : 1).dropLast().utf8)
            if !PathClassifier.mentions(in: value).isEmpty {
                #expect(PathClassifier.mayHoldMention(bytes), "\(literal) holds a path but was filtered out")
            }
        }
        #expect(!PathClassifier.mayHoldMention(Array(#""data/train.csv""#.utf8)))
        #expect(!PathClassifier.mayHoldMention(Array(#"f"{root}/x""#.utf8)))
    }
}
