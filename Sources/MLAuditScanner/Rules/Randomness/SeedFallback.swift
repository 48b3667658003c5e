import Foundation
import MLAuditParsers

/// Shapes of RND003 calls that do not leave a run unrepeatable.
enum SeedFallback {
    /// The code at `offset` sits in a block whose `if` tests the name it assigns, as in
    /// `if seed is None: seed = int(time.time())` or `if cfg_seed is True: cfg_seed = seed_everything()`:
    /// a random seed chosen only when none is configured, a fallback the configuration can replace.
    static func isFallback(_ offset: Int, _ source: PythonSource) -> Bool {
        let b = source.bytes
        var lineStart = offset
        while lineStart > 0, b[lineStart - 1] != 0x0A { lineStart -= 1 }
        let indent = indentation(b, lineStart)
        var text = lineStart
        while text < b.count, b[text] == 0x20 || b[text] == 0x09 { text += 1 }
        // The assigned name: what comes before `=` on the line.
        var eq = text
        while eq < b.count, b[eq] != UInt8(ascii: "="), b[eq] != 0x0A { eq += 1 }
        guard eq < b.count, b[eq] == UInt8(ascii: "="), eq + 1 < b.count, b[eq + 1] != UInt8(ascii: "=") else { return false }
        let target = String(decoding: b[text..<eq], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard !target.isEmpty, target.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return false }
        // The nearest line above with less indentation opens the block.
        var end = lineStart - 1
        while end > 0 {
            var start = end
            while start > 0, b[start - 1] != 0x0A { start -= 1 }
            let lineIndent = indentation(b, start)
            let line = String(decoding: b[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if !line.isEmpty, !line.hasPrefix("#"), lineIndent < indent {
                guard line.hasPrefix("if ") || line.hasPrefix("elif ") else { return false }
                return mentions(line, target)
            }
            end = start - 1
        }
        return false
    }

    static func indentation(_ b: [UInt8], _ lineStart: Int) -> Int {
        var k = lineStart
        while k < b.count, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
        return k - lineStart
    }

    /// Whether `name` occurs in `line` as a whole (dotted) name.
    static func mentions(_ line: String, _ name: String) -> Bool {
        var search = line[...]
        while let r = search.range(of: name) {
            let before = r.lowerBound == line.startIndex ? nil : line[line.index(before: r.lowerBound)]
            let after = r.upperBound == line.endIndex ? nil : line[r.upperBound]
            func isNameChar(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." } ?? false }
            if !isNameChar(before) && !isNameChar(after) { return true }
            search = line[r.upperBound...]
        }
        return false
    }

    /// A generator made without a seed and seeded before use: `random.Random().seed(42)`, or
    /// `rng = random.Random()` (also `self.rng = …`) with a later `rng.seed(x)` in the file.
    static func isSeededLater(_ call: PythonCall, _ source: PythonSource) -> Bool {
        let b = source.bytes
        if b[call.range.upperBound...].starts(with: ".seed(".utf8) {
            let next = call.range.upperBound + ".seed(".utf8.count
            return next < b.count && b[next] != UInt8(ascii: ")")
        }
        let summary = source.summary
        guard let assignment = summary.assignments.first(where: { $0.key == nil && $0.range.contains(call.range.lowerBound) }) else {
            return false
        }
        let target = assignment.target
        let isAttribute = target.hasPrefix("self.")
        let scope = summary.enclosingFunction(ofByte: call.range.lowerBound)
        return source.calls.contains { other in
            other.callee == target + ".seed" && !other.positional.isEmpty && other.positional[0].value != .none
                && (isAttribute || summary.enclosingFunction(ofByte: other.range.lowerBound) == scope)
        }
    }
}
