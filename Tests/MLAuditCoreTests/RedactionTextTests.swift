import MLAuditCore
import Testing

/// The one redaction every output goes through: findings, diff tables and manifests.
@Suite struct RedactionTextTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let expected: String
        var testDescription: String { input }
    }

    @Test(arguments: [
        Case(input: "--extra-index-url https://user:tok3n@pypi.example.com/simple adds a second package index",
             expected: "--extra-index-url https://***@pypi.example.com/simple adds a second package index"),
        Case(input: "extra-index-url in [global] https://a:b@x.org/simple https://c:d@y.org/simple adds",
             expected: "extra-index-url in [global] https://***@x.org/simple https://***@y.org/simple adds"),
        Case(input: "git+https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/o/r.git",
             expected: "git+https://***@github.com/o/r.git"),
        Case(input: "channel https://conda.anaconda.org/t/ab-1234567890abcdef/my-channel/linux-64",
             expected: "channel https://conda.anaconda.org/t/[redacted]/my-channel/linux-64"),
        Case(input: "HF token hf_abcdefghijklmnopqrstuvwxyz in a value", expected: "HF token [redacted] in a value"),
        Case(input: "ssh://git@github.com/o/r.git stays", expected: "ssh://git@github.com/o/r.git stays"),
        Case(input: "`numpy` is not pinned: pin it with ==VERSION", expected: "`numpy` is not pinned: pin it with ==VERSION"),
        Case(input: "user@example.com is not a URL", expected: "user@example.com is not a URL"),
    ])
    func redactsText(_ testCase: Case) {
        #expect(Redaction.redactText(testCase.input) == testCase.expected)
    }

    @Test func manifestsStripRatherThanMask() {
        #expect(Redaction.stripURLCredentials("https://u:p@h/simple") == "https://h/simple")
        #expect(Redaction.maskURLCredentials("https://u:p@h/simple") == "https://***@h/simple")
    }
}
