import MLAuditParsers
import Testing

@Suite struct PEP440VersionOrderingTests {
    /// Strictly increasing in PEP 440 order.
    static let ascending: [String] = [
        "0.dev0", "0a0", "0", "0.post0",
        "0.9", "0.9.9", "0.10",
        "1.0.dev0", "1.0.dev1", "1.0.dev10",
        "1.0a0.dev0", "1.0a0", "1.0a0.post0.dev0", "1.0a0.post0", "1.0a0.post1",
        "1.0a1.dev0", "1.0a1", "1.0a2.dev5", "1.0a2", "1.0a12",
        "1.0b0", "1.0b1.dev3", "1.0b1", "1.0b1.post1.dev1", "1.0b1.post1", "1.0b2",
        "1.0rc1.dev1", "1.0rc1", "1.0rc1.post1", "1.0rc2",
        "1.0",
        "1.0+abc", "1.0+abc.xyz", "1.0+abc.5", "1.0+abd", "1.0+zzz", "1.0+0", "1.0+5", "1.0+5.abc", "1.0+5.0", "1.0+10",
        "1.0.post0.dev0", "1.0.post0.dev1", "1.0.post0", "1.0.post0+local", "1.0.post1.dev0", "1.0.post1", "1.0.post10",
        "1.0.1.dev0", "1.0.1a1", "1.0.1", "1.0.1.1", "1.0.2", "1.0.10",
        "1.1.dev1", "1.1a1", "1.1", "1.1.post1",
        "1.2", "1.10", "2.0", "10.0", "2024.1",
        "1!0.dev0", "1!0", "1!1.0", "1!2.0.post1", "2!0.1",
    ]

    @Test func everyPairIsOrdered() throws {
        let versions = try Self.ascending.map { try #require(PEP440Version($0), "\($0)") }
        for i in versions.indices {
            for j in versions.indices {
                let expected = i < j ? -1 : (i == j ? 0 : 1)
                let actual = PEP440Version.compare(versions[i], versions[j])
                #expect(actual.signum() == expected, "\(Self.ascending[i]) vs \(Self.ascending[j])")
                #expect((versions[i] < versions[j]) == (i < j))
                #expect((versions[i] == versions[j]) == (i == j))
            }
        }
    }

    @Test func sortingAShuffledListRestoresTheOrder() throws {
        var generator = SplitMix(seed: 7)
        let shuffled = Self.ascending.shuffled(using: &generator)
        let sorted = try shuffled.map { try #require(PEP440Version($0)) }.sorted()
        #expect(sorted.map(\.description) == Self.ascending.compactMap { PEP440Version($0)?.description })
    }

    /// Spellings that are equal in PEP 440 (and so hash alike).
    static let equalGroups: [[String]] = [
        ["1", "1.0", "1.0.0", "1.0.0.0", "v1", "0!1.0", "01.00"],
        ["1.0a1", "1.0.0a1", "1.0alpha1", "1.0-a-1", "1.0A01"],
        ["1.0.post1", "1.0-1", "1.0r1", "1.0.0.rev1"],
        ["1.0.dev0", "1.0dev", "1.0.0-dev"],
        ["2.1+cu118", "2.1.0+CU118", "2.1.0.0+cu118"],
        ["1.0+abc.1", "1.0+ABC-01", "1.0.0+abc_1"],
        ["1.0rc1", "1.0c1", "1.0pre1", "1.0preview1"],
    ]

    @Test(arguments: equalGroups)
    func equalSpellingsAreEqualAndHashAlike(group: [String]) throws {
        let versions = try group.map { try #require(PEP440Version($0), "\($0)") }
        for a in versions {
            for b in versions {
                #expect(a == b, "\(a) == \(b)")
                #expect(!(a < b))
                #expect(a.hashValue == b.hashValue)
            }
        }
        #expect(Set(versions).count == 1)
    }

    @Test func distinctVersionsStayDistinctInASet() throws {
        let versions = try Self.ascending.map { try #require(PEP440Version($0)) }
        #expect(Set(versions).count == versions.count)
    }

    @Test(arguments: [
        ("1.0+a", "1.0+b", -1), ("1.0+1", "1.0+a", 1), ("1.0+2", "1.0+10", -1), ("1.0+a", "1.0+a.1", -1),
        ("1.0+a.b", "1.0+a.1", -1), ("1.0+abc", "1.0+abcd", -1), ("1.0+b", "1.0+abc", 1),
        ("1.0", "1.0+anything", -1), ("1.0.post1", "1.0+9999", 1),
    ])
    func localLabelsCompareSegmentBySegment(lhs: String, rhs: String, sign: Int) throws {
        let a = try #require(PEP440Version(lhs)), b = try #require(PEP440Version(rhs))
        #expect(PEP440Version.compare(a, b) == sign)
        #expect(PEP440Version.compare(b, a) == -sign)
    }
}

/// A small deterministic generator so shuffles are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
