import ArgumentParser

struct BadgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "badge", abstract: "Not available in this build yet.", shouldDisplay: false)

    func run() throws {
        throw ValidationError("'mlaudit badge' is not available in this build yet")
    }
}
