@testable import MLAuditEnvironment
import MLAuditCore
import Testing

@Suite struct RedactionTests {
    @Test(arguments: [
        "MY_API_TOKEN", "aws_secret_access_key", "HF_TOKEN", "DB_PASSWORD", "PGPASSWD", "SSH_PRIVATE_KEY", "SESSION_ID",
        "Cookie_Jar", "GITHUB_AUTH", "GOOGLE_APPLICATION_CREDENTIALS", "SENTRY_DSN", "api_key",
    ])
    func secretNames(_ name: String) {
        #expect(Redaction.nameLooksSecret(name))
    }

    @Test func allowlistedNamesAreNotSecret() {
        for name in EnvironmentAllowlist.names {
            #expect(!Redaction.nameLooksSecret(name), "\(name) would always be redacted")
        }
    }

    struct URLCase: Sendable, CustomTestStringConvertible {
        let input: String
        let expected: String
        var testDescription: String { input }
    }

    @Test(arguments: [
        URLCase(input: "https://user:token@host/x", expected: "https://host/x"),
        URLCase(input: "https://ghp_abc@github.com/org/repo.git", expected: "https://github.com/org/repo.git"),
        URLCase(input: "git+https://u:p@github.com/o/r.git@v1.0#egg=r", expected: "git+https://github.com/o/r.git@v1.0#egg=r"),
        URLCase(input: "https://host:8443/path", expected: "https://host:8443/path"),
        URLCase(input: "https://a:b@x.org/simple https://c:d@y.org/simple", expected: "https://x.org/simple https://y.org/simple"),
        URLCase(input: "ssh://git@github.com/o/r.git", expected: "ssh://git@github.com/o/r.git"),
        URLCase(input: "ssh://git:pw@github.com/o/r.git", expected: "ssh://github.com/o/r.git"),
        URLCase(input: "git@github.com:o/r.git", expected: "git@github.com:o/r.git"),
        URLCase(input: "https://user:p@ss@host/x", expected: "https://host/x"),
        URLCase(input: "no url here", expected: "no url here"),
        URLCase(input: "file:///home/u/pkg", expected: "file:///home/u/pkg"),
    ])
    func stripsCredentials(_ testCase: URLCase) {
        #expect(Redaction.stripURLCredentials(testCase.input) == testCase.expected)
    }

    @Test func tokenShapedValues() {
        #expect(Redaction.valueLooksSecret("ghp_abcdefghijklmnopqrstuvwxyz0123456789"))
        #expect(Redaction.valueLooksSecret("Bearer hf_abcdefghijklmnopqrstuvwxyz"))
        #expect(Redaction.valueLooksSecret("AKIAABCDEFGHIJKLMNOP"))
        #expect(!Redaction.valueLooksSecret("/usr/local/cuda/lib64:/opt/hf_cache"))
        #expect(!Redaction.valueLooksSecret("sk-1"))
        #expect(!Redaction.valueLooksSecret("desk-abcdefghijklmnopqrstuvwxyz"), "prefix must start a token")
    }

    @Test func commandLineArguments() {
        #expect(Snapshotter.recordedCommandLine(["/opt/bin/mlaudit", "snapshot", "--data", "x"]) == ["mlaudit", "snapshot", "--data", "x"])
        #expect(Redaction.sanitizeArgument("API_TOKEN=abc") == "API_TOKEN=[redacted]")
        #expect(Redaction.sanitizeArgument("--index-url=https://u:p@h/simple") == "--index-url=https://h/simple")
        #expect(Redaction.sanitizeArgument("ghp_abcdefghijklmnopqrstuvwxyz0123456789") == Redaction.marker)
    }
}
