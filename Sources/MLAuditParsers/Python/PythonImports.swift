import MLAuditCore
/// One imported name: `import a.b as c` gives module "a.b", alias "c";
/// `from ..pkg import y as z` gives level 2, module "pkg", name "y", alias "z".
public struct PythonImport: Sendable, Hashable {
    /// How well a surrounding `try` protects the import from a missing module.
    public enum Guard: Int, Sendable, Hashable, Comparable {
        case none
        /// A handler catches `Exception`, `BaseException`, or everything (`except:`).
        case broadException
        /// A handler catches `ImportError` or `ModuleNotFoundError`.
        case importError

        public static func < (a: Guard, b: Guard) -> Bool { a.rawValue < b.rawValue }
    }

    /// Where the import statement sits.
    public enum Scope: Sendable, Hashable {
        /// Module level, possibly inside try bodies.
        case module
        /// Module level but inside if/for/while/with/except/else/finally/match.
        case moduleBlock
        /// Inside a function (innermost enclosing def).
        case function
        /// Directly inside a class body (innermost enclosing class).
        case classBody
    }

    /// The dotted module, without leading dots ("" for `from . import x`).
    public var module: String
    /// Leading dots of a relative `from` import (0 for absolute ones).
    public var level: Int
    /// The name imported by `from ... import name` ("*" for a star import); nil for `import module`.
    public var name: String?
    public var alias: String?
    /// Position of the imported item (for a parenthesized list, the item's own line).
    public var line: Int
    public var column: Int
    /// Line of the `import` / `from` keyword starting the statement.
    public var statementLine: Int
    /// Byte range of the imported item (`a.b as c`, `name as alias`).
    public var range: Range<Int>
    public var tryGuard: Guard
    public var scope: Scope
    /// Inside an `if` that first checks the module is installed (or `if TYPE_CHECKING:`).
    public var isAvailabilityChecked = false

    public var isFrom: Bool { name != nil }
    public var isStar: Bool { name == "*" }
    public var isRelative: Bool { level > 0 }
    public var isGuarded: Bool { tryGuard != .none }
    /// The first component of the module (the distribution-ish top-level name), "" for `from . import x`.
    public var topLevelModule: String {
        // `split` drops a leading empty part; imports never start with a dot, but keep that.
        if module.utf8.first == UInt8(ascii: ".") { return String(module.split(separator: ".", maxSplits: 1).first ?? "") }
        return String(DottedName.head(module))
    }

    /// The local name the import binds (nil for a star import).
    public var boundName: String? {
        if let alias { return alias }
        if let name { return name == "*" ? nil : name }
        return topLevelModule
    }

    /// What the bound name refers to: "numpy" for `import numpy as np`, "os" for `import os.path`,
    /// "torch.utils.data.DataLoader" for `from torch.utils.data import DataLoader`, ".x" for `from . import x`.
    public var target: String? {
        let base = String(repeating: ".", count: level) + module
        if let name {
            if name == "*" { return nil }
            if base.isEmpty { return name }
            return base.hasSuffix(".") ? base + name : base + "." + name
        }
        return alias != nil ? module : topLevelModule
    }

    public init(module: String, level: Int = 0, name: String? = nil, alias: String? = nil, line: Int, column: Int,
                range: Range<Int>, tryGuard: Guard = .none, scope: Scope = .module) {
        self.module = module
        self.level = level
        self.name = name
        self.alias = alias
        self.line = line
        self.column = column
        self.statementLine = line
        self.range = range
        self.tryGuard = tryGuard
        self.scope = scope
    }
}

public enum PythonImports {
    /// Every `import` and `from ... import` statement, one entry per imported name, in source order.
    public static func extract(_ tokens: [PythonToken], _ bytes: [UInt8]) -> [PythonImport] {
        let structure = PythonStatements(tokens: tokens, bytes: bytes)
        var cursor = PythonPositionCursor(PythonLineTable(bytes), bytes)
        return extract(structure, tokens, bytes, &cursor)
    }

    /// Imports of an already parsed file.
    public static func extract(_ parse: PythonParse, _ bytes: [UInt8]) -> [PythonImport] {
        var cursor = PythonPositionCursor(parse.lines, bytes)
        return extract(parse.structure, parse.tokens, bytes, &cursor)
    }

    /// Tokenizes and extracts in one call.
    public static func extract(_ bytes: [UInt8]) -> [PythonImport] {
        extract(PythonLexer.tokenize(bytes), bytes)
    }

    static func extract(_ structure: PythonStatements, _ tokens: [PythonToken], _ bytes: [UInt8],
                        _ cursor: inout PythonPositionCursor) -> [PythonImport] {
        var result: [PythonImport] = []
        let flaggedTries = availabilityFlagTries(structure, tokens, bytes)
        for statement in structure.statements {
            let first = tokens[structure.significant[statement.range.lowerBound]]
            guard first.kind == .name, first.end - first.start <= 6 else { continue }
            let word = bytes[first.start..<first.end]
            let isImport = word.elementsEqual("import".utf8)
            guard isImport || word.elementsEqual("from".utf8) else { continue }
            var guardLevel = PythonImport.Guard.none
            var scope = PythonImport.Scope.module
            let checked = statement.blocks.contains { block in
                if block.checksAvailability { return true }
                if case .tryBody(let id) = block.kind { return flaggedTries.contains(id) }
                return false
            }
            for block in statement.blocks {
                switch block.kind {
                case .tryBody(let id): guardLevel = max(guardLevel, structure.tryGuards[id])
                case .function: scope = .function
                case .classBody: scope = .classBody
                case .handler, .other: if scope == .module { scope = .moduleBlock }
                }
            }
            var parser = ImportParser(tokens: tokens, significant: structure.significant, bytes: bytes,
                                      k: statement.range.lowerBound + 1, end: statement.range.upperBound)
            let items = isImport ? parser.parseImport() : parser.parseFrom()
            let statementLine = cursor.position(ofByte: first.start).line
            for var item in items {
                let pos = cursor.position(ofByte: item.range.lowerBound)
                item.line = pos.line
                item.column = pos.column
                item.statementLine = statementLine
                item.tryGuard = guardLevel
                item.scope = scope
                item.isAvailabilityChecked = checked
                result.append(item)
            }
        }
        return result
    }

