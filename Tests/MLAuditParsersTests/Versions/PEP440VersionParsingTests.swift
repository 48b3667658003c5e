import MLAuditParsers
import Testing

@Suite struct PEP440VersionParsingTests {
    /// Spelling as written → normalised form.
    static let normalised: [(String, String)] = [
        // Plain releases, epochs, leading zeros.
        ("0", "0"), ("1", "1"), ("1.0", "1.0"), ("1.0.0", "1.0.0"), ("2.4.1", "2.4.1"),
        ("1.2.3.4.5.6", "1.2.3.4.5.6"), ("01.002.0003", "1.2.3"), ("2024.10.1", "2024.10.1"),
        ("20240101", "20240101"), ("0!1.0", "1.0"), ("1!1.0", "1!1.0"), ("12!3", "12!3"), ("00!1", "1"),
        ("v1.0", "1.0"), ("V2.0", "2.0"), ("v1!2.0", "1!2.0"),
        // Whitespace around the version.
        ("  1.0  ", "1.0"), ("\t1.0\n", "1.0"), ("\r\n2.0 ", "2.0"),
        // Pre-releases: spellings, separators, implicit numbers, case.
        ("1.0a1", "1.0a1"), ("1.0A1", "1.0a1"), ("1.0alpha1", "1.0a1"), ("1.0ALPHA1", "1.0a1"),
        ("1.0b2", "1.0b2"), ("1.0beta2", "1.0b2"), ("1.0Beta2", "1.0b2"),
        ("1.0rc3", "1.0rc3"), ("1.0c3", "1.0rc3"), ("1.0pre3", "1.0rc3"), ("1.0preview3", "1.0rc3"),
        ("1.0RC3", "1.0rc3"), ("1.0C3", "1.0rc3"), ("1.0PreView3", "1.0rc3"),
        ("1.0-a1", "1.0a1"), ("1.0_a1", "1.0a1"), ("1.0.a1", "1.0a1"),
        ("1.0a-1", "1.0a1"), ("1.0a_1", "1.0a1"), ("1.0a.1", "1.0a1"), ("1.0-alpha.1", "1.0a1"),
        ("1.0a", "1.0a0"), ("1.0-beta", "1.0b0"), ("1.0.rc", "1.0rc0"), ("1.0a01", "1.0a1"),
        ("1a1", "1a1"), ("1.0a.", "1.0a0"),
        // Post releases: spellings, separators, implicit numbers, the implicit form.
        ("1.0.post1", "1.0.post1"), ("1.0post1", "1.0.post1"), ("1.0-post1", "1.0.post1"),
        ("1.0_post1", "1.0.post1"), ("1.0.post.1", "1.0.post1"), ("1.0.post-1", "1.0.post1"),
        ("1.0.post_1", "1.0.post1"), ("1.0.POST1", "1.0.post1"), ("1.0.rev1", "1.0.post1"),
        ("1.0.r1", "1.0.post1"), ("1.0r1", "1.0.post1"), ("1.0-r1", "1.0.post1"), ("1.0REV1", "1.0.post1"),
        ("1.0.post", "1.0.post0"), ("1.0-post", "1.0.post0"), ("1.0rev", "1.0.post0"), ("1.0r", "1.0.post0"),
        ("1.0-1", "1.0.post1"), ("1.0-12", "1.0.post12"), ("1.0a1-1", "1.0a1.post1"),
        ("1.0.post01", "1.0.post1"),
        // Dev releases.
        ("1.0.dev1", "1.0.dev1"), ("1.0dev1", "1.0.dev1"), ("1.0-dev1", "1.0.dev1"),
        ("1.0_dev1", "1.0.dev1"), ("1.0.dev.1", "1.0.dev1"), ("1.0.dev-1", "1.0.dev1"),
        ("1.0.DEV1", "1.0.dev1"), ("1.0.dev", "1.0.dev0"), ("1.0-dev", "1.0.dev0"),
        // Combinations.
        ("1.0a1.dev2", "1.0a1.dev2"), ("1.0a1.post2", "1.0a1.post2"), ("1.0a1.post2.dev3", "1.0a1.post2.dev3"),
        ("1.0.post2.dev3", "1.0.post2.dev3"), ("1.0-1.dev2", "1.0.post1.dev2"),
        ("1!2.0rc1.post2.dev3+ubuntu.1", "1!2.0rc1.post2.dev3+ubuntu.1"),
        ("v1.0-ALPHA_1-REV_2-DEV_3", "1.0a1.post2.dev3"), ("1.0a.post.dev", "1.0a0.post0.dev0"),
        ("1.0a..post1", "1.0a0.post1"), ("1.0a--1", "1.0a0.post1"),
        // Local versions.
        ("1.0+local", "1.0+local"), ("2.4.1+cu121", "2.4.1+cu121"), ("1.0+LOCAL", "1.0+local"),
        ("1.0+abc.5", "1.0+abc.5"), ("1.0+abc-5", "1.0+abc.5"), ("1.0+abc_5", "1.0+abc.5"),
        ("1.0+ubuntu-1_2.3", "1.0+ubuntu.1.2.3"), ("1.0+007", "1.0+7"), ("1.0+1.0", "1.0+1.0"),
        ("1.0.post1+g1234abc", "1.0.post1+g1234abc"), ("0.1.dev5+gabcdef0.d20240101", "0.1.dev5+gabcdef0.d20240101"),
    ]

