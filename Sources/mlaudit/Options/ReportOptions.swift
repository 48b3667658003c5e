import ArgumentParser
import Foundation
import MLAuditCore
import MLAuditReporters

extension ReportFormat: ExpressibleByArgument {}
extension JUnitReporter.Flavor: ExpressibleByArgument {}

/// The fail threshold: findings at or above it make the exit code 1.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, note, never

    var threshold: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .note: .note
        case .never: nil
        }
    }
}

/// Output options shared by the commands that report findings (scan, diff).
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Report format on standard output (or for an untyped --output).", valueName: "format"))
    var format: ReportFormat = .text

    @Option(name: [.short, .long], help: ArgumentHelp(
        "Write a report to FILE instead of standard output; FORMAT:FILE (e.g. sarif:out.sarif) writes that format and keeps the terminal report. Repeatable.",
        valueName: "[format:]file"))
    var output: [String] = []

    @Option(help: ArgumentHelp("Exit 1 when a finding is at or above this severity.", valueName: "level"))
    var failOn: FailLevel = .error

    @Flag(help: "Always exit 0 when the run itself succeeded, whatever was found.")
    var exitZero = false

    @Flag(help: "Print only the summary line of the text report (reports written with --output are complete).")
    var quiet = false

    @Flag(help: "Never colour the terminal output (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "Add a count of findings per rule to the text report.")
    var statistics = false

    @Flag(name: [.short, .long], help: "Also list the files that were skipped and why.")
    var verbose = false

    @Option(help: ArgumentHelp("Report only findings that this baseline (from --write-baseline) does not accept.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Record the current findings as the accepted baseline in FILE.", valueName: "file"))
    var writeBaseline: String?

    @Option(help: ArgumentHelp("JUnit flavour: portable (valid under the common XSDs) or gitlab (adds the file attribute GitLab reads).", valueName: "flavor"))
    var junitFlavor: JUnitReporter.Flavor = .portable

    @Flag(help: "In JUnit reports, also list a passing testcase per rule and file checked.")
    var junitPassing = false

    /// Parsed `--output` values; an untyped path takes `--format` and replaces standard output.
    func outputTargets() throws -> [(format: ReportFormat, path: String, typed: Bool)] {
        try output.map { value in
            if let colon = value.firstIndex(of: ":"), let format = ReportFormat(rawValue: String(value[..<colon])) {
                let path = String(value[value.index(after: colon)...])
                guard !path.isEmpty else { throw ValidationError("--output \(value): missing file name after '\(format.rawValue):'") }
                return (format, path, true)
            }
            return (format, value, false)
        }
    }

    func validate() throws { _ = try outputTargets() }

    /// Applies --baseline and --write-baseline, writes every requested report, and
    /// returns the exit code for the findings that are left. A command with its own
    /// text layout passes `textLayout` (used for text on the terminal and in files).
    func emit(_ fullReport: Report, textLayout: TextLayout? = nil) throws -> Int32 {
        var report = fullReport
        if let path = writeBaseline {
            try AtomicFile.write(Baseline(findings: fullReport.findings).render(), to: path)
        }
        if let path = baseline {
            let accepted: Baseline
            do {
                accepted = try Baseline.read(path: path)
            } catch let error as Baseline.ReadError {
                throw CommandFailure(error.description)
            }
            let split = accepted.apply(to: fullReport.findings)
            report.findings = split.new
            report.baselineAccepted = split.accepted
            report.baselineFixed = split.fixed
        }
        let targets = try outputTargets()
        let stdoutTaken = targets.contains { !$0.typed }
        for target in targets {
            let text = target.format == .text && textLayout != nil
                ? textLayout!.full(report, false)
                : target.format.render(report, junitFlavor: junitFlavor, junitPassing: junitPassing)
            try AtomicFile.write(text, to: target.path)
        }
        if !stdoutTaken {
            let useColor = !noColor && format == .text && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let text: String
            if format == .text, let textLayout {
                text = quiet ? textLayout.summary(report, useColor) + "\n" : textLayout.full(report, useColor)
            } else {
                text = quiet && format == .text
                    ? TextReporter(color: useColor).summary(report).trimmingCharacters(in: .newlines) + "\n"
                    : format.render(report, color: useColor, statistics: statistics, junitFlavor: junitFlavor, junitPassing: junitPassing)
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return exitCode(for: report)
    }

    func exitCode(for report: Report) -> Int32 {
        if exitZero { return 0 }
        guard let threshold = failOn.threshold else { return 0 }
        return report.findings.contains { $0.severity >= threshold } ? 1 : 0
    }
}

/// A command's own text report: the full text and the one-line summary (`--quiet`), given colour or not.
struct TextLayout {
    var full: (Report, Bool) -> String
    var summary: (Report, Bool) -> String
}

/// Rule selection shared by scan and diff.
struct RuleSelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only these rules: IDs or prefixes, comma-separated (e.g. PIN,RND001). Replaces the configuration's select.", valueName: "rules"))
    var select: [String] = []

    @Option(help: ArgumentHelp("Skip these rules: IDs or prefixes, comma-separated.", valueName: "rules"))
    var ignore: [String] = []

    var selectors: [String] { split(select) }
    var ignores: [String] { split(ignore) }

    private func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
    }

    func validate() throws {
        for selector in selectors + ignores where !Catalogue.isKnownSelector(selector) {
            throw ValidationError("'\(selector)' names no rule (see 'mlaudit rules')")
        }
    }
}

/// Writes an output through `OutputFile` (atomic replacement, no predictable temporary name).
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        do {
            try OutputFile.write(text, to: path)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
