import MLAuditParsers

/// Finds the data files a Python file or notebook reads: path arguments of known
/// readers (literals, joins of literals, module constants, f-string prefixes) and any
/// other literal relative path with a data extension that the code does not only write.
struct PythonDataReferences {
    let source: PythonSource
    let catalogue: DataFileCatalogue
    private let evaluator: LiteralPathEvaluator
    private(set) var references: [DataReference] = []
    private(set) var configurationPaths: [String] = []
    /// String tokens (by start offset) already accounted for: read, written, or part of a join.
    private var handled: Set<Int> = []
    private let positionOf: (Int) -> (line: Int, column: Int)

    static let configurationExtensions: Set<String> = ["yaml", "yml", "json"]

    init(source: PythonSource, catalogue: DataFileCatalogue = .shared, position: @escaping (Int) -> (line: Int, column: Int)) {
        self.source = source
        self.catalogue = catalogue
        self.evaluator = LiteralPathEvaluator(source)
        self.positionOf = position
    }

    mutating func extract() {
        let constants = moduleConstants()
        var writtenNames: [String: Int] = [:]
        var otherNameUses: [String: Int] = [:]
        var writerRanges: [Range<Int>] = []
        var joinRanges: [(range: Range<Int>, literal: Bool)] = []

        for call in source.calls {
            let last = call.callee.split(separator: ".").last.map(String.init) ?? call.callee
            if LiteralPathEvaluator.joinFunctions.contains(call.qualifiedName) || (!call.isImported && call.callee == "os.path.join") {
                let allLiteral = call.positional.count == call.arguments.count && call.positional.allSatisfy { $0.value.stringValue != nil }
                joinRanges.append((call.range, allLiteral))
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
                readArgument(argument, use: "read by `\(call.callee)`", constants: constants)
            } else if let inner = pathReaderTarget(call, last: last) {
                guard let argument = inner.argument(0, or: "path") else { continue }
                readArgument(argument, use: "read by `\(call.callee)`", constants: constants)
            } else if catalogue.writers.contains(last) {
                writerRanges.append(call.range)
                countNames(call, into: &writtenNames)
            } else {
                countNames(call, into: &otherNameUses)
            }
        }

        // Literals anywhere else that name data files.
        for site in source.summary.strings where !handled.contains(site.range.lowerBound) {
            if writerRanges.contains(where: { $0.contains(site.range.lowerBound) }) { continue }
            if site.isBytes { continue }
            if let join = joinRanges.first(where: { $0.range.contains(site.range.lowerBound) }) {
                // A join with a run-time part names a path relative to something unknown.
                guard join.literal, let call = source.calls.first(where: { $0.range == join.range }),
                      let literal = evaluator.evaluate(call.range) else { continue }
                handled.formUnion(literal.tokenStarts)
                noteConfiguration(literal.path)
                if catalogue.dataExtension(of: literal.path) != nil, !isOutputContext(site.range.lowerBound) {
                    add(literal, use: "a data file path in code")
                }
                continue
            }
            if site.isFormatted {
                guard let token = PythonStringLiteral(PythonToken(kind: .string, start: site.range.lowerBound, end: site.range.upperBound), in: source.bytes),
                      let prefix = LiteralPathEvaluator.formattedPrefix(token, source.bytes), prefix.contains("/"),
                      let tail = formattedTail(token), catalogue.dataExtension(of: tail) != nil,
                      !isOutputContext(site.range.lowerBound), let literal = evaluator.evaluate(site.range) else { continue }
                if Self.isPlainRelativePath(literal.path) { add(literal, use: "the directory of a data file path built in code") }
                continue
            }
            guard let value = site.value else { continue }
            noteConfiguration(value)
            // A bare file name is usually joined to a directory chosen at run time (a checkpoint
            // folder, a temporary directory): only paths with a directory part are read as they stand.
            guard Self.isPlainRelativePath(value), value.contains("/"), catalogue.dataExtension(of: value) != nil else { continue }
            if isContinuation(site.range.lowerBound) || isDocstring(site.range.lowerBound) || isOutputContext(site.range.lowerBound) { continue }
            if let directory = value.split(separator: "/").dropLast().first, catalogue.isOutputName(String(directory)) { continue }
            if let name = assignedName(site.range.lowerBound), (writtenNames[name] ?? 0) > 0, (otherNameUses[name] ?? 0) == 0 { continue }
            add(LiteralPath(path: value, kind: .file, offset: site.range.lowerBound, tokenStarts: [site.range.lowerBound]),
                use: "a data file path in code")
        }
    }

