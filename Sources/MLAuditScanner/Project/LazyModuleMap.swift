import Foundation

/// The module map of a project's Python files, built the first time a rule asks for it
/// (from any thread) and then shared by every file rule and project rule of the scan.
final class LazyModuleMap: @unchecked Sendable {
    private let lock = NSLock()
    private var map: PythonModuleMap?

    func value(_ build: () -> PythonModuleMap) -> PythonModuleMap {
        lock.withLock {
            if let map { return map }
            let built = build()
            map = built
            return built
        }
    }
}

extension ProjectIndex {
    /// Which project file a Python module name refers to, for the files of this index.
    var pythonModules: PythonModuleMap {
        moduleMap.value { PythonModuleMap(paths: files.filter { $0.kind == .python || $0.kind == .setupPy }.map(\.relativePath)) }
    }
}
