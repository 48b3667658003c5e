import MLAuditParsers
import Testing

/// (specifier set, candidate version, matches with default pre-release handling)
@Suite struct PEP440SpecifierMatchingTests {
    static let compatibleRelease: [(String, String, Bool)] = [
        ("~=2.2", "2.2", true), ("~=2.2", "2.2.0", true), ("~=2.2", "2.3", true), ("~=2.2", "2.9.9", true),
        ("~=2.2", "2.10", true), ("~=2.2", "3.0", false), ("~=2.2", "2.1", false), ("~=2.2", "2.1.9", false),
        ("~=2.2", "2.2.post1", true), ("~=2.2", "2.2+local", true), ("~=2.2", "2.2a1", false),
        ("~=2.2", "3.0.dev0", false), ("~=2.2", "2!2.2", false), ("~=2.2", "2", false),
        ("~=1.4.5", "1.4.5", true), ("~=1.4.5", "1.4.9", true), ("~=1.4.5", "1.4.5.1", true),
        ("~=1.4.5", "1.4.5.post1", true), ("~=1.4.5", "1.5.0", false), ("~=1.4.5", "1.4.4", false),
        ("~=1.4.5", "1.4", false), ("~=1.4.5", "1.4.10", true),
        ("~=1.4.5a4", "1.4.5a4", true), ("~=1.4.5a4", "1.4.5b1", true), ("~=1.4.5a4", "1.4.5", true),
        ("~=1.4.5a4", "1.4.6", true), ("~=1.4.5a4", "1.4.7rc1", true), ("~=1.4.5a4", "1.5", false),
        ("~=1.4.5a4", "1.4.5a3", false), ("~=1.4.5a4", "1.4.5.dev0", false),
        ("~=2.2.post3", "2.2.post3", true), ("~=2.2.post3", "2.2.post4", true), ("~=2.2.post3", "2.3", true),
        ("~=2.2.post3", "2.2.post2", false), ("~=2.2.post3", "2.2", false), ("~=2.2.post3", "3.0", false),
        ("~=1.4.5.0", "1.4.5.0", true), ("~=1.4.5.0", "1.4.5.9", true), ("~=1.4.5.0", "1.4.6", false),
        ("~=0.9", "0.9", true), ("~=0.9", "0.10", true), ("~=0.9", "1.0", false), ("~=0.9", "0.8", false),
        ("~=1!1.0", "1!1.5", true), ("~=1!1.0", "1.5", false), ("~=1!1.0", "1!2.0", false),
        ("~=2.2.0", "2.2.9", true), ("~=2.2.0", "2.3", false), ("~=2.2.0", "2.2", true),
        ("~= 2.2", "2.4", true), ("~=v2.2", "2.4", true),
    ]

    static let equality: [(String, String, Bool)] = [
        ("==1.0", "1.0", true), ("==1.0", "1.0.0", true), ("==1.0", "1", true), ("==1.0", "0!1.0", true),
        ("==1.0", "1.0+local", true), ("==1.0", "1.0+cu121.7", true), ("==1.0", "1.0.post1", false),
        ("==1.0", "1.0a1", false), ("==1.0", "1.0.1", false), ("==1.0", "1!1.0", false), ("==1.0", "1.0.dev0", false),
        ("==1.0.0", "1", true), ("==v1.0", "1.0", true), ("== 1.0", "1.0", true),
        ("==1.0+abc", "1.0+abc", true), ("==1.0+abc", "1.0.0+ABC", true), ("==1.0+abc", "1.0", false),
        ("==1.0+abc", "1.0+abd", false), ("==1.0+abc", "1.0+abc.1", false), ("==1.0+abc-1", "1.0+abc.1", true),
        ("==1.0a1", "1.0a1", true), ("==1.0a1", "1.0a1+x", true), ("==1.0a1", "1.0a2", false), ("==1.0a1", "1.0", false),
        ("==1.0.post1", "1.0.post1", true), ("==1.0.post1", "1.0", false), ("==1.0.post1", "1.0-1", true),
        ("==1.1.*", "1.1", true), ("==1.1.*", "1.1.0", true), ("==1.1.*", "1.1.5", true),
        ("==1.1.*", "1.1.post1", true), ("==1.1.*", "1.1+local", true), ("==1.1.*", "1.1a1", false),
        ("==1.1.*", "1.10", false), ("==1.1.*", "1.2", false), ("==1.1.*", "1", false), ("==1.1.*", "1!1.1", false),
        ("==1.1.*", "1.1.1.1.1", true), ("==1.0.0.*", "1", true), ("==1.0.0.*", "1.0", true),
        ("==1.0.0.*", "1.0.0.5", true), ("==1.0.0.*", "1.0.1", false),
        ("==1.*", "1", true), ("==1.*", "1.99", true), ("==1.*", "2.0", false), ("==1.*", "0.9", false),
        ("==1!1.*", "1!1.5", true), ("==1!1.*", "1.5", false), ("==0!1.*", "1.5", true), ("==v1.*", "1.5", true),
    ]

