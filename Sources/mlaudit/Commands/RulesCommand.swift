import ArgumentParser

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "Not available in this build yet.", shouldDisplay: false)

    func run() throws {
        throw ValidationError("'mlaudit rules' is not available in this build yet")
    }
}
