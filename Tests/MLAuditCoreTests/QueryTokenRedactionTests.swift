import MLAuditCore
import Testing

/// Credentials in URL query strings (GitLab tokens, presigned S3 and GCS URLs, Azure SAS)
/// are masked in every output; the rest of the URL stays readable.
@Suite struct QueryTokenRedactionTests {
    @Test(arguments: [
        ("https://h/simple?token=abc123", "https://h/simple?token=[redacted]"),
        ("--index-url https://gitlab.example.com/api/v4/projects/1/packages/pypi/simple?private_token=glx-1&page=2 here",
         "--index-url https://gitlab.example.com/api/v4/projects/1/packages/pypi/simple?private_token=[redacted]&page=2 here"),
        ("https://b.s3.amazonaws.com/x.whl?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKID%2F2026&X-Amz-Signature=ff00",
         "https://b.s3.amazonaws.com/x.whl?X-Amz-Algorithm=AWS4&X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]"),
        ("https://acct.blob.core.windows.net/c/x?sv=2024&sig=s3cr3t#frag", "https://acct.blob.core.windows.net/c/x?sv=2024&sig=[redacted]#frag"),
        ("\"https://h/x?api_key=k1\", then text?token=not-a-url", "\"https://h/x?api_key=[redacted]\", then text?token=not-a-url"),
        ("https://h/x?page=2&sort=name", "https://h/x?page=2&sort=name"),
    ])
    func masksSecretQueryValues(_ input: String, _ expected: String) {
        #expect(Redaction.redactText(input) == expected)
        #expect(Redaction.maskQueryTokens(input) == expected)
    }

    @Test func manifestsStripCredentialsAndMaskTokensAndCondaChannels() {
        #expect(Redaction.stripURLCredentials("https://u:p@h/simple?token=t") == "https://h/simple?token=[redacted]")
        #expect(Redaction.stripURLCredentials("https://conda.anaconda.org/t/tk-1234567890ab/private")
            == "https://conda.anaconda.org/t/[redacted]/private")
        #expect(Redaction.stripURLCredentials("/opt/t/abcdefghijkl/lib") == "/opt/t/abcdefghijkl/lib", "not a URL")
    }
}
