import MLAuditParsers
import Testing

@Suite struct PEP440SpecifierParsingTests {
    /// Text → clauses as normalised by `description` (spacing removed, versions as written).
    @Test(arguments: [
        ("", ""), ("  ", ""), (">=1.0", ">=1.0"), (">= 1.0", ">=1.0"), ("  >=1.0  ", ">=1.0"),
        (">=1.0,<2", ">=1.0,<2"), (">=1.0 , <2", ">=1.0,<2"), (">=1.0,<2,", ">=1.0,<2"), (">=1.0, ", ">=1.0"),
        ("==1.*", "==1.*"), ("!=1.2.*", "!=1.2.*"), ("==1!2.*", "==1!2.*"), ("~=2.2", "~=2.2"),
        ("===foo-bar_baz", "===foo-bar_baz"), ("=== 1.0+anything", "===1.0+anything"),
        ("==1.0+local", "==1.0+local"), ("!=1.0+local", "!=1.0+local"), ("<1.0a1", "<1.0a1"),
        (">1.0.post1", ">1.0.post1"), ("<=1.0.dev1", "<=1.0.dev1"), ("~=1.0rc1", "~=1.0rc1"),
        ("\t>=1\t,\t<3\t", ">=1,<3"), ("==V1.0", "==V1.0"),
    ])
    func parses(text: String, normalised: String) throws {
        let set = try PEP440SpecifierSet(text)
        #expect(set.description == normalised)
        #expect(try PEP440SpecifierSet(normalised) == set)
    }

    @Test func exposesTheClauses() throws {
        let set = try PEP440SpecifierSet(">=1.0a1, ==1.4.*, ===weird")
        #expect(set.specifiers.map(\.op) == [.greaterOrEqual, .equal, .arbitraryEqual])
        #expect(set.specifiers.map(\.isWildcard) == [false, true, false])
        #expect(set.specifiers[0].version == PEP440Version("1.0a1"))
        #expect(set.specifiers[1].version?.release == [1, 4])
        #expect(set.specifiers[2].version == nil)
        #expect(set.specifiers[2].versionText == "weird")
        #expect(set.allowsPrereleases)
        #expect(!(try PEP440SpecifierSet("!=1.0a1")).allowsPrereleases)
    }

    @Test func bridgesRequirementSpecClauses() throws {
        let requirement = try #require(RequirementSpec.parse("torch>=2.0,!=2.1.*,<3"))
        let set = try PEP440SpecifierSet(requirement.specifiers)
        #expect(set.description == ">=2.0,!=2.1.*,<3")
        #expect(set.contains(PEP440Version("2.2.1")!))
        #expect(!set.contains(PEP440Version("2.1.2")!))
        #expect(try PEP440Specifier(VersionSpecifier(op: .compatible, version: "1.4")).description == "~=1.4")
        #expect(throws: PEP440SpecifierError.self) { try PEP440Specifier(VersionSpecifier(op: .equal, version: "${V}")) }
    }

    @Test func singleClause() throws {
        let clause = try PEP440Specifier(" ~= 1.4.5 ")
        #expect(clause.op == .compatible)
        #expect(clause.versionText == "1.4.5")
        #expect(throws: PEP440SpecifierError.self) { try PEP440Specifier(">=1,<2") }
        #expect(throws: PEP440SpecifierError.self) { try PEP440Specifier("") }
    }

    /// (text, UTF-8 offset of the problem, words the reason must contain)
    static let invalid: [(String, Int, String)] = [
        ("~=1", 0, "at least two release numbers"), ("~=v1", 0, "at least two"), ("~=1!2", 0, "at least two"),
        ("~=1.0.*", 0, "only allowed with '==' or '!='"), ("~=1.0+local", 2, "local version label"),
        ("==1.0.*+local", 2, "invalid wildcard"), ("<=1.0.*", 0, "only allowed with '==' or '!='"),
        (">=1.0.*", 0, "wildcard"), ("<1.*", 0, "wildcard"), (">1.*", 0, "wildcard"),
        ("==1.*.0", 2, "invalid wildcard"), ("==*", 2, "invalid wildcard"), ("==1.0*", 2, "invalid wildcard"),
        ("==.*", 2, "invalid version"), ("==1.0a1.*", 2, "follow the release numbers"),
        ("==1.0.post1.*", 2, "follow the release numbers"), ("!=1.0.dev1.*", 2, "follow the release numbers"),
        ("==1.0+abc.*", 2, "follow the release numbers"), ("==1.*.*", 2, "invalid wildcard"),
        (">=1.0+local", 2, "local version label"), ("<1.0+local", 1, "local version label"),
        (">1.0+local", 1, "local"), ("<=1.0+l", 2, "local"),
        ("=1.0", 0, "did you mean '=='"), ("1.0", 0, "expected a version operator"), (">>1.0", 1, "invalid version"),
        ("=<1.0", 0, "did you mean"), ("~1.0", 0, "expected a version operator"), ("^1.0", 0, "expected a version operator"),
        (">=", 2, "missing version after '>='"), (">= ", 3, "missing version"), ("===", 3, "missing version after '==='"),
        (">=1.0,,<2", 6, "empty version specifier"), (",>=1.0", 0, "expected a version operator"),
        (">=1.0 <2", 6, "expected ','"), (">=1.0;", 2, "invalid version"), ("==1.0 foo", 6, "expected ','"),
        (">=abc", 2, "invalid version"), ("==1.0.", 2, "invalid version"), ("!==1.0", 2, "invalid version"),
        (">=${VAR}", 2, "invalid version"), ("(>=1.0)", 0, "expected a version operator"),
        (">=1.0, <2, !=", 13, "missing version after '!='"), ("==1.0,", 6, ""),
    ]

    @Test(arguments: invalid)
    func rejects(text: String, offset: Int, reason: String) throws {
        if reason.isEmpty {
            // A single trailing comma is valid.
            #expect(try PEP440SpecifierSet(text).specifiers.count == 1)
            return
        }
        do {
            let set = try PEP440SpecifierSet(text)
            Issue.record("\(text) parsed as \(set)")
        } catch {
            #expect(error.offset == offset, "\(text): \(error.reason)")
            #expect(error.reason.contains(reason), "\(text): \(error.reason)")
        }
    }
}
