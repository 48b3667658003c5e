import MLAuditCore

/// A pip requirements file (requirements.txt, constraints.txt, requirements.in),
/// parsed the way pip reads it: backslash continuations joined, `#` comments
/// (at line start or after whitespace) dropped, options and requirements split,
/// every requirement and option placed at its physical line and column.
/// `${VAR}` references are kept as written (pip expands them at install time).
public struct RequirementsFile: Sendable {
    /// One requirement line (or `-e` value).
    public struct Entry: Sendable, Hashable {
        public var spec: RequirementSpec
        /// The requirement as written (continuations joined).
        public var text: String
        /// 1-based physical line and column (Unicode scalars) where the requirement starts.
        public var line: Int
        public var column: Int
        /// Written with `-e` / `--editable`.
        public var isEditable: Bool
        /// Values of `--hash=algo:hex` options on the same logical line.
        public var hashes: [String]

        public init(spec: RequirementSpec, text: String, line: Int, column: Int, isEditable: Bool = false, hashes: [String] = []) {
            self.spec = spec
            self.text = text
            self.line = line
            self.column = column
            self.isEditable = isEditable
            self.hashes = hashes
        }

        /// A hash pip will check: `--hash` options or a `#sha256=` URL fragment.
        public var hasHash: Bool { !hashes.isEmpty || spec.urlHash != nil }
        public var pinning: RequirementPinning { spec.pinning }
    }

    public enum OptionKind: String, Sendable, Hashable, CaseIterable {
        case requirement = "--requirement"
        case constraint = "--constraint"
        case editable = "--editable"
        case indexURL = "--index-url"
        case extraIndexURL = "--extra-index-url"
        case noIndex = "--no-index"
        case findLinks = "--find-links"
        case noBinary = "--no-binary"
        case onlyBinary = "--only-binary"
        case preferBinary = "--prefer-binary"
        case requireHashes = "--require-hashes"
        case pre = "--pre"
        case trustedHost = "--trusted-host"
        case useFeature = "--use-feature"
        case hash = "--hash"
        case globalOption = "--global-option"
        case configSettings = "--config-settings"
        case installOption = "--install-option"

        var short: String? {
            switch self {
            case .requirement: "-r"
            case .constraint: "-c"
            case .editable: "-e"
            case .indexURL: "-i"
            case .findLinks: "-f"
            case .configSettings: "-C"
            default: nil
            }
        }

        var takesValue: Bool {
            switch self {
            case .noIndex, .preferBinary, .requireHashes, .pre: false
            default: true
            }
        }
    }

    /// One option as written, e.g. `--extra-index-url https://…` or `-r base.txt`.
    public struct Option: Sendable, Hashable {
        public var kind: OptionKind
        /// The option token as written (`-r`, `--extra-index`, `--hash`).
        public var spelling: String
        public var value: String?
        /// Where the option token starts.
        public var line: Int
        public var column: Int
        /// Where its value starts (the option's place when it has none).
        public var valueLine: Int
        public var valueColumn: Int

        public init(kind: OptionKind, spelling: String, value: String?, line: Int, column: Int, valueLine: Int, valueColumn: Int) {
            self.kind = kind
            self.spelling = spelling
            self.value = value
            self.line = line
            self.column = column
            self.valueLine = valueLine
            self.valueColumn = valueColumn
        }
    }

    /// A line pip would reject: where and why.
    public struct Problem: Sendable, Hashable {
        public var line: Int
        public var column: Int
        public var reason: String

        public init(line: Int, column: Int, reason: String) {
            self.line = line
            self.column = column
            self.reason = reason
        }
    }

    public var entries: [Entry] = []
    /// Every option in file order (including `-e`, whose requirement is also in `entries`,
    /// and per-requirement `--hash`).
    public var options: [Option] = []
    public var problems: [Problem] = []

    public init(entries: [Entry] = [], options: [Option] = [], problems: [Problem] = []) {
        self.entries = entries
        self.options = options
        self.problems = problems
    }

    /// `-r` and `-c` options, in file order.
    public var includes: [Option] { options.filter { $0.kind == .requirement || $0.kind == .constraint } }

    public static func parse(_ text: String) -> RequirementsFile {
        parse(bytes: Array(text.utf8))
    }

    public static func parse(bytes: [UInt8]) -> RequirementsFile {
        var parser = RequirementsFileParser(bytes: bytes)
        parser.run()
        return parser.result
    }
}

/// A logical line: its bytes and, for each byte, the physical byte offset it came from.
struct LogicalLine {
    var bytes: [UInt8] = []
    var origin: [Int] = []
}

struct RequirementsFileParser {
    let bytes: [UInt8]
    var lineStarts: [Int] = [0]
    var result = RequirementsFile()