    // MARK: Readers

    private enum Mode { case read, write, unknown }

    private func reader(for call: PythonCall) -> DataReader? {
        if !call.isImported, call.callee != "open" { return nil }
        return catalogue.reader(for: call.qualifiedName)
    }

    private func openMode(_ call: PythonCall, _ reader: DataReader) -> Mode {
        guard let place = reader.mode, let argument = call.argument(place.index, or: place.keyword) else { return .read }
        guard let mode = argument.value.stringValue else { return .unknown }
        return mode.contains(where: { catalogue.writeModes.contains($0) }) ? .write : .read
    }

    /// `Path("…").read_text()`: the `Path` call whose result is read.
    private func pathReaderTarget(_ call: PythonCall, last: String) -> PythonCall? {
        guard catalogue.pathReaders.contains(last), call.callee.hasSuffix("()." + last) else { return nil }
        return source.calls.first { $0.range.lowerBound == call.range.lowerBound && $0.range != call.range && LiteralPathEvaluator.isPathBuilder($0) }
    }

    private mutating func readArgument(_ argument: PythonArgument, use: String, constants: [String: (String, Int)]) {
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

    private mutating func handleArgumentTokens(_ call: PythonCall) {
        for argument in call.arguments { handleTokens(in: argument.range) }
    }

    private mutating func handleTokens(in range: Range<Int>) {
        for site in source.summary.strings where range.contains(site.range.lowerBound) { handled.insert(site.range.lowerBound) }
    }

    private func countNames(_ call: PythonCall, into counts: inout [String: Int]) {
        for argument in call.arguments {
            if case .name(let name) = argument.value { counts[name, default: 0] += 1 }
        }
    }

    private mutating func add(_ literal: LiteralPath, use: String) {
        let fileOffset = source.fileOffset(ofByte: literal.offset)
        let position = positionOf(fileOffset)
        references.append(DataReference(path: literal.path, kind: literal.kind, use: use, line: position.line, column: position.column,
                                        cell: source.cell(ofByte: literal.offset)))
    }

    private mutating func noteConfiguration(_ path: String) {
        guard Self.isPlainRelativePath(path), let ext = DataFileCatalogue.extensions(of: path).last,
              Self.configurationExtensions.contains(ext) else { return }
        configurationPaths.append(path)
    }

    // MARK: Context of a literal

    /// Module-level names assigned exactly once, to a string literal (with the literal's offset).
    private func moduleConstants() -> [String: (String, Int)] {
        var counts: [String: Int] = [:]
        var values: [String: (String, Int)] = [:]
        for assignment in source.summary.assignments where !assignment.target.contains(".") && assignment.key == nil {
            counts[assignment.target, default: 0] += 1
            guard source.summary.enclosingFunction(ofByte: assignment.range.lowerBound) == nil, let s = assignment.value.stringValue,
                  let site = source.summary.strings.first(where: { assignment.range.contains($0.range.lowerBound) }) else { continue }
            values[assignment.target] = (s, site.range.lowerBound)
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
    static func isPlainRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, path.utf8.count < 512, !path.hasPrefix("/"), !path.hasPrefix("~"), !path.hasPrefix("-"), !path.contains("://") else { return false }
        // Placeholders of usage texts: `path/to/model.pt`, `your/data.csv`.
        if let first = path.split(separator: "/").first, path.contains("/"), PathClassifier.placeholderRoots.contains(String(first).lowercased()) {
            return false
        }
        return !path.contains { $0.isWhitespace || ":*?[]{}%$<>|\"'`\\".contains($0) }
    }
}
