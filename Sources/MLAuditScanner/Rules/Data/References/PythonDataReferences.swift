import MLAuditCore
import MLAuditParsers

/// Finds the data files a Python file or notebook reads: path arguments of known
/// readers (literals, joins of literals, module constants, f-string prefixes) and any
/// other literal relative path with a data extension that the code does not only write.
final class PythonDataReferences {
    let source: PythonSource
    let catalogue: DataFileCatalogue
    private(set) var references: [DataReference] = []
    private(set) var configurationPaths: [String] = []
    /// Paths the file itself creates (saved, written, downloaded), and folders it fills.
    private(set) var producedFiles: Set<String> = []
    private(set) var producedDirectories: Set<String> = []
    private var builtAssignedLiterals: [String: [String]]?
    private var builtArgumentStarts: Set<Int>?
    /// String tokens (by start offset) already accounted for: read, written, or part of a join.
    private var handled: Set<Int> = []
    private let positionOf: (Int) -> (line: Int, column: Int)
    private var builtEvaluator: LiteralPathEvaluator?
    private var builtConstants: [String: (String, Int)]?

    static let configurationExtensions: Set<String> = ["yaml", "yml", "json"]
    static let configurationExtensionBytes: Set<[UInt8]> = Set(configurationExtensions.map { Array($0.utf8) })

    init(source: PythonSource, catalogue: DataFileCatalogue = .shared, position: @escaping (Int) -> (line: Int, column: Int)) {
        self.source = source
        self.catalogue = catalogue
        self.positionOf = position
    }

    /// Built on first use: most files read no data and never need it.
    private var evaluator: LiteralPathEvaluator {
        if let builtEvaluator { return builtEvaluator }
        let evaluator = LiteralPathEvaluator(source)
        builtEvaluator = evaluator
        return evaluator
    }

    private var constants: [String: (String, Int)] {
        if let builtConstants { return builtConstants }
        let constants = moduleConstants()
        builtConstants = constants
        return constants
    }

