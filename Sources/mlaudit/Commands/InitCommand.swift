import ArgumentParser
import Foundation
import MLAuditCore

extension ConfigSetup.Format: ExpressibleByArgument {}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter configuration and show how to run mlaudit in pre-commit and CI.",
        discussion: """
        Writes mlaudit.yaml at the project root, or appends a [tool.mlaudit] table to \
        pyproject.toml when there is one. Every key is listed with a comment; only \
        project-kind is set, guessed from pyproject.toml (library when it builds a package \
        found in the tree, else application). An existing configuration is never replaced: \
        --force replaces a YAML file, and a [tool.mlaudit] table is left for you to edit. \
        Exits 2 when nothing was written.
        """
    )

    @Argument(help: "The project root.")
    var directory: String = "."

    @Option(help: ArgumentHelp("Where the configuration goes: yaml (mlaudit.yaml) or pyproject ([tool.mlaudit] in pyproject.toml). Default: pyproject when pyproject.toml exists, else yaml.", valueName: "format"))
    var format: ConfigSetup.Format?

    @Flag(help: "Replace an existing mlaudit.yaml (or .mlaudit.yaml, mlaudit.yml, .mlaudit.yml).")
    var force = false

    @Flag(help: "Print the configuration to standard output instead of writing it.")
    var stdout = false

    func run() throws {
        let root = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure("\(directory): not a directory")
        }
        let setup: ConfigSetup
        do {
            let prefix = directory == "." ? "" : (directory.hasSuffix("/") ? directory : directory + "/")
            setup = try ConfigSetup.plan(in: root, displayPrefix: prefix, format: format, force: force)
        } catch let error as ConfigError {
            throw CommandFailure(error.description)
        }
        for warning in setup.warnings { FileHandle.standardError.write(Data("mlaudit: warning: \(warning)\n".utf8)) }
        if stdout {
            FileHandle.standardOutput.write(Data(setup.addition.utf8))
            return
        }
        let permissions = try? FileManager.default.attributesOfItem(atPath: setup.file.path)[.posixPermissions]
        try AtomicFile.write(setup.content, to: setup.file.path)
        if let permissions { try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: setup.file.path) }

        let action = switch setup.format {
        case .yaml: setup.replacesExistingFile ? "Replaced \(setup.displayPath)" : "Wrote \(setup.displayPath)"
        case .pyproject: "Added a [tool.mlaudit] table to \(setup.displayPath)"
        }
        print("""
        \(action) (project-kind \(setup.projectKind.kind.rawValue): \(setup.projectKind.reason)).
        Run 'mlaudit scan' to check the project.

        To check every commit, add to .pre-commit-config.yaml:

        \(IntegrationSnippets.preCommit)
        To check pushes and pull requests on GitHub (code scanning and a step summary):

        \(IntegrationSnippets.githubActions)
        Replace <commit-sha> and <digest> with the commit and image digest you use (docs/ci.md).
        """)
    }
}