    static let inequality: [(String, String, Bool)] = [
        ("!=1.0", "1.0", false), ("!=1.0", "1.0.0", false), ("!=1.0", "1.0+local", false),
        ("!=1.0", "1.0.post1", true), ("!=1.0", "1.1", true), ("!=1.0", "0.9", true), ("!=1.0", "1.0a1", false),
        ("!=1.1.*", "1.1.3", false), ("!=1.1.*", "1.1.post1", false), ("!=1.1.*", "1.2", true),
        ("!=1.1.*", "1.10", true), ("!=1.1.*", "1.0.9", true),
        ("!=1.0+abc", "1.0+abc", false), ("!=1.0+abc", "1.0", true), ("!=1.0+abc", "1.0+abd", true),
        ("!=1.0a1", "1.0a1", false), ("!=1.0a1", "1.0a2", false),
    ]

    static let inclusiveOrdering: [(String, String, Bool)] = [
        (">=1.0", "1.0", true), (">=1.0", "1.0.0", true), (">=1.0", "0.9", false), (">=1.0", "1.0+local", true),
        (">=1.0", "1.0.post1", true), (">=1.0", "2.0", true), (">=1.0", "1.0a1", false), (">=1.0", "2.0a1", false),
        (">=1.0", "1.0.dev0", false), (">=1.0", "0.99999", false), (">=1.0", "1!0.1", true), (">=1!1.0", "2.0", false),
        (">=1.0a1", "1.0a1", true), (">=1.0a1", "1.0", true), (">=1.0a1", "1.0a0", false),
        (">=1.0a1", "1.0.dev0", false), (">=1.0a1", "2.0a1", true), (">=1.0.dev0", "1.0.dev0", true),
        ("<=1.0", "1.0", true), ("<=1.0", "1.0+local", true), ("<=1.0", "1.0.post1", false), ("<=1.0", "0.9", true),
        ("<=1.0", "1.0a1", false), ("<=1.0", "0.1", true), ("<=1.0.post1", "1.0.post1+x", true),
        ("<=1.0.post1", "1.0.post2", false), ("<=1.0.post1", "1.0", true), ("<=2.0rc1", "2.0rc1", true),
        ("<=2.0rc1", "2.0b3", true), ("<=2.0rc1", "2.0", false),
    ]

