import ArgumentParser

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "snapshot", abstract: "Not available in this build yet.", shouldDisplay: false)

    func run() throws {
        throw ValidationError("'mlaudit snapshot' is not available in this build yet")
    }
}
