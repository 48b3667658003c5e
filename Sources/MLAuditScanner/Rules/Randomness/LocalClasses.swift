import MLAuditCore
import MLAuditParsers

/// What RND001 reads from a file's tokens beyond its calls: the classes it defines
/// with the bases they derive from, and calls made through a subscript
/// (`sam_model_registry[kind](checkpoint=path)`), which the call summary leaves out.
enum LocalClasses {
    /// Class name → its bases as written (`class MyTrainer(SFTTrainer)` gives `SFTTrainer`);
    /// `qualify` resolves one through the file's imports.
    static func bases(_ source: PythonSource) -> [String: [String]] {
        let tokens = source.tokens
        let bytes = source.bytes
        var result: [String: [String]] = [:]
        var k = 0
        while k + 2 < tokens.count {
            defer { k += 1 }
            guard isWord(tokens[k], "class", bytes), startsStatement(k, tokens),
                  tokens[k + 1].kind == .name, isOp(tokens[k + 2], "(", bytes) else { continue }
            let name = String(decoding: bytes[tokens[k + 1].range], as: UTF8.self)
            var bases: [String] = []
            var dotted = ""
            var plain = true
            var j = k + 3
            var depth = 1
            while j < tokens.count && depth > 0 {
                let t = tokens[j]
                j += 1
                if t.kind == .nl || t.kind == .comment { continue }
                if t.kind == .op {
                    let op = bytes[t.range]
                    if op.elementsEqual("(".utf8) || op.elementsEqual("[".utf8) { depth += 1; plain = false; continue }
                    if op.elementsEqual(")".utf8) || op.elementsEqual("]".utf8) { depth -= 1 }
                    if depth == 0 || (depth == 1 && op.elementsEqual(",".utf8)) {
                        if plain && !dotted.isEmpty { bases.append(dotted) }
                        dotted = ""
                        plain = true
                        continue
                    }
                    if depth == 1 && op.elementsEqual(".".utf8) { dotted += "."; continue }
                    plain = false
                    continue
                }
                if t.kind == .name && depth == 1 { dotted += String(decoding: bytes[t.range], as: UTF8.self) } else { plain = false }
            }
            if !bases.isEmpty { result[name] = bases }
        }
        return result
    }

    /// Byte offsets of calls through a subscript given one of `keywords`
    /// (`registry[kind](checkpoint=…)`).
    static func subscriptCalls(_ source: PythonSource, keywords: Set<String>) -> [Int] {
        let tokens = source.tokens
        let bytes = source.bytes
        // Markdown links in docstrings hold `](` too: the keyword must appear as well.
        guard keywords.contains(where: { bytes.containsBytes($0) }), bytes.containsBytes("](") else { return [] }
        var found: [Int] = []
        var k = 1
        while k + 2 < tokens.count {
            defer { k += 1 }
            guard isOp(tokens[k], "(", bytes), isOp(tokens[k - 1], "]", bytes) else { continue }
            var depth = 1
            var j = k + 1
            var expectsKeyword = true
            while j + 1 < tokens.count && depth > 0 {
                let t = tokens[j]
                if t.kind == .op {
                    let op = bytes[t.range]
                    if op.elementsEqual("(".utf8) || op.elementsEqual("[".utf8) || op.elementsEqual("{".utf8) { depth += 1 }
                    if op.elementsEqual(")".utf8) || op.elementsEqual("]".utf8) || op.elementsEqual("}".utf8) { depth -= 1 }
                    if depth == 1 && op.elementsEqual(",".utf8) { expectsKeyword = true; j += 1; continue }
                } else if depth == 1 && expectsKeyword && t.kind == .name && isOp(tokens[j + 1], "=", bytes)
                            && keywords.contains(String(decoding: bytes[t.range], as: UTF8.self)) {
                    found.append(tokens[k].start)
                    break
                }
                if t.kind != .nl && t.kind != .comment { expectsKeyword = false }
                j += 1
            }
        }
        return found
    }

    /// `SFTTrainer` → `trl.SFTTrainer` after `from trl import SFTTrainer`.
    static func qualify(_ dotted: String, _ imports: [PythonImport]) -> String {
        let head = dotted.prefix { $0 != "." }
        guard let item = imports.last(where: { $0.boundName.map { $0 == head } ?? false }), let target = item.target else { return dotted }
        return target + dotted.dropFirst(head.count)
    }

    private static func startsStatement(_ k: Int, _ tokens: [PythonToken]) -> Bool {
        var i = k - 1
        while i >= 0 && (tokens[i].kind == .nl || tokens[i].kind == .comment) { i -= 1 }
        return i < 0 || tokens[i].kind == .newline || tokens[i].kind == .indent || tokens[i].kind == .dedent
    }

    private static func isWord(_ t: PythonToken, _ word: String, _ bytes: [UInt8]) -> Bool {
        t.kind == .name && bytes[t.range].elementsEqual(word.utf8)
    }

    private static func isOp(_ t: PythonToken, _ op: String, _ bytes: [UInt8]) -> Bool {
        t.kind == .op && bytes[t.range].elementsEqual(op.utf8)
    }
}