    static let exclusiveOrdering: [(String, String, Bool)] = [
        ("<1.0", "0.9", true), ("<1.0", "1.0", false), ("<1.0", "1.0a1", false), ("<1.0", "1.0.dev0", false),
        ("<1.0", "0.9.post1", true), ("<1.0", "0.9+local", true), ("<1.0", "1.0+local", false),
        ("<1.0", "1!0.1", false), ("<1.0", "0!0.5", true), ("<1.0", "0.9a1", false),
        ("<1.0a2", "1.0a1", true), ("<1.0a2", "1.0a2", false), ("<1.0a2", "1.0.dev0", true),
        ("<1.0a2", "1.0a2.dev0", true), ("<1.0a2", "0.9", true), ("<1.0a2", "0.9a1", true),
        ("<1.0.post1", "1.0", true), ("<1.0.post1", "1.0.post0", true), ("<1.0.post1", "1.0.post1", false),
        ("<2", "1.9", true), ("<2", "2.0", false), ("<2", "1.99.post1", true), ("<2", "2.0.0", false),
        (">1.7", "1.7.1", true), (">1.7", "1.7.0.post1", false), (">1.7", "1.7.post1", false),
        (">1.7", "1.7", false), (">1.7", "1.7+local", false), (">1.7", "1.7.0+local", false),
        (">1.7", "1.8", true), (">1.7", "1.7.1.post1", true), (">1.7", "1.8a1", false), (">1.7", "1.7.0.1", true),
        (">1.7", "1.6", false), (">1.7", "1!0", true),
        (">1.7.post2", "1.7.1", true), (">1.7.post2", "1.7.post3", true), (">1.7.post2", "1.7.0", false),
        (">1.7.post2", "1.7.post2", false), (">1.7.post2", "1.7.post2+local", false), (">1.7.post2", "1.7.post3+local", true),
        (">1.0a1", "1.0a2", true), (">1.0a1", "1.0", true), (">1.0a1", "1.0a1", false), (">1.0a1", "1.0a1.post1", false),
        (">1.0.dev1", "1.0.dev2", true), (">1.0.dev1", "1.0a1", true), (">1.0.dev1", "1.0.dev1", false),
    ]

    static let arbitraryEquality: [(String, String, Bool)] = [
        ("===1.0", "1.0", true), ("===1.0", "1.0.0", false), ("===1.0", "1.0+local", false),
        ("===1.0+local", "1.0+LOCAL", true), ("===1.0a1", "1.0a1", true), ("===1.0a1", "1.0a2", false),
    ]

    static let sets: [(String, String, Bool)] = [
        (">=1.0,<2.0", "1.5", true), (">=1.0,<2.0", "2.0", false), (">=1.0,<2.0", "0.9", false), (">=1.0,<2.0", "2.0a1", false),
        (">=1.0,<2.0", "1.5a1", false), (">=1.0, !=1.3.*, <2", "1.3.4", false), (">=1.0, !=1.3.*, <2", "1.4", true),
        ("~=2.2, !=2.3.1", "2.3.1", false), ("~=2.2, !=2.3.1", "2.3.2", true),
        ("", "1.0", true), ("", "0", true), ("", "1.0a1", false), ("", "1.0.dev0", false), ("   ", "9!9", true),
        (">=1.0,<2.0a1", "1.5a1", true), (">=1.0b1,!=1.0", "1.0b2", true), (">=1.0b1,!=1.0", "1.0", false),
        ("==1.0,==2.0", "1.0", false), (" >= 1.0 , < 2 ,", "1.5", true), ("==1.0.*,!=1.0.1", "1.0.2", true),
        ("==1.0.*,!=1.0.1", "1.0.1", false), (">1.0,<1.0.post2", "1.0.post1", false), (">=1.0,<=1.0", "1.0+cu121", true),
        ("!=1.0,!=1.1,!=1.2", "1.3", true), ("!=1.0,!=1.1,!=1.2", "1.1.0", false), (">=2.0.0,<2.1,!=2.0.2", "2.0.3", true),
    ]

    static let all = compatibleRelease + equality + inequality + inclusiveOrdering + exclusiveOrdering
        + arbitraryEquality + sets

