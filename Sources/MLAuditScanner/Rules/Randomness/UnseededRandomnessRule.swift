import MLAuditCore

/// RND001: a file uses a framework's global generator while neither it, nor a module
/// it imports at load time, nor any project file importing it (transitively) seeds
/// that framework. Seeding through project functions counts wherever the function is.
struct UnseededRandomnessRule: ProjectRule {
    let ruleIDs = ["RND001"]

    func check(_ project: ProjectContext) {
        var factsByPath: [String: RandomnessFacts] = [:]
        for (path, facts) in project.facts {
            if let f = facts[RandomnessFacts.key] as? RandomnessFacts { factsByPath[path] = f }
        }
        guard factsByPath.values.contains(where: { !$0.uses.isEmpty }) else { return }
        let catalogue = RandomnessCatalogue.shared
        let modules = PythonModuleMap(paths: project.index.files.filter { $0.kind == .python || $0.kind == .setupPy }.map(\.relativePath))
        let paths = factsByPath.keys.sorted()
        let resolver = ProjectFunctionResolver(modules: modules, facts: factsByPath)
        // Each file's calls in a fixed order, with the project function each names.
        var resolvedCalls: [String: [(call: RandomnessFacts.Call, target: ProjectFunctionResolver.Target?)]] = [:]
        for path in paths {
            resolvedCalls[path] = factsByPath[path]!.calls.sorted(by: RandomnessFacts.Call.order).map { call in
                (call, resolver.function(call.name, from: path))
            }
        }

        // Import edges, and the test files each conftest.py governs (pytest loads it first).
        var imports: [String: Set<String>] = [:]
        for path in paths {
            var targets = Set<String>()
            for item in factsByPath[path]!.imports {
                targets.formUnion(resolver.filesLoaded(item, from: path))
            }
            imports[path] = targets
        }
        for conftest in paths where RelativePath.name(of: conftest) == "conftest.py" {
            let dir = RelativePath.directory(of: conftest)
            for path in paths where path != conftest && (dir.isEmpty || path.hasPrefix(dir + "/")) {
                imports[conftest, default: []].insert(path)
            }
        }

        let functionSeeds = seedingFunctions(factsByPath, calls: resolvedCalls)
        func seedsOfCall(_ call: RandomnessFacts.Call, target: ProjectFunctionResolver.Target?) -> FrameworkSet {
            if let target { return functionSeeds[target.file]?[target.function] ?? FrameworkSet() }
            return catalogue.helperNames.contains(DottedName.last(call.name)) ? .all : FrameworkSet()
        }

        // What each file seeds itself, and what it seeds when merely imported.
        var own: [String: FrameworkSet] = [:]
        var onImport: [String: FrameworkSet] = [:]
        for path in paths {
            let facts = factsByPath[path]!
            var seeds = facts.seeds
            var atLoad = facts.moduleLevelSeeds
            for (call, target) in resolvedCalls[path]! {
                let s = seedsOfCall(call, target: target)
                seeds.formUnion(s)
                if call.atImport { atLoad.formUnion(s) }
            }
            own[path] = seeds
            onImport[path] = atLoad

        }
        fixpoint { changed in
            for path in paths {
                var atLoad = onImport[path]!
                for target in imports[path]! { atLoad.formUnion(onImport[target] ?? FrameworkSet()) }
                if atLoad != onImport[path]! { onImport[path] = atLoad; changed = true }
            }
        }
        var seeded: [String: FrameworkSet] = [:]
        for path in paths {
            var s = own[path]!
            for target in imports[path]! { s.formUnion(onImport[target] ?? FrameworkSet()) }
            seeded[path] = s
        }
        // Seeds flow from importers to the modules they import.
        fixpoint { changed in
            for path in paths {
                let s = seeded[path]!
                for target in imports[path]! where factsByPath[target] != nil {
                    var t = seeded[target]!
                    t.formUnion(s)
                    if t != seeded[target]! { seeded[target] = t; changed = true }
                }
            }
        }

        var imported = Set<String>()
        for targets in imports.values { imported.formUnion(targets) }
        // Programs: notebooks, files with a __main__ guard, and files nothing imports that
        // do work at load time (seed, draw, or call project code). What they import, directly
        // or not, runs under their seeding; anything else is library code whose callers are
        // unknown (modules loaded by name from a config, or used from outside the project).
        var programs = Set<String>()
        // Test files are run by a test runner, and their random inputs exercise the code under test:
        // they are neither programs nor reported.
        let tests = Set(paths.filter { TestFiles.isTest($0) || TestFiles.isBenchmark($0) })
        for path in paths where !tests.contains(path) {
            let facts = factsByPath[path]!
            if facts.isEntryPoint { programs.insert(path); continue }
            guard !imported.contains(path) else { continue }
            let worksAtLoad = !facts.moduleLevelSeeds.isEmpty || facts.uses.contains(where: \.atModuleLevel)
                || resolvedCalls[path]!.contains { $0.call.atModuleLevel && $0.target != nil }
            if worksAtLoad { programs.insert(path) }
        }
        // What each program runs, and whether it loads trained weights anywhere in it.
        var reachable = Set<String>()
        var reachedByFreshPrograms = Set<String>()
        for program in programs.sorted() {
            var closure: Set<String> = [program]
            var queue = [program]
            while let next = queue.popLast() {
                for target in imports[next] ?? [] where closure.insert(target).inserted { queue.append(target) }
            }
            reachable.formUnion(closure)
            // A program loads weights when it does so itself, or calls a project function that does.
            let facts = factsByPath[program]!
            let loads = facts.loadsCheckpoint || resolvedCalls[program]!.contains { resolved in
                guard let target = resolved.target else { return false }
                return factsByPath[target.file]?.loadingFunctions.contains(target.function) ?? false
            }
            if !loads { reachedByFreshPrograms.formUnion(closure) }
        }
        for path in paths where !tests.contains(path) {
            let facts = factsByPath[path]!
            guard !facts.uses.isEmpty, let file = project.index.file(at: path) else { continue }
            let isLibrary = !reachable.contains(path)
            // Initialisation is overwritten when every program running the file loads a checkpoint.
            let initialisationMatters = isLibrary || reachedByFreshPrograms.contains(path)
            var reported = Set<Int>()
            let uses = facts.uses.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
            for use in uses where !seeded[path]!.contains(catalogue.frameworks[use.framework]) {
                if isLibrary && !use.atModuleLevel { continue }
                if use.isInitialisation && !initialisationMatters { continue }
                guard reported.insert(use.framework).inserted else { continue }
                let framework = catalogue.frameworks[use.framework]
                project.report("RND001", in: file, line: use.line, column: use.column,
                               message: "`\(use.api)` draws from \(framework.name), which is never seeded in this file or in a project file that imports it; set \(framework.seedExample) (or a helper such as seed_everything) at the entry point",
                               cell: use.cell)
            }
        }
    }

