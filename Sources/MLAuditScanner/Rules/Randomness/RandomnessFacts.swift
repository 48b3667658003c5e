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
        /// Initialises weights: a `torch.nn.init` initialiser, or a draw inside `__init__`,
        /// `reset_parameters` or an `init_weights`-style method, which a loaded checkpoint overwrites.
        var isInitialisation = false
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
        /// Applied as a decorator (`@singleton("key")`): it wraps a definition, it does no work of its own.
        var isDecorator = false
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
    /// Distinct calls, in source order.
    var calls: [Call] = []
    var imports: [Import] = []
    /// Runs as a program: a notebook, `__main__.py`, or a file with a `__main__` guard.
    var isEntryPoint = false
    /// Loads trained weights (`load_state_dict`, `from_pretrained`, `torch.load`, …), which replace
    /// whatever the model was initialised with.
    var loadsCheckpoint = false
    /// Top-level functions the file defines (a name it only imports may be re-exported).
    var definedFunctions: Set<String> = []
    /// Top-level functions whose body loads trained weights (`clip.load`).
    var loadingFunctions: Set<String> = []
    /// Loads weights outside any function, or in the `__main__` block.
    var loadsAtTopLevel = false

    /// Methods whose draws initialise parameters.
    static let initialisingMethods: Set<String> = ["reset_parameters", "_reset_parameters", "init_weights",
                                                   "_init_weights", "initialize_weights", "_initialize_weights",
                                                   "weights_init", "init_params", "_init_params", "_init_parameters",
                                                   "init_parameters", "initialize_parameters"]
    /// Calls that load trained weights.
    static let checkpointLoaders: Set<String> = ["torch.load", "torch.jit.load", "safetensors.torch.load_file",
                                                 "safetensors.torch.load_model", "safetensors.safe_open"]
    static let checkpointMethods: Set<String> = ["load_state_dict", "from_pretrained", "load_checkpoint", "load_from_checkpoint",
                                                 "load_weights", "load_model"]
    /// Keywords that hand a builder the weights to load (`build_sam(checkpoint=…)`).
    static let checkpointKeywords: Set<String> = ["checkpoint", "checkpoint_path", "ckpt", "ckpt_path", "pretrained_model_name_or_path"]

    private static let loaderNames = NameSet(checkpointLoaders)
    private static let methodNames = NameSet(checkpointMethods)
    private static let keywordNames = NameSet(checkpointKeywords)
    private static let exporterNames = NameSet(exporters)

    static func loadsWeights(_ call: PythonCall) -> Bool {
        loaderNames.contains(call.qualifiedName) || methodNames.contains(DottedName.last(call.callee))
            || call.arguments.contains { $0.keyword.map { keywordNames.contains($0) } ?? false }
    }

    /// A plain name starting with a capital letter: what constructing a class of the file looks like.
    static func mayNameClass(_ callee: String) -> Bool {
        guard let first = callee.utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { return false }
        return !callee.utf8.contains(UInt8(ascii: "."))
    }

    /// Calls that export or trace a model: the tensors handed to them are example inputs.
    static let exporters: Set<String> = ["torch.onnx.export", "torch.onnx.dynamo_export", "torch.jit.trace", "torch.jit.trace_module",
                                         "torch.export.export", "torch.fx.symbolic_trace", "torch.compile"]

    init() {}

    init(source: PythonSource, file: FileContext, catalogue: RandomnessCatalogue = .shared) {
        let summary = source.summary
        isEntryPoint = source.isNotebook || RelativePath.name(of: file.relativePath) == "__main__.py"
            || Self.hasMainGuard(source)
        imports = source.imports.map { Import(module: $0.module, level: $0.level, name: $0.name) }
        let importedNames = Set(source.imports.compactMap(\.boundName))
        let topLevelNames = summary.functions.filter { !$0.isMethod && !$0.isNested }.map(\.name)
        definedFunctions = Set(topLevelNames)
        let topLevelFunctions = NameSet(topLevelNames)
        let mainGuard = Self.mainGuardOffset(source)
        // A package module's `__main__` block that neither parses arguments nor calls the module's
        // own functions is a demonstration of the module: it is not a program, and what it does is
        // left out (it would pull the whole package in as if run).
        let isDemo = mainGuard != Int.max && !source.isNotebook
            && (Self.isLibraryModule(source, path: file.relativePath, before: mainGuard) || Self.mainBlockOnlyPrints(summary, after: mainGuard))
            && !Self.mainBlockRunsProgram(summary, after: mainGuard, functions: definedFunctions)
        if isDemo { isEntryPoint = false }
        let exports = summary.calls.contains { Self.exporterNames.contains($0.qualifiedName) }
        let torchIndex = catalogue.frameworks.firstIndex { $0.id == "torch" }
        // The file's classes and their bases, read when a call could construct one of them.
        var classBases: [String: [String]]?
        // Whether the file only times code on made-up inputs; worked out at its first draw.
        var timesWithoutTraining: Bool?
        var seenCalls = Set<Call>()
        for offset in LocalClasses.subscriptCalls(source, keywords: Self.checkpointKeywords) where !(isDemo && offset >= mainGuard) {
            loadsCheckpoint = true
            if let top = summary.enclosingFunction(ofByte: offset).flatMap({ Self.topLevel($0, in: summary) }) {
                loadingFunctions.insert(top)
            } else {
                loadsAtTopLevel = true
            }
        }

        for call in summary.calls {
            if isDemo && call.range.lowerBound >= mainGuard { continue }
            let name = call.qualifiedName
            if Self.loadsWeights(call) {
                loadsCheckpoint = true
                if let top = place().top { loadingFunctions.insert(top) } else { loadsAtTopLevel = true }
            }
            let concerns = catalogue.mayConcern(name)
            var seeded = concerns ? catalogue.seededFrameworks(by: name) : FrameworkSet()
            // A class of the file derived from a class that seeds when constructed (a trainer) seeds too.
            if seeded.isEmpty, Self.mayNameClass(call.callee) {
                if classBases == nil { classBases = LocalClasses.bases(source) }
                for written in classBases?[call.callee] ?? [] {
                    let base = LocalClasses.qualify(written, source.imports)
                    if catalogue.mayConcern(base) { seeded.formUnion(catalogue.seededFrameworks(by: base)) }
                }
            }
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
                // Random tensors handed to an exporter or tracer are example inputs, not data.
                if exports && index == torchIndex { continue }
                let function = place().function
                let atModuleLevel = function == nil
                let isInitialisation = name.hasPrefix("torch.nn.init.")
                    || Self.enclosingMethods(function, in: summary).contains { Self.initialisingMethods.contains($0) }
                    || summary.calls.contains { outer in
                        let last = DottedName.last(outer.callee)
                        return (last == "Parameter" || last == "register_buffer") && outer.range.lowerBound < call.range.lowerBound
                            && outer.range.upperBound >= call.range.upperBound
                    }
                // `generator.manual_seed(random.randint(…))`: choosing a seed (RND003's concern), not drawing data.
                if summary.calls.contains(where: { outer in
                    let last = DottedName.last(outer.callee)
                    return (last == "manual_seed" || last == "seed" || outer.qualifiedName == "time.sleep")
                        && outer.range.lowerBound < call.range.lowerBound
                        && outer.range.upperBound >= call.range.upperBound
                }) { continue }
                // `seed = random.randint(…)`: picking the seed a later seeding call takes.
                if summary.assignments.contains(where: { $0.range.contains(call.range.lowerBound) && Self.namesSeed($0.target) }) { continue }
                if timesWithoutTraining == nil { timesWithoutTraining = Self.timesWithoutTraining(summary) }
                if timesWithoutTraining == true { continue }
                let known = uses.filter { $0.framework == index && $0.isInitialisation == isInitialisation }
                if known.isEmpty || (atModuleLevel && !known.contains(where: \.atModuleLevel)) {
                    let position = file.position(ofByte: source.fileOffset(ofByte: call.range.lowerBound))
                    uses.append(Use(framework: index, line: position.line, column: position.column,
                                    cell: source.cell(ofByte: call.range.lowerBound), api: call.callee, atModuleLevel: atModuleLevel,
                                    isInitialisation: isInitialisation))
                }
                continue
            }
            // Calls that may reach a project function: local functions and imported names.
            let callee = call.callee.utf8
            let headEnd = callee.firstIndex { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "(") } ?? callee.endIndex
            if call.isImported || (headEnd == callee.endIndex && topLevelFunctions.contains(call.callee))
                || (catalogue.helperNames.contains(DottedName.last(call.callee)) && !importedNames.contains(String(call.callee[..<headEnd]))) {
                let (function, topFunction) = place()
                let recorded = Call(name: name, inFunction: topFunction, atModuleLevel: function == nil,
                                    atImport: function == nil && call.range.lowerBound < mainGuard,
                                    isDecorator: Self.isDecorator(call, source.bytes))
                if seenCalls.insert(recorded).inserted { calls.append(recorded) }
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

    /// Names of the methods enclosing a function, innermost first (the function itself included when a method).
    static func enclosingMethods(_ function: PythonFunction?, in summary: PythonCallSummary) -> [String] {
        var names: [String] = []
        var current = function
        while let f = current {
            if f.isMethod { names.append(f.name) }
            current = f.parent.map { summary.functions[$0] }
        }
        return names
    }

    /// A module written as a library: it imports the package it lives in, or defines classes
    /// (methods before `offset`) that its `__main__` block only exercises.
    static func isLibraryModule(_ source: PythonSource, path: String, before offset: Int) -> Bool {
        importsOwnPackage(source, path: path) || source.summary.functions.contains { $0.isMethod && $0.range.lowerBound < offset }
    }

    /// Whether the file imports the package it lives in: a relative import, or an absolute
    /// import whose first name is one of the directories above the file.
    static func importsOwnPackage(_ source: PythonSource, path: String) -> Bool {
        let directories = Set(path.split(separator: "/").dropLast().map(String.init))
        guard !directories.isEmpty else { return false }
        return source.imports.contains { item in
            item.level > 0 || (item.module.contains(".") && directories.contains(String(item.module.prefix { $0 != "." })))
        }
    }

    /// Whether a `__main__` block runs the module as a program: it calls one of the file's
    /// top-level functions (`main()`) or reads command-line arguments.
    static func mainBlockRunsProgram(_ summary: PythonCallSummary, after offset: Int, functions: Set<String>) -> Bool {
        let before = Set(summary.functions.filter { !$0.isMethod && !$0.isNested && $0.range.lowerBound < offset }.map(\.name))
            .intersection(functions)
        // An entry function by its name (`main()`, `run()`, `train_model()`); calling other functions
        // of the module (`degrade(img)`) is what a demonstration does.
        func isEntry(_ name: String) -> Bool {
            let lower = name.lowercased().drop { $0 == "_" }
            return ["main", "run", "train", "cli", "app", "launch", "entry", "start", "evaluate", "eval", "finetune", "fit"]
                .contains { lower == $0 || lower.hasPrefix($0 + "_") }
        }
        return summary.calls.contains { call in
            guard call.range.lowerBound >= offset else { return false }
            if before.contains(call.callee) && isEntry(call.callee) { return true }
            // `mp.spawn(run_worker, …)`: a function of the module handed to a launcher.
            if call.positional.contains(where: { if case .name(let n) = $0.value { return before.contains(n) && isEntry(n) }; return false }) { return true }
            let name = call.qualifiedName
            return name.hasPrefix("argparse.") || name.hasPrefix("fire.") || name.hasPrefix("typer.") || name.hasPrefix("click.")
                || name.hasPrefix("hydra.") || name.hasPrefix("absl.") || DottedName.last(call.callee) == "parse_args"
                || name.hasPrefix("jsonargparse.") || name.hasPrefix("tyro.") || name.hasPrefix("lightning.pytorch.cli.")
        }
    }

    /// A `__main__` block that calls nothing but `print`: it runs nothing of the module.
    static func mainBlockOnlyPrints(_ summary: PythonCallSummary, after offset: Int) -> Bool {
        !summary.calls.contains { $0.range.lowerBound >= offset && $0.callee != "print" }
    }

    static func namesSeed(_ target: String) -> Bool {
        DottedName.last(target).lowercased().contains("seed")
    }

    /// Clocks a timing run reads.
    static let clocks: Set<String> = ["time.time", "time.perf_counter", "time.perf_counter_ns", "time.monotonic", "time.time_ns",
                                      "timeit.timeit", "timeit.repeat", "timeit.default_timer", "torch.utils.benchmark.Timer",
                                      "triton.testing.do_bench"]
    /// Calls that only training makes.
    static let trainingCalls: Set<String> = ["backward", "zero_grad", "fit", "training_step", "train_step", "train_epoch", "train_one_epoch"]

    /// The file times code and trains nothing: what it draws is made-up input for the
    /// timing (a speed or caching benchmark), and reaches no result.
    static func timesWithoutTraining(_ summary: PythonCallSummary) -> Bool {
        let times = summary.calls.contains { call in
            clocks.contains(call.qualifiedName)
                || (call.qualifiedName == "torch.cuda.Event" && call.argument("enable_timing")?.value == .bool(true))
        }
        guard times else { return false }
        return !summary.calls.contains { call in
            let last = DottedName.last(call.callee)
            return trainingCalls.contains(String(last)) || last.hasSuffix("Trainer") || call.qualifiedName.hasPrefix("torch.optim.")
        }
    }

    /// Whether `@` comes right before the call (spaces aside).
    static func isDecorator(_ call: PythonCall, _ bytes: [UInt8]) -> Bool {
        var i = call.range.lowerBound - 1
        while i >= 0, bytes[i] == 0x20 || bytes[i] == 0x09 { i -= 1 }
        return i >= 0 && bytes[i] == UInt8(ascii: "@")
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
        // `torch.randn(…, generator=g)`: the call draws from its own generator.
        if let generator = call.argument("generator"), generator.value != .none { return nil }
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
    func applies(to kind: FileKind) -> Bool { kind == .python || kind == .setupPy || kind == .notebook }

    func check(_ file: FileContext) {
        guard let source = file.python else { return }
        file.publish(RandomnessFacts.key, RandomnessFacts(source: source, file: file))
    }
}
