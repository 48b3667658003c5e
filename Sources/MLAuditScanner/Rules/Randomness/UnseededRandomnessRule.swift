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
        let modules = project.index.pythonModules
        let paths = factsByPath.keys.sorted()
        // Each file's calls (in source order) with the project function each names, and the
        // files it imports (numbered in path order; only files with facts matter: nothing else
        // seeds or draws). Files are resolved in parallel, each thread with its own caches.
        let number = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, $0) })
        let facts = paths.map { factsByPath[$0]! }
        let shared = factsByPath
        let resolved = ParallelMap.map(count: paths.count, workers: project.workers,
                                       state: { ProjectFunctionResolver(modules: modules, facts: shared) }) { resolver, i in
            let path = paths[i]
            let calls = facts[i].calls.map { call in
                (call: call, target: resolver.function(call.name, from: path))
            }
            var targets = Set<Int>()
            for item in facts[i].imports {
                for file in resolver.filesLoaded(item, from: path) { if let j = number[file] { targets.insert(j) } }
            }
            return (calls: calls, imports: targets)
        }
        let calls = resolved.map(\.calls)
        var imports = resolved.map { $0.imports.sorted() }
        // Each conftest.py also governs the test files below it (pytest loads it first).
        for (i, path) in paths.enumerated() where RelativePath.name(of: path) == "conftest.py" {
            let dir = RelativePath.directory(of: path)
            var targets = Set(imports[i])
            for (j, other) in paths.enumerated() where j != i && (dir.isEmpty || other.hasPrefix(dir + "/")) { targets.insert(j) }
            imports[i] = targets.sorted()
        }
        let functionSeeds = seedingFunctions(paths: paths, facts: facts, calls: calls)
        func seedsOfCall(_ call: RandomnessFacts.Call, target: ProjectFunctionResolver.Target?) -> FrameworkSet {
            if let target { return functionSeeds[target.file]?[target.function] ?? FrameworkSet() }
            return catalogue.helperNames.contains(DottedName.last(call.name)) ? .all : FrameworkSet()
        }

        // What each file seeds itself, and what it seeds when merely imported.
        var own = [FrameworkSet](repeating: FrameworkSet(), count: paths.count)
        var onImport = own
        for i in paths.indices {
            var seeds = facts[i].seeds
            var atLoad = facts[i].moduleLevelSeeds
            for (call, target) in calls[i] {
                let s = seedsOfCall(call, target: target)
                seeds.formUnion(s)
                if call.atImport { atLoad.formUnion(s) }
            }
            own[i] = seeds
            onImport[i] = atLoad
        }
        fixpoint { changed in
            for i in paths.indices {
                var atLoad = onImport[i]
                for target in imports[i] { atLoad.formUnion(onImport[target]) }
                if atLoad != onImport[i] { onImport[i] = atLoad; changed = true }
            }
        }
        var seeded = own
        for i in paths.indices {
            for target in imports[i] { seeded[i].formUnion(onImport[target]) }
        }
        // Seeds flow from importers to the modules they import.
        fixpoint { changed in
            for i in paths.indices {
                let s = seeded[i]
                for target in imports[i] {
                    var t = seeded[target]
                    t.formUnion(s)
                    if t != seeded[target] { seeded[target] = t; changed = true }
                }
            }
        }

        var imported = [Bool](repeating: false, count: paths.count)
        for targets in imports { for target in targets { imported[target] = true } }
        // Programs: notebooks, files with a __main__ guard, and files nothing imports that
        // do work at load time (seed, draw, or call project code other than as a decorator). What they import, directly
        // or not, runs under their seeding; anything else is library code whose callers are
        // unknown (modules loaded by name from a config, or used from outside the project).
        var programs: [Int] = []
        // Test files are run by a test runner, and their random inputs exercise the code under test:
        // they are neither programs nor reported.
        let tests = paths.map { TestFiles.isTest($0) || TestFiles.isBenchmark($0) || TestFiles.isConversion($0) }
        for i in paths.indices where !tests[i] {
            if facts[i].isEntryPoint { programs.append(i); continue }
            guard !imported[i], !TestFiles.isConfiguration(paths[i]) else { continue }
            let worksAtLoad = !facts[i].moduleLevelSeeds.isEmpty || facts[i].uses.contains(where: \.atModuleLevel)
                || calls[i].contains { $0.call.atModuleLevel && !$0.call.isDecorator && $0.target != nil }
            if worksAtLoad { programs.append(i) }
        }
        // What each program runs, and whether it loads trained weights anywhere in it.
        var reachable = [Bool](repeating: false, count: paths.count)
        var reachedByFreshPrograms = reachable
        var visitedBy = [Int](repeating: -1, count: paths.count)
        for program in programs {
            // A program loads weights when it does so itself, or calls a project function that does.
            let loads = facts[program].loadsCheckpoint || calls[program].contains { resolved in
                guard let target = resolved.target else { return false }
                return factsByPath[target.file]?.loadingFunctions.contains(target.function) ?? false
            }
            visitedBy[program] = program
            var queue = [program]
            while let next = queue.popLast() {
                reachable[next] = true
                if !loads { reachedByFreshPrograms[next] = true }
                for target in imports[next] where visitedBy[target] != program {
                    visitedBy[target] = program
                    queue.append(target)
                }
            }
        }
        for (i, path) in paths.enumerated() where !tests[i] {
            guard !facts[i].uses.isEmpty, let file = project.index.file(at: path) else { continue }
            let isLibrary = !reachable[i]
            // Initialisation is overwritten when every program running the file loads a checkpoint.
            let initialisationMatters = isLibrary || reachedByFreshPrograms[i]
            var reported = Set<Int>()
            let uses = facts[i].uses.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
            for use in uses where !seeded[i].contains(catalogue.frameworks[use.framework]) {
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
    private func seedingFunctions(paths: [String], facts: [RandomnessFacts],
                                  calls: [[(call: RandomnessFacts.Call, target: ProjectFunctionResolver.Target?)]])
        -> [String: [String: FrameworkSet]] {
        var result: [String: [String: FrameworkSet]] = [:]
        for (path, f) in zip(paths, facts) { result[path] = f.functionSeeds }
        var edges: [(caller: (String, String), callee: (String, String))] = []
        for (path, fileCalls) in zip(paths, calls) {
            for (call, target) in fileCalls {
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
