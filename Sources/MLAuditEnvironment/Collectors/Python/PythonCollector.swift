/// Collects the `python` section: one interpreter call for its facts, then
/// package metadata read from disk.
struct PythonCollector {
    let context: SnapshotContext
    let requestedInterpreter: String?
    let timeout: Double

    func collect() -> Section<PythonEnvironment> {
        let choice: PythonInterpreterLocator.Choice
        do {
            choice = try PythonInterpreterLocator(context: context, requested: requestedInterpreter).locate()
        } catch let failure as PythonInterpreterLocator.Failure {
            if case .notFound = failure, requestedInterpreter == nil { return .unavailable(failure.description) }
            return .failed(failure.description)
        } catch {
            return .failed("\(error)")
        }

        let facts: PythonInterpreterProbe.Facts
        do {
            facts = try PythonInterpreterProbe(context: context, timeout: timeout).run(choice.executable)
        } catch {
            return .failed("\(choice.executable): \(error)")
        }

        var warnings: [String] = []
        let directories = scanDirectories(facts)
        var sitePackages: [String] = []
        var packages: [(order: Int, package: PythonPackage)] = []
        let reader = DistributionReader()
        let declared = Set((facts.sitePackages + (facts.userSite.map { [$0] } ?? [])).map {
            Path.absolute($0, base: context.workingDirectory)
        })
        for (order, directory) in directories.enumerated() {
            do {
                let found = try reader.read(directory: directory)
                warnings += found.warnings
                if !found.packages.isEmpty || declared.contains(directory) { sitePackages.append(directory) }
                packages += found.packages.map { (order, $0) }
            } catch let error as FileSystemError where error.isNotFound {
                continue
            } catch {
                warnings.append("\(error)")
            }
        }
        packages.sort { lhs, rhs in
            if lhs.package.name != rhs.package.name { return lhs.package.name < rhs.package.name }
            if lhs.order != rhs.order { return lhs.order < rhs.order }
            return lhs.package.version < rhs.package.version
        }

        let requested = choice.requested ?? (choice.executable == facts.executable ? nil : choice.executable)
        return .ok(PythonEnvironment(
            selection: choice.selection, executable: facts.executable, requested: requested,
            version: facts.version, build: facts.build, implementation: facts.implementation, platform: facts.platform,
            prefix: facts.prefix, basePrefix: facts.basePrefix, inVirtualEnv: facts.prefix != facts.basePrefix,
            sysPath: facts.sysPath, sitePackages: sitePackages, packages: packages.map(\.package)
        ), warnings: warnings)
    }

    /// Existing directories on `sys.path` (zip files and the like skipped),
    /// then declared site directories not on it, each once.
    private func scanDirectories(_ facts: PythonInterpreterProbe.Facts) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        let candidates = facts.sysPath + facts.sitePackages + (facts.userSite.map { [$0] } ?? [])
        for entry in candidates where !entry.isEmpty {
            let path = Path.absolute(entry, base: context.workingDirectory)
            guard !seen.contains(path), FileSystem.isDirectory(path) else { continue }
            seen.insert(path)
            result.append(path)
        }
        return result
    }
}
