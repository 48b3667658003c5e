import ArgumentParser
import Foundation
import MLAuditCore
import MLAuditDiff
import MLAuditReporters

extension RecordingFormat: ExpressibleByArgument {
    public static var allValueStrings: [String] { readable.map(\.rawValue) }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Report drift between a recorded environment and the live one (or another recording).",
        discussion: """
        OLD and NEW may be mlaudit manifests, pip freeze/list/inspect output, conda env export, \
        conda list --explicit/--export, conda-lock, poetry.lock, uv.lock, Pipfile.lock, pylock.toml, \
        a W&B run (wandb-metadata.json), a Sacred run.json, an MLflow model directory or a CycloneDX \
        SBOM; the kind is detected from the content. With NEW omitted, the machine mlaudit runs on is \
        captured as 'mlaudit snapshot' would. Sections that one side does not record are listed as \
        not compared, never as drift. Sections for --only: \
        \(DiffSection.allCases.map { "\($0.rawValue) (\($0.summary))" }.joined(separator: ", ")). See docs/diff.md.
        """
    )

    @Argument(help: ArgumentHelp("The recorded environment (file or directory).", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The environment to compare with (default: the live machine).", valueName: "new"))
    var new: String?

    @Option(help: ArgumentHelp("Read OLD as this kind of recording instead of detecting it.", valueName: "format"))
    var oldFormat: RecordingFormat?

    @Option(help: ArgumentHelp("Read NEW as this kind of recording instead of detecting it.", valueName: "format"))
    var newFormat: RecordingFormat?

    @Option(help: ArgumentHelp("Leave out packages with this name (glob, e.g. 'nvidia-*'; repeatable).", valueName: "name"))
    var ignorePackage: [String] = []

    @Option(help: ArgumentHelp(
        "Compare only these sections, comma-separated: \(DiffSection.allCases.map(\.rawValue).joined(separator: ",")).",
        valueName: "sections"))
    var only: [String] = []

    @Option(name: .customLong("project-root"), help: ArgumentHelp("Project directory of the live capture (git state, relative data paths).", valueName: "dir"))
    var projectRoot: String = "."

    @Option(help: ArgumentHelp("Describe this Python interpreter in the live capture instead of the active one.", valueName: "path"))
    var python: String?

    @OptionGroup var selection: RuleSelectionOptions
    @OptionGroup var reporting: ReportOptions

    func validate() throws {
        _ = try sections()
        if newFormat != nil && new == nil { throw ValidationError("--new-format needs NEW (the live environment has no format)") }
    }

    func sections() throws -> Set<DiffSection> {
        let names = only.flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if names.isEmpty { return Set(DiffSection.allCases) }
        var sections: Set<DiffSection> = []
        for name in names {
            guard let section = DiffSection(argument: name) else {
                throw ValidationError("unknown section '\(name)' in --only (known: \(DiffSection.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            sections.insert(section)
        }
        return sections
    }

    func run() throws {
        let (before, after) = try readRecordings()
        let options = DiffOptions(sections: try sections(), ignoredPackages: ignorePackage)
        let result = EnvironmentComparison.compare(before, after, options: options)
        let rules = enabledRules()
        let ids = Set(rules.map(\.id))
        let differences = result.differences.filter { ids.contains($0.ruleID) }
        let diagnostics = (before.problems + after.problems).map {
            Diagnostic(kind: .parseError, path: $0.path, line: $0.line, message: $0.reason)
        }.sorted(by: Diagnostic.reportOrder)
        var report = Report(command: "diff", findings: differences.map(\.finding), diagnostics: diagnostics, rules: rules,
                            filesChecked: new == nil ? 1 : 2, verbose: reporting.verbose,
                            sourceRoot: FileManager.default.currentDirectoryPath)
        report.checkedFiles = [before.primaryPath] + (new == nil ? [] : [after.primaryPath])
        let skipped = result.skipped
        report.notCompared = skipped.map { NotCompared(section: $0.section.rawValue, item: $0.label, reason: $0.reason) }
        let layout = TextLayout(
            full: { report, color in
                DiffTableRenderer(color: color).render(differences: differences, findings: report.findings, skipped: skipped,
                                                       problems: report.problems, baselineAccepted: report.baselineAccepted)
            },
            summary: { report, color in
                DiffTableRenderer(color: color).verdict(findings: report.findings, baselineAccepted: report.baselineAccepted,
                                                        problems: report.problems.count)
            }
        )
        let code = try reporting.emit(report, textLayout: layout)
        if code != 0 { throw ExitCode(code) }
    }

    /// Reads both sides; an input that cannot be read at all ends the run (exit 2).
    func readRecordings() throws -> (EnvironmentRecording, EnvironmentRecording) {
        let result = Result { () throws(RecordingError) in try loadBoth() }
        switch result {
        case .success(let pair): return pair
        case .failure(let error): throw CommandFailure(error.description)
        }
    }

    func loadBoth() throws(RecordingError) -> (EnvironmentRecording, EnvironmentRecording) {
        if new == nil {
            let before = try RecordingLoader.load(path: old, format: oldFormat)
            let dataPaths = before.data.map { Array($0.keys).sorted() } ?? []
            let after = try LiveEnvironment.capture(projectRoot: projectRoot, dataPaths: dataPaths, pythonExecutable: python)
            return (before, after)
        }
        let newPath = new ?? ""
        let (oldInput, newInput) = try RecordingLoader.preparePair(old: old, oldFormat: oldFormat, new: newPath, newFormat: newFormat)
        return try RecordingLoader.loadPair(old: oldInput, oldSource: old, new: newInput, newSource: newPath)
    }

    /// The ENV rules left by --select/--ignore.
    func enabledRules() -> [RuleDescription] {
        let all = Catalogue.rules(matching: "ENV")
        let selected = selection.selectors.isEmpty
            ? all
            : all.filter { rule in selection.selectors.contains { rule.id.hasPrefix($0) || $0 == "ALL" } }
        return selected.filter { rule in !selection.ignores.contains { rule.id.hasPrefix($0) } }
    }
}
