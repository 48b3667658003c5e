import MLAuditCore

/// Which project function a call names and which files an import loads, each worked
/// out once per file and name: RND001 asks the same questions many times over while
/// it propagates seeds, and a large project has tens of thousands of calls.
final class ProjectFunctionResolver {
    typealias Target = (file: String, function: String)

    let modules: PythonModuleMap
    let facts: [String: RandomnessFacts]

    private struct Key: Hashable {
        var path: String
        var name: String
    }

    private struct ImportKey: Hashable {
        var path: String
        var item: RandomnessFacts.Import
    }

    private var functions: [Key: Target?] = [:]
    private var loaded: [ImportKey: [String]] = [:]
    private var definitions: [Key: Target] = [:]
    /// How many `from … import` hops a re-exported name is followed through.
    private static let reexportDepth = 3

    init(modules: PythonModuleMap, facts: [String: RandomnessFacts]) {
        self.modules = modules
        self.facts = facts
    }

    /// The files an import of `path` loads.
    func filesLoaded(_ item: RandomnessFacts.Import, from path: String) -> [String] {
        if item.level == 0 && !modules.mayName(item.module) { return [] }
        // Files of one directory resolve imports alike: the answer is kept per directory.
        let key = ImportKey(path: PythonModuleMap.importPlace(of: path), item: item)
        let files: [String]
        if let known = loaded[key] {
            files = known
        } else {
            files = modules.filesLoaded(module: item.module, level: item.level, name: item.name, from: path, keepingSelf: true)
            loaded[key] = files
        }
        return files.contains(path) ? files.filter { $0 != path } : files
    }

    /// The project function a call names: a top-level function of this file, or of the
    /// project module its qualified name starts with.
    func function(_ name: String, from path: String) -> Target? {
        if !name.utf8.contains(UInt8(ascii: ".")) { return facts[path].map { _ in (path, name) } }
        guard modules.mayName(name) else { return nil }
        let key = Key(path: path, name: name)
        if let known = functions[key] { return known }
        let target = resolve(name, from: path)
        functions[key] = target
        return target
    }

    private func resolve(_ name: String, from path: String) -> Target? {
        guard modules.mayName(name) else { return nil }
        let leading = name.prefix { $0 == "." }
        let parts = name.dropFirst(leading.count).split(separator: ".")
        guard parts.count >= 1 else { return nil }
        let function = String(parts[parts.count - 1])
        var module = parts.dropLast()
        while true {
            let dotted = String(leading) + module.joined(separator: ".")
            if let file = modules.resolve(dotted, from: path).first, facts[file] != nil {
                return reexported(function, in: file, depth: Self.reexportDepth)
            }
            guard !module.isEmpty else { return nil }
            module = module.dropLast()
            if module.isEmpty && leading.isEmpty { return nil }
        }
    }

    /// Where a function a module offers is defined: the module itself, or the module it
    /// re-exports the name from (`from .defaults import *` in a package's `__init__.py`).
    private func reexported(_ function: String, in file: String, depth: Int) -> Target {
        guard depth > 0, let f = facts[file], !f.definedFunctions.contains(function) else { return (file, function) }
        // Only the outermost question is kept: deeper ones have less depth left to search.
        guard depth == Self.reexportDepth else { return search(function, in: file, facts: f, depth: depth) }
        let key = Key(path: file, name: function)
        if let known = definitions[key] { return known }
        let found = search(function, in: file, facts: f, depth: depth)
        definitions[key] = found
        return found
    }

    private func search(_ function: String, in file: String, facts f: RandomnessFacts, depth: Int) -> Target {
        for item in f.imports where item.name == function || item.name == "*" {
            for target in filesLoaded(item, from: file) where target != file && facts[target] != nil {
                let found = reexported(function, in: target, depth: depth - 1)
                if facts[found.file]?.definedFunctions.contains(function) ?? false { return found }
            }
        }
        return (file, function)
    }
}
