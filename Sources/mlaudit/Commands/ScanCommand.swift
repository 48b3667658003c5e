import ArgumentParser
import Foundation
import MLAuditCore
import MLAuditReporters
import MLAuditScanner

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Check a project tree (or the files given) against the rule catalogue.",
        discussion: """
        Directories are walked honouring .gitignore and .ignore files and the configured \
        excludes; files named on the command line are always checked. Configuration is \
        read from mlaudit.yaml, .mlaudit.yaml or [tool.mlaudit] in pyproject.toml at the \
        project root. Suppress a finding with '# mlaudit: ignore[ID]' on its line.
        """
    )

    @Argument(help: "Files or directories to scan (default: the current directory).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Use this configuration file instead of looking for one.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Worker threads (default: one per core).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Run only the checks that look at one file at a time (for hooks that pass batches of files).")
    var perFile = false

    @Flag(help: "Report only the findings of the project-wide rules (the whole-project hook, beside --per-file on the changed files).")
    var projectOnly = false

    @Flag(help: "Walk only the files in the git index (committed or staged); untracked files are left out.")
    var trackedOnly = false

    @Flag(help: "Hash every declared data file (data manifest, DVC) and report checksum mismatches (DAT006); reads all declared data.")
    var verifyData = false

    @OptionGroup var selection: RuleSelectionOptions
    @OptionGroup var reporting: ReportOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if perFile && projectOnly { throw ValidationError("--per-file and --project-only report nothing together; use one") }
    }

    func run() throws {
        var options = ScanOptions(paths: paths, configPath: config)
        options.select = selection.selectors
        options.ignore = selection.ignores
        options.jobs = jobs
        options.runProjectRules = !perFile
        options.projectFindingsOnly = projectOnly
        options.trackedOnly = trackedOnly
        options.verifyData = verifyData
        let result: ScanResult
        do {
            result = try Scanner.scan(options)
        } catch let error as ScanError {
            throw CommandFailure(error.description)
        }
        if reporting.verbose {
            // On standard error, so every report format stays as it is.
            let used = result.configurationFiles.isEmpty ? "none (defaults)" : result.configurationFiles.joined(separator: ", ")
            Terminal.error("configuration: \(used)")
        }
        var report = Report(
            command: "scan", findings: result.findings, diagnostics: result.diagnostics, rules: result.rules,
            filesChecked: result.filesChecked, verbose: reporting.verbose, sourceRoot: options.baseDirectory.path
        )
        report.checkedFiles = result.checkedFiles
        let code = try reporting.emit(report)
        if code != 0 { throw ExitCode(code) }
    }
}
