import ArgumentParser

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Not available in this build yet.", shouldDisplay: false)

    func run() throws {
        throw ValidationError("'mlaudit diff' is not available in this build yet")
    }
}
