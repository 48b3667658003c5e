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
        var otherNameUses: [String: Int] = [:]
        var writerRanges: [Range<Int>] = []
        var openJoins: [Range<Int>] = []

        for call in source.calls {
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
                    continue
                case .unknown:
                    handleArgumentTokens(call)
                    continue
                case .read:
                    break
                }
                countNames(call, into: &otherNameUses)
                guard let argument = call.argument(reader.path.index, or: reader.path.keyword) else { continue }
                readArgument(argument, use: "read by `\(call.callee)`")
            } else if let inner = pathReaderTarget(call, last: last) {
                guard let argument = inner.argument(0, or: "path") else { continue }
                readArgument(argument, use: "read by `\(call.callee)`")
            } else if catalogue.writers.contains(last) {
                writerRanges.append(call.range)
                countNames(call, into: &writtenNames)
            } else {
                countNames(call, into: &otherNameUses)
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
                // A bare file name is usually joined to a directory chosen at run time (a checkpoint
                // folder, a temporary directory): only paths with a directory part are read as they stand.
                guard value.utf8.contains(UInt8(ascii: "/")), catalogue.dataExtension(of: value) != nil, Self.isPlainRelativePath(value) else { continue }
                if isContinuation(site.range.lowerBound) || isDocstring(site.range.lowerBound) { continue }
                if let directory = value.split(separator: "/").dropLast().first, catalogue.isOutputName(String(directory)) { continue }
                if let name = assignedName(site.range.lowerBound), (writtenNames[name] ?? 0) > 0, (otherNameUses[name] ?? 0) == 0 { continue }
                literal = LiteralPath(path: value, kind: .file, offset: site.range.lowerBound, tokenStarts: [site.range.lowerBound])
            }
            if writerRanges.contains(where: { $0.contains(site.range.lowerBound) }) { continue }
            // A join with a run-time part names a path relative to something unknown.
            if openJoins.contains(where: { $0.contains(site.range.lowerBound) }) { continue }
            if isOutputContext(site.range.lowerBound) { continue }
            add(literal, use: use)
        }
    }

    private var joinedLiterals: [(PythonCall, LiteralPath)] = []

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

    private func add(_ literal: LiteralPath, use: String) {
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

    /// The literal is given to a name, keyword or key that says it is written (`output_path = "…"`).
    private func isOutputContext(_ offset: Int) -> Bool {
        if let name = assignedName(offset), catalogue.isOutputName(name) { return true }
        return false
    }

    private func assignedName(_ offset: Int) -> String? {
        PythonPathSites.assignedName(evaluator.previousTokens(ofTokenAt: offset, count: 4), source.bytes)
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
