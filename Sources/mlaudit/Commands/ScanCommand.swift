import ArgumentParser

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "Not available in this build yet.", shouldDisplay: false)

    func run() throws {
        throw ValidationError("'mlaudit scan' is not available in this build yet")
    }
}
