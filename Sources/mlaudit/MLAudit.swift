import ArgumentParser
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
        subcommands: [ScanCommand.self, RulesCommand.self, SnapshotCommand.self, DiffCommand.self, BadgeCommand.self]
    )
}
