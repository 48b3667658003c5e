import Foundation
import MLAuditTestSupport
import Testing

/// TOML that aborted toml++ (exit 134) or overflowed its stack (exit 139) is a
/// `parse-error` naming its line and column in every TOML file a scan reads, and a
/// clear failure of `diff`; the rest of the tree is still checked.
@Suite struct HostileTOMLTests {
    static let files = ["pyproject.toml", "Pipfile", "poetry.lock", "uv.lock", "pdm.lock", "pylock.toml"]

    static let payloads: [(name: String, bytes: [UInt8], line: Int, column: Int)] = [
        ("unclosed array", Array("d = [1,}\n".utf8), 1, 8),
        ("broken date", Array("x = 1979-05-27T)07:32:00Z\n".utf8), 1, 16),
        ("byte-order mark and bad header", [0xEF, 0xBB, 0xBF] + Array("[|x]\n".utf8), 1, 2),
        ("160,000-part header", Array(("[" + Array(repeating: "a", count: 160_000).joined(separator: ".") + "]\n").utf8), 1, 402),
        ("100,000 nested arrays", Array(("a = " + String(repeating: "[", count: 100_000) + "\n").utf8), 1, 205),
    ]

    @Test(arguments: files)
    func malformedTOMLIsAParseErrorWithItsPlace(_ file: String) throws {
        for payload in Self.payloads {
            let project = try HostileProject(["requirements.txt": "numpy\n"])
            try project.tree.write(file, Data(payload.bytes))
            let run = try HostileRun(["scan", "."], in: project.url)
            #expect(run.status == 1, "\(payload.name) in \(file): exit \(run.status) \(run.stderr)")
            #expect(run.stdout.contains("\(file):\(payload.line):\(payload.column): parse-error invalid TOML"),
                    "\(payload.name) in \(file): \(run.stdout.prefix(600))")
            #expect(run.stdout.contains("requirements.txt:1:1: PIN001"), "the rest of the tree was not checked")
        }
    }

    @Test func malformedLockFileGivenToDiffFailsCleanly() throws {
        for payload in Self.payloads {
            let project = try HostileProject(["good/poetry.lock": "[[package]]\nname = \"numpy\"\nversion = \"1.26.4\"\n"])
            try project.tree.write("bad/poetry.lock", Data(payload.bytes))
            let run = try HostileRun(["diff", "good/poetry.lock", "bad/poetry.lock"], in: project.url)
            #expect(run.status == 2, "\(payload.name): exit \(run.status) \(run.output.prefix(400))")
            #expect(run.stderr.contains("poetry.lock"), "\(payload.name): \(run.stderr.prefix(400))")
        }
    }
}
