import MLAuditCore
import MLAuditParsers

/// What one Python file or notebook tells RND001 about randomness: where it first
/// uses each framework's global generator, what it seeds, and the project
/// functions and modules through which seeding may reach it.
struct RandomnessFacts: Sendable {
    static let key = "randomness"

    struct Use: Sendable {
        var framework: Int
        var line: Int
        var column: Int
        var cell: Int?
        var api: String
        /// Outside any function: runs whenever the file runs or is imported.
        var atModuleLevel: Bool
    }

    /// A call that may run a project function: its qualified name (relative names
    /// keep their dots) and the top-level function of this file it sits in.
    struct Call: Sendable, Hashable {
        var name: String
        var inFunction: String?
        /// Outside any function or method.
        var atModuleLevel: Bool
        /// At module level before any `if __name__ == "__main__":` guard: runs on import.
        var atImport: Bool
    }

    struct Import: Sendable, Hashable {
        var module: String
        var level: Int
        var name: String?
    }

    /// The first use of each framework, and its first use at module level when that
    /// comes later, in source order.
    var uses: [Use] = []
    /// Frameworks seeded anywhere in the file by known seeding calls.
    var seeds = FrameworkSet()
    /// Frameworks seeded by known calls that run when the module is imported.
    var moduleLevelSeeds = FrameworkSet()
    /// Top-level function name → frameworks its body seeds with known calls.
    var functionSeeds: [String: FrameworkSet] = [:]
    var calls: Set<Call> = []
    var imports: [Import] = []
    /// Runs as a program: a notebook, `__main__.py`, or a file with a `__main__` guard.
    var isEntryPoint = false

    init() {}

    init(source: PythonSource, file: FileContext, catalogue: RandomnessCatalogue = .shared) {
        let summary = source.summary
        isEntryPoint = source.isNotebook || RelativePath.name(of: file.relativePath) == "__main__.py"
            || Self.hasMainGuard(source)
        imports = source.imports.map { Import(module: $0.module, level: $0.level, name: $0.name) }
        let importedNames = Set(source.imports.compactMap(\.boundName))
        let topLevelFunctions = NameSet(summary.functions.filter { !$0.isMethod && !$0.isNested }.map(\.name))
        let mainGuard = Self.mainGuardOffset(source)

        for call in summary.calls {
            let name = call.qualifiedName
            let concerns = catalogue.mayConcern(name)
            let seeded = concerns ? catalogue.seededFrameworks(by: name) : FrameworkSet()
            // Where a call sits is looked up only for the calls kept below.
            func place() -> (function: PythonFunction?, top: String?) {
                let function = summary.enclosingFunction(ofByte: call.range.lowerBound)
                return (function, function.flatMap { f in Self.topLevel(f, in: summary) })
            }
            if !seeded.isEmpty {
                let (function, topFunction) = place()
                seeds.formUnion(seeded)
                if function == nil && call.range.lowerBound < mainGuard { moduleLevelSeeds.formUnion(seeded) }
                if let topFunction { functionSeeds[topFunction, default: FrameworkSet()].formUnion(seeded) }
                continue
            }
            if concerns, let index = Self.framework(usedBy: call, catalogue) {
                let atModuleLevel = place().function == nil
                let known = uses.filter { $0.framework == index }
                if known.isEmpty || (atModuleLevel && !known.contains(where: \.atModuleLevel)) {
                    let position = file.position(ofByte: source.fileOffset(ofByte: call.range.lowerBound))
                    uses.append(Use(framework: index, line: position.line, column: position.column,
                                    cell: source.cell(ofByte: call.range.lowerBound), api: call.callee, atModuleLevel: atModuleLevel))
                }
                continue
            }
            // Calls that may reach a project function: local functions and imported names.
            let callee = call.callee.utf8
            let headEnd = callee.firstIndex { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "(") } ?? callee.endIndex
            if call.isImported || (headEnd == callee.endIndex && topLevelFunctions.contains(call.callee))
                || (catalogue.helperNames.contains(DottedName.last(call.callee)) && !importedNames.contains(String(call.callee[..<headEnd]))) {
                let (function, topFunction) = place()
                calls.insert(Call(name: name, inFunction: topFunction, atModuleLevel: function == nil,
                                  atImport: function == nil && call.range.lowerBound < mainGuard))
            }
        }
    }

    /// The outermost function holding `f` (a nested function's seeds are its parent's);
    /// nil for methods, which are not called by bare name.
    static func topLevel(_ f: PythonFunction, in summary: PythonCallSummary) -> String? {
        var outer = f
        while let parent = outer.parent { outer = summary.functions[parent] }
        return outer.isMethod ? nil : outer.name
    }

    static func hasMainGuard(_ source: PythonSource) -> Bool {
        source.summary.strings.contains { $0.value == "__main__" }
    }

    /// Where a module-level `if __name__ == "__main__":` starts (the end of the code when none).
    static func mainGuardOffset(_ source: PythonSource) -> Int {
        for site in source.summary.strings where site.value == "__main__" && source.summary.enclosingFunction(ofByte: site.range.lowerBound) == nil {
            var start = site.range.lowerBound
            while start > 0, source.bytes[start - 1] != 0x0A { start -= 1 }
            if source.bytes[start...].starts(with: "if ".utf8) { return start }
        }
        return Int.max
    }

    /// The framework whose global generator a call draws from, if any.
    static func framework(usedBy call: PythonCall, _ catalogue: RandomnessCatalogue) -> Int? {
        let name = call.qualifiedName
        for (i, f) in catalogue.frameworks.enumerated() {
            if f.notUses.matches(name) { continue }
            if f.uses.matches(name) { return i }
            for use in f.conditionalUses where use.call.matches(name) && !use.except.matches(name) {
                if call.hasStarredArguments { continue }
                if let condition = use.whenTrue {
                    let argument = condition.position.flatMap { call.argument($0, or: condition.keyword) } ?? call.argument(condition.keyword)
                    guard argument?.value == .bool(true) else { continue }
                }
                if use.unlessKeywords.contains(where: { k in call.argument(k).map { $0.value != .none } ?? false }) { continue }
                if let p = use.unlessPosition, call.positional.count > p { continue }
                return i
            }
        }
        return nil
    }
}

/// Publishes each Python file's randomness facts for the project-wide RND001 check.
struct RandomnessFactsRule: FileRule {
    let ruleIDs = ["RND001"]
    func applies(to kind: FileKind) -> Bool { kind == .python || kind == .notebook }

    func check(_ file: FileContext) {
        guard let source = file.python else { return }
        file.publish(RandomnessFacts.key, RandomnessFacts(source: source, file: file))
    }
}
