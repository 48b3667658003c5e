import MLAuditCore

/// DAT001: a data path the code reads that nothing declares.
struct UndeclaredDataCheck {
    let project: ProjectContext
    let declarations: DataDeclarations

    static let fix = "commit it if it is small, track it with DVC or Git LFS, or list it with its source and checksum under `data:` in the mlaudit configuration"

    mutating func run() {
        collectProduced()
        var checkedConfigurations = Set<String>()
        for path in project.facts.keys.sorted() {
            guard let facts = project.facts[path]?[DataReferenceFacts.key] as? DataReferenceFacts,
                  let file = project.index.file(at: path) else { continue }
            check(facts.references, in: file)
            for configuration in facts.configurationPaths {
                for candidate in candidates(configuration, from: path) where checkedConfigurations.insert(candidate).inserted {
                    guard let values = project.facts[candidate]?[DataConfigurationFacts.key] as? DataConfigurationFacts,
                          let configFile = project.index.file(at: candidate) else { continue }
                    check(values.references, in: configFile)
                }
            }
        }
    }

    /// What some file of the project creates, resolved against the root and against
    /// that file's directory (a sibling script that saves what this one loads).
    var producedFiles = Set<String>()
    var producedDirectories = Set<String>()

    private mutating func collectProduced() {
        for (path, facts) in project.facts {
            guard let data = facts[DataReferenceFacts.key] as? DataReferenceFacts else { continue }
            for produced in data.producedFiles { producedFiles.formUnion(candidates(produced, from: path)) }
            for produced in data.producedDirectories { producedDirectories.formUnion(candidates(produced, from: path)) }
        }
    }

    private func isProduced(_ paths: [String]) -> Bool {
        paths.contains { producedFiles.contains($0) || producedDirectories.contains($0) || PythonDataReferences.isInside($0, producedDirectories) }
    }

    /// The path resolved against the project root, the directory of the file naming it, and the directories between.
    func candidates(_ path: String, from file: String) -> [String] {
        var result: [String] = []
        // A path that climbs out of the project from its root names something outside it.
        guard DataPath.resolve(path, in: "") != nil else { return [] }
        // The working directory is unknown: the root, the file's own directory, or one in
        // between (an example folder run as its own project).
        var bases = ["", RelativePath.directory(of: file)]
        var ancestor = RelativePath.directory(of: RelativePath.directory(of: file))
        while !ancestor.isEmpty {
            bases.append(ancestor)
            ancestor = RelativePath.directory(of: ancestor)
        }
        for base in bases {
            if let resolved = DataPath.resolve(path, in: base), !resolved.isEmpty, !result.contains(resolved) { result.append(resolved) }
        }
        return result
    }

    private func check(_ references: [DataReference], in file: DiscoveredFile) {
        var reported = Set<String>()
        for reference in references {
            let paths = candidates(reference.path, from: file.relativePath)
            guard !paths.isEmpty else { continue }
            let declared = paths.contains { path in
                switch reference.kind {
                case .file: declarations.declaration(ofFile: path) != nil || declarations.declaration(ofDirectory: path) != nil
                case .directory: declarations.declaration(ofDirectory: path) != nil
                }
            }
            if declared || isProduced(paths) { continue }
            guard reported.insert("\(reference.line):\(reference.path)").inserted else { continue }
            let present = paths.first { declarations.existsOnDisk($0) }
            let state: String
            if let present {
                state = declarations.tracked.paths != nil
                    ? "`\(present)` is here but git does not track it"
                    : "`\(present)` is here but git-ignored, so it is not part of the project"
            } else {
                state = reference.kind == .directory ? "no such directory is in the project" : "no such file is in the project"
            }
            let what = reference.kind == .directory ? "the data directory `\(reference.path)`" : "`\(reference.path)`"
            project.report("DAT001", in: file, line: reference.line, column: reference.column,
                           message: "\(what) is \(reference.use) but nothing declares it (\(state)); \(Self.fix)",
                           cell: reference.cell)
        }
    }
}
