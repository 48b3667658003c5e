import Foundation
import MLAuditCore
import TOMLKit

/// The project kind LCK001 works with: the configured `project-kind`, or else the guess
/// `mlaudit init` makes from the root's pyproject.toml and setup.py, with its reason.
struct ProjectKindChoice {
    var kind: ProjectKind
    /// Nil when the configuration sets the kind.
    var guessReason: String?

    init(_ project: ProjectContext) {
        if project.configuration.projectKindIsSet {
            kind = project.configuration.projectKind
            guessReason = nil
            return
        }
        let root = project.index.root
        let pyprojectURL = root.appendingPathComponent("pyproject.toml")
        var table: TOMLTable?
        if let data = FileManager.default.contents(atPath: pyprojectURL.path) {
            table = try? TOMLReader.parse(String(decoding: data, as: UTF8.self))
        }
        let guess = ProjectKindGuess.guess(pyproject: table, in: root)
        kind = guess.kind
        guessReason = guess.reason
    }

    /// "project-kind application, guessed: …" for messages.
    var description: String {
        guard let guessReason else { return "project-kind \(kind.rawValue), as configured" }
        return "project-kind not configured, taken for \(kind == .library ? "a library" : "an application"): \(guessReason)"
    }
}
