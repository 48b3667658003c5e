import Yams

/// Composes YAML from files nobody vetted within bounds: nesting is measured on the
/// bytes before libyaml and Yams recurse into it, and a document with aliases must
/// not expand past a node budget (a "billion laughs" file is a few hundred bytes
/// that expand to 10⁹ nodes once every walker follows the aliases).
public enum YAMLGuard {
    public struct LimitExceeded: Error, Sendable, CustomStringConvertible {
        public var line: Int?
        public var reason: String
        public var description: String { reason }
    }

    public static func compose(_ text: String, limits: InputLimits) throws -> Node? {
        if let line = NestingDepth.firstLineDeeperThan(limits.maxNestingDepth, yaml: text) {
            throw LimitExceeded(line: line, reason: "nested deeper than \(limits.maxNestingDepth) levels (max-nesting-depth)")
        }
        guard let node = try Yams.compose(yaml: text) else { return nil }
        if text.utf8.contains(UInt8(ascii: "*")) {
            var budget = limits.maxYAMLNodes
            if !fits(node, budget: &budget) {
                throw LimitExceeded(line: nil, reason: "aliases expand to more than \(limits.maxYAMLNodes) nodes (max-yaml-nodes)")
            }
        }
        return node
    }

    /// Counts nodes as a walker that follows every alias would meet them, stopping at the budget.
    private static func fits(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch node {
        case .sequence(let items):
            for item in items where !fits(item, budget: &budget) { return false }
        case .mapping(let pairs):
            for (key, value) in pairs {
                if !fits(key, budget: &budget) || !fits(value, budget: &budget) { return false }
            }
        default:
            break
        }
        return true
    }
}

/// Bounds on what mlaudit reads from a file (the `max-…` configuration keys).
public struct InputLimits: Sendable, Hashable {
    /// Deepest nesting of YAML, JSON and TOML structures read.
    public var maxNestingDepth = 200
    /// Most nodes a YAML document with aliases may expand to.
    public var maxYAMLNodes = 1_000_000

    public init() {}
}

/// Estimates how deeply a document nests from its bytes alone: brackets and braces
/// outside strings and comments, and for YAML also block indentation levels and
/// `- ` entries. An estimate errs towards deeper, which only matters far above any
/// real file's depth.
public enum NestingDepth {
    /// The 1-based line where the depth first exceeds `limit` in JSON (or TOML) bytes.
    public static func firstLineDeeperThan(_ limit: Int, json bytes: [UInt8]) -> Int? {
        // Through a buffer pointer: this runs over every notebook and JSON file, from another module.
        bytes.withUnsafeBufferPointer { jsonDepth(limit, $0) }
    }

    public static func firstLineDeeperThan(_ limit: Int, yaml text: String) -> Int? {
        var text = text
        return text.withUTF8 { yamlDepth(limit, $0) }
    }

    static func jsonDepth(_ limit: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var depth = 0
        var line = 1
        var inString = false
        var escaped = false
        for byte in bytes {
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x5B, 0x7B:
                depth += 1
                if depth > limit { return line }
            case 0x5D, 0x7D: depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    /// The 1-based line where the estimated depth first exceeds `limit` in YAML bytes.
    static func yamlDepth(_ limit: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var indents: [Int] = []
        var flow = 0
        var line = 0
        var atLineStart = true
        var indent = 0
        var entries = 0
        var onlyEntriesSoFar = true
        var quote: UInt8 = 0
        var inComment = false
        var previous: UInt8 = 0x0A
        for byte in bytes {
            if byte == 0x0A {
                atLineStart = true
                indent = 0
                entries = 0
                onlyEntriesSoFar = true
                quote = 0
                inComment = false
                previous = byte
                continue
            }
            if atLineStart {
                if byte == 0x20 {
                    indent += 1
                    previous = byte
                    continue
                }
                atLineStart = false
                line += 1
                if byte == 0x23 || byte == 0x0D {
                    inComment = true
                } else if flow == 0 {
                    while let last = indents.last, last > indent { indents.removeLast() }
                    if indents.last != indent { indents.append(indent) }
                }
            }
            if inComment { continue }
            if quote != 0 {
                if byte == quote { quote = 0 }
                previous = byte
                continue
            }
            switch byte {
            case 0x22, 0x27:
                if previous == 0x20 || previous == 0x5B || previous == 0x7B || previous == 0x2C || previous == 0x3A || previous == 0x0A {
                    quote = byte
                }
            case 0x23:
                if previous == 0x20 || previous == 0x09 { inComment = true }
            case 0x2D:
                if flow == 0, onlyEntriesSoFar { entries += 1 }
            case 0x5B, 0x7B:
                // Flow collections open after an indicator or space; `a[0]` in a plain scalar does not.
                if flow > 0 || previous == 0x20 || previous == 0x3A || previous == 0x2D || previous == 0x2C || previous == 0x0A {
                    flow += 1
                }
            case 0x5D, 0x7D:
                if flow > 0 { flow -= 1 }
            default:
                break
            }
            if byte != 0x2D && byte != 0x20 { onlyEntriesSoFar = false }
            previous = byte
            if indents.count + entries + flow > limit { return max(line, 1) }
        }
        return nil
    }
}