    init(bytes: [UInt8]) {
        self.bytes = bytes
        for i in 0..<bytes.count where bytes[i] == 0x0A { lineStarts.append(i + 1) }
    }

    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0C || b == 0x0B }

    /// The last position computed (line index, byte offset, column): positions asked for
    /// in increasing order on one line continue from it, so a line of 20,000 options
    /// costs its length once, not once per option.
    private var lastPosition = (line: -1, offset: 0, column: 1)

    /// 1-based line and column (Unicode scalars) of a physical byte offset.
    mutating func position(_ offset: Int) -> (line: Int, column: Int) {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let end = min(offset, bytes.count)
        var column = 1
        var i = lineStarts[lo]
        if lastPosition.line == lo, lastPosition.offset <= end {
            column = lastPosition.column
            i = lastPosition.offset
        }
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        lastPosition = (lo, end, column)
        return (lo + 1, column)
    }

    /// pip's COMMENT_RE `(^|\s+)#.*$`: the offset of the comment's '#', if any.
    static func commentStart(_ line: ArraySlice<UInt8>) -> Int? {
        var previousBlank = true
        for i in line.indices {
            let b = line[i]
            if b == 0x23 && previousBlank { return i }
            previousBlank = isBlank(b)
        }
        return nil
    }

    mutating func run() {
        var pending = LogicalLine()
        var pendingActive = false
        let lineCount = lineStarts.count
        for index in 0..<lineCount {
            var start = lineStarts[index]
            var end = index + 1 < lineCount ? lineStarts[index + 1] - 1 : bytes.count
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            if index == 0, end - start >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start += 3 }
            let physical = bytes[start..<end]
            let comment = Self.commentStart(physical)
            if comment == nil, let last = physical.last, last == 0x5C {
                // Continuation: drop the trailing backslash(es) and join with the next line.
                var stop = end
                while stop > start, bytes[stop - 1] == 0x5C { stop -= 1 }
                pending.bytes.append(contentsOf: bytes[start..<stop])
                pending.origin.append(contentsOf: start..<stop)
                pendingActive = true
                continue
            }
            let stop = comment ?? end
            pending.bytes.append(contentsOf: bytes[start..<stop])
            pending.origin.append(contentsOf: start..<stop)
            handle(pending)
            pending = LogicalLine()
            pendingActive = false
        }
        if pendingActive { handle(pending) }
    }

    // MARK: One logical line

    struct Token {
        var text: String
        /// Logical offset where the token starts (its first byte, quote included).
        var start: Int
    }

    mutating func handle(_ line: LogicalLine) {
        let b = line.bytes
        var lo = 0
        var hi = b.count
        while lo < hi, Self.isBlank(b[lo]) { lo += 1 }
        while hi > lo, Self.isBlank(b[hi - 1]) { hi -= 1 }
        guard lo < hi else { return }

        // pip's break_args_options: leading tokens not starting with '-' are the requirement.
        var argsEnd = lo
        var optionsStart = hi
        var j = lo
        while j < hi {
            while j < hi, Self.isBlank(b[j]) { j += 1 }
            guard j < hi else { break }
            if b[j] == 0x2D {
                optionsStart = j
                break
            }
            while j < hi, !Self.isBlank(b[j]) { j += 1 }
            argsEnd = j
        }

        var hashes: [String] = []
        var editable: (value: String, start: Int)?
        if optionsStart < hi {
            let tokens = shellSplit(b, from: optionsStart, to: hi, line: line)
            var k = 0
            optionLoop: while k < tokens.count {
                let token = tokens[k]
                k += 1
                guard let (kind, attached) = Self.matchOption(token.text) else {
                    if token.text.hasPrefix("-") {
                        problem(at: line.origin[token.start], "unknown option '\(Excerpt.quote(token.text))'")
                    } else {
                        problem(at: line.origin[token.start], "unexpected '\(Excerpt.quote(token.text))' after options")
                    }
                    break optionLoop
                }
                let spelling = attached.map { String(token.text.dropLast($0.text.count + ($0.equals ? 1 : 0))) } ?? token.text
                let optionPlace = position(line.origin[token.start])
                var value: String?
                var valuePlace = optionPlace
                if kind.takesValue {
                    if let attached {
                        value = attached.text
                        let offset = max(token.start, token.start + token.text.utf8.count - attached.text.utf8.count)
                        valuePlace = position(line.origin[min(offset, line.origin.count - 1)])
                        if attached.text.isEmpty {
                            problem(at: line.origin[token.start], "option \(spelling) requires a value")
                            break optionLoop
                        }
                    } else if k < tokens.count {
                        value = tokens[k].text
                        valuePlace = position(line.origin[tokens[k].start])
                        if kind == .editable { editable = (tokens[k].text, tokens[k].start) }
                        k += 1
                    } else {
                        problem(at: line.origin[token.start], "option \(spelling) requires a value")
                        break optionLoop
                    }
                    if kind == .editable, let attached {
                        editable = (attached.text, max(token.start, token.start + token.text.utf8.count - attached.text.utf8.count))
                    }
                } else if let attached, !attached.text.isEmpty || attached.equals {
                    problem(at: line.origin[token.start], "option \(spelling) takes no value")
                    break optionLoop
                }
                if kind == .hash, let value { hashes.append(value) }
                result.options.append(RequirementsFile.Option(
                    kind: kind, spelling: spelling, value: value,
                    line: optionPlace.line, column: optionPlace.column,
                    valueLine: valuePlace.line, valueColumn: valuePlace.column))
            }
        }

        if argsEnd > lo {
            addEntry(line, from: lo, to: argsEnd, editable: false, hashes: hashes)
        } else if let editable {
            let start = editable.start
            let valueBytes = Array(editable.value.utf8)
            // Quoted values lose their quotes; place the entry after an opening quote.
            let offset = (b[start] == 0x22 || b[start] == 0x27) ? start + 1 : start
            addEntry(text: valueBytes, at: line.origin[min(offset, line.origin.count - 1)], editable: true, hashes: hashes)
        }
    }

    mutating func addEntry(_ line: LogicalLine, from lo: Int, to hi: Int, editable: Bool, hashes: [String]) {
        addEntry(text: Array(line.bytes[lo..<hi]), at: line.origin[lo], editable: editable, hashes: hashes, origin: Array(line.origin[lo..<hi]))
    }

    mutating func addEntry(text: [UInt8], at physical: Int, editable: Bool, hashes: [String], origin: [Int]? = nil) {
        let string = String(decoding: text, as: UTF8.self)
        switch RequirementSpec.parseResult(Substring(string)) {
        case .success(let spec):
            let place = position(physical)
            result.entries.append(RequirementsFile.Entry(
                spec: spec, text: string, line: place.line, column: place.column, isEditable: editable, hashes: hashes))
        case .failure(let error):
            // A requirement made of ${VAR} references is only known at install time.
            if string.contains("${") { return }
            let at = origin.map { $0[min(error.offset, $0.count - 1)] } ?? physical
            problem(at: at, "invalid requirement '\(Excerpt.quote(string))': \(error.reason)")
        }
    }

    mutating func problem(at physical: Int, _ reason: String) {
        let place = position(physical)
        result.problems.append(RequirementsFile.Problem(line: place.line, column: place.column, reason: reason))
    }

    // MARK: Options

    static let longOptions: [(String, RequirementsFile.OptionKind)] = RequirementsFile.OptionKind.allCases.map { ($0.rawValue, $0) }

    /// The option a token names and any value attached to it (`--x=v`, `-rfile`),
    /// accepting unambiguous prefixes of long options as optparse does.
    static func matchOption(_ token: String) -> (RequirementsFile.OptionKind, (text: String, equals: Bool)?)? {
        if token.hasPrefix("--") {
            let name: Substring
            var attached: (text: String, equals: Bool)?
            if let eq = token.firstIndex(of: "=") {
                name = token[..<eq]
                attached = (String(token[token.index(after: eq)...]), true)
            } else {
                name = Substring(token)
            }
            if let exact = longOptions.first(where: { $0.0 == name }) { return (exact.1, attached) }
            let candidates = longOptions.filter { $0.0.hasPrefix(name) }
            guard name.count > 2, candidates.count == 1 else { return nil }
            return (candidates[0].1, attached)
        }
        if token.hasPrefix("-"), token.count >= 2 {
            let flag = String(token.prefix(2))
            guard let kind = RequirementsFile.OptionKind.allCases.first(where: { $0.short == flag }) else { return nil }
            if token.count == 2 { return (kind, nil) }
            var rest = token.dropFirst(2)
            var equals = false
            if rest.first == "=" {
                rest = rest.dropFirst()
                equals = true
            }
            return (kind, (String(rest), equals))
        }
        return nil
    }

    /// POSIX shell-style split (quotes and backslashes), as pip applies `shlex.split`
    /// to the options part of a line. Each token remembers where it starts.
    func shellSplit(_ b: [UInt8], from: Int, to: Int, line: LogicalLine) -> [Token] {
        var tokens: [Token] = []
        var current: [UInt8] = []
        var tokenStart: Int?
        var i = from
        while i < to {
            let c = b[i]
            if Self.isBlank(c) {
                if let s = tokenStart { tokens.append(Token(text: String(decoding: current, as: UTF8.self), start: s)) }
                current = []
                tokenStart = nil
                i += 1
                continue
            }
            if tokenStart == nil { tokenStart = i }
            if c == 0x27 {
                i += 1
                while i < to, b[i] != 0x27 { current.append(b[i]); i += 1 }
                i += 1
            } else if c == 0x22 {
                i += 1
                while i < to, b[i] != 0x22 {
                    if b[i] == 0x5C, i + 1 < to, b[i + 1] == 0x22 || b[i + 1] == 0x5C { i += 1 }
                    current.append(b[i])
                    i += 1
                }
                i += 1
            } else if c == 0x5C, i + 1 < to {
                current.append(b[i + 1])
                i += 2
            } else {
                current.append(c)
                i += 1
            }
        }
        if let s = tokenStart { tokens.append(Token(text: String(decoding: current, as: UTF8.self), start: s)) }
        return tokens
    }
}