    private func fixpoint(_ body: (inout Bool) -> Void) {
        var changed = true
        var rounds = 0
        while changed && rounds < 64 {
            changed = false
            body(&changed)
            rounds += 1
        }
    }

    /// Frameworks each project function seeds, directly or through other project functions.
    private func seedingFunctions(_ facts: [String: RandomnessFacts],
                                  calls: [String: [(call: RandomnessFacts.Call, target: ProjectFunctionResolver.Target?)]])
        -> [String: [String: FrameworkSet]] {
        var result: [String: [String: FrameworkSet]] = [:]
        for (path, f) in facts { result[path] = f.functionSeeds }
        var edges: [(caller: (String, String), callee: (String, String))] = []
        for path in facts.keys.sorted() {
            for (call, target) in calls[path] ?? [] {
                guard let caller = call.inFunction, let target else { continue }
                edges.append(((path, caller), target))
            }
        }
        fixpoint { changed in
            for edge in edges {
                guard let s = result[edge.callee.0]?[edge.callee.1], !s.isEmpty else { continue }
                var current = result[edge.caller.0]?[edge.caller.1] ?? FrameworkSet()
                let before = current
                current.formUnion(s)
                if current != before { result[edge.caller.0, default: [:]][edge.caller.1] = current; changed = true }
            }
        }
        return result
    }
}
