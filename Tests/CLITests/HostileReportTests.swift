import Foundation
import MLAuditTestSupport
import Testing

/// What a tree puts in file names and messages cannot forge report structure: no raw
/// HTML in Markdown, no control sequence in GitHub annotations, no credential from a
/// URL's query in any format or the baseline.
@Suite struct HostileReportTests {
    static let formats = ["text", "json", "sarif", "junit", "gitlab", "github", "markdown"]
    static let trigger = "import numpy as np\nidx = np.random.permutation(10)\n"

    @Test func backtickInAFileNameCannotInjectHTMLIntoMarkdown() throws {
        let name = "a`<img src=x onerror=alert(1)>`b.py"
        let project = try HostileProject([name: Self.trigger])
        let run = try HostileRun(["scan", "--format", "markdown", "."], in: project.url)
        #expect(run.status == 1 || run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("RND001"), "\(run.stdout)")
        // Every line naming the file holds it inside one code span, opened by a longer fence.
        let lines = run.stdout.split(separator: "\n").filter { $0.contains("onerror") }
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line.contains("``a`<img src=x onerror=alert(1)>`b.py"), "\(line)")
        }
    }

    @Test func messagesCannotCarryHTMLIntoMarkdown() throws {
        let project = try HostileProject(["requirements.txt": "numpy<img src=x onerror=alert(1)>\n"])
        let run = try HostileRun(["scan", "--format", "markdown", "."], in: project.url)
        #expect(!run.stdout.contains("<img"), "\(run.stdout)")
        #expect(run.stdout.contains("&lt;img"), "\(run.stdout)")
    }

    @Test func controlCharactersCannotReachGitHubAnnotations() throws {
        let name = "evil\u{1B}]8;;https://x\u{07}\u{1B}[31m\r\n::warning::forged.py"
        let project = try HostileProject([name: Self.trigger, "requirements.txt": "numpy\u{1B}[2J\n"])
        let run = try HostileRun(["scan", "--format", "github", "."], in: project.url)
        #expect([0, 1].contains(run.status), "\(run.stderr)")
        let bytes = Array(run.stdout.utf8)
        #expect(!bytes.contains(0x1B) && !bytes.contains(0x07) && !bytes.contains(0x0D), "a control character reached the annotations")
        #expect(!run.stdout.split(separator: "\n").contains { $0.hasPrefix("::warning::forged") }, "a forged annotation")
        #expect(run.stdout.contains("\\x1B"), "\(run.stdout)")
    }

    @Test func queryTokensAreRedactedInEveryFormatAndTheBaseline() throws {
        let secrets = ["QUERYSECRETa1b2c3", "PRIVATESECRETd4e5", "AMZSIGSECRETf6a7b8"]
        let requirements = """
        --extra-index-url https://pypi.example.com/simple?token=\(secrets[0])
        https://files.example.com/pkg-1.0.tar.gz?private_token=\(secrets[1])&X-Amz-Signature=\(secrets[2])
        numpy

        """
        let project = try HostileProject(["requirements.txt": requirements])
        let out = try TemporaryTree()
        var arguments = ["scan", "--verbose", "--write-baseline", out.path + "/baseline.json", "."]
        for format in Self.formats { arguments += ["--output", "\(format):\(out.path)/report.\(format)"] }
        let run = try HostileRun(arguments, in: project.url)
        #expect(run.status == 1, "\(run.stderr)")
        var seen = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            let text = try String(contentsOfFile: out.path + "/" + file, encoding: .utf8)
            if text.contains("pypi.example.com") || text.contains("files.example.com") { seen += 1 }
            for secret in secrets { #expect(!text.contains(secret), "\(file) holds \(secret)") }
        }
        #expect(seen >= 7, "the URLs should be quoted (redacted) in the reports: \(seen)")
        for secret in secrets { #expect(!run.output.contains(secret)) }
    }
}
