import Foundation
import MLAuditCore
import MLAuditParsers

/// What a hub loader's repository argument names, when the file itself says it
/// without running: a string literal; a name bound once to one (in the enclosing
/// function, or at module level); `self.x` bound once to one; `args.x` whose
/// argparse option `--x` or dataclass field `x` has a literal default in the
/// same file; an f-string whose literal start is `org/name…`.
/// Anything else (a value from another file, the command line, a loop) is not guessed.
struct HubIDResolver {
    /// A resolved repository ID and how the call names it (nil for a plain literal).
    struct Resolved: Equatable {
        var id: String
        var via: String?
        /// Only the start of the ID is known (an f-string).
        var isPattern = false
    }

    private let summary: PythonCallSummary
    private let bytes: [UInt8]
    /// Names assigned at module level (and in class bodies) exactly once, to a string literal.
    private let moduleConstants: [String: String]
    /// Names assigned anywhere outside functions, with how often.
    private let moduleCounts: [String: Int]
    /// Function start → its names assigned exactly once there to a string literal,
    /// and every name it assigns.
    private var localConstants: [Int: [String: String]] = [:]
    private var localNames: [Int: Set<String>] = [:]
    /// `self.x = "lit"` anywhere, when that is the only assignment of `self.x`.
    private let selfConstants: [String: String]
    /// argparse `--x` and dataclass field `x` defaults that are string literals.
    private let optionDefaults: [String: (value: String, via: String)]

    init(_ source: PythonSource) {
        summary = source.summary
        bytes = source.bytes
        var counts: [String: Int] = [:]
        var values: [String: String] = [:]
        var selfCounts: [String: Int] = [:]
        var selfValues: [String: String] = [:]
        var localCounts: [Int: [String: Int]] = [:]
        var localValues: [Int: [String: String]] = [:]
        for assignment in summary.assignments where assignment.key == nil {
            let target = assignment.target
            if target.hasPrefix("self."), !target.dropFirst(5).contains(".") {
                let name = String(target.dropFirst(5))
                selfCounts[name, default: 0] += 1
                if let s = assignment.value.stringValue { selfValues[name] = s }
                continue
            }
            guard !target.utf8.contains(UInt8(ascii: ".")) else { continue }
            if let function = summary.enclosingFunction(ofByte: assignment.range.lowerBound) {
                let key = function.range.lowerBound
                localCounts[key, default: [:]][target, default: 0] += 1
                if let s = assignment.value.stringValue { localValues[key, default: [:]][target] = s }
            } else {
                counts[target, default: 0] += 1
                if let s = assignment.value.stringValue { values[target] = s }
            }
        }
        moduleCounts = counts
        moduleConstants = values.filter { counts[$0.key] == 1 }
        selfConstants = selfValues.filter { selfCounts[$0.key] == 1 }
        for (key, names) in localCounts {
            localNames[key] = Set(names.keys)
            localConstants[key] = (localValues[key] ?? [:]).filter { names[$0.key] == 1 }
        }
        optionDefaults = Self.optionDefaults(summary, bytes)
    }

    /// The repository an argument names, if the file says it.
    func resolve(_ argument: PythonArgument?, at offset: Int) -> Resolved? {
        guard let argument else { return nil }
        switch argument.value {
        case .string(let s):
            return Resolved(id: s, via: nil)
        case .name(let name):
            return resolve(name: name, at: offset)
        case .nonLiteral:
            return formattedPrefix(argument.range).map { Resolved(id: $0, via: nil, isPattern: true) }
        default:
            return nil
        }
    }

    /// Whether a bare name is a constant for the code at `offset` (module constants only
    /// when the enclosing functions do not bind the name themselves).
    func constant(_ name: String, at offset: Int) -> String? {
        var function = summary.enclosingFunction(ofByte: offset)
        while let f = function {
            let key = f.range.lowerBound
            let parameters = Self.parameters(of: f, bytes)
            if let parameter = parameters[name] {
                // A parameter reassigned in the body is not its default any more; and a bare
                // default (`"image_encoder"`) is as often a subfolder as a Hub name, so only
                // `org/name` defaults count.
                guard localNames[key]?.contains(name) != true, let value = parameter, value.contains("/") else { return nil }
                return value
            }
            if localNames[key]?.contains(name) == true { return localConstants[key]?[name] }
            function = f.parent.map { summary.functions[$0] }
        }
        return moduleConstants[name]
    }

