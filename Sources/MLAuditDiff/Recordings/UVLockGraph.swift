import TOMLKit

/// Which packages of a `uv.lock` `uv sync` installs: those reached from the project
/// (the editable or virtual root) through `dependencies` whose markers hold, and the
/// `dev` group; an extra's dependencies only when a dependency edge asks for that extra.
/// The project's own optional dependencies are not requested. A package no edge names
/// at all (a lock written by hand, without the graph) is kept.
struct UVLockGraph {
    let tables: [TOMLTable?]
    let context: ReadContext

    /// Indices of installed packages; nil when the lock has no project root to start from.
    func installed() -> Set<Int>? {
        var byName: [String: [Int]] = [:]
        var roots: [Int] = []
        for (index, table) in tables.enumerated() {
            guard let table, let name = table["name"]?.string else { continue }
            byName[PackageName.normalized(name), default: []].append(index)
            let source = table["source"]?.table
            if source?["virtual"] != nil || source?["editable"] != nil { roots.append(index) }
        }
        guard !roots.isEmpty else { return nil }
        var reached: Set<Int> = []
        var extrasDone: [Int: Set<String>] = [:]
        var queue: [(Int, [String])] = roots.map { ($0, []) }
        var isRoot = Set(roots)
        while let (index, extras) = queue.popLast() {
            guard let table = tables[index] else { continue }
            var edges: [any TOMLValueConvertible] = []
            if reached.insert(index).inserted {
                edges += table["dependencies"]?.array.map(Array.init) ?? []
                if isRoot.contains(index), let dev = table["dev-dependencies"]?.table?["dev"]?.array { edges += Array(dev) }
            }
            let optional = table["optional-dependencies"]?.table
            for extra in extras where extrasDone[index, default: []].insert(extra).inserted {
                edges += optional?[extra]?.array.map(Array.init) ?? []
            }
            for edge in edges {
                guard let dependency = edge.table, let name = dependency["name"]?.string else { continue }
                if let marker = dependency["marker"]?.string, !MarkerEvaluator.isSatisfied(marker, context: context) { continue }
                let candidates = byName[PackageName.normalized(name)] ?? []
                let version = dependency["version"]?.string
                let targets = version.map { wanted in candidates.filter { tables[$0]?["version"]?.string == wanted } } ?? candidates
                let wantedExtras = dependency["extra"]?.array?.compactMap(\.string) ?? []
                for target in targets { queue.append((target, wantedExtras)) }
            }
            isRoot.remove(index)
        }
        var referenced: Set<Int> = []
        for table in tables {
            guard let table else { continue }
            var lists: [TOMLArray] = [table["dependencies"]?.array].compactMap { $0 }
            for key in ["optional-dependencies", "dev-dependencies"] {
                if let groups = table[key]?.table { lists += groups.keys.compactMap { groups[$0]?.array } }
            }
            for edge in lists.joined() {
                if let name = edge.table?["name"]?.string { referenced.formUnion(byName[PackageName.normalized(name)] ?? []) }
            }
        }
        return reached.union(Set(tables.indices).subtracting(referenced))
    }
}
