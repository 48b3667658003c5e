/// Chooses the interpreter to describe: `--python`, else the active virtual
/// environment, else the active conda environment, else `python3` on PATH.
/// A pyenv shim is resolved the way pyenv would, without running pyenv
/// (the shim costs a third of a second per call).
struct PythonInterpreterLocator {
    struct Choice: Equatable {
        /// What to run.
        var executable: String
        var selection: PythonEnvironment.Selection
        /// The shim or symlink that was asked for, when it differs.
        var requested: String?
    }

    enum Failure: Error, CustomStringConvertible {
        case notFound(String)
        case notExecutable(String)

        var description: String {
            switch self {
            case let .notFound(what): "no Python interpreter found (\(what))"
            case let .notExecutable(path): "Python interpreter \(path) is not an executable file"
            }
        }
    }

    let context: SnapshotContext
    let requested: String?

    func locate() throws -> Choice {
        if let requested {
            let path = requested.contains("/")
                ? Path.absolute(requested, base: context.workingDirectory)
                : context.findExecutable(requested)
            guard let path else { throw Failure.notFound("\(requested) is not on PATH") }
            guard FileSystem.status(path)?.isExecutable == true else { throw Failure.notExecutable(path) }
            return Choice(executable: path, selection: .option)
        }
        if let venv = context.environment["VIRTUAL_ENV"], !venv.isEmpty, let python = interpreter(inPrefix: venv) {
            return Choice(executable: python, selection: .virtualEnv)
        }
        if let conda = context.environment["CONDA_PREFIX"], !conda.isEmpty, let python = interpreter(inPrefix: conda) {
            return Choice(executable: python, selection: .condaPrefix)
        }
        for name in ["python3", "python"] {
            guard let found = context.findExecutable(name) else { continue }
            if let resolved = resolvePyenvShim(found, program: name) {
                return Choice(executable: resolved, selection: .pyenv, requested: found)
            }
            return Choice(executable: found, selection: .path)
        }
        throw Failure.notFound("no --python, VIRTUAL_ENV or CONDA_PREFIX, and no python3 on PATH")
    }

    private func interpreter(inPrefix prefix: String) -> String? {
        for name in ["bin/python3", "bin/python", "python.exe"] {
            let candidate = Path.join(prefix, name)
            if FileSystem.status(candidate)?.isExecutable == true { return candidate }
        }
        return nil
    }

    // MARK: - pyenv

    var pyenvRoot: String? {
        if let root = context.environment["PYENV_ROOT"], !root.isEmpty { return root }
        if let home = context.environment["HOME"], !home.isEmpty { return Path.join(home, ".pyenv") }
        return nil
    }

    /// The real interpreter behind a pyenv shim, or `nil` when `path` is no
    /// shim or the version cannot be resolved without pyenv itself.
    func resolvePyenvShim(_ path: String, program: String) -> String? {
        guard let root = pyenvRoot else { return nil }
        let shims = Path.join(root, "shims")
        guard Path.parent(path) == shims else { return nil }
        guard let versions = selectedPyenvVersions(root: root) else { return nil }
        for version in versions {
            if version == "system" {
                let rest = (context.environment["PATH"] ?? "").split(separator: ":").filter { $0 != shims && $0 != shims + "/" }
                if let system = ExecutableLookup.find(program, searchPath: rest.joined(separator: ":")) { return system }
                continue
            }
            let candidate = Path.join(root, "versions", version, "bin", program)
            if FileSystem.status(candidate)?.isExecutable == true { return candidate }
        }
        return nil
    }

    /// PYENV_VERSION, else the nearest `.python-version`, else the global
    /// `version` file, else `system` (pyenv's own order).
    func selectedPyenvVersions(root: String) -> [String]? {
        if let value = context.environment["PYENV_VERSION"], !value.isEmpty {
            return value.split(separator: ":").map(String.init)
        }
        var directory = context.workingDirectory
        while true {
            if let versions = versionFile(Path.join(directory, ".python-version")) { return versions }
            if directory == "/" || directory.isEmpty { break }
            directory = Path.parent(directory)
        }
        if let versions = versionFile(Path.join(root, "version")) { return versions }
        return ["system"]
    }

    private func versionFile(_ path: String) -> [String]? {
        guard let text = try? FileSystem.readStringIfPresent(path) else { return nil }
        let versions = text.split(whereSeparator: \.isNewline)
            .filter { !$0.trimmingSpaces().hasPrefix("#") }
            .flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
            .map(String.init)
        return versions.isEmpty ? nil : versions
    }
}
