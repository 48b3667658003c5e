import Foundation
import MLAuditTestSupport
import Testing

/// Credentials in scanned files or in recordings never reach a report, in any format.
@Suite struct SecretRedactionTests {
    static let secrets = ["s3cr3t-token", "hunter2", "ghp_abcdefghijklmnopqrstuvwxyz0123", "ab-1234567890abcdef"]

    @Test func scanFindingsMaskCredentialsInEveryFormat() throws {
        let tree = try TemporaryTree(files: [
            "requirements.txt": """
            --extra-index-url https://deploy:s3cr3t-token@pypi.example.com/simple
            numpy==1.26.4
            private-lib @ https://bot:hunter2@files.example.com/private_lib-1.0.tar.gz

            """,
            "pip.conf": "[global]\nextra-index-url = https://a:hunter2@x.example.org/simple https://ghp_abcdefghijklmnopqrstuvwxyz0123@y.example.org/simple\n",
            "Dockerfile": "FROM python:3.11@sha256:\(String(repeating: "a", count: 64))\nRUN pip install --extra-index-url https://u:s3cr3t-token@idx.example.com/simple torch==2.3.0\n",
            "environment.yml": "name: x\nchannels:\n  - https://conda.anaconda.org/t/ab-1234567890abcdef/private\ndependencies:\n  - numpy=1.26.4\n  - pip:\n    - --extra-index-url https://u:hunter2@pip.example.com/simple\n",
        ])
        for format in MalformedCorpusTests.formats {
            let run = try CommandRunner.mlaudit(["scan", "--format", format, "--select", "ALL", "."], in: tree.url, timeout: 120)
            #expect([0, 1].contains(run.result.status), "\(format): \(run.result.stderr)")
            #expect(run.result.stdout.contains("***@pypi.example.com") || format != "text", "the finding still says where credentials were")
            for secret in Self.secrets {
                #expect(!run.result.stdout.contains(secret), "\(secret) leaked into the \(format) report")
            }
        }
    }

    @Test func diffOutputNeverShowsCredentials() throws {
        let tree = try TemporaryTree(files: [
            "old.txt": "numpy==1.26.4\nprivate-lib @ https://bot:hunter2@files.example.com/private_lib-1.0.tar.gz\n",
            "new.txt": "numpy==2.0.0\nprivate-lib @ https://bot:s3cr3t-token@files.example.com/private_lib-1.1.tar.gz\n",
        ])
        for format in ["text"] + MalformedCorpusTests.formats {
            let run = try CommandRunner.mlaudit(["diff", "--format", format, "old.txt", "new.txt"], in: tree.url, timeout: 120)
            #expect(run.result.status != 2, "\(format): \(run.result.stderr)")
            for secret in Self.secrets {
                #expect(!run.result.stdout.contains(secret), "\(secret) leaked into the \(format) diff")
                #expect(!run.result.stderr.contains(secret), "\(secret) leaked into standard error")
            }
        }
    }
}