    @Test(arguments: all)
    func matchesWithDefaultPrereleaseHandling(specifiers: String, candidate: String, expected: Bool) throws {
        let set = try PEP440SpecifierSet(specifiers)
        let version = try #require(PEP440Version(candidate), "\(candidate)")
        #expect(set.contains(version) == expected, "\(specifiers) contains \(candidate)")
        #expect(set.contains(candidate) == expected, "\(specifiers) contains text \(candidate)")
        // Each clause matches on its own exactly when the set's verdict allows it.
        if set.specifiers.count == 1, !version.isPrerelease {
            #expect(set.specifiers[0].contains(version) == expected)
        }
    }

    /// (specifier set, candidate, prereleases argument, expected)
    static let prereleaseArgument: [(String, String, Bool?, Bool)] = [
        (">=1.0", "2.0a1", true, true), (">=1.0", "2.0a1", false, false), (">=1.0", "2.0a1", nil, false),
        (">=1.0a1", "1.0a2", nil, true), (">=1.0a1", "1.0a2", false, false), (">=1.0a1", "1.0", false, true),
        ("<=1.0", "1.0a1", true, true), ("<1.0", "1.0a1", true, false), ("<1.0", "1.0.dev0", true, false),
        ("<1.0", "0.9a1", true, true), ("<1.0.post1", "1.0.post1.dev0", true, false), ("<1.0.post1", "1.0a1", true, false),
        ("<2", "2.0rc1", true, false), ("==1.1.*", "1.1a1", true, true), ("==1.1.*", "1.1a1", nil, false),
        ("!=1.0", "1.0a1", true, true), ("!=1.0a1", "1.0a2", true, true), ("!=1.0a1", "1.0a1", true, false),
        ("~=2.2", "2.5b1", true, true), ("~=2.2", "3.0a1", true, false), (">1.7", "1.8a1", true, true),
        ("", "1.0a1", true, true), ("", "1.0.dev1", nil, false), ("", "1.0.post1", nil, true),
        (">=1.0", "1.0.post1.dev1", nil, false), (">=1.0", "1.0.post1.dev1", true, true),
    ]

    @Test(arguments: prereleaseArgument)
    func prereleaseArgumentOverridesTheDefault(specifiers: String, candidate: String, prereleases: Bool?, expected: Bool) throws {
        let set = try PEP440SpecifierSet(specifiers)
        let version = try #require(PEP440Version(candidate))
        #expect(set.contains(version, prereleases: prereleases) == expected, "\(specifiers) contains \(candidate)")
    }

    @Test func arbitraryEqualityComparesTheTextAsWritten() throws {
        let set = try PEP440SpecifierSet("===foobar")
        #expect(set.specifiers[0].version == nil)
        #expect(set.contains("foobar"))
        #expect(set.contains("FooBar"))
        #expect(!set.contains("1.0"))
        #expect(!set.contains(PEP440Version("1.0")!))
        let exact = try PEP440SpecifierSet("===1.0.0")
        #expect(exact.contains("1.0.0"))
        #expect(!exact.contains("1.0"))
        #expect(!exact.contains("v1.0.0"))
        #expect(!(try PEP440SpecifierSet(">=1.0")).contains("not-a-version"))
        #expect(!PEP440SpecifierSet().contains("not-a-version"))
    }

    @Test(arguments: [
        ("==1.0", "1.0"), (">=1.0,==1.2", "1.2"), ("===1.0", "1.0"), ("==1.0+cu121", "1.0+cu121"),
        ("==1.0a1", "1.0a1"), ("<2, ==1.5.0", "1.5.0"), ("==v1.0", "1.0"),
    ])
    func pinsExactly(specifiers: String, version: String) throws {
        let set = try PEP440SpecifierSet(specifiers)
        #expect(set.pinsExactly?.description == version)
    }

    @Test(arguments: ["", "==1.*", "===foo", ">=2,==1.0", "<2,!=1.5", ">=1.0", "~=1.0", "==1.0,==2.0"])
    func pinsNothing(specifiers: String) throws {
        #expect(try PEP440SpecifierSet(specifiers).pinsExactly == nil)
    }
}
