import MLAuditCore

/// DAT005: declared data that is neither present nor obtainable from a recorded source.
struct UnavailableDataCheck {
    let project: ProjectContext
    let declarations: DataDeclarations

    func run() {
        if let configFile = project.configurationFile(declarations) {
            for entry in declarations.manifest.entries {
                let source = entry.declaration.source?.trimmingCharacters(in: .whitespaces) ?? ""
                guard source.isEmpty, DataManifest.files(of: entry, limit: 1).isEmpty else { continue }
                let what = entry.isGlob ? "matches no file" : "does not exist"
                project.report("DAT005", in: configFile, line: entry.declaration.line ?? 1,
                               message: "data entry `\(entry.declaration.path)` \(what) and has no `source`, so nobody else can obtain it; add a `source` (URL, DVC remote, hub id) saying where it comes from")
            }
        }
        let stageOutputs = Set(declarations.dvc.outputs.filter { $0.origin == .stage }.map(\.path))
        for output in declarations.dvc.outputs {
            guard case .dvcFile(let imported) = output.origin, !imported, output.remote == nil,
                  declarations.dvc.defaultRemote == nil, !stageOutputs.contains(output.path),
                  !declarations.existsOnDisk(output.path), let file = declarations.discoveredFile(output.declaredIn) else { continue }
            project.report("DAT005", in: file, line: output.line,
                           message: "DVC output `\(output.path)` is not in the working tree and no DVC remote is configured in `.dvc/config`, so `dvc pull` has nowhere to fetch it from; add a default remote (`dvc remote add -d …`), commit `.dvc/config` and `dvc push`")
        }
    }
}
