import MLAuditParsers
import Testing

@Suite struct RequirementsFileTests {
    @Test func continuationsKeepTheFirstLine() throws {
        let file = RequirementsFile.parse("""
        # pinned with hashes
        torch==2.4.1 \\
            --hash=sha256:aaaa \\
            --hash=sha256:bbbb
        numpy==1.26.4
        """)
        #expect(file.problems.isEmpty)
        #expect(file.entries.count == 2)
        let torch = try #require(file.entries.first)
        #expect(torch.spec.name == "torch")
        #expect(torch.line == 2 && torch.column == 1)
        #expect(torch.hashes == ["sha256:aaaa", "sha256:bbbb"])
        #expect(file.entries[1].line == 5)
        #expect(file.options.filter { $0.kind == .hash }.map(\.line) == [3, 4])
    }

    @Test func continuationInsideARequirement() throws {
        let file = RequirementsFile.parse("transformers[torch]>=4.40,\\\n<5\nscipy\n")
        #expect(file.entries.map(\.spec.specifierText) == [">=4.40,<5", ""])
        #expect(file.entries.map(\.line) == [1, 3])
    }

    @Test func commentsAreHashesAfterWhitespaceOnly() throws {
        let file = RequirementsFile.parse("""
        https://example.com/pkg-1.0.tar.gz#sha256=abcdef  # pinned archive
        git+https://github.com/org/repo@v1#egg=repo
        numpy==1.26.4# not a comment: invalid version
          # indented comment
        scipy==1.13.1 #comment
        """)
        #expect(file.entries.count == 3)
        #expect(file.entries[0].spec.urlHash?.algorithm == "sha256")
        #expect(file.entries[1].spec.name == "repo")
        #expect(file.entries[2].spec.name == "scipy")
        #expect(file.problems.count == 1)
        #expect(file.problems.first?.line == 3)
    }

    @Test func optionsAndIncludes() throws {
        let file = RequirementsFile.parse("""
        -r base.txt
        --requirement=dev.txt
        -c constraints.txt
        -i https://pypi.org/simple
        --extra-index-url https://download.pytorch.org/whl/cu121
        --extra-index=https://example.com/simple
        -f https://data.pyg.org/whl/torch-2.4.0+cu121.html
        --trusted-host example.com
        --pre
        -rother.txt
        """)
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file.includes.map(\.value) == ["base.txt", "dev.txt", "constraints.txt", "other.txt"])
        #expect(file.includes.map(\.kind) == [.requirement, .requirement, .constraint, .requirement])
        let extra = file.options.filter { $0.kind == .extraIndexURL }
        #expect(extra.map(\.line) == [5, 6])
        #expect(extra.map(\.value) == ["https://download.pytorch.org/whl/cu121", "https://example.com/simple"])
        #expect(extra[1].valueColumn == 15)
        #expect(file.options.contains { $0.kind == .pre })
        #expect(file.entries.isEmpty)
    }

    @Test func editables() throws {
        let file = RequirementsFile.parse("""
        -e .
        --editable ./libs/featurizer[gpu]
        -e git+https://github.com/org/repo.git@main#egg=repo
        -e "git+https://github.com/org/other.git@v2#egg=other"
        """)
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file.entries.map(\.isEditable) == [true, true, true, true])
        #expect(file.entries.map(\.spec.form) == [.path, .path, .vcs, .vcs])
        #expect(file.entries[2].column == 4)
        #expect(file.entries[3].column == 5)
        #expect(file.entries[1].spec.extras == ["gpu"])
    }

    @Test func markersStayWithTheRequirement() throws {
        let file = RequirementsFile.parse("""
        numpy==1.26.4 ; python_version < "3.13"
        numpy==2.1.0 ; python_version >= "3.13" --hash=sha256:abc
        """)
        #expect(file.entries.map(\.spec.marker) == ["python_version < \"3.13\"", "python_version >= \"3.13\""])
        #expect(file.entries[1].hashes == ["sha256:abc"])
    }

    @Test func columnsCountUnicodeScalars() throws {
        let file = RequirementsFile.parse("-r caf\u{e9}.txt\n\u{a0}torch\n")
        #expect(file.includes.first?.value == "caf\u{e9}.txt")
        // U+00A0 is not blank for pip, so it is part of the requirement: reported malformed.
        #expect(file.problems.first?.line == 2)
        let second = RequirementsFile.parse("  torch>=2 # \u{1F525}\n\u{1F525}x\n")
        #expect(second.entries.first?.column == 3)
        #expect(second.problems.first?.column == 1)
    }

    @Test func malformedLinesAreReportedAndTheRestIsParsed() {
        let file = RequirementsFile.parse("""
        torch=2.4.1
        --no-deps
        -r
        numpy==1.26.4
        scikit-learn==1.5.1 --hash
        pandas==2.2.2
        """)
        #expect(file.problems.map(\.line) == [1, 2, 3, 5])
        #expect(file.problems[0].reason.contains("torch=2.4.1"))
        #expect(file.problems[0].column == 6)
        #expect(file.entries.map(\.spec.name) == ["numpy", "scikit-learn", "pandas"])
    }

    @Test func environmentVariablesAreKept() {
        let file = RequirementsFile.parse("""
        --extra-index-url https://${PIP_USER}:${PIP_TOKEN}@pypi.example.com/simple
        torch==${TORCH_VERSION}
        ${EXTRA_REQUIREMENT}
        """)
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file.entries.map(\.spec.isExactPin) == [true])
        #expect(file.options.first?.value == "https://${PIP_USER}:${PIP_TOKEN}@pypi.example.com/simple")
    }

    @Test func crlfBomAndTrailingBackslash() {
        let file = RequirementsFile.parse("\u{FEFF}torch==2.4.1\r\nnumpy==1.26.4 \\\r\n")
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file.entries.map(\.spec.name) == ["torch", "numpy"])
        // Columns count the BOM like FileContext.position(ofByte:) does.
        #expect(file.entries.map(\.column) == [2, 1])
    }

    @Test(arguments: ["\\", "\\\\\n\\", "\"", "-e", "--hash=", "[", "@", "; x", "\u{0}", "#\\\n-r"])
    func oddInputsNeverCrash(text: String) {
        _ = RequirementsFile.parse(text)
    }

    @Test func randomInputsNeverCrash() {
        // Deterministic xorshift over an alphabet of the characters the parsers branch on.
        let alphabet = Array("torch=<>!~*.,;@[]()#\\ \t\n\r-e/:+'\"${}\u{e9}\u{1F525}0123456789abcdefABCDEF_git+https://")
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(Int.max))
        }
        for _ in 0..<3000 {
            let length = next() % 40
            let text = String((0..<length).map { _ in alphabet[next() % alphabet.count] })
            let file = RequirementsFile.parse(text)
            for entry in file.entries { #expect(entry.line >= 1 && entry.column >= 1) }
            for problem in file.problems { #expect(problem.line >= 1 && problem.column >= 1) }
            _ = RequirementSpec.parse(Substring(text))
            _ = CondaMatchSpec.parse(Substring(text))
        }
    }
}
