import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

/// The snippets of docs/ci.md: YAML blocks parse, and every `mlaudit` command in
/// any block runs against a copy of the demo project with the documented outcome.
@Suite struct CIDocsTests {
    static func blocks() throws -> [(language: String, body: String)] {
        let text = try String(contentsOf: PackagePaths.root.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        var result: [(String, String)] = []
        var current: (String, [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let open = current {
                    result.append((open.0, open.1.joined(separator: "\n")))
                    current = nil
                } else {
                    current = (String(line.dropFirst(3)), [])
                }
            } else if current != nil {
                current!.1.append(line)
            }
        }
        return result
    }

    /// `mlaudit …` commands, wherever they appear (run steps, scripts, shell blocks, Groovy).
    static func commands() throws -> [[String]] {
        var found: [[String]] = []
        for block in try blocks() {
            for line in block.body.split(separator: "\n") {
                guard let start = line.range(of: "mlaudit scan") else { continue }
                var command = String(line[start.lowerBound...])
                if let quote = command.firstIndex(of: "'") { command = String(command[..<quote]) }
                found.append(command.split(separator: " ").map(String.init))
            }
        }
        return found
    }

    @Test func yamlSnippetsParse() throws {
        let yaml = try Self.blocks().filter { $0.language == "yaml" }
        #expect(yaml.count >= 4)
        for block in yaml {
            #expect(throws: Never.self) { _ = try ConfigNode.fromYAML(block.body, file: "docs/ci.md") }
        }
    }

    @Test func everyDocumentedCommandRuns() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 5)
        // In document order on one copy, as a reader would (the baseline is written before it is used).
        let project = try TemporaryTree()
        try FileManager.default.removeItem(at: project.url)
        try FileManager.default.copyItem(at: PackagePaths.fixtures.appendingPathComponent("pinning-demo"), to: project.url)
        for command in commands {
            let result = try CommandRunner.mlaudit(Array(command.dropFirst()), in: project.url)
            #expect(result.stderr.isEmpty, "\(command.joined(separator: " ")): \(result.stderr)")
            let failsOn = !command.contains("never") && !command.contains("--baseline")
            #expect(result.status == (failsOn ? 1 : 0), "\(command.joined(separator: " "))")
            for argument in command where argument.contains(":") && !argument.hasPrefix("--") {
                let file = String(argument.split(separator: ":", maxSplits: 1)[1])
                #expect(FileManager.default.fileExists(atPath: project.url.appendingPathComponent(file).path), "\(file) written")
            }
        }
    }

    /// `mlaudit init` prints what these docs show: the same pre-commit block, and the same
    /// workflow around the action (runner, no Swift container, pinned checkout and action).
    @Test func initPrintsTheDocumentedSetUps() throws {
        let blocks = try Self.blocks().map(\.body)
        #expect(blocks.contains { $0 + "\n" == IntegrationSnippets.preCommit }, "docs/ci.md shows IntegrationSnippets.preCommit")
        let action = try #require(blocks.first { $0.contains("uses: mlaudit/mlaudit@") })
        let snippet = IntegrationSnippets.githubActions.split(separator: "\n")
        let head = snippet.prefix { !$0.contains("with:") }
        let documented = action.split(separator: "\n").map { $0.replacingOccurrences(of: "mlaudit/mlaudit@", with: "\(IntegrationSnippets.actionReference)@") }
        for line in head where !line.contains("uses: \(IntegrationSnippets.actionReference)@") {
            #expect(documented.contains(String(line)), "docs/ci.md's action workflow has `\(line)`")
        }
        #expect(!IntegrationSnippets.githubActions.contains("swift"), "the suggested workflow needs no Swift")
    }
}
