import ArgumentParser
import Foundation
import MLAuditCore
import MLAuditReporters
import MLAuditScanner

struct BadgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "badge",
        abstract: "Write a reproducibility badge (SVG) and optionally shields.io endpoint JSON.",
        discussion: """
        Scans PATH (default: the current directory) like 'mlaudit scan', or reads a report \
        written by 'mlaudit scan --format json' with --from, and turns its findings into a \
        score from 0 to 100 and a grade A-F (see docs/badge.md). Exits 0 whatever the score.
        """
    )

    @Argument(help: "Directory or files to scan (default: the current directory).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Score this JSON report (from 'mlaudit scan --format json') instead of scanning.", valueName: "file"))
    var from: String?

    @Option(help: ArgumentHelp("Use this configuration file instead of looking for one.", valueName: "file"))
    var config: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Write the SVG to FILE instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Also write shields.io endpoint JSON to FILE.", valueName: "file"))
    var endpoint: String?

    @Option(help: ArgumentHelp("Left-hand text of the badge.", valueName: "text"))
    var label: String = Badge.defaultLabel

    func validate() throws {
        if from != nil && !paths.isEmpty { throw ValidationError("give either PATH or --from, not both") }
        if from != nil && config != nil { throw ValidationError("--config applies to scanning; it cannot be used with --from") }
    }

    func run() throws {
        let score: BadgeScore
        if let from {
            let input: BadgeReportReader.Input
            do {
                input = try BadgeReportReader.read(path: from)
            } catch {
                throw CommandFailure(error.description)
            }
            score = BadgeScore.compute(input.findings, filesChecked: input.filesChecked)
        } else {
            let options = ScanOptions(paths: paths, configPath: config)
            let result: ScanResult
            do {
                result = try Scanner.scan(options)
            } catch let error as ScanError {
                throw CommandFailure(error.description)
            }
            score = BadgeScore.compute(result.findings.map(ScoredFinding.init), filesChecked: result.filesChecked)
        }
        let badge = Badge(label: label, score: score)
        let svg = badge.svg.render()
        if let endpoint { try AtomicFile.write(badge.endpointJSON, to: endpoint) }
        if let output {
            try AtomicFile.write(svg, to: output)
        } else {
            FileHandle.standardOutput.write(Data(svg.utf8))
        }
    }
}