    /// Try statements that record whether their import worked in a flag
    /// (`HAS_APEX = True` in the body, `_xla_available = False` in the handler).
    static func availabilityFlagTries(_ structure: PythonStatements, _ tokens: [PythonToken], _ bytes: [UInt8]) -> Set<Int> {
        var flagged = Set<Int>()
        for statement in structure.statements where statement.range.count >= 3 {
            guard let id = statement.blocks.reversed().lazy.compactMap({ block -> Int? in
                switch block.kind {
                case .tryBody(let id), .handler(let id): return id
                default: return nil
                }
            }).first else { continue }
            let first = tokens[structure.significant[statement.range.lowerBound]]
            let second = tokens[structure.significant[statement.range.lowerBound + 1]]
            let value = tokens[structure.significant[statement.range.lowerBound + 2]]
            guard first.kind == .name, second.kind == .op, bytes[second.start..<second.end].elementsEqual("=".utf8), value.kind == .name else { continue }
            let valueText = bytes[value.start..<value.end]
            guard valueText.elementsEqual("True".utf8) || valueText.elementsEqual("False".utf8) else { continue }
            let name = String(decoding: bytes[first.start..<first.end], as: UTF8.self)
            let lower = name.lowercased()
            if PythonStatements.isAvailabilityName(name) || lower.contains("available") || lower.contains("has_") || lower.contains("installed") {
                flagged.insert(id)
            }
        }
        return flagged
    }
}

private struct ImportParser {
    let tokens: [PythonToken]
    let significant: [Int]
    let bytes: [UInt8]
    var k: Int
    let end: Int

    var current: PythonToken? { k < end ? tokens[significant[k]] : nil }

    func text(_ t: PythonToken) -> String { String(decoding: bytes[t.start..<t.end], as: UTF8.self) }

    func isOp(_ t: PythonToken?, _ op: String) -> Bool {
        guard let t, t.kind == .op else { return false }
        return bytes[t.start..<t.end].elementsEqual(op.utf8)
    }

    func isName(_ t: PythonToken?, _ word: String) -> Bool {
        guard let t, t.kind == .name else { return false }
        return bytes[t.start..<t.end].elementsEqual(word.utf8)
    }

    /// A dotted name `a.b.c`; nil when none starts here.
    mutating func dottedName() -> (String, Range<Int>)? {
        guard let t = current, t.kind == .name, !isName(t, "import"), !isName(t, "as") else { return nil }
        var parts = [text(t)]
        let start = t.start
        var stop = t.end
        k += 1
        while isOp(current, "."), k + 1 < end, tokens[significant[k + 1]].kind == .name {
            let name = tokens[significant[k + 1]]
            parts.append(text(name))
            stop = name.end
            k += 2
        }
        return (parts.joined(separator: "."), start..<stop)
    }

    /// `as NAME` after an item, if present.
    mutating func alias(_ range: inout Range<Int>) -> String? {
        guard isName(current, "as"), k + 1 < end, tokens[significant[k + 1]].kind == .name else { return nil }
        let name = tokens[significant[k + 1]]
        k += 2
        range = range.lowerBound..<name.end
        return text(name)
    }

    mutating func skipTo(comma: Bool) {
        // Skips junk up to the next comma (or the end).
        while let t = current, !(comma && isOp(t, ",")) { k += 1 }
    }

    mutating func parseImport() -> [PythonImport] {
        var items: [PythonImport] = []
        while k < end {
            if isOp(current, ",") || isOp(current, "(") || isOp(current, ")") {
                k += 1
                continue
            }
            guard let (module, r) = dottedName() else {
                skipTo(comma: true)
                continue
            }
            var range = r
            let alias = alias(&range)
            items.append(PythonImport(module: module, alias: alias, line: 0, column: 0, range: range))
        }
        return items
    }

    mutating func parseFrom() -> [PythonImport] {
        var level = 0
        while let t = current, t.kind == .op {
            if isOp(t, ".") { level += 1 } else if isOp(t, "...") { level += 3 } else { break }
            k += 1
        }
        let module = dottedName()?.0 ?? ""
        guard isName(current, "import") else { return [] }
        if level == 0 && module.isEmpty { return [] }
        k += 1
        var items: [PythonImport] = []
        while let t = current {
            if isOp(t, ",") || isOp(t, "(") || isOp(t, ")") {
                k += 1
                continue
            }
            if isOp(t, "*") {
                items.append(PythonImport(module: module, level: level, name: "*", line: 0, column: 0, range: t.range))
                k += 1
                continue
            }
            guard t.kind == .name, !isName(t, "as") else {
                skipTo(comma: true)
                continue
            }
            k += 1
            var range = t.range
            let alias = alias(&range)
            items.append(PythonImport(module: module, level: level, name: text(t), alias: alias, line: 0, column: 0, range: range))
        }
        return items
    }
}
