import ArgumentParser
import Foundation
import MLAuditCore

@main
struct MLAudit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlaudit",
        abstract: "Find what keeps a machine-learning project from being rebuilt, and record the environment its results came from.",
        discussion: """
        Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, \
        2 usage error, unreadable configuration or an input that could not be read at all.
        """,
        version: MLAuditVersion.current,
        subcommands: [ScanCommand.self, RulesCommand.self, SnapshotCommand.self, DiffCommand.self, BadgeCommand.self, InitCommand.self]
    )

    /// Runs the command line with mlaudit's exit codes: usage errors and failures exit 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let failure as CommandFailure {
            Terminal.error(failure.description)
            Foundation.exit(2)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
