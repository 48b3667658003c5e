import MLAuditCore
import MLAuditParsers

extension BuiltInRules {
    /// PIN002, PIN007–PIN009 (and PIN004–PIN006 inside install commands) over
    /// Dockerfiles, scripts, Makefiles, CI files, compose files and notebooks.
    static let commandPinningRules: [any FileRule] = [
        InstallCommandNotPinnedRule(),
        BaseImageNotPinnedRule(),
        ActionNotPinnedRule(),
        SystemPackageNotPinnedRule(),
        InstallCommandVCSPinRule(),
        InstallCommandURLHashRule(),
        InstallCommandExtraIndexRule(),
    ]
}

/// File kinds that can hold shell commands (see `FileContext.shellRegions`).
enum ShellBearingKinds {
    static let all: Set<FileKind> = [.dockerfile, .shell, .makefile, .githubWorkflow, .githubAction, .gitlabCI, .notebook]
}

/// An install command of a file, with the notebook cell it sits in.
struct LocatedInstallCommand {
    var install: InstallCommand
    var cell: Int?
}

extension FileContext {
    /// The package install commands of the file's shell text, recognized once and
    /// shared by PIN002, PIN004–PIN006 and PIN009.
    var installCommands: [LocatedInstallCommand] {
        artifact("installCommands") { file -> [LocatedInstallCommand] in
            var found: [LocatedInstallCommand] = []
            for parsed in file.shellRegions {
                for command in parsed.commands {
                    if let install = InstallCommandRecognizer.recognize(command, variables: parsed.region.variables,
                                                                        makeSyntax: parsed.region.makeSyntax) {
                        found.append(LocatedInstallCommand(install: install, cell: parsed.region.cell))
                    }
                }
            }
            return found
        }
    }

    /// Reports at a shell word's first byte.
    func report(_ ruleID: String, at word: ShellWord, message: String, severity: Severity? = nil, cell: Int? = nil) {
        report(ruleID, atByte: word.offset, message: message, severity: severity, cell: cell)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingBlanks: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
