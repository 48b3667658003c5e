#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a lock's platform-specific parts are resolved against: the machine
/// `mlaudit diff` runs on, and the other recording's interpreter when known.
public struct ReadContext: Sendable {
    /// conda's platform name (`linux-64`).
    public var condaSubdir: String
    /// PEP 508 marker variables with known values.
    public var markerValues: [String: String]

    public init(condaSubdir: String, markerValues: [String: String]) {
        self.condaSubdir = condaSubdir
        self.markerValues = markerValues
    }

    /// The machine this process runs on.
    public static func host(pythonVersion: String? = nil) -> ReadContext {
        var system = "Linux", machine = "x86_64"
        var name = utsname()
        if uname(&name) == 0 {
            system = withUnsafeBytes(of: &name.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            machine = withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        var values: [String: String] = [
            "platform_system": system,
            "sys_platform": system == "Darwin" ? "darwin" : system == "Linux" ? "linux" : system.lowercased(),
            "platform_machine": machine,
            "os_name": "posix",
        ]
        if let pythonVersion {
            let parts = pythonVersion.split(separator: ".")
            values["python_full_version"] = pythonVersion
            values["python_version"] = parts.prefix(2).joined(separator: ".")
        }
        let arch = Architecture.normalized(machine)
        let os = system == "Darwin" ? "osx" : system == "Linux" ? "linux" : "win"
        let subdir = arch == "x86_64" ? "\(os)-64" : os == "osx" && arch == "aarch64" ? "osx-arm64" : "\(os)-\(arch)"
        return ReadContext(condaSubdir: subdir, markerValues: values)
    }
}

/// Evaluates PEP 508 environment markers. Comparisons whose variable has no
/// known value are unknown, and an unknown marker counts as satisfied, so a
/// lock entry is dropped only when its marker is known to be false here.
enum MarkerEvaluator {
    static func isSatisfied(_ marker: String, values: [String: String]) -> Bool {
        var parser = Parser(tokens: tokenize(marker), values: values)
        guard let result = parser.expression(), parser.index == parser.tokens.count else { return true }
        return result ?? true
    }

    enum Token: Equatable {
        case word(String)
        case string(String)
        case op(String)
        case open, close
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" { i += 1; continue }
            if c == "(" { tokens.append(.open); i += 1; continue }
            if c == ")" { tokens.append(.close); i += 1; continue }
            if c == "'" || c == "\"" {
                var j = i + 1
                while j < chars.count && chars[j] != c { j += 1 }
                tokens.append(.string(String(chars[(i + 1) ..< min(j, chars.count)])))
                i = j + 1
                continue
            }
            if "<>=!~".contains(c) {
                var j = i
                while j < chars.count && "<>=!~".contains(chars[j]) { j += 1 }
                tokens.append(.op(String(chars[i ..< j])))
                i = j
                continue
            }
            var j = i
            while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == ".") { j += 1 }
            if j == i { j += 1 }
            tokens.append(.word(String(chars[i ..< j])))
            i = j
        }
        return tokens
    }

    struct Parser {
        let tokens: [Token]
        let values: [String: String]
        var index = 0

        mutating func expression() -> Bool?? {
            guard var left = conjunction() else { return nil }
            while index < tokens.count, tokens[index] == .word("or") {
                index += 1
                guard let right = conjunction() else { return nil }
                left = (left == true || right == true) ? true : (left == nil || right == nil) ? nil : false
            }
            return .some(left)
        }

        mutating func conjunction() -> Bool?? {
            guard var left = atom() else { return nil }
            while index < tokens.count, tokens[index] == .word("and") {
                index += 1
                guard let right = atom() else { return nil }
                left = (left == false || right == false) ? false : (left == nil || right == nil) ? nil : true
            }
            return .some(left)
        }

        mutating func atom() -> Bool?? {
            guard index < tokens.count else { return nil }
            if tokens[index] == .open {
                index += 1
                guard let inner = expression(), index < tokens.count, tokens[index] == .close else { return nil }
                index += 1
                return inner
            }
            guard let left = operand() else { return nil }
            guard index < tokens.count else { return nil }
            var op: String
            switch tokens[index] {
            case .op(let o): op = o
            case .word("in"): op = "in"
            case .word("not") where index + 1 < tokens.count && tokens[index + 1] == .word("in"):
                op = "not in"
                index += 1
            default: return nil
            }
            index += 1
            guard let right = operand() else { return nil }
            guard let a = left.value, let b = right.value else { return .some(nil) }
            let versionLike = left.isVersionVariable || right.isVersionVariable
            return .some(Self.compare(a, op, b, versions: versionLike))
        }

        struct Operand {
            var value: String?
            var isVersionVariable: Bool
        }

        mutating func operand() -> Operand? {
            guard index < tokens.count else { return nil }
            defer { index += 1 }
            switch tokens[index] {
            case .string(let s): return Operand(value: s, isVersionVariable: false)
            case .word(let w):
                return Operand(value: values[w], isVersionVariable: w == "python_version" || w == "python_full_version" || w == "implementation_version")
            default: return nil
            }
        }

        static func compare(_ a: String, _ op: String, _ b: String, versions: Bool) -> Bool? {
            switch op {
            case "in": return b.contains(a)
            case "not in": return !b.contains(a)
            case "==", "===":
                if versions, b.hasSuffix(".*") { return a == String(b.dropLast(2)) || a.hasPrefix(String(b.dropLast(1))) }
                return versions ? CondaVersion(a) == CondaVersion(b) : a == b
            case "!=":
                return versions ? CondaVersion(a) != CondaVersion(b) : a != b
            case "<", "<=", ">", ">=", "~=":
                guard versions else { return nil }
                let x = CondaVersion(a), y = CondaVersion(b)
                switch op {
                case "<": return x < y
                case "<=": return x <= y
                case ">": return x > y
                case ">=": return x >= y
                default:
                    let prefix = y.release.dropLast()
                    return x >= y && Array(x.release.prefix(prefix.count)) == Array(prefix)
                }
            default: return nil
            }
        }
    }
}