    func extract() {
        var writtenNames: [String: Int] = [:]
        // Calls whose name arguments count as other uses; counted only when a written name needs it.
        var otherUseCalls: [Int] = []
        var writerRanges: [Range<Int>] = []
        var openJoins: [Range<Int>] = []
        let calls = source.calls

        for (callIndex, call) in calls.enumerated() {
            let last = Self.lastComponent(call.callee)
            if LiteralPathEvaluator.isJoin(call) {
                let allLiteral = call.positional.count == call.arguments.count && call.positional.allSatisfy { $0.value.stringValue != nil }
                if allLiteral, let literal = evaluator.evaluate(call.range) {
                    // Read or not, the joined literals are one path; a reader's turn comes below.
                    joinedLiterals.append((call, literal))
                } else {
                    openJoins.append(call.range)
                }
            }
            if let reader = reader(for: call) {
                switch openMode(call, reader) {
                case .write:
                    writerRanges.append(call.range)
                    countNames(call, into: &writtenNames)
                    if let argument = call.argument(reader.path.index, or: reader.path.keyword) {
                        producedFiles.formUnion(paths(of: argument))
                    }
                    continue
                case .unknown:
                    handleArgumentTokens(call)
                    continue
                case .read:
                    break
                }
                otherUseCalls.append(callIndex)
                guard let argument = call.argument(reader.path.index, or: reader.path.keyword) else { continue }
                readArgument(argument, use: "read by `\(call.callee)`")
            } else if let inner = pathReaderTarget(call, last: last) {
                guard let argument = inner.argument(0, or: "path") else { continue }
                readArgument(argument, use: "read by `\(call.callee)`")
            } else if catalogue.writers.contains(last) {
                writerRanges.append(call.range)
                countNames(call, into: &writtenNames)
                if catalogue.fileProducers.contains(last) {
                    for argument in call.arguments {
                        for path in paths(of: argument) {
                            producedFiles.insert(path)
                            // `np.save("a", x)` writes `a.npy`, `np.savez("b", …)` writes `b.npz`.
                            if DataFileCatalogue.extensions(of: path).isEmpty, let implied = Self.impliedExtensions[last] {
                                producedFiles.insert(path + "." + implied)
                            }
                        }
                    }
                } else if catalogue.directoryProducers.contains(last) {
                    for argument in call.arguments { producedDirectories.formUnion(paths(of: argument)) }
                }
            } else {
                otherUseCalls.append(callIndex)
            }
        }

        // Joins of literals outside readers: a data path if the joined path has a data extension.
        for (call, literal) in joinedLiterals where !handled.contains(literal.offset) {
            handled.formUnion(literal.tokenStarts)
            noteConfiguration(literal.path)
            if writerRanges.contains(where: { $0.contains(call.range.lowerBound) }) { continue }
            if catalogue.dataExtension(of: literal.path) != nil, Self.isPlainRelativePath(literal.path), !isOutputContext(literal.offset) {
                add(literal, use: "a data file path in code")
            }
        }

        var builtOtherNameUses: [String: Int]?
        func otherNameUses(_ name: String) -> Int {
            if builtOtherNameUses == nil {
                var counts: [String: Int] = [:]
                for i in otherUseCalls { countNames(calls[i], into: &counts) }
                builtOtherNameUses = counts
            }
            return builtOtherNameUses?[name] ?? 0
        }

        // Literals anywhere else that name data files.
        for site in source.summary.strings where !site.isBytes && !handled.contains(site.range.lowerBound) {
            var literal: LiteralPath
            var use = "a data file path in code"
            if site.isFormatted {
                guard source.bytes[site.range].contains(UInt8(ascii: "/")), let token = PythonStringLiteral(PythonToken(kind: .string, start: site.range.lowerBound, end: site.range.upperBound), in: source.bytes),
                      let tail = formattedTail(token), catalogue.dataExtension(of: tail) != nil,
                      let prefix = LiteralPathEvaluator.formattedPrefix(token, source.bytes), prefix.utf8.contains(UInt8(ascii: "/")),
                      let evaluated = evaluator.evaluate(site.range), Self.isPlainRelativePath(evaluated.path) else { continue }
                literal = evaluated
                use = "where code builds data file paths"
            } else {
                guard let value = site.value, catalogue.mayNameDataFile(value, extra: Self.configurationExtensionBytes) else { continue }
                noteConfiguration(value)
                // `default="model.pt"` of `--save`, `output_file = "preds.csv"`: what the project writes.
                if catalogue.dataExtension(of: value) != nil, Self.isPlainRelativePath(value), isOutputContext(site.range.lowerBound) {
                    producedFiles.insert(Self.normalized(value))
                    continue
                }
                // A bare file name is usually joined to a directory chosen at run time (a checkpoint
                // folder, a temporary directory): only paths with a directory part are read as they stand.
                guard value.utf8.contains(UInt8(ascii: "/")), catalogue.dataExtension(of: value) != nil, Self.isPlainRelativePath(value) else { continue }
                if isContinuation(site.range.lowerBound) || isDocstring(site.range.lowerBound) { continue }
                if let directory = value.split(separator: "/").dropLast().first, catalogue.isOutputName(String(directory)) { continue }
                if let name = assignedName(site.range.lowerBound), (writtenNames[name] ?? 0) > 0, otherNameUses(name) == 0 { continue }
                literal = LiteralPath(path: value, kind: .file, offset: site.range.lowerBound, tokenStarts: [site.range.lowerBound])
            }
            if writerRanges.contains(where: { $0.contains(site.range.lowerBound) }) { continue }
            // A join with a run-time part names a path relative to something unknown.
            if openJoins.contains(where: { $0.contains(site.range.lowerBound) }) { continue }
            if isOutputContext(site.range.lowerBound) {
                producedFiles.insert(Self.normalized(literal.path))
                continue
            }
            if isRemoteContext(site.range.lowerBound) || isTableEntry(site.range.lowerBound) || isLaterPiece(site.range.lowerBound) { continue }
            add(literal, use: use)
        }
        dropProduced()
    }

    /// Forgets the reads of what the file creates itself (`torch.save(m, "model.pt")` before
    /// `torch.load("model.pt")`, a download to `data/x.csv`, an archive extracted into `data/`).
    private func dropProduced() {
        guard !producedFiles.isEmpty || !producedDirectories.isEmpty else { return }
        producedFiles = Set(producedFiles.map(Self.normalized))
        producedDirectories = Set(producedDirectories.map(Self.normalized))
        references.removeAll { reference in
            let path = Self.normalized(reference.path)
            return producedFiles.contains(path) || Self.isInside(path, producedDirectories)
        }
    }

