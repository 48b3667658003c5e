import MLAuditParsers
import Testing

@Suite struct RequirementSpecTests {
    @Test(arguments: [
        ("torch==2.4.1", "2.4.1"),
        ("torch == 2.4.1", "2.4.1"),
        ("numpy==1.26", "1.26"),
        ("torch==2.4.1+cu121", "2.4.1+cu121"),
        ("scikit-learn===1.5.0", "1.5.0"),
        ("transformers[torch,sentencepiece]==4.44.2", "4.44.2"),
        ("numpy (==1.26.4)", "1.26.4"),
        ("numpy==1.26.4; python_version < \"3.13\"", "1.26.4"),
        ("torch>=2.0,==2.4.1", "2.4.1"),
        ("torch==${TORCH_VERSION}", "${TORCH_VERSION}"),
    ])
    func exactPins(text: String, version: String) throws {
        let spec = try #require(RequirementSpec.parse(Substring(text)))
        #expect(spec.form == .named)
        #expect(spec.isExactPin)
        #expect(spec.pinning == .exact(version: version))
    }

    @Test(arguments: [
        "torch", "torch>=2.0", "torch>=2.0,<3", "torch~=2.4.1", "torch==2.*", "torch!=2.3.0",
        "numpy<2", "transformers[torch]", "numpy>1.20", "scipy<=1.13", "torch ; sys_platform == 'linux'",
    ])
    func unpinned(text: String) throws {
        let spec = try #require(RequirementSpec.parse(Substring(text)))
        #expect(spec.form == .named)
        #expect(!spec.isExactPin)
        #expect(spec.pinning == .unpinned)
    }

    @Test func namesAreNormalisedPerPEP503() {
        #expect(RequirementSpec.normalize(name: "Scikit_Learn") == "scikit-learn")
        #expect(RequirementSpec.normalize(name: "zope.interface") == "zope-interface")
        #expect(RequirementSpec.normalize(name: "a-_.b") == "a-b")
        #expect(RequirementSpec.parse("Pillow==10.4.0")?.normalizedName == "pillow")
    }

    @Test func extrasSpecifiersAndMarkers() throws {
        let spec = try #require(RequirementSpec.parse("transformers [ torch , vision ] >= 4.40 , < 5 ; python_version >= '3.9'"))
        #expect(spec.name == "transformers")
        #expect(spec.extras == ["torch", "vision"])
        #expect(spec.specifiers == [VersionSpecifier(op: .greaterOrEqual, version: "4.40"), VersionSpecifier(op: .less, version: "5")])
        #expect(spec.marker == "python_version >= '3.9'")
        #expect(spec.specifierText == ">=4.40,<5")
    }

    @Test(arguments: [
        ("torch @ git+https://github.com/pytorch/pytorch@2236df1770800ffea5697b11b0bb0d910b2e59e1", true, "2236df1770800ffea5697b11b0bb0d910b2e59e1"),
        ("git+https://github.com/huggingface/transformers@v4.44.2#egg=transformers", false, "v4.44.2"),
        ("git+https://github.com/huggingface/transformers.git@main", false, "main"),
        ("git+https://github.com/huggingface/peft.git@2236df1", false, "2236df1"),
        ("git+ssh://git@github.com/org/private.git@0123456789abcdef0123456789abcdef01234567#egg=private", true, "0123456789abcdef0123456789abcdef01234567"),
        ("git+git@github.com:org/private.git@v1.0", false, "v1.0"),
        ("hg+https://hg.example.org/repo@0123456789abcdef0123456789abcdef01234567", true, "0123456789abcdef0123456789abcdef01234567"),
    ])
    func vcsRevisions(text: String, pinned: Bool, revision: String) throws {
        let spec = try #require(RequirementSpec.parse(Substring(text)))
        #expect(spec.form == .vcs)
        #expect(spec.vcs?.revision == revision)
        #expect(spec.vcs?.isPinnedToCommit == pinned)
    }

