import MLAuditCore

extension BuiltInRules {
    /// DAT001's per-file collection of data paths; the project-wide DAT001, DAT004–DAT006.
    static let dataDeclarationFileRules: [any FileRule] = [DataReferenceFactsRule()]
    static let dataDeclarationProjectRules: [any ProjectRule] = [DataDeclarationRule()]
}

/// DAT001 (undeclared data), DAT004 (large files outside LFS and DVC), DAT005 (declared
/// data that cannot be obtained) and DAT006 (checksum mismatches, with `--verify-data`),
/// sharing one reading of the project's declarations.
struct DataDeclarationRule: ProjectRule {
    let ruleIDs = ["DAT001", "DAT004", "DAT005", "DAT006"]

    func check(_ project: ProjectContext) {
        let declarations = DataDeclarations(index: project.index, configuration: project.configuration)
        for diagnostic in declarations.diagnostics() { project.diagnose(diagnostic) }
        if project.isEnabled("DAT001") {
            var check = UndeclaredDataCheck(project: project, declarations: declarations)
            check.run()
        }
        if project.isEnabled("DAT004") { LargeFileCheck(project: project, declarations: declarations).run() }
        if project.isEnabled("DAT005") { UnavailableDataCheck(project: project, declarations: declarations).run() }
        if project.isEnabled("DAT006"), project.verifyData { DataChecksumCheck(project: project, declarations: declarations).run() }
    }
}

extension ProjectContext {
    /// The configuration file as a file to report in (it may lie outside the scanned root).
    func configurationFile(_ declarations: DataDeclarations) -> DiscoveredFile? {
        if let relative = declarations.manifest.configurationFile { return declarations.discoveredFile(relative) }
        guard let display = configuration.sourcePath, let absolute = configuration.sourceAbsolutePath else { return nil }
        return DiscoveredFile(relativePath: display, displayPath: display, absolutePath: absolute,
                              kind: FileKind.classify(path: display), size: 0, isExplicit: false)
    }
}

/// Byte sizes for messages: `12.3 MB`, `512 B`.
enum SizeText {
    static func format(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(text) \(units[unit])"
    }
}