    /// `./data//x.csv` → `data/x.csv`.
    static func normalized(_ path: String) -> String {
        var parts = path.split(separator: "/").filter { $0 != "." }
        while parts.last == "" { parts.removeLast() }
        return parts.joined(separator: "/")
    }

    static func isInside(_ path: String, _ directories: Set<String>) -> Bool {
        var current = Substring(path)
        while let slash = current.lastIndex(of: "/") {
            current = current[..<slash]
            if directories.contains(String(current)) { return true }
        }
        return false
    }

    /// The literal paths an argument may name: a literal, a join of literals, or a name
    /// bound to a literal somewhere in the file.
    private func paths(of argument: PythonArgument) -> [String] {
        switch argument.value {
        case .string(let s): return Self.isPlainRelativePath(s) ? [s] : []
        case .name(let n): return (assignedLiterals[n] ?? []).filter(Self.isPlainRelativePath)
        default:
            guard let literal = evaluator.evaluate(argument), Self.isPlainRelativePath(literal.path) else { return [] }
            return [literal.path]
        }
    }

    /// Every name (not attribute) assigned a statement whose first literal is a path:
    /// `path = "x.csv"`, `tarball = Path("data/housing.tgz")`, in any scope.
    private var assignedLiterals: [String: [String]] {
        if let builtAssignedLiterals { return builtAssignedLiterals }
        var result: [String: [String]] = [:]
        let strings = source.summary.strings
        for assignment in source.summary.assignments where !assignment.target.utf8.contains(UInt8(ascii: ".")) && assignment.key == nil {
            if let s = assignment.value.stringValue {
                result[assignment.target, default: []].append(s)
                continue
            }
            var lo = 0
            var hi = strings.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if strings[mid].range.lowerBound < assignment.range.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            if lo < strings.count, assignment.range.contains(strings[lo].range.lowerBound), let value = strings[lo].value {
                result[assignment.target, default: []].append(value)
            }
        }
        builtAssignedLiterals = result
        return result
    }

    /// Start offsets of every positional argument of every call.
    private var argumentStarts: Set<Int> {
        if let builtArgumentStarts { return builtArgumentStarts }
        var starts = Set<Int>()
        for call in source.calls {
            for argument in call.arguments where argument.keyword == nil { starts.insert(argument.range.lowerBound) }
        }
        builtArgumentStarts = starts
        return starts
    }

