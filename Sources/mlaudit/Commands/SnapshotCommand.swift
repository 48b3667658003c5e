import ArgumentParser
import Foundation
import MLAuditEnvironment

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Record the environment manifest (JSON) that a result depends on.",
        discussion: """
        Sections: \(ManifestSection.allCases.map(\.rawValue).joined(separator: ", ")). \
        Output is deterministic (sorted keys, sorted lists); with --no-timestamp or SOURCE_DATE_EPOCH \
        two snapshots of an unchanged environment are byte-identical. Format: docs/manifest.md.
        """
    )

    @Option(name: [.short, .long], help: ArgumentHelp("Write the manifest to FILE (atomically) instead of stdout.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("project-root"), help: ArgumentHelp("The project directory.", valueName: "dir"))
    var projectRoot: String = "."

    @Option(help: ArgumentHelp("Describe this Python interpreter instead of the active one.", valueName: "path"))
    var python: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Files or directories to hash (recursively).", valueName: "path"))
    var data: [String] = []

    @Option(name: .customLong("env"), help: ArgumentHelp("Also record this environment variable (repeatable). Secret-looking names stay redacted.", valueName: "name"))
    var extraEnvironmentNames: [String] = []

    @Option(help: ArgumentHelp("Sections to leave out, comma-separated (repeatable).", valueName: "sections"))
    var skip: [String] = []

    @Flag(name: .customLong("no-system-packages"), help: "Leave out operating-system packages (same as --skip system).")
    var noSystemPackages = false

    @Flag(name: .customLong("no-timestamp"), help: "Leave out created_at, for reproducible output.")
    var noTimestamp = false

    @Flag(name: .customLong("include-hostname"), help: "Record the host name.")
    var includeHostname = false

    @Flag(name: .customLong("no-data-cache"), help: "Hash every --data file again instead of using the hash cache.")
    var noDataCache = false

    @Option(help: ArgumentHelp("Time limit for each helper program (nvidia-smi, nvcc, python, git).", valueName: "seconds"))
    var timeout: Double = 5

    func validate() throws {
        _ = try skippedSections()
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    private func skippedSections() throws -> Set<ManifestSection> {
        var sections: Set<ManifestSection> = noSystemPackages ? [.systemPackages] : []
        for name in skip.flatMap({ $0.split(separator: ",") }).map({ String($0).trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let section = ManifestSection(argument: name) else {
                let known = ManifestSection.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown section '\(name)' in --skip (known: \(known))")
            }
            sections.insert(section)
        }
        return sections
    }

    func run() throws {
        let options = SnapshotOptions(
            projectRoot: projectRoot,
            skip: try skippedSections(),
            includeHostname: includeHostname,
            timestamp: noTimestamp ? .omitted : .automatic,
            pythonExecutable: python,
            extraEnvironmentNames: extraEnvironmentNames,
            dataPaths: data,
            useDataCache: !noDataCache,
            commandLine: CommandLine.arguments,
            subprocessTimeout: timeout,
            outputPath: output
        )
        let manifest = Snapshotter(options: options).capture()
        do {
            let bytes = try Snapshotter.encode(manifest)
            if let output, output != "-" {
                try Snapshotter.write(bytes, to: output)
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        } catch {
            FileHandle.standardError.write(Data("mlaudit snapshot: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
