import MLAuditCore
import MLAuditHashing

/// DAT006 (with `--verify-data`): a declared file whose content differs from its declared checksum.
struct DataChecksumCheck {
    let project: ProjectContext
    let declarations: DataDeclarations

    private struct Expectation {
        var file: DiscoveredFile
        var line: Int
        var shown: String
        var algorithm: DigestAlgorithm
        var digest: String
        var origin: String
    }

    func run() {
        var expectations: [Expectation] = []
        var paths: [String] = []
        if let configFile = project.configurationFile(declarations) {
            for entry in declarations.manifest.entries {
                let declaration = entry.declaration
                let line = declaration.checksumLine ?? declaration.line ?? 1
                for path in DataManifest.files(of: entry) {
                    let shown = shownPath(path)
                    if let sha256 = declaration.sha256 {
                        expectations.append(Expectation(file: configFile, line: line, shown: shown, algorithm: .sha256, digest: sha256, origin: "the data manifest"))
                        paths.append(path)
                    }
                    if let md5 = declaration.md5 {
                        expectations.append(Expectation(file: configFile, line: line, shown: shown, algorithm: .md5, digest: md5, origin: "the data manifest"))
                        paths.append(path)
                    }
                }
            }
        }
        for output in declarations.dvc.outputs where output.origin != .stage {
            guard let md5 = output.md5, !output.isDirectoryHash, md5.count == 32, declarations.existsOnDisk(output.path),
                  let file = declarations.discoveredFile(output.declaredIn) else { continue }
            let absolute = project.index.root.appendingPathComponent(output.path).path
            expectations.append(Expectation(file: file, line: output.md5Line ?? output.line, shown: output.path, algorithm: .md5,
                                            digest: md5, origin: "`\(output.declaredIn)`"))
            paths.append(absolute)
        }
        guard !expectations.isEmpty else { return }

        // Only files inside the root once links are resolved are hashed: `/etc/shadow`,
        // `../../etc/shadow` or a glob through an in-tree link to / are named, never read.
        let rootPath = project.index.root.standardizedFileURL.path
        var resolved: [String: String] = [:]
        var outside = Set<String>()
        for path in Set(paths) {
            if let inside = ContainedPath.resolve(path, inside: rootPath) { resolved[path] = inside } else { outside.insert(path) }
        }
        // Each file is read once, for every algorithm any declaration asks of it.
        var algorithms: [String: Set<DigestAlgorithm>] = [:]
        for (path, expectation) in zip(paths, expectations) where resolved[path] != nil {
            algorithms[path, default: []].insert(expectation.algorithm)
        }
        let unique = algorithms.keys.sorted()
        let results = ParallelDigester.digest(unique.map { ParallelDigester.Request(path: resolved[$0]!, algorithms: algorithms[$0]!) })
        var digests: [String: Result<FileDigests, FileDigestError>] = [:]
        for (path, result) in zip(unique, results) { digests[path] = result }

        var unreadable = Set<String>()
        for (path, expectation) in zip(paths, expectations) {
            if outside.contains(path) {
                if unreadable.insert(path).inserted {
                    project.diagnose(Diagnostic(kind: .unreadable, path: expectation.shown,
                                                message: "declared data outside the project root (links resolved) is not hashed"))
                }
                continue
            }
            switch digests[path] {
            case .success(let found)?:
                guard let actual = found.hex[expectation.algorithm], actual != expectation.digest else { continue }
                let name = expectation.algorithm == .sha256 ? "SHA-256" : "MD5"
                project.report("DAT006", in: expectation.file, line: expectation.line,
                               message: "`\(expectation.shown)` has \(name) \(actual), but \(expectation.origin) declares \(expectation.digest): the data is not the data the declaration pins; restore it, or record the new version if the change is intended")
            case .failure(let error)?:
                if unreadable.insert(path).inserted {
                    project.diagnose(Diagnostic(kind: .unreadable, path: expectation.shown, message: "cannot hash declared data: \(error.reason)"))
                }
            case nil:
                break
            }
        }
    }

    private func shownPath(_ absolute: String) -> String {
        let root = project.index.root.standardizedFileURL.path + "/"
        return absolute.hasPrefix(root) ? String(absolute.dropFirst(root.count)) : absolute
    }
}