    /// An element of a list, tuple, set or dict display (not a call's argument): a table
    /// of paths (a dataset catalogue, demo examples, a checkpoint list) whose base the code
    /// that uses the table decides, often a data root or a URL prefix chosen at run time.
    private func isTableEntry(_ offset: Int) -> Bool {
        if let context = brackets.context(ofStringAt: offset) {
            // A record inside a table: `[Info(name="a", path="x/a.json"), ...]`, or an
            // argument of a call given a repository or a root (`repo_id, filename="x.bin"`).
            if context.isCallArgument && (context.callIsInDisplay || context.callNamesRemoteOrRoot) { return true }
        }
        if argumentStarts.contains(offset) { return false }
        guard let previous = evaluator.previousTokens(ofTokenAt: offset, count: 1).first, previous.kind == .op,
              previous.end - previous.start == 1 else { return false }
        switch source.bytes[previous.start] {
        case UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): return true
        case UInt8(ascii: ":"):
            // `{"ckpt": "models/x.ckpt"}` is a record of settings; `{"R-50": "ImageNet/R-50.pkl"}`
            // (a key that is no identifier) is a catalogue of names and paths.
            guard let key = assignedName(offset) else { return true }
            return !key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        default: return false
        }
    }

    private var builtBrackets: BracketContexts?
    private var brackets: BracketContexts {
        if let builtBrackets { return builtBrackets }
        let built = BracketContexts(source, catalogue: catalogue)
        builtBrackets = built
        return built
    }

    /// A later piece of implicitly concatenated literals (`"https://host/" "dir/x.npy"`):
    /// the path is the whole, which starts with the first piece.
    private func isLaterPiece(_ offset: Int) -> Bool {
        evaluator.previousTokens(ofTokenAt: offset, count: 1).first?.kind == .string
    }

    /// The literal is given to a name or keyword that says it is remote (`hf_hub="org/x/model.bin"`).
    private func isRemoteContext(_ offset: Int) -> Bool {
        guard let name = assignedName(offset) else { return false }
        return catalogue.isRemoteName(name)
    }

    private var joinedLiterals: [(PythonCall, LiteralPath)] = []

    /// Extensions numpy adds to a file name given without one.
    static let impliedExtensions: [String: String] = ["save": "npy", "savez": "npz", "savez_compressed": "npz"]

    static func lastComponent(_ callee: String) -> String {
        String(DottedName.last(callee))
    }

    // MARK: Readers

    private enum Mode { case read, write, unknown }

    private func reader(for call: PythonCall) -> DataReader? {
        if !call.isImported, call.callee != "open" { return nil }
        guard catalogue.mayRead(call.qualifiedName) else { return nil }
        return catalogue.reader(for: call.qualifiedName)
    }

    private func openMode(_ call: PythonCall, _ reader: DataReader) -> Mode {
        guard let place = reader.mode, let argument = call.argument(place.index, or: place.keyword) else { return .read }
        guard let mode = argument.value.stringValue else { return .unknown }
        return mode.contains(where: { catalogue.writeModes.contains($0) }) ? .write : .read
    }

    /// `Path("…").read_text()`: the `Path` call whose result is read.
    private func pathReaderTarget(_ call: PythonCall, last: String) -> PythonCall? {
        guard catalogue.pathReaders.contains(last), call.callee.endsWithBytes("()." + last) else { return nil }
        return source.calls.first { $0.range.lowerBound == call.range.lowerBound && $0.range != call.range && LiteralPathEvaluator.isPathBuilder($0) }
    }

    private func readArgument(_ argument: PythonArgument, use: String) {
        if case .name(let name) = argument.value {
            guard let (value, offset) = constants[name], !handled.contains(offset), Self.isPlainRelativePath(value) else { return }
            handled.insert(offset)
            add(LiteralPath(path: value, kind: .file, offset: offset, tokenStarts: [offset]), use: use)
            return
        }
        guard let literal = evaluator.evaluate(argument) else {
            handleTokens(in: argument.range)
            return
        }
        handled.formUnion(literal.tokenStarts)
        noteConfiguration(literal.path)
        guard Self.isPlainRelativePath(literal.path) else { return }
        add(literal, use: use)
    }

    private func handleArgumentTokens(_ call: PythonCall) {
        for argument in call.arguments { handleTokens(in: argument.range) }
    }

    private func handleTokens(in range: Range<Int>) {
        for site in source.summary.strings where range.contains(site.range.lowerBound) { handled.insert(site.range.lowerBound) }
    }

    private func countNames(_ call: PythonCall, into counts: inout [String: Int]) {
        for argument in call.arguments {
            if case .name(let name) = argument.value { counts[name, default: 0] += 1 }
        }
    }

    /// Words in a file name that make it configuration (API keys, settings), not data.
    static let configurationWords = ["config", "setting", "secret", "credential", "apikey", "api_key"]

    static func isConfigurationName(_ path: String) -> Bool {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        return configurationWords.contains { name.contains($0) }
    }

    private func add(_ literal: LiteralPath, use: String) {
        if literal.kind == .file, Self.isConfigurationName(literal.path) { return }
        let fileOffset = source.fileOffset(ofByte: literal.offset)
        let position = positionOf(fileOffset)
        references.append(DataReference(path: literal.path, kind: literal.kind, use: use, line: position.line, column: position.column,
                                        cell: source.cell(ofByte: literal.offset)))
    }

    private func noteConfiguration(_ path: String) {
        guard Self.isPlainRelativePath(path), let ext = DataFileCatalogue.extensions(of: path).last,
              Self.configurationExtensions.contains(ext) else { return }
        configurationPaths.append(path)
    }

    // MARK: Context of a literal

    /// Module-level names assigned exactly once, to a string literal (with the literal's offset).
    private func moduleConstants() -> [String: (String, Int)] {
        var counts: [String: Int] = [:]
        var values: [String: (String, Int)] = [:]
        let strings = source.summary.strings
        for assignment in source.summary.assignments where !assignment.target.utf8.contains(UInt8(ascii: ".")) && assignment.key == nil {
            counts[assignment.target, default: 0] += 1
            guard let s = assignment.value.stringValue, source.summary.enclosingFunction(ofByte: assignment.range.lowerBound) == nil else { continue }
            // The value is the first string literal inside the assignment (strings are in source order).
            var lo = 0
            var hi = strings.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if strings[mid].range.lowerBound < assignment.range.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            guard lo < strings.count, assignment.range.contains(strings[lo].range.lowerBound) else { continue }
            values[assignment.target] = (s, strings[lo].range.lowerBound)
        }
        return values.filter { counts[$0.key] == 1 }
    }

    /// `base + "x.csv"`, `root / "x.csv"`, `"%s.csv" % name`: the literal continues or is formatted by something else.
    private func isContinuation(_ offset: Int) -> Bool {
        let (previous, next) = evaluator.neighbours(ofTokenAt: offset)
        for token in [previous, next].compactMap({ $0 }) where token.kind == .op {
            let op = String(decoding: source.bytes[token.start..<token.end], as: UTF8.self)
            if ["+", "/", "%", "==", "!=", "in"].contains(op) { return true }
        }
        for token in [previous, next].compactMap({ $0 }) where token.kind == .name {
            let word = String(decoding: source.bytes[token.start..<token.end], as: UTF8.self)
            if word == "in" || word == "not" || word == "is" { return true }
        }
        if let next, next.kind == .op, source.bytes[next.start..<next.end].elementsEqual(".".utf8) { return true }  // "x.csv".format(…)
        return false
    }

    /// A string that is a whole statement: a docstring or a bare comment-like string.
    private func isDocstring(_ offset: Int) -> Bool {
        let (previous, next) = evaluator.neighbours(ofTokenAt: offset)
        let startsStatement = previous == nil || previous?.kind == .newline
            || (previous?.kind == .op && source.bytes[previous!.start..<previous!.end].elementsEqual(":".utf8) && next?.kind == .newline)
        return startsStatement && (next == nil || next?.kind == .newline)
    }

    /// The literal is given to a name, keyword or key that says it is written (`output_path = "…"`,
    /// or the default of a command-line option such as `--save` or `--dump_checkpoint`).
    private func isOutputContext(_ offset: Int) -> Bool {
        guard let name = assignedName(offset) else { return false }
        if catalogue.isOutputName(name) { return true }
        if name == "default", let option = optionName(ofDefaultAt: offset) { return catalogue.isOutputName(option) }
        return false
    }

    /// `parser.add_argument("--save", default="model.pt")`: `save` for the default's literal.
    private func optionName(ofDefaultAt offset: Int) -> String? {
        for call in source.calls where call.range.contains(offset) && Self.lastComponent(call.callee) == "add_argument" {
            guard let flag = call.positional.compactMap({ $0.value.stringValue }).last else { continue }
            return String(flag.drop { $0 == "-" })
        }
        return nil
    }

    private func assignedName(_ offset: Int) -> String? {
        var previous = evaluator.previousTokens(ofTokenAt: offset, count: 6)
        // `output=Path("onnx/model.onnx")`: the name of what the path is given to.
        if previous.count >= 3, previous[0].kind == .op, source.bytes[previous[0].start..<previous[0].end].elementsEqual("(".utf8),
           previous[1].kind == .name, source.bytes[previous[1].start..<previous[1].end].elementsEqual("Path".utf8) {
            previous.removeFirst(2)
        }
        return PythonPathSites.assignedName(previous, source.bytes)
    }

    /// The text of an f-string after its last replacement field.
    private func formattedTail(_ literal: PythonStringLiteral) -> String? {
        let content = source.bytes[literal.contentRange]
        guard let close = content.lastIndex(of: UInt8(ascii: "}")) else { return nil }
        return String(decoding: source.bytes[(close + 1)..<literal.contentRange.upperBound], as: UTF8.self)
    }

    /// A relative path without run-time parts: no URL, no absolute or home path, no glob
    /// or format characters, no whitespace.
    static let forbiddenBytes: Set<UInt8> = Set(":*?[]{}%$<>|\"'`\\".utf8)

    static func isPlainRelativePath(_ path: String) -> Bool {
        let utf8 = path.utf8
        guard let first = utf8.first, utf8.count < 512, first != UInt8(ascii: "/"), first != UInt8(ascii: "~"), first != UInt8(ascii: "-") else {
            return false
        }
        // No whitespace or control bytes, no URL, drive, glob or placeholder syntax.
        guard !utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || forbiddenBytes.contains($0) }) else { return false }
        // Placeholders of usage texts: `path/to/model.pt`, `your/data.csv`.
        if let slash = utf8.firstIndex(of: UInt8(ascii: "/")),
           PathClassifier.placeholderRoots.contains(String(decoding: utf8[..<slash], as: UTF8.self).lowercased()) {
            return false
        }
        return true
    }
}