    @Test(arguments: normalised)
    func normalises(text: String, expected: String) throws {
        let version = try #require(PEP440Version(text), "\(text) should parse")
        #expect(version.description == expected)
        // The normalised form parses back to itself.
        #expect(PEP440Version(expected)?.description == expected)
        #expect(PEP440Version(Substring(text)) == version)
    }

    static let invalid: [String] = [
        "", " ", "v", "V", ".", "1.", ".1", "1..0", "1.0.", "a1", "1.x", "x1.0",
        "1.0+", "1.0+.", "1.0+a.", "1.0+.a", "1.0+a..b", "1.0+a+b", "1.0+a b", "1.0+ä",
        "1.0 a1", "1 .0", "1.0a1a2", "1.0.post1.post2", "1.0.dev1.dev2", "1.0.dev1a1", "1.0.dev1.post1",
        "1.0-", "1.0_", "1.0--1", "1.0-1-1", "1.0gamma1", "1.0final", "1.0rc1rc", "1.0+loc al",
        "!1.0", "1!", "1!!2", "1!v2", "vv1", "-1.0", "+1.0", "1.0*", "1.*", "1.0.*", "==1.0", "1,0",
        "1.0\u{00a0}", "١.٠", "1.0.post1-1", "1.0.devx", "1.0-dev-1-", "1.0a1+", "latest", "*",
        "99999999999999999999", "1.99999999999999999999", "1.0a99999999999999999999", "1.0+99999999999999999999",
    ]

    @Test(arguments: invalid)
    func rejects(text: String) {
        #expect(PEP440Version(text) == nil, "\(text.debugDescription) should not parse")
    }

    @Test func exposesComponents() throws {
        let v = try #require(PEP440Version("2!1.2.3rc4.post5.dev6+Ubuntu.7"))
        #expect(v.epoch == 2)
        #expect(v.release == [1, 2, 3])
        #expect(v.pre == PEP440Version.PreRelease(kind: .rc, number: 4))
        #expect(v.post == 5)
        #expect(v.dev == 6)
        #expect(v.local == [.text("ubuntu"), .number(7)])
        #expect(v.isPrerelease && v.isPostRelease && v.isDevRelease)
        #expect(v.publicVersion.description == "2!1.2.3rc4.post5.dev6")
        #expect(v.baseVersion.description == "2!1.2.3")

        let plain = try #require(PEP440Version("1.0"))
        #expect(plain.pre == nil && plain.post == nil && plain.dev == nil && plain.local.isEmpty)
        #expect(!plain.isPrerelease && !plain.isPostRelease && !plain.isDevRelease)
    }

    @Test(arguments: [
        ("1.0", false, false, false), ("1.0a1", true, false, false), ("1.0.dev1", true, false, true),
        ("1.0.post1", false, true, false), ("1.0.post1.dev1", true, true, true), ("1.0rc1.post1", true, true, false),
        ("1.0+local", false, false, false), ("1.0a1+local", true, false, false),
    ])
    func releaseKinds(text: String, prerelease: Bool, post: Bool, dev: Bool) throws {
        let v = try #require(PEP440Version(text))
        #expect(v.isPrerelease == prerelease)
        #expect(v.isPostRelease == post)
        #expect(v.isDevRelease == dev)
    }

    @Test func memberwiseInitialiserMatchesParsing() {
        let built = PEP440Version(epoch: 1, release: [2, 0], pre: .init(kind: .beta, number: 3), post: 4, dev: 5,
                                  local: [.text("cpu")])
        #expect(built.description == "1!2.0b3.post4.dev5+cpu")
        #expect(PEP440Version("1!2.0b3.post4.dev5+cpu") == built)
    }
}