    /// The parameters of a function's header, each with its default when that is a plain
    /// string literal (`version="openai/clip-vit-large-patch14"`, `model_id: str = "…"`).
    static func parameters(of function: PythonFunction, _ bytes: [UInt8]) -> [String: String?] {
        var i = function.range.lowerBound
        let end = min(function.range.upperBound, bytes.count)
        while i < end, bytes[i] != UInt8(ascii: "(") { i += 1 }
        guard i < end else { return [:] }
        i += 1
        var result: [String: String?] = [:]
        var depth = 0
        var current: [UInt8] = []
        var quote: UInt8 = 0
        func finish() {
            let text = String(decoding: current, as: UTF8.self)
            current.removeAll(keepingCapacity: true)
            var head = Substring(text)
            var value: Substring?
            if let eq = text.firstIndex(of: "=") {
                head = text[..<eq]
                value = text[text.index(after: eq)...]
            }
            if let colon = head.firstIndex(of: ":") { head = head[..<colon] }
            let name = head.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return }
            var literal: String?
            if let value {
                let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
                if v.count >= 2, let q = v.first, q == "\"" || q == "'", v.last == q {
                    let body = v.dropFirst().dropLast()
                    if !body.contains(q), !body.contains("\\") { literal = String(body) }
                }
            }
            result[name] = .some(literal)
        }
        while i < end {
            let b = bytes[i]
            if quote != 0 {
                current.append(b)
                if b == UInt8(ascii: "\\"), i + 1 < end { current.append(bytes[i + 1]); i += 2; continue }
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
                current.append(b)
            } else if b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                depth += 1
                current.append(b)
            } else if b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                if depth == 0 { finish(); break }
                depth -= 1
                current.append(b)
            } else if b == UInt8(ascii: ","), depth == 0 {
                finish()
            } else if b == UInt8(ascii: "#") {
                while i < end, bytes[i] != 0x0A { i += 1 }
                continue
            } else {
                current.append(b)
            }
            i += 1
        }
        return result
    }

    private func resolve(name: String, at offset: Int) -> Resolved? {
        let parts = name.split(separator: ".")
        if parts.count == 1 {
            return constant(name, at: offset).map { Resolved(id: $0, via: name) }
        }
        guard parts.count == 2 else { return nil }
        let attribute = String(parts[1])
        if parts[0] == "self" {
            if let s = selfConstants[attribute] { return Resolved(id: s, via: name) }
            // A class attribute (`model_id = "..."` in the class body) read through self.
            if moduleCounts[attribute] == 1, selfConstants[attribute] == nil, let s = moduleConstants[attribute] {
                return Resolved(id: s, via: name)
            }
            return nil
        }
        if let option = optionDefaults[attribute] { return Resolved(id: option.value, via: "\(name), \(option.via)") }
        return nil
    }

    /// `f"org/name-{x}"`: the literal start of an f-string when it already holds the
    /// organisation, the slash and part of the name, and the literal text has no other slash.
    private func formattedPrefix(_ range: Range<Int>) -> String? {
        guard range.upperBound <= bytes.count else { return nil }
        var i = range.lowerBound
        var sawF = false
        while i < range.upperBound, [UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "r"), UInt8(ascii: "R")].contains(bytes[i]) {
            if bytes[i] == UInt8(ascii: "f") || bytes[i] == UInt8(ascii: "F") { sawF = true }
            i += 1
        }
        guard sawF, i < range.upperBound, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { return nil }
        let quote = bytes[i]
        i += 1
        var head: [UInt8] = []
        var literalSlashes = 0
        var depth = 0
        var headDone = false
        while i < range.upperBound, bytes[i] != quote {
            let b = bytes[i]
            if b == 0x0A || b == UInt8(ascii: "\\") { return nil }
            if b == UInt8(ascii: "{") { depth += 1; headDone = true }
            else if b == UInt8(ascii: "}") { depth = max(0, depth - 1) }
            else if depth == 0 {
                if b == UInt8(ascii: "/") { literalSlashes += 1 }
                if !headDone { head.append(b) }
            }
            i += 1
        }
        guard headDone, literalSlashes == 1, let slash = head.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let org = head[..<slash]
        let name = head[(slash + 1)...]
        func isIDByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
        }
        guard !org.isEmpty, !name.isEmpty, org.first != UInt8(ascii: "."), org.allSatisfy(isIDByte), name.allSatisfy(isIDByte) else { return nil }
        return String(decoding: head, as: UTF8.self) + "…"
    }

    /// Literal string defaults of argparse options (`add_argument("--model_name", default="gpt2")`,
    /// keyed by their destination) and of dataclass fields (`model_name: str = "gpt2"`,
    /// `model_name: str = field(default="gpt2")`). A name with two different defaults is dropped.
    private static func optionDefaults(_ summary: PythonCallSummary, _ bytes: [UInt8]) -> [String: (value: String, via: String)] {
        var found: [String: (value: String, via: String)] = [:]
        var conflicting = Set<String>()
        func add(_ name: String, _ value: String, _ via: String) {
            if let old = found[name], old.value != value { conflicting.insert(name) }
            found[name] = (value, via)
        }
        for call in summary.calls {
            if call.callee.hasSuffix("add_argument"), !call.hasStarredArguments, let value = call.argument("default")?.value.stringValue {
                let flags = call.positional.compactMap { $0.value.stringValue }
                let dest = call.argument("dest")?.value.stringValue
                    ?? flags.first(where: { $0.hasPrefix("--") }).map { String($0.dropFirst(2)).replacingOccurrences(of: "-", with: "_") }
                if let dest, !dest.isEmpty { add(dest, value, "default of \(flags.first ?? dest)") }
            } else if call.callee == "field" || call.callee == "dataclasses.field",
                      let value = call.argument("default")?.value.stringValue,
                      let name = annotatedTarget(before: call.range.lowerBound, bytes) {
                add(name, value, "default of field \(name)")
            }
        }
        for site in summary.strings where !site.isFormatted && !site.isBytes {
            // The rest of the line is checked first: it usually stops at the next byte.
            guard let value = site.value, restOfLineIsEmpty(after: site.range.upperBound, bytes),
                  let name = annotatedTarget(before: site.range.lowerBound, bytes) else { continue }
            add(name, value, "default of field \(name)")
        }
        return found.filter { !conflicting.contains($0.key) }
    }

    /// The name of `    name: Type = ` when the bytes of its line before `offset` are exactly that.
    static func annotatedTarget(before offset: Int, _ bytes: [UInt8]) -> String? {
        var start = offset
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        let line = bytes[start..<offset]
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), let equals = line.lastIndex(of: UInt8(ascii: "=")), equals > colon else { return nil }
        let name = line[start..<colon].drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 }.reversed()
        guard let first = name.first, !(first >= 0x30 && first <= 0x39),
              name.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }) else { return nil }
        // Only the type between the colon and `=`, and nothing but blanks after it.
        let annotation = line[(colon + 1)..<equals]
        guard !annotation.contains(UInt8(ascii: "=")), !annotation.contains(UInt8(ascii: "(")),
              line[(equals + 1)...].allSatisfy({ $0 == 0x20 || $0 == 0x09 }),
              equals > line.startIndex, bytes[equals - 1] != UInt8(ascii: "=") && bytes[equals - 1] != UInt8(ascii: "!")
              && bytes[equals - 1] != UInt8(ascii: "<") && bytes[equals - 1] != UInt8(ascii: ">") else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    static func restOfLineIsEmpty(after offset: Int, _ bytes: [UInt8]) -> Bool {
        var i = offset
        while i < bytes.count, bytes[i] != 0x0A {
            if bytes[i] == UInt8(ascii: "#") { return true }
            if bytes[i] != 0x20 && bytes[i] != 0x09 && bytes[i] != 0x0D { return false }
            i += 1
        }
        return true
    }
}