    @Test func vcsWithoutRevisionAndWithCredentials() throws {
        let spec = try #require(RequirementSpec.parse("git+https://user:${TOKEN}@github.com/org/repo.git#egg=repo"))
        #expect(spec.vcs?.revision == nil)
        #expect(spec.name == "repo")
        #expect(RequirementSpec.classify("git+https://github.com/org/repo") == .vcs(kind: .git, revision: nil, pinnedToCommit: false))
    }

    @Test func fullCommitHashes() {
        #expect(RequirementSpec.isFullCommitHash(Substring(String(repeating: "a", count: 40))))
        #expect(RequirementSpec.isFullCommitHash(Substring(String(repeating: "0", count: 64))))
        #expect(!RequirementSpec.isFullCommitHash(Substring(String(repeating: "a", count: 39))))
        #expect(!RequirementSpec.isFullCommitHash(Substring(String(repeating: "g", count: 40))))
    }

    @Test(arguments: [
        ("https://download.pytorch.org/whl/cu121/torch-2.4.1%2Bcu121-cp311-cp311-linux_x86_64.whl#sha256=c2eb2b9b9e8b3e2d4f4a6f8b9e1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c", true),
        ("https://github.com/org/repo/archive/refs/tags/v1.0.tar.gz", false),
        ("mylib @ https://example.com/mylib-1.0.tar.gz#md5=0123456789abcdef0123456789abcdef", true),
        ("mylib @ https://example.com/mylib-1.0.tar.gz#egg=mylib", false),
    ])
    func directURLs(text: String, hasHash: Bool) throws {
        let spec = try #require(RequirementSpec.parse(Substring(text)))
        #expect(spec.form == .url)
        #expect(spec.pinning == .directURL(hasHash: hasHash))
    }

    @Test func wheelURLNameComesFromTheFileName() {
        let spec = RequirementSpec.parse("https://files.example.com/flash_attn-2.6.3-cp311-cp311-linux_x86_64.whl")
        #expect(spec?.name == "flash_attn")
        #expect(spec?.normalizedName == "flash-attn")
    }

    @Test(arguments: [".", "./packages/mymodel", "../shared", "/opt/wheels/torch-2.4.1-cp311-cp311-linux_x86_64.whl",
                      "torch-2.4.1-cp311-cp311-linux_x86_64.whl", "dist/mylib-0.1.0.tar.gz", "file:///opt/src/mylib",
                      "mylib @ file:///opt/src/mylib", "./mylib[train]", "~/src/lib", "C:\\src\\lib"])
    func localForms(text: String) throws {
        let spec = try #require(RequirementSpec.parse(Substring(text)))
        #expect(spec.form == .path)
        #expect(spec.pinning == .local)
    }

    @Test func bareURLMarkersNeedSemicolonAndSpace() throws {
        let spec = try #require(RequirementSpec.parse("https://example.com/a-1.0.tar.gz#sha256=ab; python_version > '3'"))
        #expect(spec.marker == "python_version > '3'")
        #expect(spec.url == "https://example.com/a-1.0.tar.gz#sha256=ab")
    }

    @Test(arguments: [
        ("torch=2.4.1", "did you mean '=='"),
        ("torch==", "missing version"),
        ("torch>=1.*", "wildcard"),
        ("torch~=2", "two components"),
        ("-torch", "package name"),
        ("torch[cuda", "']'"),
        ("torch 2.4.1", "version operator"),
        ("torch==2.4.1 ;", "empty environment marker"),
        ("torch @ ", "missing URL"),
        ("torch==2.4.1 extra", "unexpected"),
        ("", "empty requirement"),
    ])
    func malformed(text: String, reasonFragment: String) {
        switch RequirementSpec.parseResult(Substring(text)) {
        case .success(let spec):
            Issue.record("parsed \(text) as \(spec)")
        case .failure(let error):
            #expect(error.reason.contains(reasonFragment), "\(error.reason)")
            #expect(error.offset >= 0 && error.offset <= text.utf8.count)
        }
    }
}
